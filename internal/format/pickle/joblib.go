package pickle

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/limits"
)

// joblib writes numpy arrays as a NumpyArrayWrapper object whose BUILD is followed, outside any
// pickle opcode, by the raw array bytes (after an alignment byte and padding), or for object
// arrays by a separate protocol 2 pickle. The walker must step over those bytes exactly as
// joblib's NumpyUnpickler does, or every joblib file would look malformed.

// isJoblibWrapper reports whether a call creates a NumpyArrayWrapper: NEWOBJ of the class, or
// copyreg._reconstructor(cls, object, None) at protocols 0 and 1.
func (w *walker) isJoblibWrapper(op byte, fn, args val) bool {
	if w.isGlobal(fn, "NumpyArrayWrapper", "joblib.numpy_pickle") {
		return true
	}
	if op != opReduce || !w.isGlobal(fn, "_reconstructor", "copyreg", "copy_reg") || args.k != kTuple || args.i < 0 {
		return false
	}
	it := w.pool.kept(w.pool.node(args.i))
	return len(it) > 0 && w.isGlobal(it[0], "NumpyArrayWrapper", "joblib.numpy_pickle")
}

// arraySpec is what joblib needs to read an inline array.
type arraySpec struct {
	nbytes  int64
	object  bool // dtype holds Python objects: a pickle follows instead of raw bytes
	aligned bool // an alignment byte and that many padding bytes precede the data
}

// joblibArray steps over the inline data of the wrapper t (just built with state) and
// replaces it with an array placeholder. State it cannot size stops the stream (fail closed).
func (w *walker) joblibArray(t *val, state val) error {
	spec, why := w.arraySpec(state)
	if why != "" {
		w.anomaly(AnomalyJoblibArray, w.opStart, why)
		return w.failf("joblib NumpyArrayWrapper: %s", why)
	}
	if off := w.src.offset(); w.frameEnd > off {
		w.anomaly(AnomalyFrameMismatch, w.opStart, "joblib array data inside a FRAME")
		return w.failf("joblib NumpyArrayWrapper: array data inside a FRAME (%d frame bytes left)", w.frameEnd-off)
	}
	w.frameEnd = 0
	if spec.object {
		return w.joblibObjects(t)
	}
	if spec.aligned {
		if err := w.need(1, opBuild); err != nil {
			return err
		}
		if pad := w.u8(); !w.src.skip(pad) {
			return w.truncated("joblib array padding", pad)
		}
	}
	if left := w.src.left(); left >= 0 && spec.nbytes > left {
		return w.failf("joblib array of %d bytes exceeds the %d bytes left", spec.nbytes, left)
	}
	if !w.src.skip(spec.nbytes) {
		return w.truncated("joblib array data", spec.nbytes)
	}
	*t = val{vhdr: vhdr{k: kArray}}
	return nil
}

// joblibObjects walks the protocol 2 pickle joblib writes for an object array.
func (w *walker) joblibObjects(t *val) error {
	off := w.src.offset()
	if w.depth >= w.cfg.budget.MaxNested {
		return limits.Exceeded("nested pickle depth", int64(w.cfg.budget.MaxNested))
	}
	st, err := walkStream(w.ctx, w.cfg, w.src, w.depth+1)
	w.rec.addNested(-(off + 1), Nested{Offset: off, Encoding: encRaw, Loader: "pickle.load", File: &File{Streams: []*Stream{st}}})
	if err != nil {
		return err
	}
	if !st.Complete {
		w.anomaly(AnomalyJoblibArray, off, "object array pickle is incomplete")
		return w.failf("joblib object array pickle at offset %d is incomplete", off)
	}
	*t = val{vhdr: vhdr{k: kArray}}
	return nil
}

// arraySpec reads the wrapper state dict; why explains what could not be understood.
func (w *walker) arraySpec(state val) (spec arraySpec, why string) {
	if state.k != kDict || state.i < 0 {
		return spec, "state is a " + kindName(state.k) + ", not a dict"
	}
	it, n, partial := w.contents(state)
	if partial {
		return spec, fmt.Sprintf("state has %d entries", n)
	}
	var shape, dtype val
	var haveShape, haveDtype bool
	for i := 0; i+1 < len(it); i += 2 {
		if !exactStr(it[i]) {
			continue
		}
		switch string(w.pool.bytesOf(it[i])) {
		case "shape":
			shape, haveShape = it[i+1], true
		case "dtype":
			dtype, haveDtype = it[i+1], true
		case "numpy_array_alignment_bytes":
			switch it[i+1].k {
			case kInt:
				spec.aligned = true
			case kNone:
			default:
				return spec, "numpy_array_alignment_bytes is a " + kindName(it[i+1].k)
			}
		}
	}
	if !haveShape || !haveDtype {
		return spec, "state lacks shape or dtype"
	}
	count, ok := w.shapeCount(shape)
	if !ok {
		return spec, "shape is not a tuple of sizes: " + w.render(shape, 80)
	}
	size, object, ok := w.dtypeInfo(dtype)
	if !ok {
		return spec, "dtype cannot be sized: " + w.render(dtype, 80)
	}
	spec.object = object
	hi, lo := bits.Mul64(uint64(count), uint64(size))
	if hi != 0 || lo > 1<<62 {
		return spec, "array size overflows"
	}
	spec.nbytes = int64(lo)
	return spec, ""
}

// shapeCount multiplies the dimensions of a shape tuple.
func (w *walker) shapeCount(shape val) (int64, bool) {
	if shape.k != kTuple || shape.f&fOpaque != 0 {
		return 0, false
	}
	if shape.i < 0 {
		return 1, true // () is a scalar
	}
	dims, _, partial := w.contents(shape)
	if partial {
		return 0, false
	}
	count := uint64(1)
	for _, d := range dims {
		if d.k != kInt || d.i < 0 {
			return 0, false
		}
		hi, lo := bits.Mul64(count, uint64(d.i))
		if hi != 0 || lo > 1<<62 {
			return 0, false
		}
		count = lo
	}
	return int64(count), true
}

// dtypeInfo sizes a numpy.dtype(typestr, align, copy) call with its BUILD state
// (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]).
func (w *walker) dtypeInfo(d val) (size int64, object, ok bool) {
	if d.k != kCall || d.i < 0 {
		return 0, false, false
	}
	it := w.pool.kept(w.pool.node(d.i))
	if len(it) < callItems || it[callArgs].k != kTuple || it[callArgs].i < 0 {
		return 0, false, false
	}
	args := w.pool.kept(w.pool.node(it[callArgs].i))
	if len(args) == 0 || !exactStr(args[0]) {
		return 0, false, false
	}
	ts := strings.TrimLeft(string(w.pool.bytesOf(args[0])), "<>|=!")
	j := 0
	for j < len(ts) && (ts[j] < '0' || ts[j] > '9') {
		j++
	}
	object = ts[:j] == "O" || strings.HasPrefix(strings.ToLower(ts), "object")
	size, _ = strconv.ParseInt(ts[j:], 10, 64)
	if st := it[callState]; st.k == kTuple && st.i >= 0 {
		if s := w.pool.kept(w.pool.node(st.i)); len(s) >= 8 {
			if s[5].k == kInt && s[5].i > 0 {
				size = s[5].i
			}
			// numpy trusts the flags of the state over the type string: an object type whose
			// state clears the object flag makes joblib read raw bytes as object pointers.
			if flagged := s[7].k == kInt && s[7].i&1 != 0; s[7].k == kInt && flagged != object {
				return 0, false, false
			}
		}
	}
	return size, object, object || size > 0
}
