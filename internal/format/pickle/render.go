package pickle

import (
	"bytes"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Rendering turns symbolic values into Python-like expressions for reports. Every rendering is
// bounded by a character limit and a depth limit, and stops walking as soon as the limit is
// reached, so a value that expands exponentially through memo GETs ("billion laughs") costs
// no more to render than a small one.

const (
	calleeLimit    = 400
	argsLimit      = 200
	resultLimit    = 200
	maxRenderDepth = 8
	strRenderLimit = 120
)

type renderer struct {
	w     *walker
	buf   []byte
	limit int
	cut   bool
}

// render returns a rendering of v of at most about limit bytes.
func (w *walker) render(v val, limit int) string {
	r := renderer{w: w, buf: w.rbuf[:0], limit: limit}
	r.val(v, 0)
	return r.done()
}

// renderArgs renders call arguments without the surrounding parentheses.
func (w *walker) renderArgs(args, kwargs val, limit int) string {
	r := renderer{w: w, buf: w.rbuf[:0], limit: limit}
	r.args(args, kwargs, 0)
	return r.done()
}

func (r *renderer) done() string {
	if r.cut {
		r.buf = append(r.buf, "..."...)
	}
	s := string(r.buf)
	r.w.rbuf = r.buf[:0]
	return s
}

func (r *renderer) full() bool {
	if len(r.buf) >= r.limit {
		r.cut = true
		return true
	}
	return false
}

func (r *renderer) put(s string) {
	if r.full() {
		return
	}
	if room := r.limit - len(r.buf); len(s) > room {
		s, r.cut = s[:room], true
	}
	r.buf = append(r.buf, s...)
}

func (r *renderer) val(v val, depth int) {
	if r.full() {
		return
	}
	if depth > maxRenderDepth {
		r.put("...")
		return
	}
	p := &r.w.pool
	switch v.k {
	case kNone:
		r.put("None")
	case kBool:
		if v.i != 0 {
			r.put("True")
		} else {
			r.put("False")
		}
	case kInt:
		r.buf = strconv.AppendInt(r.buf, v.i, 10)
	case kBigInt:
		r.bigInt(v)
	case kFloat:
		r.buf = appendPyFloat(r.buf, math.Float64frombits(uint64(v.i)))
	case kStr, kBytes, kByteArray:
		r.text(v)
	case kTuple, kList, kDict, kSet, kFrozenSet:
		r.container(v, depth)
	case kGlobal:
		r.put(globalName(p.bytesOf(v)))
	case kCall:
		r.call(v, depth)
	case kPersID:
		r.put("persistent_load(")
		if v.i >= 0 {
			if it := p.kept(p.node(v.i)); len(it) > 0 {
				r.val(it[0], depth+1)
			}
		}
		r.put(")")
	case kArray:
		r.put("numpy.ndarray(<inline joblib data>)")
	default:
		r.unknown(v)
	}
}

func (r *renderer) unknown(v val) {
	switch {
	case v.f&fMemoMiss != 0:
		r.put("<missing memo ")
		r.buf = strconv.AppendInt(r.buf, v.i, 10)
		r.put(">")
	case v.f&fBuffer != 0:
		r.put("<out-of-band buffer>")
	default:
		r.put("<unknown>")
	}
}

func (r *renderer) bigInt(v val) {
	if v.f&fOpaque != 0 {
		r.put("<int of ")
		r.buf = strconv.AppendInt(r.buf, v.i, 10)
		r.put(" bytes>")
		return
	}
	r.put(string(r.w.pool.bytesOf(v)))
	if v.f&fTrunc != 0 {
		r.put("...")
	}
}

func (r *renderer) text(v val) {
	b := r.w.pool.bytesOf(v)
	lim := min(strRenderLimit, max(r.limit-len(r.buf), 0))
	cut := v.f&(fTrunc|fOpaque) != 0
	if len(b) > lim {
		b, cut = b[:lim], true
	}
	switch v.k {
	case kBytes:
		r.buf = appendPyBytes(append(r.buf, 'b'), b)
	case kByteArray:
		r.buf = append(appendPyBytes(append(r.buf, "bytearray(b"...), b), ')')
	default:
		r.buf = appendPyStr(r.buf, b, v.f&fLatin1 != 0)
	}
	if cut {
		r.buf = append(r.buf, "..."...)
	}
}

// emptyForms and brackets are read-only rendering tables.
var emptyForms = map[kind]string{kTuple: "()", kList: "[]", kDict: "{}", kSet: "set()", kFrozenSet: "frozenset()"}

var brackets = map[kind][2]string{
	kTuple: {"(", ")"}, kList: {"[", "]"}, kDict: {"{", "}"}, kSet: {"{", "}"},
	kFrozenSet: {"frozenset({", "})"},
}

func (r *renderer) container(v val, depth int) {
	items, n, more := r.w.contents(v)
	if n == 0 && !more {
		r.put(emptyForms[v.k])
		return
	}
	br := brackets[v.k]
	r.put(br[0])
	step := int(pairSize(v.k))
	for i := 0; i+step <= len(items) && !r.full(); i += step {
		if i > 0 {
			r.put(", ")
		}
		r.val(items[i], depth+1)
		if step == 2 {
			r.put(": ")
			r.val(items[i+1], depth+1)
		}
	}
	if more {
		r.put(", ...")
	} else if v.k == kTuple && len(items) == 1 {
		r.put(",")
	}
	r.put(br[1])
}

// pairSize is how many kept items one element of a container of kind k uses.
func pairSize(k kind) int64 {
	if k == kDict {
		return 2
	}
	return 1
}

func (r *renderer) call(v val, depth int) {
	if v.i < 0 {
		r.put("<call>")
		return
	}
	p := &r.w.pool
	it := p.kept(p.node(v.i))
	if len(it) < callItems {
		r.put("<call>")
		return
	}
	r.val(it[callFn], depth+1)
	r.put("(")
	r.args(it[callArgs], it[callKwargs], depth+1)
	r.put(")")
}

// args renders a positional argument tuple and optional keyword dict.
func (r *renderer) args(args, kwargs val, depth int) {
	n := 0
	switch {
	case args.k == kTuple && args.f&fOpaque == 0 && args.i >= 0:
		items, _, partial := r.w.contents(args)
		for i, a := range items {
			if i > 0 {
				r.put(", ")
			}
			r.val(a, depth)
			n++
		}
		if partial {
			if n > 0 {
				r.put(", ")
			}
			r.put("...")
			n++
		}
	case args.k == kTuple && args.f&fOpaque == 0:
	case args.k == kNone:
	default:
		r.put("*")
		r.val(args, depth)
		n++
	}
	if kwargs.k == kDict || kwargs.k == kUnknown && kwargs.f != 0 {
		if n > 0 {
			r.put(", ")
		}
		r.kwargs(kwargs, depth)
	}
}

func (r *renderer) kwargs(kw val, depth int) {
	p := &r.w.pool
	if kw.k != kDict || kw.i < 0 {
		r.put("**")
		r.val(kw, depth)
		return
	}
	it := p.kept(p.node(kw.i))
	for i := 0; i+1 < len(it); i += 2 {
		if i > 0 {
			r.put(", ")
		}
		if it[i].k == kStr && it[i].f&(fTrunc|fOpaque) == 0 {
			r.put(string(p.bytesOf(it[i])))
			r.put("=")
		} else {
			r.put("**{")
			r.val(it[i], depth)
			r.put(": ")
		}
		r.val(it[i+1], depth)
	}
}

// globalName turns the stored "module\nname" into "module.name".
func globalName(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return string(b[:i]) + "." + string(b[i+1:])
	}
	return string(b)
}

