package testgen

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"math/rand/v2"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// benignCases must scan clean: plain data, real-looking checkpoints without payloads, and
// non-pickle files with model-like names.
func benignCases() []Case {
	tensors := tinyTensors()
	ok := func(name, technique, format string, data []byte) Case {
		return Case{Name: name, Technique: technique, Data: data, Format: format}
	}
	return []Case{
		ok("benign_plain_p2.pkl", "plain dict/list/int/float/str pickle at protocol 2, no globals", FmtPickle, benignDict()),
		ok("benign_plain_p4.pkl", "plain data at framed protocol 4, no globals", FmtPickle, benignP4(7)),
		ok("benign_stacked.pkl", "two plain-data pickles back to back", FmtPickle, concat(benignDict(), benignP4(1))),
		ok("benign_torch_zip.pt", "torch.save-style zip of a state_dict: only OrderedDict, _rebuild_tensor_v2, FloatStorage", FmtPyTorchZip, torchZip("archive", stateDictPickle(tensors, false), tensors, nil, ZipTricks{Align: 64})),
		ok("benign_torch_legacy.pt", "legacy torch.save layout of the same state_dict", FmtPyTorchLegacy, legacyTorch(legacyMagic(), stateDictPickle(tensors, true), tensors)),
		ok("benign_npy_float32.npy", "numeric .npy: no pickle inside", FmtNumPy, npyFloat32([]float32{0.5, -1, 2, 0.25})),
		ok("benign_npz.npz", ".npz of two numeric arrays", FmtNumPyZip, WriteZip([]ZipEntry{{Name: "w.npy", Data: npyFloat32([]float32{1, 2})}, {Name: "b.npy", Data: npyFloat32([]float32{0})}}, ZipTricks{})),
		ok("benign_png_named.pt", "a PNG (signature + IHDR) named .pt: an image, not a model", FmtImage, pngHeader()),
		ok("benign_random.bin", "4 KiB of seeded random bytes (first byte pinned to 0x00, which no format starts with)", FmtData, randomBytes(4096)),
		ok("benign_weights_f32.bin", "raw little-endian float32 weights, as a bare tensor dump", FmtData, rawFloats(1024)),
		ok("benign_notes.txt", "a text file", FmtText, []byte("Training notes\n==============\nepochs: 3\nlr: 0.001\nThis folder holds a small MLP checkpoint.\n")),
	}
}

// benignP4 is a framed protocol-4 pickle of plain data that varies with i.
func benignP4(i int) []byte {
	p := pickletest.New().EmptyDict().Memoize().Mark()
	p.Unicode("id").Memoize()
	intArg(p, int64(i))
	p.Unicode("name").Memoize().Unicode("sample").Memoize()
	p.Unicode("scores").Memoize().EmptyList().Memoize().Mark()
	for j := range 3 {
		intArg(p, int64(i*3+j))
	}
	p.Appends()
	p.Unicode("ok").Memoize().Raw(opNewTrue)
	return framed(p.SetItems().Stop().Bytes())
}

func pngHeader() []byte {
	out := []byte("\x89PNG\r\n\x1a\n")
	chunk := []byte("IHDR")
	chunk = binary.BigEndian.AppendUint32(chunk, 16) // width
	chunk = binary.BigEndian.AppendUint32(chunk, 16) // height
	chunk = append(chunk, 8, 6, 0, 0, 0)             // 8-bit RGBA, deflate, no filter, no interlace
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(20240101, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0] = 0
	return b
}

func rawFloats(n int) []byte {
	r := rand.New(rand.NewPCG(20240101, 2))
	out := make([]byte, 0, 4*n)
	for range n {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(float32(r.NormFloat64()*0.05)))
	}
	return out
}
