package exe

import (
	"encoding/binary"
	"fmt"
)

// machoCPUs are the Mach-O cputype values of Apple platforms past and present.
var machoCPUs = map[uint32]string{
	7: "i386", 0x01000007: "x86-64", 12: "ARM", 0x0100000c: "ARM64", 0x0200000c: "ARM64_32",
	18: "PowerPC", 0x01000012: "PowerPC64",
}

var machoTypes = map[uint32]string{
	1: "object", 2: "executable", 3: "fixed VM library", 4: "core", 5: "preloaded executable",
	6: "dylib", 7: "dylinker", 8: "bundle", 9: "dylib stub", 10: "dSYM", 11: "kext bundle", 12: "fileset",
}

const (
	machoMaxCmds     = 1 << 16
	machoMaxCmdBytes = 1 << 26
	// fatMaxArch keeps Java class files out: they share the 0xcafebabe magic, and the word
	// after it (minor<<16 | major version, major >= 45) reads as nfat_arch >= 45.
	fatMaxArch  = 20
	fatMaxAlign = 16 // log2 alignment; real slices use 12 (4 KiB) or 14 (16 KiB)
)

// checkMachO validates a thin Mach-O header in either byte order: a known cputype, a known
// file type, a command count and command size that agree, and (when it is in b) a first load
// command whose size is consistent.
func checkMachO(b []byte) (Hit, bool) {
	if len(b) < 28 {
		return Hit{}, false
	}
	var bo binary.ByteOrder
	bits := 32
	switch binary.BigEndian.Uint32(b) {
	case 0xfeedface:
		bo = binary.BigEndian
	case 0xfeedfacf:
		bo, bits = binary.BigEndian, 64
	case 0xcefaedfe:
		bo = binary.LittleEndian
	case 0xcffaedfe:
		bo, bits = binary.LittleEndian, 64
	default:
		return Hit{}, false
	}
	hdr := 28
	if bits == 64 {
		hdr = 32
	}
	cpu, okC := machoCPUs[bo.Uint32(b[4:])]
	typ, okT := machoTypes[bo.Uint32(b[12:])]
	ncmds, sizeofcmds := bo.Uint32(b[16:]), bo.Uint32(b[20:])
	if !okC || !okT || ncmds == 0 || ncmds > machoMaxCmds || sizeofcmds > machoMaxCmdBytes ||
		sizeofcmds < 8*ncmds || sizeofcmds%4 != 0 {
		return Hit{}, false
	}
	if len(b) >= hdr+8 {
		if size := bo.Uint32(b[hdr+4:]); size < 8 || size > sizeofcmds || size%4 != 0 {
			return Hit{}, false
		}
	}
	return Hit{Kind: MachO, Detail: fmt.Sprintf("Mach-O %d-bit %s, %s", bits, typ, cpu)}, true
}

// checkFat validates a universal (fat) header: a small architecture count, and for each
// architecture entry in b a known cputype, a slice offset past the header table, a non-empty
// size and a sane alignment. When a slice starts inside b it must be a valid thin Mach-O.
func checkFat(b []byte) (Hit, bool) {
	if len(b) < 8 {
		return Hit{}, false
	}
	entry := 20
	switch binary.BigEndian.Uint32(b) {
	case 0xcafebabe:
	case 0xcafebabf:
		entry = 32
	default:
		return Hit{}, false
	}
	n := binary.BigEndian.Uint32(b[4:])
	if n == 0 || n > fatMaxArch || len(b) < 8+entry*int(n) {
		return Hit{}, false
	}
	var cpus []string
	for i := range int(n) {
		e := b[8+entry*i:]
		cpu, ok := machoCPUs[binary.BigEndian.Uint32(e)]
		off, size, align := fatEntry(e, entry)
		if !ok || off < uint64(8+entry*int(n)) || size == 0 || align > fatMaxAlign {
			return Hit{}, false
		}
		if off < uint64(len(b)) {
			if _, ok := checkMachO(b[off:]); !ok && uint64(len(b))-off >= 32 {
				return Hit{}, false
			}
		}
		cpus = append(cpus, cpu)
	}
	return Hit{Kind: FatMach, Detail: fmt.Sprintf("Mach-O universal binary, %d architectures %v", n, cpus)}, true
}

// fatEntry decodes the offset, size and alignment of a fat_arch (20 bytes) or fat_arch_64
// (32 bytes) entry.
func fatEntry(e []byte, entry int) (off, size uint64, align uint32) {
	if entry == 20 {
		return uint64(binary.BigEndian.Uint32(e[8:])), uint64(binary.BigEndian.Uint32(e[12:])), binary.BigEndian.Uint32(e[16:])
	}
	return binary.BigEndian.Uint64(e[8:]), binary.BigEndian.Uint64(e[16:]), binary.BigEndian.Uint32(e[24:])
}
