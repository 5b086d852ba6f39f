package testgen

import (
	"encoding/binary"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// coreCases are the baseline os.system payloads and the parser-differential tricks around them.
func coreCases() []Case {
	cs := []Case{
		malicious("os_system_global_p0.pkl", "os.system via protocol-0 GLOBAL, text PUTs, UNICODE arg (pickle.dumps protocol 0 shape)", osSystemP0()),
		malicious("os_system_global_p2.pkl", "os.system via GLOBAL at protocol 2", p2Payload("os", "system", Cmd)),
		malicious("posix_system_global_p2.pkl", "posix.system via GLOBAL: what pickling os.system really writes on Linux", p2Payload("posix", "system", Cmd)),
		malicious("os_system_stack_global_p4.pkl", "os.system via STACK_GLOBAL, framed protocol 4 with MEMOIZE (pickle.dumps protocol 4 shape)", p4Payload("os", "system", Cmd)),
		malicious("memo_alias_decoy.pkl", "memo aliasing (picklescan #22 'Safe Pickle' CTF): 'torch'/'LongStorage' are PUT in memo 0/1 and then overwritten with 'os'/'system'; STACK_GLOBAL reads the memo. The decoy strings are pushed again right before, so a scanner pairing STACK_GLOBAL with the last strings or the first PUT sees torch.LongStorage. pickletools rejects the memo overwrite; CPython accepts it", memoAliasDecoy()),
		malicious("stack_global_string_operands.pkl", "STACK_GLOBAL at stream start (no PROTO) fed by protocol-0 STRING operands (GHSA-9gvj-pp9x-gcfr)", stackGlobalStrings()),
		malicious("stacked_payload_2nd.pkl", "benign pickle followed by a second pickle holding os.system: a loader calling pickle.load repeatedly runs it", concat(benignDict(), p2Payload("os", "system", Cmd))),
		malicious("stacked_payload_5th.pkl", "four benign pickles, os.system in the fifth (legacy torch.load reads five stacked pickles)", stackedFifth()),
		malicious("inst_os_system_p0.pkl", "os.system called through protocol-0 INST", pickletest.New().Mark().UnicodeText(Cmd).Inst("os", "system").Stop().Bytes()),
		malicious("obj_os_system_p1.pkl", "os.system called through OBJ (MARK callable args OBJ)", objPayload()),
		malicious("newobj_subprocess_popen.pkl", "subprocess.Popen reached through NEWOBJ (cls.__new__(cls, *args)); the import alone must be flagged", newObjPopen()),
		malicious("newobj_ex_subprocess_popen.pkl", "subprocess.Popen reached through NEWOBJ_EX with a kwargs dict (protocol 4)", newObjExPopen()),
	}
	broken := []Case{
		malicious("nullifai_payload_then_garbage.pkl", "nullifAI: os.system REDUCE first, then bytes that are no opcode; the loader runs the payload before failing", concat(unstopped(), []byte{0xff, 0xfe, 'n', 'u', 'l', 'l', 'i', 'f', 'A', 'I'})),
		malicious("nullifai_truncated_binunicode.pkl", "nullifAI: os.system REDUCE, then a BINUNICODE whose length runs past the end of file", truncatedAfterPayload()),
		malicious("payload_no_stop.pkl", "os.system REDUCE and the stream just ends: no STOP opcode", unstopped()),
	}
	for i := range broken {
		broken[i].Broken = true
	}
	return append(cs, broken...)
}

// osSystemP0 mirrors pickle.dumps(obj, 0) for a __reduce__ returning (os.system, (Cmd,)).
func osSystemP0() []byte {
	return []byte("cos\nsystem\np0\n(V" + Cmd + "\np1\ntp2\nRp3\n.")
}

func memoAliasDecoy() []byte {
	p := pickletest.New().Proto(2)
	for i, s := range []string{"torch", "LongStorage", "os", "system"} {
		binUnicode(p, s).Put(uint32(i % 2)).Pop()
	}
	binUnicode(p, "torch")
	binUnicode(p, "LongStorage")
	p.Pop().Pop()
	p.Get(0).Get(1).Op(0x93).Mark()
	binUnicode(p, Cmd)
	return p.Tuple().Reduce().Stop().Bytes()
}

func stackGlobalStrings() []byte {
	return []byte("S'os'\nS'system'\n\x93(S'" + Cmd + "'\ntR.")
}

func stackedFifth() []byte {
	var out []byte
	for range 4 {
		out = append(out, benignDict()...)
	}
	return append(out, p2Payload("os", "system", Cmd)...)
}

func objPayload() []byte {
	p := pickletest.New().Mark().Global("os", "system")
	binUnicode(p, Cmd)
	return p.Op(opObj).Stop().Bytes()
}

func newObjPopen() []byte {
	p := pickletest.New().Proto(2).Global("subprocess", "Popen").Mark().EmptyList().Mark()
	binUnicode(p, "echo")
	binUnicode(p, "aisec-test")
	return p.Appends().Tuple().NewObj().Stop().Bytes()
}

func newObjExPopen() []byte {
	p := pickletest.New().StackGlobal("subprocess", "Popen").Memoize()
	p.Unicode(Cmd).Tuple1().EmptyDict().Unicode("shell").Raw(opNewTrue).SetItem()
	return framed(p.Raw(opNewObjEx).Stop().Bytes())
}

// unstopped is a protocol-2 os.system call with no STOP.
func unstopped() []byte {
	return p2Call(pickletest.New().Proto(2), "os", "system", Cmd).Bytes()
}

func truncatedAfterPayload() []byte {
	out := append(unstopped(), opBinUnicode)
	out = binary.LittleEndian.AppendUint32(out, 0x7fffffff)
	return append(out, "weights"...)
}
