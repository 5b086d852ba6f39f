package pickle

import "math"

// step decodes and applies one opcode. It is one flat switch on purpose: Go compiles it to a
// jump table, and the walker's speed on opcode-dense pickles depends on this function.
func (w *walker) step(op byte) error {
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
		v = val{k: kNone}
	case opNewTrue:
		v = val{k: kBool, i: 1}
	case opNewFalse:
		v = val{k: kBool}
	case opBinInt1:
		if err := w.need(1, op); err != nil {
			return err
		}
		v = val{k: kInt, i: w.u8()}
	case opBinInt2:
		if err := w.need(2, op); err != nil {
			return err
		}
		v = val{k: kInt, i: w.u16()}
	case opBinInt:
		if err := w.need(4, op); err != nil {
			return err
		}
		v = val{k: kInt, i: w.i32()}
	case opBinFloat:
		if err := w.need(8, op); err != nil {
			return err
		}
		b := w.src.buf[w.src.pos : w.src.pos+8]
		w.src.pos += 8
		bits := uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 |
			uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
		v = val{k: kFloat, i: int64(bits)}
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
