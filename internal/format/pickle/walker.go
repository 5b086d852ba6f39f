package pickle

import (
	"context"
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/limits"
)

// kEmpty marks an unused dense memo slot.
const kEmpty kind = 0xff

// ctxCheckEvery sets how often (in opcodes) the walker looks at the context.
const ctxCheckEvery = 1 << 16

// errStop is returned by STOP to end the walk; it never leaves the walker.
var errStop = errors.New("STOP")

// walker runs one pickle stream symbolically. It never executes anything: every opcode is
// decoded exactly as CPython's unpickler would, and its effect is applied to symbolic values.
type walker struct {
	ctx  context.Context
	cfg  *config
	src  *source
	st   *Stream
	pool pools

	stack []val
	marks []int
	fence int // stack length at the innermost MARK

	memo    [][]val        // dense memo in chunks of memoChunk, kEmpty for unused slots
	memoN   uint64         // dense slots in use (the dense range is [0, memoN))
	memo0   []val          // memo[0], for the BINGET fast path
	sparse  map[uint64]val // memo keys far beyond the dense range
	memoLen int            // distinct keys set, the index MEMOIZE uses

	opStart  int64 // offset of the opcode being decoded
	frameEnd int64 // end offset of the current FRAME, 0 outside frames
	protos   int   // PROTO opcodes seen
	depth    int   // nesting depth of the pickle being walked (0 = top level)
	maxStack int   // Budget.MaxStack
	limit    int   // see push
	ops      int64 // opcodes walked
	ms       MemoStats

	rec      recorder
	interned map[string]int64 // "module\nname" -> arena ref
	rbuf     []byte           // rendering scratch
	decBuf   []byte           // STRING/UNICODE decoding scratch
}

func newWalker(ctx context.Context, cfg *config, src *source, depth int) *walker {
	w := &walker{ctx: ctx, cfg: cfg, src: src, depth: depth, maxStack: cfg.budget.MaxStack}
	w.st = &Stream{Offset: src.offset()}
	w.stack = make([]val, 0, 64)
	w.rec.st, w.rec.left = w.st, cfg.recordLeft
	w.setLimit()
	return w
}

// walkStream walks one pickle from the current position of src.
func walkStream(ctx context.Context, cfg *config, src *source, depth int) (*Stream, error) {
	w := newWalker(ctx, cfg, src, depth)
	err := w.run()
	w.st.Opcodes = w.ops
	w.st.End = src.offset()
	w.ms.MaxStack = max(w.ms.MaxStack, len(w.stack))
	w.st.Memo = w.ms
	return w.st, err
}

// classify records a malformation or budget error in the stream and returns only errors the
// caller must see (I/O errors of the reader, cancellation).
func (w *walker) classify(err error) error {
	var pe *ParseError
	switch {
	case errors.As(err, &pe):
		w.setErr(pe)
		return nil
	case errors.Is(err, limits.ErrExceeded):
		w.st.Exceeded = err
		return nil
	}
	return err
}

func (w *walker) setErr(pe *ParseError) {
	if w.st.Err == nil {
		w.st.Err = pe
	}
}

// eofErr describes the end of input (or a reader failure) where an opcode was expected.
func (w *walker) eofErr() error {
	if err := w.src.err; err != nil {
		return err
	}
	off := w.src.offset()
	if w.frameEnd > off {
		w.anomaly(AnomalyFrameMismatch, off, fmt.Sprintf("input ended %d bytes before the end of the current FRAME", w.frameEnd-off))
	}
	return &ParseError{Offset: off, Msg: "pickle exhausted before STOP"}
}

// failf returns a ParseError at the current opcode.
func (w *walker) failf(format string, args ...any) error {
	return &ParseError{Offset: w.opStart, Msg: fmt.Sprintf(format, args...)}
}

// truncated reports that the current opcode needs n bytes the input does not have.
func (w *walker) truncated(what string, n int64) error {
	if err := w.src.err; err != nil {
		return err
	}
	if left := w.src.left(); left >= 0 {
		return w.failf("%s needs %d bytes but only %d remain", what, n, max(left, 0))
	}
	return w.failf("%s needs %d bytes but the input ended", what, n)
}

// unterminated reports a text argument that runs into the end of the input.
func (w *walker) unterminated(what string) error {
	if err := w.src.err; err != nil {
		return err
	}
	return w.failf("%s argument is not terminated by a newline before the end of the input", what)
}

// need makes n (<= bufSize) argument bytes available.
func (w *walker) need(n int, op byte) error {
	if w.src.end-w.src.pos >= n || w.src.fill(n) {
		return nil
	}
	return w.truncated(opName(op), int64(n))
}

func (w *walker) anomaly(k AnomalyKind, off int64, detail string) {
	w.rec.anomaly(Anomaly{Kind: k, Offset: off, Detail: detail})
}

