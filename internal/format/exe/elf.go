package exe

import (
	"encoding/binary"
	"fmt"
)

// elfMachines are the e_machine values of architectures anything still runs; the name goes
// into the description.
var elfMachines = map[uint16]string{
	2: "SPARC", 3: "x86", 4: "m68k", 8: "MIPS", 10: "MIPS RS3000 LE", 15: "PA-RISC", 18: "SPARC32PLUS",
	20: "PowerPC", 21: "PowerPC64", 22: "S/390", 40: "ARM", 42: "SuperH", 43: "SPARC V9", 50: "IA-64",
	62: "x86-64", 83: "AVR", 92: "OpenRISC", 94: "Xtensa", 164: "Hexagon", 183: "AArch64", 190: "CUDA",
	243: "RISC-V", 244: "Lanai", 247: "BPF", 252: "C-SKY", 258: "LoongArch",
}

var elfTypes = map[uint16]string{1: "relocatable", 2: "executable", 3: "shared object", 4: "core file"}

// checkELF validates the ELF identification and the fixed part of the file header: class,
// data encoding and version bytes, zero padding, a known OS ABI, object type and machine,
// e_version 1 and the header and table entry sizes the class implies.
func checkELF(b []byte) (Hit, bool) {
	if len(b) < 52 || string(b[:4]) != "\x7fELF" {
		return Hit{}, false
	}
	class, data := b[4], b[5]
	if class < 1 || class > 2 || data < 1 || data > 2 || b[6] != 1 || !elfOSABI(b[7]) || b[8] > 15 {
		return Hit{}, false
	}
	for _, c := range b[9:16] {
		if c != 0 {
			return Hit{}, false
		}
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data == 2 {
		bo = binary.BigEndian
	}
	ehsize, phent, shent, phentAt := 52, 32, 40, 42
	if class == 2 {
		ehsize, phent, shent, phentAt = 64, 56, 64, 54
	}
	if len(b) < ehsize {
		return Hit{}, false
	}
	typ, mach := bo.Uint16(b[16:]), bo.Uint16(b[18:])
	tname, okT := elfTypes[typ]
	mname, okM := elfMachines[mach]
	if !okT || !okM || bo.Uint32(b[20:]) != 1 || int(bo.Uint16(b[phentAt-2:])) != ehsize {
		return Hit{}, false
	}
	if p := int(bo.Uint16(b[phentAt:])); p != 0 && p != phent {
		return Hit{}, false
	}
	if s := int(bo.Uint16(b[phentAt+4:])); s != 0 && s != shent {
		return Hit{}, false
	}
	bits, endian := 32, "LSB"
	if class == 2 {
		bits = 64
	}
	if data == 2 {
		endian = "MSB"
	}
	return Hit{Kind: ELF, Detail: fmt.Sprintf("ELF %d-bit %s %s, %s", bits, endian, tname, mname)}, true
}

// elfOSABI accepts the EI_OSABI values in use: System V through OpenVOS, ARM EABI, ARM and
// standalone.
func elfOSABI(v byte) bool {
	return v <= 18 || v == 64 || v == 97 || v == 255
}
