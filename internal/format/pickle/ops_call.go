package pickle

import (
	"fmt"
)

// tupleOf builds a tuple from values (copied into the item pool).
func (w *walker) tupleOf(items []val) val {
	if len(items) == 0 {
		return val{vhdr: vhdr{k: kTuple}, i: -1}
	}
	v := w.newNodeVal(kTuple)
	w.addItems(v, items)
	return v
}

// callOp handles REDUCE, NEWOBJ, NEWOBJ_EX and OBJ.
func (w *walker) callOp(op byte) error {
	need := 2
	if op == opNewObjEx {
		need = 3
	}
	if op == opObj {
		items, err := w.popMark()
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return w.underflow()
		}
		cls := items[0]
		return w.pushCall(op, cls, w.tupleOf(items[1:]), val{vhdr: vhdr{k: kNone}})
	}
	n := len(w.stack)
	if n-w.fence < need {
		return w.underflow()
	}
	fn, args, kwargs := w.stack[n-need], w.stack[n-need+1], val{vhdr: vhdr{k: kNone}}
	if need == 3 {
		kwargs = w.stack[n-1]
	}
	w.stack = w.stack[:n-need]
	return w.pushCall(op, fn, args, kwargs)
}

// pushCall records a call and pushes its symbolic result.
func (w *walker) pushCall(op byte, fn, args, kwargs val) error {
	flags := uint8(0)
	if w.isJoblibWrapper(op, fn, args) {
		flags = nJoblib
	}
	res := val{vhdr: vhdr{k: kCall}, i: w.pool.newNode(kCall, op, flags)}
	w.addItems(res, []val{fn, args, kwargs, {vhdr: vhdr{k: kNone}}})
	w.recordCall(op, fn, args, kwargs, res)
	return w.push(res)
}

// recordCall appends a Call for op applied to callee.
func (w *walker) recordCall(op byte, callee, args, kwargs, res val) {
	if !w.rec.allowCall(w.calleeKey(op, callee)) {
		return
	}
	c := Call{
		Offset: w.opStart,
		Opcode: opName(op),
		Callee: w.render(callee, calleeLimit),
		Args:   w.renderArgs(args, kwargs, argsLimit),
		Roots:  w.roots(callee),
	}
	w.rec.addCall(c)
	w.noteArgs(callee, c.Callee, args, kwargs)
}

// calleeKey identifies a callee cheaply: globals (and instances of a global class, for BUILD)
// by arena ref, anything else by its rendering.
func (w *walker) calleeKey(op byte, callee val) calleeKey {
	if callee.k == kGlobal && callee.f&fOpaque == 0 {
		return calleeKey{op: op, ref: callee.i}
	}
	if callee.k == kCall && callee.i >= 0 {
		if it := w.pool.kept(w.pool.node(callee.i)); len(it) > 0 && it[callFn].k == kGlobal {
			return calleeKey{op: op, ref: it[callFn].i, s: "instance"}
		}
	}
	return calleeKey{op: op, ref: -1, s: w.render(callee, calleeLimit)}
}

