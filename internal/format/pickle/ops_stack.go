package pickle

import (
	"fmt"
	"math"
)

// keepMax is how many items a container of kind k keeps for rendering and analysis. Tuples
// keep more because they carry call arguments and numpy shapes.
func keepMax(k kind) int {
	switch k {
	case kTuple:
		return 32
	case kDict:
		return 16 // 8 key/value pairs: enough for joblib's NumpyArrayWrapper state
	}
	return 8
}

// popOp handles POP, which in CPython also removes a MARK sitting on top of the stack.
func (w *walker) popOp() error {
	n := len(w.stack)
	if len(w.marks) > 0 && w.marks[len(w.marks)-1] == n {
		w.marks = w.marks[:len(w.marks)-1]
		w.fence = 0
		if len(w.marks) > 0 {
			w.fence = w.marks[len(w.marks)-1]
		}
		w.setLimit()
		return nil
	}
	_, err := w.pop()
	return err
}

func (w *walker) dup() error {
	t, err := w.top()
	if err != nil {
		return err
	}
	w.ms.Dups++
	return w.push(*t)
}

// newNodeVal allocates a container node.
func (w *walker) newNodeVal(k kind) val {
	return val{vhdr: vhdr{k: k}, i: w.pool.newNode(k, 0, 0)}
}

func (w *walker) newContainer(op byte) val {
	switch op {
	case opEmptyTuple:
		return val{vhdr: vhdr{k: kTuple}, i: -1}
	case opEmptyList:
		return w.newNodeVal(kList)
	case opEmptyDict:
		return w.newNodeVal(kDict)
	}
	return w.newNodeVal(kSet)
}

// addItems appends items (pairs for dicts) to container v.
func (w *walker) addItems(v val, items []val) {
	nd := w.pool.node(v.i)
	if nd == nil || len(items) == 0 {
		return
	}
	if w.pool.expired(nd) {
		nd.flags |= nTrunc
		nd.nkept, nd.capk = 0, 0
	}
	nd.n += int64(len(items)) / pairSize(nd.k)
	// Scalars weigh 1; only containers and calls need a node lookup.
	add := int64(len(items))
	for _, it := range items {
		if it.k >= kTuple && it.k != kGlobal {
			add = min(add+w.pool.weight(it)-1, maxWeight)
		}
	}
	nd.w = min(nd.w+add, maxWeight)
	if nd.w > w.ms.Expanded {
		w.ms.Expanded = nd.w
	}
	maxK := keepMax(nd.k)
	room := maxK - int(nd.nkept)
	if room < len(items) {
		nd.flags |= nTrunc
		items = items[:max(room, 0)]
	}
	if len(items) == 0 {
		return
	}
	need := int(nd.nkept) + len(items)
	if need > int(nd.capk) {
		c := need
		if nd.capk > 0 {
			c = min(maxK, max(need, 2*int(nd.capk)))
		}
		idx := w.pool.reserve(c)
		copyVals(w.pool.slots(idx, c), w.pool.kept(nd))
		nd.items, nd.capk = idx, uint8(c)
	}
	copyVals(w.pool.slots(nd.items+int64(nd.nkept), len(items)), items)
	nd.nkept += uint8(len(items))
}

// fromMark handles TUPLE, LIST, DICT and FROZENSET.
func (w *walker) fromMark(op byte) error {
	items, err := w.popMark()
	if err != nil {
		return err
	}
	k := kFrozenSet
	switch op {
	case opTuple:
		k = kTuple
	case opList:
		k = kList
	case opDict:
		k = kDict
	}
	if op == opDict && len(items)%2 != 0 {
		return w.failf("odd number of items for DICT")
	}
	if k == kTuple && len(items) == 0 {
		return w.push(val{vhdr: vhdr{k: kTuple}, i: -1})
	}
	v := w.newNodeVal(k)
	w.addItems(v, items)
	return w.push(v)
}

func (w *walker) tupleN(n int) error {
	if len(w.stack)-w.fence < n {
		return w.underflow()
	}
	items := w.stack[len(w.stack)-n:]
	v := w.newNodeVal(kTuple)
	w.addItems(v, items)
	w.stack = w.stack[:len(w.stack)-n]
	return w.push(v)
}

// accepts reports whether an APPEND/SETITEM/ADDITEMS target of kind k is legitimate: the
// matching builtin container, or an object whose methods a real unpickler would call.
func accepts(op byte, k kind) bool {
	switch k {
	case kCall, kUnknown, kPersID, kArray:
		return true
	case kList:
		return op == opAppend || op == opAppends
	case kDict:
		return op == opSetItem || op == opSetItems
	case kSet:
		return op == opAddItems
	}
	return false
}

func (w *walker) typeConfusion(op byte, k kind) {
	w.anomaly(AnomalyTypeConfusion, w.opStart, fmt.Sprintf("%s applied to a %s", opName(op), kindName(k)))
}

