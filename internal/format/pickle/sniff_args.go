package pickle

import (
	"encoding/binary"
	"unicode/utf8"
)

// Argument decoding for the LooksLikePickle trial walk.

// stepArg handles opcodes with arguments.
func (t *trial) stepArg(op byte) int {
	switch op {
	case opBinInt1, opBinInt2, opBinInt, opBinFloat:
		if t.arg(fixedSize(op)) == nil {
			return trialShort
		}
		return t.push(false)
	case opInt, opLong, opFloat, opString, opUnicode, opPersID:
		return t.lineArg(op)
	case opGlobal, opInst:
		return t.globalArg(op)
	case opStackGlobal:
		ident := t.idents == 2
		if t.pops(2) != trialStop {
			return trialBad
		}
		t.strong = t.strong || ident
		return t.push(false)
	case opPut, opBinPut, opLongBinPut, opMemoize, opGet, opBinGet, opLongBinGet:
		return t.memoArg(op)
	case opProto:
		a := t.arg(1)
		if a == nil {
			return trialShort
		}
		if a[0] > highestProtocol {
			return trialBad
		}
		return trialStop
	case opFrame:
		a := t.arg(8)
		if a == nil {
			return trialShort
		}
		if binary.LittleEndian.Uint64(a) > 1<<62 {
			return trialBad
		}
		return trialStop
	case opExt1, opExt2, opExt4:
		return t.extArg(op)
	case opLong1, opLong4:
		return t.lenArg(op, false)
	case opShortBinUnicode, opBinUnicode, opBinUnicode8, opShortBinBytes, opBinBytes, opBinBytes8,
		opShortBinString, opBinString, opByteArray8:
		return t.lenArg(op, true)
	}
	return trialBad
}

func (t *trial) extArg(op byte) int {
	n := fixedSize(op)
	a := t.arg(n)
	if a == nil {
		return trialShort
	}
	var code int64
	switch n {
	case 1:
		code = int64(a[0])
	case 2:
		code = int64(binary.LittleEndian.Uint16(a))
	default:
		code = int64(int32(binary.LittleEndian.Uint32(a)))
	}
	if code <= 0 {
		return trialBad
	}
	return t.push(false)
}

// lenArg handles length-prefixed arguments; a payload running past the head is "short".
func (t *trial) lenArg(op byte, text bool) int {
	size := 1
	switch op {
	case opBinUnicode, opBinBytes, opBinString, opLong4:
		size = 4
	case opBinUnicode8, opBinBytes8, opByteArray8:
		size = 8
	}
	a := t.arg(size)
	if a == nil {
		return trialShort
	}
	var n int64
	switch size {
	case 1:
		n = int64(a[0])
	case 4:
		n = int64(binary.LittleEndian.Uint32(a))
		if op == opBinString || op == opLong4 {
			n = int64(int32(binary.LittleEndian.Uint32(a)))
		}
	default:
		n = int64(binary.LittleEndian.Uint64(a) & (1<<63 - 1))
		if a[7]&0x80 != 0 {
			return trialBad
		}
	}
	if n < 0 {
		return trialBad
	}
	if n > int64(len(t.b)-t.i) {
		return trialShort
	}
	payload := t.arg(int(n))
	unicode := op == opShortBinUnicode || op == opBinUnicode || op == opBinUnicode8
	if unicode && !validUTF8Pass(payload, false) {
		return trialBad
	}
	return t.push(text && unicode && plainName(payload))
}

func (t *trial) lineArg(op byte) int {
	l, ok := t.line()
	if !ok {
		return trialShort
	}
	var err error
	switch op {
	case opInt:
		if _, ok := strtolC(l); !ok {
			_, err = pyIntLiteral(l, 0)
		}
		if len(l) == 0 {
			return trialBad
		}
	case opLong:
		if len(l) > 0 && l[len(l)-1] == 'L' {
			l = l[:len(l)-1]
		}
		_, err = pyIntLiteral(l, 0)
	case opFloat:
		_, err = parseFloatLine(l)
	case opString:
		var s []byte
		s, err = unquoteString(l, nil)
		if err == nil {
			return t.push(plainName(s))
		}
	case opUnicode:
		_, err = decodeRawUnicodeEscape(l, nil)
		if err == nil {
			return t.push(plainName(l))
		}
	case opPersID:
		for _, c := range l {
			if c >= 0x80 {
				return trialBad
			}
		}
	}
	if err != nil {
		return trialBad
	}
	return t.push(false)
}

func (t *trial) globalArg(op byte) int {
	if op == opInst && t.nmarks == 0 {
		return trialBad
	}
	m, ok := t.line()
	if !ok {
		return trialShort
	}
	n, ok := t.line()
	if !ok {
		return trialShort
	}
	if !utf8.Valid(m) || !utf8.Valid(n) {
		return trialBad
	}
	t.strong = t.strong || (plainName(m) && plainName(n))
	if op == opInst {
		t.popMark()
	}
	return t.push(false)
}

func (t *trial) memoArg(op byte) int {
	var key uint64
	switch op {
	case opPut, opGet:
		l, ok := t.line()
		if !ok {
			return trialShort
		}
		n, err := pyIntLiteral(l, 10)
		if err != nil || !n.IsInt64() || n.Sign() < 0 {
			return trialBad
		}
		key = n.Uint64()
	case opBinPut, opBinGet:
		a := t.arg(1)
		if a == nil {
			return trialShort
		}
		key = uint64(a[0])
	case opLongBinPut, opLongBinGet:
		a := t.arg(4)
		if a == nil {
			return trialShort
		}
		key = uint64(binary.LittleEndian.Uint32(a))
	default:
		key = uint64(t.mlen)
	}
	if op == opGet || op == opBinGet || op == opLongBinGet {
		if key < 4096 && t.memo[key/64]&(1<<(key%64)) == 0 {
			return trialBad
		}
		return t.push(false)
	}
	if t.depth == t.fence() {
		return trialBad
	}
	if key < 4096 {
		if t.memo[key/64]&(1<<(key%64)) == 0 {
			t.mlen++
		}
		t.memo[key/64] |= 1 << (key % 64)
	} else if _, seen := t.bigKeys[key]; !seen {
		// MEMOIZE uses len(memo) as its key, so a key stored twice must count once.
		if t.bigKeys == nil {
			t.bigKeys = map[uint64]struct{}{}
		}
		t.bigKeys[key] = struct{}{}
		t.mlen++
	}
	return trialStop
}

// fixedSize is the argument size of opcodes with a fixed-size integer or float argument.
func fixedSize(op byte) int {
	switch op {
	case opBinInt1, opExt1:
		return 1
	case opBinInt2, opExt2:
		return 2
	case opBinFloat:
		return 8
	}
	return 4
}