// roots lists the imports a value derives from, walking a bounded part of its expression.
func (w *walker) roots(v val) []Import {
	var out []Import
	seen := map[int64]bool{}
	budget := 64
	var walk func(v val, depth int)
	walk = func(v val, depth int) {
		if budget <= 0 || depth > maxRenderDepth {
			return
		}
		budget--
		switch {
		case v.k == kGlobal && v.f&fExt == 0:
			if !seen[v.i] || v.f&fOpaque != 0 {
				seen[v.i] = true
				out = append(out, w.importOf(v))
			}
		case (v.k == kCall || v.k == kPersID || isContainer(v.k)) && v.i >= 0:
			for _, it := range w.pool.kept(w.pool.node(v.i)) {
				walk(it, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// build handles BUILD: state is applied to the object below it, which stays on the stack.
func (w *walker) build() error {
	state, err := w.pop()
	if err != nil {
		return err
	}
	t, err := w.top()
	if err != nil {
		return err
	}
	obj := *t
	onGlobal := obj.k == kGlobal
	if w.rec.allowCall(w.calleeKey(opBuild, obj)) {
		w.rec.addCall(Call{
			Offset:   w.opStart,
			Opcode:   "BUILD",
			Callee:   w.render(obj, calleeLimit),
			Args:     w.render(state, argsLimit),
			Roots:    w.roots(obj),
			OnGlobal: onGlobal,
		})
	}
	if onGlobal {
		w.override(obj, state)
		return nil
	}
	if obj.k != kCall {
		return nil
	}
	nd := w.pool.node(obj.i)
	if nd == nil {
		return nil
	}
	if it := w.pool.kept(nd); len(it) == callItems {
		it[callState] = state
		nd.flags |= nBuilt
	}
	if nd.flags&nJoblib != 0 {
		return w.joblibArray(t, state)
	}
	return nil
}

// override remembers attributes that BUILD rebinds on a global (a module or class): a later
// STACK_GLOBAL that reads such an attribute gets the rebound value, not the real one.
func (w *walker) override(g, state val) {
	if state.k == kTuple && state.i >= 0 { // (state, slotstate)
		for _, it := range w.pool.kept(w.pool.node(state.i)) {
			w.override(g, it)
		}
		return
	}
	if state.k != kDict || state.i < 0 || g.f&fOpaque != 0 {
		return
	}
	path := globalName(w.pool.bytesOf(g))
	it := w.pool.kept(w.pool.node(state.i))
	for i := 0; i+1 < len(it); i += 2 {
		if exactStr(it[i]) {
			if w.rec.overrides == nil {
				w.rec.overrides = make(map[string]val)
			}
			w.rec.overrides[path+"."+string(w.pool.bytesOf(it[i]))] = it[i+1]
		}
	}
}

// persID handles PERSID (an ASCII line) and BINPERSID (the popped value).
func (w *walker) persID(op byte) error {
	var pid val
	if op == opPersID {
		off := w.src.offset()
		line, total, _, ok := w.src.readLine(maxLineKeep)
		if !ok {
			return w.unterminated("PERSID")
		}
		for _, c := range line {
			if c >= 0x80 {
				return w.failf("persistent IDs in protocol 0 must be ASCII strings")
			}
		}
		pid = w.storeText(kStr, 0, line, off, total)
	} else {
		var err error
		if pid, err = w.pop(); err != nil {
			return err
		}
	}
	w.st.PersIDs++
	v := val{vhdr: vhdr{k: kPersID}, i: w.pool.newNode(kPersID, 0, 0)}
	w.addItems(v, []val{pid})
	return w.push(v)
}

// buffer handles NEXT_BUFFER and READONLY_BUFFER (protocol 5 out-of-band data).
func (w *walker) buffer(op byte) error {
	if op == opReadOnlyBuffer {
		_, err := w.top()
		return err
	}
	w.anomaly(AnomalyBufferOutOfBand, w.opStart, "NEXT_BUFFER refers to out-of-band data the file does not contain")
	return w.push(val{vhdr: vhdr{k: kUnknown, f: fBuffer}})
}

func (w *walker) proto() error {
	if err := w.need(1, opProto); err != nil {
		return err
	}
	v := w.u8()
	if v > highestProtocol {
		return w.failf("unsupported pickle protocol: %d", v)
	}
	if w.protos > 0 {
		w.anomaly(AnomalyMisplacedProto, w.opStart, fmt.Sprintf("PROTO %d repeated", v))
	} else if w.ops != 1 {
		w.anomaly(AnomalyMisplacedProto, w.opStart, fmt.Sprintf("PROTO %d is not the first opcode", v))
	}
	if w.protos == 0 {
		w.st.Protocol = int(v)
	}
	w.protos++
	return nil
}

// frame handles FRAME. CPython's C unpickler reads the whole frame up front (failing if it is
// short) but then lets opcodes cross its end; pickle.py (used by joblib) does the opposite.
// Both differences are recorded as anomalies. A frame longer than the input also sets Err (the
// C unpickler stops there) but the walk goes on, because pickle.py runs what the frame holds.
func (w *walker) frame() error {
	if err := w.need(8, opFrame); err != nil {
		return err
	}
	n := w.u64()
	off := w.src.offset()
	if n > 1<<62 {
		w.anomaly(AnomalyFrameMismatch, w.opStart, fmt.Sprintf("FRAME length %d is absurd", n))
		return w.failf("FRAME length %d exceeds system's maximum", n)
	}
	if w.frameEnd > off {
		w.anomaly(AnomalyFrameMismatch, w.opStart, fmt.Sprintf("FRAME starts %d bytes before the end of the previous frame", w.frameEnd-off))
	}
	if left := w.src.left(); left >= 0 && int64(n) > left {
		msg := fmt.Sprintf("FRAME length %d exceeds the %d bytes left", n, left)
		w.anomaly(AnomalyFrameMismatch, w.opStart, msg)
		w.setErr(&ParseError{Offset: w.opStart, Msg: msg})
	}
	w.frameEnd = 0
	if n > 0 {
		w.frameEnd = off + int64(n)
	}
	return nil
}

func (w *walker) stop() error {
	v, err := w.pop()
	if err != nil {
		return err
	}
	if off := w.src.offset(); w.frameEnd > off {
		w.anomaly(AnomalyFrameMismatch, w.opStart, fmt.Sprintf("STOP %d bytes before the end of its FRAME", w.frameEnd-off))
		w.frameEnd = 0
	}
	w.st.Result = w.summarize(v)
	w.st.Complete = true
	return errStop
}
