package pickle

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/aisecops/aisec/internal/limits"
)

// run walks opcodes until STOP, a malformed opcode, a budget or an error of the reader. Only
// the last two (and cancellation) are returned; malformation is recorded in the stream.
//
// This is the hot loop, and it is long on purpose: the opcodes CPython's pickler writes most
// (small ints, memo traffic, short strings, containers) are decoded inline when their argument
// is already buffered, which saves a function call per opcode (a third of the time on
// opcode-dense pickles). Everything else, and every slow path, goes through slowStep.
// The switch is on constant cases so that it compiles to a jump table.
func (w *walker) run() (err error) {
	defer func() {
		if r := recover(); r != nil {
			w.setErr(&ParseError{Offset: w.opStart, Msg: fmt.Sprintf("internal error: %v", r)})
			err = nil
		}
	}()
	s := w.src
	next := int64(0) // opcode count at which the context and the opcode budget are checked
	for {
		if w.ops >= next {
			if err := w.ctx.Err(); err != nil {
				return err
			}
			maxOps := w.cfg.budget.MaxOpcodes
			if w.ops >= maxOps {
				return w.classify(limits.Exceeded("pickle opcodes", maxOps))
			}
			next = min(w.ops+ctxCheckEvery, maxOps)
		}
		if s.pos >= s.end && !s.fill(1) {
			return w.classify(w.eofErr())
		}
		w.opStart = s.base + int64(s.pos)
		op := s.buf[s.pos]
		s.pos++
		w.ops++
		var e error
		switch op {
		case opBinInt1:
			if s.pos >= s.end {
				e = w.slowStep(op)
				break
			}
			v := val{vhdr: vhdr{k: kInt}, i: int64(s.buf[s.pos])}
			s.pos++
			e = w.push(v)
		case opBinInt2:
			if s.end-s.pos < 2 {
				e = w.slowStep(op)
				break
			}
			e = w.push(val{vhdr: vhdr{k: kInt}, i: w.u16()})
		case opBinInt:
			if s.end-s.pos < 4 {
				e = w.slowStep(op)
				break
			}
			e = w.push(val{vhdr: vhdr{k: kInt}, i: w.i32()})
		case opBinFloat:
			if s.end-s.pos < 8 {
				e = w.slowStep(op)
				break
			}
			v := val{vhdr: vhdr{k: kFloat}, i: int64(binary.BigEndian.Uint64(s.buf[s.pos:]))}
			s.pos += 8
			e = w.push(v)
		case opBinGet:
			if s.pos >= s.end {
				e = w.slowStep(op)
				break
			}
			// Keys below 256 are always in the first memo chunk.
			key := uint64(s.buf[s.pos])
			s.pos++
			if key < w.memoN && w.memo0[key].k != kEmpty && w.memo0[key].k != kGlobal && len(w.stack) < w.limit {
				v := w.memo0[key]
				w.ms.Gets++
				w.stack = append(w.stack, v)
				// Provenance is set in place: patching v before the copy stalls store forwarding.
				w.stack[len(w.stack)-1].x = uint16(key + 1)
				break
			}
			e = w.getKey(opBinGet, key, true)
		case opMemoize:
			// MEMOIZE's key is the number of entries, so it usually appends to the dense memo.
			key, n := uint64(w.memoLen), len(w.stack)
			if key == w.memoN && key%memoChunk != 0 && n > w.fence && w.sparse == nil && n+len(w.marks)+w.memoLen < w.maxStack {
				w.memo[key/memoChunk][key%memoChunk] = w.stack[n-1]
				w.memoN++
				w.memoLen++
				w.limit--
				w.ms.Puts++
				break
			}
			e = w.putTop(key)
		case opMark:
			e = w.pushMark()
		case opShortBinUnicode:
			if s.pos >= s.end {
				e = w.slowStep(op)
				break
			}
			n := int64(s.buf[s.pos])
			s.pos++
			e = w.lenConst(op, kStr, 0, n)
		case opEmptyDict:
			e = w.push(w.newNodeVal(kDict))
		case opEmptyList:
			e = w.push(w.newNodeVal(kList))
		case opNewTrue, opNewFalse:
			e = w.push(val{vhdr: vhdr{k: kBool}, i: int64(opNewFalse - op)})
		case opNone:
			e = w.push(val{vhdr: vhdr{k: kNone}})
		case opSetItems, opAppends:
			e = w.setItems(op)
		case opTuple1, opTuple2, opTuple3:
			e = w.tupleN(int(op-opTuple1) + 1)
		default:
			e = w.slowStep(op)
		}
		if e != nil {
			if e == errStop {
				return nil
			}
			return w.classify(e)
		}
		if w.frameEnd != 0 && s.base+int64(s.pos) >= w.frameEnd {
			w.checkFrame()
		}
	}
}