// appendPyFloat formats f like Python's repr(float).
func appendPyFloat(b []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	case math.IsNaN(f):
		return append(b, "nan"...)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[bytes.IndexByte([]byte(e), 'e')+1:])
	if exp < -4 || exp >= 16 {
		return append(b, e...)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	b = append(b, s...)
	if !bytes.ContainsAny([]byte(s), ".") {
		b = append(b, ".0"...)
	}
	return b
}

// appendPyStr renders s like Python's repr(str). latin1 marks bytes that are code points.
func appendPyStr(b []byte, s []byte, latin1 bool) []byte {
	q := byte('\'')
	if bytes.IndexByte(s, '\'') >= 0 && bytes.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b = append(b, q)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf || latin1 {
			b = appendEscByte(b, c, q)
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if c == 0xed && i+2 < len(s) && s[i+1] >= 0xa0 && s[i+1] <= 0xbf && s[i+2]&0xc0 == 0x80 {
			// an encoded surrogate (UTF-8 "surrogatepass"), shown as Python does
			r, size = rune(c&0x0f)<<12|rune(s[i+1]&0x3f)<<6|rune(s[i+2]&0x3f), 3
			b = appendHex(b, `\u`, uint32(r), 4)
			i += size
			continue
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			b = appendHex(b, `\x`, uint32(c), 2)
		case unicode.IsPrint(r):
			b = append(b, s[i:i+size]...)
		case r <= 0xff:
			b = appendHex(b, `\x`, uint32(r), 2)
		case r <= 0xffff:
			b = appendHex(b, `\u`, uint32(r), 4)
		default:
			b = appendHex(b, `\U`, uint32(r), 8)
		}
		i += size
	}
	return append(b, q)
}

// appendPyBytes renders s like Python's repr(bytes) without the leading b.
func appendPyBytes(b []byte, s []byte) []byte {
	q := byte('\'')
	if bytes.IndexByte(s, '\'') >= 0 && bytes.IndexByte(s, '"') < 0 {
		q = '"'
	}
	b = append(b, q)
	for _, c := range s {
		b = appendEscByte(b, c, q)
	}
	return append(b, q)
}

func appendEscByte(b []byte, c, q byte) []byte {
	switch {
	case c == '\\' || c == q:
		return append(b, '\\', c)
	case c == '\n':
		return append(b, `\n`...)
	case c == '\r':
		return append(b, `\r`...)
	case c == '\t':
		return append(b, `\t`...)
	case c < 0x20 || c >= 0x7f:
		return appendHex(b, `\x`, uint32(c), 2)
	}
	return append(b, c)
}

func appendHex(b []byte, prefix string, v uint32, digits int) []byte {
	const hexdig = "0123456789abcdef"
	b = append(b, prefix...)
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hexdig[(v>>(4*uint(i)))&15])
	}
	return b
}