// checkFrame flags an opcode that straddles the end of the current frame (CPython's C
// unpickler accepts it, pickle.py rejects it) and leaves the frame once its end is reached.
func (w *walker) checkFrame() {
	off := w.src.offset()
	if off < w.frameEnd {
		return
	}
	if off > w.frameEnd && w.opStart < w.frameEnd {
		w.anomaly(AnomalyFrameMismatch, w.opStart, fmt.Sprintf("opcode crosses the end of its FRAME by %d bytes", off-w.frameEnd))
	}
	w.frameEnd = 0
}

// push puts v on the stack. The fast path is one compare: limit is the smaller of the room
// Budget.MaxStack leaves (stack, marks and memo together) and the deepest stack seen so far
// plus one, so pushSlow runs when the budget is near or a new depth record is set.
func (w *walker) push(v val) error {
	if len(w.stack) >= w.limit {
		return w.pushSlow(v)
	}
	w.stack = append(w.stack, v)
	return nil
}

//go:noinline
func (w *walker) pushSlow(v val) error {
	if len(w.stack)+len(w.marks)+w.memoLen >= w.maxStack {
		return limits.Exceeded("pickle stack and memo entries", int64(w.maxStack))
	}
	w.stack = append(w.stack, v)
	w.ms.MaxStack = max(w.ms.MaxStack, len(w.stack))
	w.setLimit()
	return nil
}

// setLimit recomputes the fast-path bound of push after the stack record, marks or memo changed.
func (w *walker) setLimit() {
	w.limit = min(w.maxStack-len(w.marks)-w.memoLen, w.ms.MaxStack+1)
}

// pop removes the top value; popping past the innermost MARK is an underflow, as in CPython.
func (w *walker) pop() (val, error) {
	n := len(w.stack)
	if n <= w.fence {
		return val{}, w.underflow()
	}
	v := w.stack[n-1]
	w.stack = w.stack[:n-1]
	return v, nil
}

// top returns a pointer to the top value (above the innermost MARK).
func (w *walker) top() (*val, error) {
	n := len(w.stack)
	if n <= w.fence {
		return nil, w.underflow()
	}
	return &w.stack[n-1], nil
}

func (w *walker) underflow() error {
	msg := "unpickling stack underflow"
	if len(w.marks) > 0 && len(w.stack) == w.fence {
		msg = "unpickling stack underflow: nothing above the innermost MARK"
	}
	w.anomaly(AnomalyStackUnderflow, w.opStart, msg)
	return w.failf("%s", msg)
}

// popMark removes the innermost MARK and returns the values above it. The slice aliases the
// stack and is valid until the next push.
func (w *walker) popMark() ([]val, error) {
	if len(w.marks) == 0 {
		w.anomaly(AnomalyMarkMismatch, w.opStart, "could not find MARK")
		return nil, w.failf("could not find MARK")
	}
	m := w.marks[len(w.marks)-1]
	w.marks = w.marks[:len(w.marks)-1]
	w.fence = 0
	if len(w.marks) > 0 {
		w.fence = w.marks[len(w.marks)-1]
	}
	items := w.stack[m:]
	w.stack = w.stack[:m]
	w.setLimit()
	return items, nil
}

func (w *walker) pushMark() error {
	if len(w.stack)+len(w.marks)+w.memoLen >= w.maxStack {
		return limits.Exceeded("pickle stack and memo entries", int64(w.maxStack))
	}
	w.marks = append(w.marks, len(w.stack))
	w.fence = len(w.stack)
	w.setLimit()
	return nil
}

// memoPut stores v under key. Dense keys live in chunks; keys far past the number of
// entries go to a map so that a hostile LONG_BINPUT 4294967295 costs nothing.
func (w *walker) memoPut(key uint64, v val) error {
	w.ms.Puts++
	isNew := true
	if w.sparse != nil {
		if _, ok := w.sparse[key]; ok {
			isNew = false
			delete(w.sparse, key) // re-stored below, possibly in the dense range
		}
	}
	switch {
	case key < w.memoN:
		slot := &w.memo[key/memoChunk][key%memoChunk]
		if slot.k != kEmpty {
			isNew = false
		}
		*slot = v
	case key <= uint64(2*w.memoLen+1024):
		for w.memoN <= key {
			if w.memoN%memoChunk == 0 {
				w.memo = append(w.memo, make([]val, memoChunk))
				w.memo0 = w.memo[0]
			}
			w.memo[w.memoN/memoChunk][w.memoN%memoChunk] = val{vhdr: vhdr{k: kEmpty}}
			w.memoN++
		}
		w.memo[key/memoChunk][key%memoChunk] = v
	default:
		if w.sparse == nil {
			w.sparse = make(map[uint64]val)
		}
		w.sparse[key] = v
	}
	if isNew {
		w.memoLen++
		w.limit--
		if len(w.stack)+len(w.marks)+w.memoLen > w.maxStack {
			return limits.Exceeded("pickle stack and memo entries", int64(w.maxStack))
		}
	}
	return nil
}

func (w *walker) memoGet(key uint64) (val, bool) {
	if key < w.memoN {
		if v := w.memo[key/memoChunk][key%memoChunk]; v.k != kEmpty {
			return v, true
		}
	}
	if w.sparse == nil {
		return val{}, false
	}
	v, ok := w.sparse[key]
	return v, ok
}