// slowStep decodes and applies any opcode, whatever is buffered. It is one flat switch on purpose:
// Go compiles it to a jump table.
func (w *walker) slowStep(op byte) error {
	switch op {
	case opBinInt1, opBinInt2, opBinInt, opNone, opNewTrue, opNewFalse, opBinFloat:
		return w.fixedConst(op)
	case opInt:
		return w.intLine()
	case opLong:
		return w.longLine()
	case opFloat:
		return w.floatLine()
	case opLong1:
		if err := w.need(1, op); err != nil {
			return err
		}
		return w.longBytes(op, w.u8())
	case opLong4:
		return w.long4()
	case opString, opUnicode:
		return w.lineConst(op)
	case opShortBinUnicode, opShortBinBytes, opShortBinString, opBinUnicode, opBinBytes,
		opBinString, opBinUnicode8, opBinBytes8, opByteArray8:
		return w.textOp(op)
	case opMark:
		return w.pushMark()
	case opPop:
		return w.popOp()
	case opPopMark:
		_, err := w.popMark()
		return err
	case opDup:
		return w.dup()
	case opEmptyList, opEmptyDict, opEmptySet, opEmptyTuple:
		return w.push(w.newContainer(op))
	case opTuple, opList, opDict, opFrozenSet:
		return w.fromMark(op)
	case opTuple1, opTuple2, opTuple3:
		return w.tupleN(int(op-opTuple1) + 1)
	case opAppend, opSetItem:
		return w.setItem(op)
	case opAppends, opSetItems, opAddItems:
		return w.setItems(op)
	case opPut, opBinPut, opLongBinPut, opMemoize:
		return w.put(op)
	case opGet, opBinGet, opLongBinGet:
		return w.get(op)
	case opGlobal, opInst:
		return w.global(op)
	case opStackGlobal:
		return w.stackGlobal()
	case opReduce, opNewObj, opNewObjEx, opObj:
		return w.callOp(op)
	case opBuild:
		return w.build()
	case opPersID, opBinPersID:
		return w.persID(op)
	case opExt1, opExt2, opExt4:
		return w.ext(op)
	case opNextBuffer, opReadOnlyBuffer:
		return w.buffer(op)
	case opProto:
		return w.proto()
	case opFrame:
		return w.frame()
	case opStop:
		return w.stop()
	}
	w.anomaly(AnomalyUnknownOpcode, w.opStart, "invalid load key "+opName(op))
	return w.failf("invalid load key, %s", opName(op))
}

// fixedConst handles constants with fixed-size arguments.
func (w *walker) fixedConst(op byte) error {
	var v val
	switch op {
	case opNone:
		v = val{vhdr: vhdr{k: kNone}}
	case opNewTrue:
		v = val{vhdr: vhdr{k: kBool}, i: 1}
	case opNewFalse:
		v = val{vhdr: vhdr{k: kBool}}
	case opBinInt1:
		if err := w.need(1, op); err != nil {
			return err
		}
		v = val{vhdr: vhdr{k: kInt}, i: w.u8()}
	case opBinInt2:
		if err := w.need(2, op); err != nil {
			return err
		}
		v = val{vhdr: vhdr{k: kInt}, i: w.u16()}
	case opBinInt:
		if err := w.need(4, op); err != nil {
			return err
		}
		v = val{vhdr: vhdr{k: kInt}, i: w.i32()}
	case opBinFloat:
		if err := w.need(8, op); err != nil {
			return err
		}
		b := w.src.buf[w.src.pos : w.src.pos+8]
		w.src.pos += 8
		bits := uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
		v = val{vhdr: vhdr{k: kFloat}, i: int64(bits)}
	}
	return w.push(v)
}

func (w *walker) long4() error {
	if err := w.need(4, opLong4); err != nil {
		return err
	}
	n := w.i32()
	if n < 0 {
		return w.failf("LONG pickle has negative byte count")
	}
	return w.longBytes(opLong4, n)
}

// textOp reads the length of a length-prefixed str/bytes opcode.
func (w *walker) textOp(op byte) error {
	var n int64
	size := 1
	switch op {
	case opBinUnicode, opBinBytes, opBinString:
		size = 4
	case opBinUnicode8, opBinBytes8, opByteArray8:
		size = 8
	}
	if err := w.need(size, op); err != nil {
		return err
	}
	switch size {
	case 1:
		n = w.u8()
	case 4:
		if op == opBinString {
			if n = w.i32(); n < 0 {
				return w.failf("BINSTRING pickle has negative byte count")
			}
		} else {
			n = w.u32()
		}
	default:
		u := w.u64()
		if u > math.MaxInt64 {
			return w.failf("%s exceeds system's maximum size of %d bytes", opName(op), int64(math.MaxInt64))
		}
		n = int64(u)
	}
	switch op {
	case opShortBinUnicode, opBinUnicode, opBinUnicode8:
		return w.lenConst(op, kStr, 0, n)
	case opShortBinString, opBinString:
		return w.lenConst(op, kStr, fLatin1, n)
	case opByteArray8:
		return w.lenConst(op, kByteArray, 0, n)
	}
	return w.lenConst(op, kBytes, 0, n)
}
