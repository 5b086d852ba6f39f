package testgen

import (
	"encoding/binary"
	"math"
	"strconv"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// torchCases are PyTorch zip, legacy and TorchScript checkpoints carrying payloads.
func torchCases() []Case {
	tensors := tinyTensors()
	evil := injectedStateDict(tensors, false, Cmd)
	cs := []Case{
		torchCase("torch_zip_data_pkl_payload.pt", "PyTorch zip (archive/data.pkl + data/N + version): os.system spliced in front of a real-looking state_dict", torchZip("archive", evil, tensors, nil, ZipTricks{Align: 64}), FmtPyTorchZip),
		torchCase("torch_zip_payload_in_data0.pt", "PyTorch zip with a clean data.pkl; the os.system pickle sits in archive/data/0, a member whose name says tensor storage (CVE-2025-1889 class)", torchZipHiddenInStorage(), FmtPyTorchZip),
		torchCase("torch_legacy_payload.pt", "legacy torch.save: magic, protocol, sys_info, then the object pickle with os.system spliced in, then storage keys and raw storages", legacyTorch(legacyMagic(), injectedStateDict(tensors, true, Cmd), tensors), FmtPyTorchLegacy),
		torchCase("torch_legacy_eval_magic.pt", "legacy torch.save whose magic number is produced by builtins.eval('0x1950a86a20f9469cfc6c') instead of a literal (GHSA-97f8-7cmv-76j2); payload in the object pickle", legacyTorch(evalMagic(), injectedStateDict(tensors, true, Cmd), tensors), FmtPyTorchLegacy),
		torchCase("torchscript_code_payload.pt", "TorchScript archive: code/__torch__/model.py imports os and calls os.system; constants.pkl holds an os.system pickle", torchScript(), FmtTorchScript),
	}
	broken := torchCase("torch_zip_nullifai_broken.pt", "nullifAI in a PyTorch zip: data.pkl runs os.system first, then is cut off mid-stream", torchZip("archive", append(unstopped(), opBinUnicode, 0xff, 0xff), tensors, nil, ZipTricks{Align: 64}), FmtPyTorchZip)
	broken.Broken = true
	return append(cs, broken)
}

func torchCase(name, technique string, data []byte, format string) Case {
	c := malicious(name, technique, data)
	c.Format = format
	return c
}

// storageBytes is deterministic float32 data for a tensor (small values, no NaNs).
func storageBytes(t tensorSpec, seed int) []byte {
	out := make([]byte, 0, 4*t.numel())
	for i := range t.numel() {
		v := float32(math.Sin(float64(int64(seed)*131+i))) / 4
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
	}
	return out
}

// torchZip lays out a torch.save zip: root/data.pkl, root/data/<i>, root/version, plus extra.
func torchZip(root string, dataPkl []byte, tensors []tensorSpec, extra []ZipEntry, tricks ZipTricks) []byte {
	entries := []ZipEntry{{Name: root + "/data.pkl", Data: dataPkl}}
	for i, t := range tensors {
		entries = append(entries, ZipEntry{Name: root + "/data/" + strconv.Itoa(i), Data: storageBytes(t, i)})
	}
	entries = append(entries, extra...)
	entries = append(entries, ZipEntry{Name: root + "/version", Data: []byte("3\n")})
	return WriteZip(entries, tricks)
}

func torchZipHiddenInStorage() []byte {
	tensors := tinyTensors()
	entries := []ZipEntry{{Name: "archive/data.pkl", Data: stateDictPickle(tensors, false)}}
	payload := p2Payload("os", "system", Cmd)
	for i, t := range tensors {
		data := storageBytes(t, i)
		if i == 0 {
			data = payload
		}
		entries = append(entries, ZipEntry{Name: "archive/data/" + strconv.Itoa(i), Data: data})
	}
	entries = append(entries, ZipEntry{Name: "archive/version", Data: []byte("3\n")})
	return WriteZip(entries, ZipTricks{Align: 64})
}

// legacyMagicNumber is torch.serialization.MAGIC_NUMBER, 0x1950a86a20f9469cfc6c, as LONG1 bytes.
var legacyMagicNumber = []byte{0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19}

func legacyMagic() []byte {
	return pickletest.New().Proto(2).Long1(legacyMagicNumber).Stop().Bytes()
}

func evalMagic() []byte {
	return pickleOf(call("builtins", "eval", "0x1950a86a20f9469cfc6c"))
}

// legacyTorch assembles the pre-1.6 torch.save layout: five stacked pickles then raw storages
// (each an int64 element count followed by the data).
func legacyTorch(magic, object []byte, tensors []tensorSpec) []byte {
	protocol := pickletest.New().Proto(2).Raw(opBinInt2, 0xe9, 0x03).Stop().Bytes() // 1001
	sysInfo := pickleOf(dictOf{
		[]string{"protocol_version", "little_endian", "type_sizes"},
		[]any{1001, true, dictOf{[]string{"short", "int", "long"}, []any{2, 4, 4}}},
	})
	var keys list
	for i := range tensors {
		keys = append(keys, strconv.Itoa(i))
	}
	out := concat(magic, protocol, sysInfo, object, pickleOf(keys))
	for i, t := range tensors {
		out = binary.LittleEndian.AppendUint64(out, uint64(t.numel()))
		out = append(out, storageBytes(t, i)...)
	}
	return out
}

// torchScriptCode is generated-TorchScript-style source with Python escapes in it.
const torchScriptCode = `class Model(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def forward(self: __torch__.Model,
    x: Tensor) -> Tensor:
    import os
    os.system("` + Cmd + `")
    _0 = __import__("subprocess").getoutput("` + Cmd + `")
    return x
`

func torchScript() []byte {
	m := newMemoPickler()
	m.global("__torch__", "Model")
	m.p.EmptyTuple().NewObj()
	m.put()
	m.p.EmptyDict().Mark()
	m.str("training")
	m.p.Raw(opNewTrue).SetItems().Build()
	data := m.p.Stop().Bytes()
	return WriteZip([]ZipEntry{
		{Name: "model/data.pkl", Data: data},
		{Name: "model/code/__torch__/model.py", Data: []byte(torchScriptCode)},
		{Name: "model/constants.pkl", Data: p2Payload("os", "system", Cmd)},
		{Name: "model/version", Data: []byte("3\n")},
	}, ZipTricks{Align: 64})
}
