package testgen

import (
	"encoding/binary"
	"math"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// Opcodes the pickletest Builder has no method for, emitted with Builder.Raw.
const (
	opBinUnicode = 'X'
	opBinInt2    = 'M'
	opNewTrue    = 0x88
	opNewFalse   = 0x89
	opNewObjEx   = 0x92
	opTuple3     = 0x87
	opExt1       = 0x82
	opExt2       = 0x83
	opExt4       = 0x84
	opBinPersID  = 'Q'
	opDup        = '2'
	opObj        = 'o'
	opList       = 'l'
)

// binUnicode appends BINUNICODE (4-byte length), what protocols 2 and 3 write for str.
func binUnicode(p *pickletest.Builder, s string) *pickletest.Builder {
	p.Raw(opBinUnicode)
	p.Raw(binary.LittleEndian.AppendUint32(nil, uint32(len(s)))...)
	return p.Raw([]byte(s)...)
}

// intArg appends the smallest integer opcode CPython's pickler would choose for n.
func intArg(p *pickletest.Builder, n int64) *pickletest.Builder {
	switch {
	case n >= 0 && n < 1<<8:
		return p.Raw('K', byte(n))
	case n >= 0 && n < 1<<16:
		return p.Raw(opBinInt2, byte(n), byte(n>>8))
	case n >= -1<<31 && n < 1<<31:
		return p.Int(int32(n))
	}
	return p.Long1(long1Bytes(n))
}

// long1Bytes encodes n as minimal little-endian two's complement, as pickle's encode_long does.
func long1Bytes(n int64) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(n))
	for len(b) > 1 {
		last, prev := b[len(b)-1], b[len(b)-2]
		if (last == 0 && prev&0x80 == 0) || (last == 0xff && prev&0x80 != 0) {
			b = b[:len(b)-1]
			continue
		}
		break
	}
	return b
}

// p2Call appends a protocol-2 style call module.name(args...): GLOBAL, BINUNICODE args, REDUCE.
func p2Call(p *pickletest.Builder, module, name string, args ...string) *pickletest.Builder {
	p.Global(module, name).Mark()
	for _, a := range args {
		binUnicode(p, a)
	}
	return p.Tuple().Reduce()
}

// p2Payload is a complete protocol-2 pickle calling module.name(args...), the shape
// pickle.dumps gives for a __reduce__ returning (callable, args).
func p2Payload(module, name string, args ...string) []byte {
	return p2Call(pickletest.New().Proto(2), module, name, args...).Stop().Bytes()
}

// p4Call appends a protocol-4 style call: STACK_GLOBAL with memoized operands, then REDUCE.
func p4Call(p *pickletest.Builder, module, name string, args ...string) *pickletest.Builder {
	p.Unicode(module).Memoize().Unicode(name).Memoize().Op(0x93).Memoize()
	p.Mark()
	for _, a := range args {
		p.Unicode(a).Memoize()
	}
	return p.Tuple().Memoize().Reduce().Memoize()
}

// framed wraps a protocol-4 body the way CPython does: PROTO 4, FRAME len(body), body.
func framed(body []byte) []byte {
	return pickletest.New().Proto(4).Frame(uint64(len(body))).Raw(body...).Bytes()
}

// p4Payload is a complete framed protocol-4 pickle calling module.name(args...).
func p4Payload(module, name string, args ...string) []byte {
	return framed(p4Call(pickletest.New(), module, name, args...).Stop().Bytes())
}

// benignDict is a small realistic protocol-2 pickle of plain data (no globals at all).
func benignDict() []byte {
	p := pickletest.New().Proto(2).EmptyDict().Put(0).Mark()
	binUnicode(p, "epoch")
	intArg(p, 3)
	binUnicode(p, "labels")
	p.EmptyList().Put(1).Mark()
	binUnicode(p, "negative")
	binUnicode(p, "positive")
	p.Appends()
	binUnicode(p, "lr")
	p.Raw('G').Raw(binaryFloat64(0.001)...)
	return p.SetItems().Stop().Bytes()
}

// concat joins byte slices into a new slice.
func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// malicious builds a malicious raw-pickle Case.
func malicious(name, technique string, data []byte) Case {
	return Case{Name: name, Technique: technique, Data: data, Malicious: true, Format: FmtPickle}
}

// binaryFloat64 is the big-endian IEEE 754 encoding BINFLOAT takes.
func binaryFloat64(f float64) []byte {
	return binary.BigEndian.AppendUint64(nil, math.Float64bits(f))
}
