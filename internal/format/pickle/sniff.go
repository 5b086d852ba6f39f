package pickle

import "bytes"

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
	// bigKeys holds the distinct keys of 4096 and above that were stored (a trial reads at
	// most a few KiB, so it stays small).
	bigKeys map[uint64]struct{}
	mlen    int
	ops     int
	proto   bool // the first opcode was PROTO 2..5 (what CPython writes)
	strong  bool // a GLOBAL/INST/STACK_GLOBAL with identifier-like names was decoded
	idents  int  // how many of the top stack values are identifier-like str constants (0-2)
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

// step applies one opcode to the trial state.
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
	case opTuple, opList, opDict, opFrozenSet, opObj, opAppends, opSetItems, opAddItems,
		opTuple1, opTuple2, opTuple3, opAppend, opSetItem, opReduce, opNewObj, opBuild, opBinPersID, opNewObjEx:
		return t.stepContainer(op)
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

// stepContainer handles opcodes that build or call with values already on the stack.
func (t *trial) stepContainer(op byte) int {
	switch op {
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
	return trialBad
}