// setItem handles APPEND and SETITEM.
func (w *walker) setItem(op byte) error {
	n := 1
	if op == opSetItem {
		n = 2
	}
	if len(w.stack)-w.fence < n+1 {
		return w.underflow()
	}
	items := w.stack[len(w.stack)-n:]
	t := w.stack[len(w.stack)-n-1]
	if !accepts(op, t.k) {
		w.typeConfusion(op, t.k)
	} else if isContainer(t.k) {
		w.addItems(t, items)
	}
	w.stack = w.stack[:len(w.stack)-n]
	return nil
}

// setItems handles APPENDS, SETITEMS and ADDITEMS: the target sits just below the MARK.
func (w *walker) setItems(op byte) error {
	if len(w.marks) == 0 {
		w.anomaly(AnomalyMarkMismatch, w.opStart, "could not find MARK")
		return w.failf("could not find MARK")
	}
	m := w.marks[len(w.marks)-1]
	if m == 0 {
		return w.underflow()
	}
	items, err := w.popMark()
	if err != nil {
		return err
	}
	if op == opSetItems && len(items)%2 != 0 {
		return w.failf("odd number of items for SETITEMS")
	}
	t := w.stack[m-1]
	if !accepts(op, t.k) {
		if len(items) > 0 || t.k != kList && t.k != kDict && t.k != kSet {
			w.typeConfusion(op, t.k)
		}
	} else if isContainer(t.k) {
		w.addItems(t, items)
	}
	return nil
}

// put handles PUT, BINPUT, LONG_BINPUT and MEMOIZE.
func (w *walker) put(op byte) error {
	var key uint64
	switch op {
	case opPut:
		line, _, _, ok := w.src.readLine(maxLineKeep)
		if !ok {
			return w.unterminated("PUT")
		}
		n, err := pyIntLiteral(line, 10)
		if err != nil || !n.IsInt64() {
			return w.failf("PUT: invalid memo key")
		}
		if n.Sign() < 0 {
			return w.failf("negative PUT argument")
		}
		key = n.Uint64()
	case opBinPut:
		if err := w.need(1, op); err != nil {
			return err
		}
		key = uint64(w.u8())
	case opLongBinPut:
		if err := w.need(4, op); err != nil {
			return err
		}
		key = uint64(w.u32())
	default:
		key = uint64(w.memoLen)
	}
	return w.putTop(key)
}

// putTop stores the top of the stack under key.
func (w *walker) putTop(key uint64) error {
	n := len(w.stack)
	if n <= w.fence {
		return w.underflow()
	}
	return w.memoPut(key, w.stack[n-1])
}

// get handles GET, BINGET and LONG_BINGET. A missing key is recorded and yields an unknown
// value instead of stopping, so that what follows is still analysed.
func (w *walker) get(op byte) error {
	var key uint64
	valid := true
	switch op {
	case opGet:
		line, _, _, ok := w.src.readLine(maxLineKeep)
		if !ok {
			return w.unterminated("GET")
		}
		n, err := pyIntLiteral(line, 10)
		if err != nil {
			return w.failf("GET: invalid memo key")
		}
		valid = n.IsInt64() && n.Sign() >= 0
		if valid {
			key = n.Uint64()
		}
	case opBinGet:
		if err := w.need(1, op); err != nil {
			return err
		}
		key = uint64(w.u8())
	default:
		if err := w.need(4, op); err != nil {
			return err
		}
		key = uint64(w.u32())
	}
	return w.getKey(op, key, valid)
}

// getKey pushes memo entry key (a missing or invalid key pushes an unknown value).
func (w *walker) getKey(op byte, key uint64, valid bool) error {
	w.ms.Gets++
	v, ok := w.memoGet(key)
	if !ok || !valid {
		w.anomaly(AnomalyBadMemoKey, w.opStart, fmt.Sprintf("%s of memo key %d that was never stored", opName(op), key))
		return w.push(val{vhdr: vhdr{k: kUnknown, f: fMemoMiss}, i: int64(min(key, math.MaxInt64))})
	}
	if v.k != kGlobal {
		v.x = uint16(min(key+1, 0xffff)) // provenance for STACK_GLOBAL's Via
	}
	return w.push(v)
}

// kindName names a value kind in messages.
func kindName(k kind) string {
	names := [...]string{"unknown value", "None", "bool", "int", "int", "float", "str", "bytes",
		"bytearray", "tuple", "list", "dict", "set", "frozenset", "global", "call result",
		"persistent id", "array"}
	if int(k) < len(names) {
		return names[k]
	}
	return "value"
}

// copyVals copies a few values; a plain loop beats a memmove call for the short runs here.
func copyVals(dst, src []val) {
	dst = dst[:len(src)]
	//lint:ignore S1001 measured: the loop is faster than copy for these short runs
	for i := range src {
		dst[i] = src[i]
	}
}
