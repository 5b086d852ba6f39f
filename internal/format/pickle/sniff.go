package pickle

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// LooksLikePickle reports whether head (the first up to 4 KiB of an input) plausibly begins a
// pickle. It trial-walks the opcodes with a value-free model of the unpickler (stack depth,
// marks, memo keys, argument syntax): a pickle is plausible when the walk reaches STOP, or runs
// out of bytes after enough valid opcodes (or right after a PROTO), or breaks only after
// importing a global with identifier-like names (a broken stream still runs what came
// before). Text, random bytes and other formats fail within a few bytes.
func LooksLikePickle(head []byte) bool {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	t := trial{b: head}
	out := t.run(512)
	switch out {
	case trialStop:
		// A lone value and STOP ("N.", "\x88.") counts only as a whole input: two random
		// bytes form one far too often.
		return t.proto || t.ops >= 3 || t.i == len(head)
	case trialShort:
		return t.proto || t.ops >= 3 || (t.ops >= 2 && t.strong)
	}
	return t.strong && t.ops >= 2
}

const (
	trialStop = iota
	trialShort
	trialBad
)

// trial is the state of a LooksLikePickle walk. It allocates nothing for ordinary input.
type trial struct {
	b      []byte
	i      int
	depth  int
	marks  [64]int
	nmarks int
	memo   [64]uint64 // bitmap of memo keys below 4096; larger keys are assumed present
	mlen   int
	ops    int
	proto  bool // the first opcode was PROTO 2..5 (what CPython writes)
	strong bool // a GLOBAL/INST/STACK_GLOBAL with identifier-like names was decoded
	idents int  // how many of the top stack values are identifier-like str constants (0-2)
}

func (t *trial) run(maxOps int) int {
	for t.ops < maxOps {
		if t.i >= len(t.b) {
			return trialShort
		}
		op := t.b[t.i]
		t.i++
		if op == opProto && t.ops == 0 && t.i < len(t.b) && t.b[t.i] >= 2 && t.b[t.i] <= highestProtocol {
			t.proto = true
		}
		r := t.step(op)
		if r != trialStop {
			return r
		}
		t.ops++
		if op == opStop {
			return trialStop
		}
	}
	return trialShort
}

// fence is the stack depth at the innermost MARK.
func (t *trial) fence() int {
	if t.nmarks == 0 {
		return 0
	}
	return t.marks[t.nmarks-1]
}

// pops removes n values above the fence; push adds n. They return trialBad on underflow.
func (t *trial) pops(n int) int {
	if t.depth-t.fence() < n {
		return trialBad
	}
	t.depth -= n
	t.idents = max(t.idents-n, 0)
	return trialStop
}

func (t *trial) push(ident bool) int {
	t.depth++
	if ident {
		t.idents = min(t.idents+1, 2)
	} else {
		t.idents = 0
	}
	return trialStop
}

func (t *trial) popMark() int {
	if t.nmarks == 0 {
		return trialBad
	}
	t.nmarks--
	t.depth = t.marks[t.nmarks]
	t.idents = 0
	return trialStop
}

// arg returns the next n argument bytes, or nil when the head ends first.
func (t *trial) arg(n int) []byte {
	if n < 0 || len(t.b)-t.i < n {
		return nil
	}
	b := t.b[t.i : t.i+n]
	t.i += n
	return b
}

// line returns the next line without its newline; ok is false when the head ends first.
func (t *trial) line() ([]byte, bool) {
	j := bytes.IndexByte(t.b[t.i:], '\n')
	if j < 0 {
		return nil, false
	}
	l := t.b[t.i : t.i+j]
	t.i += j + 1
	return l, true
}

func (t *trial) step(op byte) int {
	switch op {
	case opMark:
		if t.nmarks == len(t.marks) {
			return trialShort // deeper than we model: undecided, leave it to the caller's rule
		}
		t.marks[t.nmarks] = t.depth
		t.nmarks++
		return trialStop
	case opStop:
		return t.pops(1)
	case opPop:
		if t.nmarks > 0 && t.marks[t.nmarks-1] == t.depth {
			t.nmarks--
			return trialStop
		}
		return t.pops(1)
	case opPopMark:
		return t.popMark()
	case opDup:
		if t.depth-t.fence() < 1 {
			return trialBad
		}
		return t.push(false)
	case opReadOnlyBuffer:
		if t.depth-t.fence() < 1 {
			return trialBad
		}
		return trialStop
	case opNone, opNewTrue, opNewFalse, opEmptyDict, opEmptyList, opEmptySet, opEmptyTuple, opNextBuffer:
		return t.push(false)
	case opTuple, opList, opDict, opFrozenSet:
		if t.popMark() != trialStop {
			return trialBad
		}
		return t.push(false)
	case opObj:
		if t.nmarks == 0 || t.depth == t.fence() {
			return trialBad
		}
		t.popMark()
		return t.push(false)
	case opAppends, opSetItems, opAddItems:
		if t.nmarks == 0 || t.fence() == 0 {
			return trialBad
		}
		return t.popMark()
	case opTuple1, opTuple2, opTuple3:
		if t.pops(int(op-opTuple1)+1) != trialStop {
			return trialBad
		}
		return t.push(false)
	case opAppend:
		return t.needPop(2, 1)
	case opSetItem:
		return t.needPop(3, 2)
	case opReduce, opNewObj, opBuild, opBinPersID:
		return t.popPush(op)
	case opNewObjEx:
		if t.pops(3) != trialStop {
			return trialBad
		}
		return t.push(false)
	}
	return t.stepArg(op)
}

// needPop requires need values above the fence and pops n of them.
func (t *trial) needPop(need, n int) int {
	if t.depth-t.fence() < need {
		return trialBad
	}
	return t.pops(n)
}

func (t *trial) popPush(op byte) int {
	n := 2
	if op == opBinPersID {
		n = 1
	}
	if op == opBuild {
		return t.needPop(2, 1)
	}
	if t.pops(n) != trialStop {
		return trialBad
	}
	return t.push(false)
}

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
	} else {
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
