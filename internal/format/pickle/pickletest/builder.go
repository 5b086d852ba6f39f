// Package pickletest assembles pickle byte streams opcode by opcode, for tests and fixture
// generators. It writes bytes only; it never runs a pickle.
package pickletest

import (
	"encoding/binary"
	"strconv"
)

// Builder accumulates pickle opcodes. Methods return the builder so streams read like
// pickletools listings.
type Builder struct{ b []byte }

// New returns an empty builder.
func New() *Builder { return &Builder{} }

// Bytes returns the assembled stream.
func (p *Builder) Bytes() []byte { return p.b }

// Raw appends bytes verbatim (for malformed streams and trailing garbage).
func (p *Builder) Raw(b ...byte) *Builder { p.b = append(p.b, b...); return p }

// Op appends a single argument-less opcode, e.g. Op('R') for REDUCE.
func (p *Builder) Op(op byte) *Builder { return p.Raw(op) }

// Proto appends PROTO n.
func (p *Builder) Proto(n byte) *Builder { return p.Raw(0x80, n) }

// Frame appends FRAME with an explicit length (which may lie, for tests).
func (p *Builder) Frame(n uint64) *Builder {
	p.b = append(p.b, 0x95)
	p.b = binary.LittleEndian.AppendUint64(p.b, n)
	return p
}

// Global appends protocol-0 GLOBAL "module\nname\n".
func (p *Builder) Global(module, name string) *Builder {
	return p.Raw('c').Raw([]byte(module + "\n" + name + "\n")...)
}

// Inst appends protocol-0 INST "module\nname\n" (call with the items since MARK).
func (p *Builder) Inst(module, name string) *Builder {
	return p.Raw('i').Raw([]byte(module + "\n" + name + "\n")...)
}

// StackGlobal pushes module and name as SHORT_BINUNICODE and appends STACK_GLOBAL.
func (p *Builder) StackGlobal(module, name string) *Builder {
	return p.Unicode(module).Unicode(name).Op(0x93)
}

// Unicode appends SHORT_BINUNICODE (or BINUNICODE for long strings).
func (p *Builder) Unicode(s string) *Builder {
	if len(s) < 256 {
		p.b = append(p.b, 0x8c, byte(len(s)))
	} else {
		p.b = append(p.b, 'X')
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(s)))
	}
	p.b = append(p.b, s...)
	return p
}

// String appends protocol-0 STRING 'text' (quoted with repr-style escaping of quotes only).
func (p *Builder) String(s string) *Builder {
	return p.Raw('S').Raw([]byte(strconv.Quote(s) + "\n")...)
}

// UnicodeText appends protocol-0 UNICODE (raw-unicode-escape; ASCII input assumed).
func (p *Builder) UnicodeText(s string) *Builder { return p.Raw('V').Raw([]byte(s + "\n")...) }

// BinBytes appends SHORT_BINBYTES, BINBYTES or BINBYTES8 depending on the length.
func (p *Builder) BinBytes(b []byte) *Builder {
	switch {
	case len(b) < 256:
		p.b = append(p.b, 'C', byte(len(b)))
	case len(b) <= 0xffffffff:
		p.b = append(p.b, 'B')
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(b)))
	default:
		p.b = append(p.b, 0x8e)
		p.b = binary.LittleEndian.AppendUint64(p.b, uint64(len(b)))
	}
	p.b = append(p.b, b...)
	return p
}

// Int appends BININT (or BININT1 for small non-negative values).
func (p *Builder) Int(v int32) *Builder {
	if v >= 0 && v < 256 {
		return p.Raw('K', byte(v))
	}
	p.b = append(p.b, 'J')
	p.b = binary.LittleEndian.AppendUint32(p.b, uint32(v))
	return p
}

// Long1 appends LONG1 with the given little-endian two's-complement bytes.
func (p *Builder) Long1(le []byte) *Builder {
	return p.Raw(0x8a, byte(len(le))).Raw(le...)
}

// Put appends BINPUT (or LONG_BINPUT for idx >= 256).
func (p *Builder) Put(idx uint32) *Builder {
	if idx < 256 {
		return p.Raw('q', byte(idx))
	}
	p.b = append(p.b, 'r')
	p.b = binary.LittleEndian.AppendUint32(p.b, idx)
	return p
}

// Get appends BINGET (or LONG_BINGET for idx >= 256).
func (p *Builder) Get(idx uint32) *Builder {
	if idx < 256 {
		return p.Raw('h', byte(idx))
	}
	p.b = append(p.b, 'j')
	p.b = binary.LittleEndian.AppendUint32(p.b, idx)
	return p
}

// Memoize appends MEMOIZE (protocol 4).
func (p *Builder) Memoize() *Builder { return p.Op(0x94) }

// Mark, Tuple1, Tuple2, Tuple, EmptyTuple, EmptyDict, EmptyList, Reduce, Build, Stop, None, Pop,
// SetItem, SetItems, Append, Appends, NewObj: the usual argument-less opcodes.

// Mark appends MARK.
func (p *Builder) Mark() *Builder { return p.Op('(') }

// Tuple appends TUPLE (items since MARK).
func (p *Builder) Tuple() *Builder { return p.Op('t') }

// Tuple1 appends TUPLE1.
func (p *Builder) Tuple1() *Builder { return p.Op(0x85) }

// Tuple2 appends TUPLE2.
func (p *Builder) Tuple2() *Builder { return p.Op(0x86) }

// EmptyTuple appends EMPTY_TUPLE.
func (p *Builder) EmptyTuple() *Builder { return p.Op(')') }

// EmptyDict appends EMPTY_DICT.
func (p *Builder) EmptyDict() *Builder { return p.Op('}') }

// EmptyList appends EMPTY_LIST.
func (p *Builder) EmptyList() *Builder { return p.Op(']') }

// Reduce appends REDUCE.
func (p *Builder) Reduce() *Builder { return p.Op('R') }

// Build appends BUILD.
func (p *Builder) Build() *Builder { return p.Op('b') }

// NewObj appends NEWOBJ.
func (p *Builder) NewObj() *Builder { return p.Op(0x81) }

// SetItem appends SETITEM.
func (p *Builder) SetItem() *Builder { return p.Op('s') }

// SetItems appends SETITEMS.
func (p *Builder) SetItems() *Builder { return p.Op('u') }

// Append appends APPEND.
func (p *Builder) Append() *Builder { return p.Op('a') }

// Appends appends APPENDS.
func (p *Builder) Appends() *Builder { return p.Op('e') }

// None appends NONE.
func (p *Builder) None() *Builder { return p.Op('N') }

// Pop appends POP.
func (p *Builder) Pop() *Builder { return p.Op('0') }

// Stop appends STOP.
func (p *Builder) Stop() *Builder { return p.Op('.') }

// Call is a shortcut for the common "import a global, call it with string args" payload at
// protocol 2: GLOBAL module.name, the args as a tuple, REDUCE.
func (p *Builder) Call(module, name string, args ...string) *Builder {
	p.Global(module, name).Mark()
	for _, a := range args {
		p.Unicode(a)
	}
	return p.Tuple().Reduce()
}

// Payload returns a complete protocol-2 pickle calling module.name(args...).
func Payload(module, name string, args ...string) []byte {
	return New().Proto(2).Call(module, name, args...).Stop().Bytes()
}
