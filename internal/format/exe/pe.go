package exe

import (
	"encoding/binary"
	"fmt"
)

// peMachines are the COFF machine types Windows, UEFI and Windows CE images use.
var peMachines = map[uint16]string{
	0x014c: "x86", 0x8664: "x86-64", 0x01c0: "ARM", 0x01c2: "ARM Thumb", 0x01c4: "ARMv7", 0xaa64: "ARM64",
	0xa641: "ARM64EC", 0xa64e: "ARM64X", 0x0200: "IA-64", 0x5032: "RISC-V 32", 0x5064: "RISC-V 64",
	0x5128: "RISC-V 128", 0x6232: "LoongArch 32", 0x6264: "LoongArch 64", 0x0166: "MIPS", 0x0169: "MIPS WCE",
	0x0266: "MIPS16", 0x0366: "MIPS FPU", 0x0466: "MIPS16 FPU", 0x01f0: "PowerPC", 0x01f1: "PowerPC FP",
	0x01a2: "SH3", 0x01a3: "SH3 DSP", 0x01a6: "SH4", 0x01a8: "SH5", 0x0ebc: "EFI byte code",
}

const (
	peMaxSections     = 96 // the Windows loader refuses more
	peCharExecutable  = 0x0002
	peCharDLL         = 0x2000
	peOptMagic32      = 0x10b
	peOptMagic64      = 0x20b
	peOptMagicROM     = 0x107
	peMinOptionalSize = 0x60
)

// checkPE validates a DOS stub's e_lfanew, the "PE\0\0" signature it points to, and the COFF
// header behind it: a known machine, a section count the loader accepts, the executable-image
// characteristic, and a PE32/PE32+ optional header. A bare "MZ" (DOS program or random bytes)
// does not count, nor does an e_lfanew that points past the buffer.
func checkPE(b []byte) (Hit, bool) {
	if len(b) < 0x40 || b[0] != 'M' || b[1] != 'Z' {
		return Hit{}, false
	}
	lfanew := int64(binary.LittleEndian.Uint32(b[0x3c:]))
	if lfanew < 4 || lfanew+24+2 > int64(len(b)) {
		return Hit{}, false
	}
	p := b[lfanew:]
	if string(p[:4]) != "PE\x00\x00" {
		return Hit{}, false
	}
	mach, ok := peMachines[binary.LittleEndian.Uint16(p[4:])]
	nsect := binary.LittleEndian.Uint16(p[6:])
	optSize := binary.LittleEndian.Uint16(p[20:])
	chars := binary.LittleEndian.Uint16(p[22:])
	if !ok || nsect == 0 || nsect > peMaxSections || chars&peCharExecutable == 0 || optSize < peMinOptionalSize {
		return Hit{}, false
	}
	kind := ""
	switch binary.LittleEndian.Uint16(p[24:]) {
	case peOptMagic32:
		kind = "PE32"
	case peOptMagic64:
		kind = "PE32+"
	case peOptMagicROM:
		kind = "PE ROM"
	default:
		return Hit{}, false
	}
	what := "executable"
	if chars&peCharDLL != 0 {
		what = "DLL"
	}
	return Hit{Kind: PE, Detail: fmt.Sprintf("%s %s, %s", kind, what, mach)}, true
}
