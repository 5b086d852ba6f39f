package testgen

import (
	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// opcodeCases exercise rarely used opcodes and stream-structure tricks.
func opcodeCases() []Case {
	return []Case{
		malicious("ext1_opcode.pkl", "EXT1: the callable comes from the copyreg extension registry (code 1), not from a GLOBAL; a scanner that only reads GLOBALs sees no import at all", extPayload(opExt1, 1)),
		malicious("ext2_opcode.pkl", "EXT2 (2-byte extension code 0x0101) used as the callable", extPayload(opExt2, 0x01, 0x01)),
		malicious("ext4_opcode.pkl", "EXT4 (4-byte extension code 0x00010001) used as the callable", extPayload(opExt4, 0x01, 0x00, 0x01, 0x00)),
		malicious("build_module_rebinding.pkl", "BUILD on a module from GLOBAL (torch._utils) rebinds _rebuild_tensor_v2 to os.system; the later call looks like an allowlisted torch import", buildRebinding()),
		malicious("frame_too_short.pkl", "FRAME declares 2 bytes but the payload continues past it: CPython's C unpickler ignores frame ends, a frame-honouring parser stops early", frameShort()),
		malicious("frame_too_long.pkl", "FRAME declares 4096 more bytes than the file holds: pickle's pure-Python unpickler (used by joblib) still runs the payload", frameLong()),
		malicious("expansion_memo_get.pkl", "billion laughs: 24 nested lists of 10 memo GETs each (10^24 leaves if expanded) in a few hundred bytes", expansion(false)),
		malicious("expansion_dup.pkl", "billion laughs with DUP: each level is one GET duplicated 9 times", expansion(true)),
	}
}

// extPayload calls the extension-registry callable ext(arg...) with Cmd.
func extPayload(ext ...byte) []byte {
	p := pickletest.New().Proto(2).Raw(ext...).Mark()
	binUnicode(p, Cmd)
	return p.Tuple().Reduce().Stop().Bytes()
}

func buildRebinding() []byte {
	p := pickletest.New().Proto(2).Global("torch", "_utils").EmptyDict()
	binUnicode(p, "_rebuild_tensor_v2")
	p.Global("os", "system").SetItem().Build().Pop()
	p.Global("torch._utils", "_rebuild_tensor_v2").Mark()
	binUnicode(p, Cmd)
	return p.Tuple().Reduce().Stop().Bytes()
}

func frameShort() []byte {
	body := p4Call(pickletest.New(), "os", "system", Cmd).Stop().Bytes()
	return pickletest.New().Proto(4).Frame(2).Raw(body...).Bytes()
}

func frameLong() []byte {
	body := p4Call(pickletest.New(), "os", "system", Cmd).Stop().Bytes()
	return pickletest.New().Proto(4).Frame(uint64(len(body) + 4096)).Raw(body...).Bytes()
}

// expansion builds nested lists that share their children through the memo. Unpickling is
// cheap (references only) but anything that expands the value tree explodes.
func expansion(dup bool) []byte {
	const levels, fanout = 24, 10
	p := pickletest.New().Proto(2).EmptyList().Put(0).Pop()
	for l := uint32(1); l <= levels; l++ {
		p.Mark()
		if dup {
			p.Get(l - 1)
			for range fanout - 1 {
				p.Op(opDup)
			}
		} else {
			for range fanout {
				p.Get(l - 1)
			}
		}
		p.Op(opList).Put(l).Pop()
	}
	return p.Get(levels).Stop().Bytes()
}
