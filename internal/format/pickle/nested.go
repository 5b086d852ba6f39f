package pickle

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/limits"
)

// minInspect is the shortest constant examined for code or an embedded pickle ("I1\n." is 4).
const minInspect = 4

// Encodings of embedded pickles and constants.
const (
	encRaw    = "raw"
	encBase64 = "base64"
	encHex    = "hex"
)

// constKey identifies a constant for the recorder: its arena ref, or a key derived from its
// offset when nothing of it is stored.
func constKey(v val, off int64) int64 {
	if v.f&fOpaque == 0 {
		return v.i
	}
	return -(off + 1)
}

// inspect examines the prefix b of a length-prefixed constant of n bytes at off while the
// source is positioned at its first byte. Code-like text is listed in Strings; an embedded
// pickle (raw, base64 or hex) is parsed. consumed reports whether the constant's bytes were
// consumed from the source (only when an embedded pickle was parsed from it).
func (w *walker) inspect(v *val, b []byte, cls textClass, off, n int64) (consumed bool, err error) {
	latin, isLatin := w.latinView(*v, b, cls)
	enc, dec := w.sniffConst(latin, isLatin, b, cls, int64(len(b)) == n)
	w.noteCode(*v, b, cls, dec, enc, off, n)
	switch {
	case enc == "":
		return false, nil
	case w.depth >= w.cfg.budget.MaxNested:
		w.nestedTooDeep(*v, off, enc)
		return false, nil
	case enc == encRaw && (v.k != kStr || v.f&fLatin1 != 0 || len(latin) == len(b) && bytes.Equal(latin, b)):
		return true, w.nestedView(*v, off, n)
	}
	return true, w.nestedDecoded(*v, off, n, enc)
}

// inspectMem is inspect for a constant already decoded in memory (STRING, UNICODE).
func (w *walker) inspectMem(v *val, data []byte, off, full int64) (bool, error) {
	cls := classify(data)
	latin, isLatin := w.latinView(*v, data, cls)
	enc, dec := w.sniffConst(latin, isLatin, data, cls, int64(len(data)) == full)
	w.noteCode(*v, data, cls, dec, enc, off, full)
	if enc == "" {
		return false, nil
	}
	if w.depth >= w.cfg.budget.MaxNested {
		w.nestedTooDeep(*v, off, enc)
		return false, nil
	}
	raw := latin
	switch enc {
	case encBase64:
		raw = decodeB64(data)
	case encHex:
		raw = decodeHex(data)
	}
	return false, w.nestedBytes(*v, off, enc, raw)
}

// latinView returns the bytes a pickle loader would see for a str constant encoded with
// latin-1 (how protocol 2+ pickles get into str values): UTF-8 decoded to code points <= 0xff.
// ok is false when some code point does not fit, so the text cannot be a raw pickle.
func (w *walker) latinView(v val, b []byte, cls textClass) ([]byte, bool) {
	if v.k != kStr || v.f&fLatin1 != 0 || cls.any&cHigh == 0 {
		return b, true
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r > 0xff || (r == utf8.RuneError && size <= 1 && utf8.FullRune(b[i:])) {
			return b, false
		}
		if r == utf8.RuneError && size <= 1 {
			break // cut at the end of the kept prefix
		}
		out = append(out, byte(r))
		i += size
	}
	return out, true
}

// sniffConst decides whether a constant holds a pickle, returning its encoding and, for
// base64/hex text, the decoded head (also when it is not a pickle, for the code check). whole
// reports that b is the entire constant. Ordinary strings are rejected without allocating:
// the first decoded bytes must be able to start a pickle, or be printable text.
func (w *walker) sniffConst(latin []byte, latinOK bool, b []byte, cls textClass, whole bool) (enc string, dec []byte) {
	if latinOK && canStart(latin) && LooksLikePickle(latin) {
		return encRaw, nil
	}
	if len(b) < 8 {
		return "", nil
	}
	var buf [48]byte
	var head []byte
	var all func() []byte
	if len(b) < 16 { // shorter text cannot encode a pickle that does anything
		return "", nil
	}
	switch {
	case cls.all&cHex != 0:
		if whole && len(b)%2 != 0 {
			return "", nil
		}
		head = decodeHexInto(buf[:], b[:min(len(b), 2*len(buf))])
		whole = whole && len(b) <= 2*len(buf)
		enc, all = encHex, func() []byte { return decodeHex(b) }
	case cls.all&cB64 != 0 && isBase64Text(b, whole):
		head = decodeB64Into(buf[:], b[:min(len(b), 64)])
		whole = whole && len(b) <= 64
		enc, all = encBase64, func() []byte { return decodeB64(b) }
	default:
		return "", nil
	}
	if canStart(head) {
		if whole && LooksLikePickle(head) {
			return enc, append([]byte(nil), head...)
		}
		if !whole && trialOK(head) {
			if dec = all(); LooksLikePickle(dec) {
				return enc, dec
			}
			return "", dec
		}
	}
	if printable(head) {
		return "", all()
	}
	return "", nil
}

// trialOK reports whether a trial walk of head does not fail outright.
func trialOK(head []byte) bool {
	t := trial{b: head}
	return t.run(512) != trialBad
}

// printable reports whether b is mostly printable ASCII text.
func printable(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	n := 0
	for _, c := range b {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' {
			n++
		}
	}
	return n*10 >= len(b)*9
}

// noteCode lists a constant whose text, or decoded text, looks like code or a command.
func (w *walker) noteCode(v val, b []byte, cls textClass, dec []byte, enc string, off, n int64) {
	switch {
	case len(b) >= 8 && cls.any&cSpecial != 0 && looksLikeCode(b):
		w.rec.addConst(constKey(v, off), Constant{Offset: off, Text: string(b), Encoding: encRaw, Len: n})
	case len(dec) >= 8 && looksLikeCode(dec):
		e := enc
		if e == "" {
			e = encBase64
			if isHexText(b) {
				e = encHex
			}
		}
		w.rec.addConst(constKey(v, off), Constant{Offset: off, Text: string(dec), Encoding: e, Len: n})
	}
}

func (w *walker) nestedTooDeep(v val, off int64, enc string) {
	st := &Stream{Offset: 0, Exceeded: limits.Exceeded("nested pickle depth", int64(w.cfg.budget.MaxNested))}
	w.rec.addNested(constKey(v, off), Nested{Offset: off, Encoding: enc, File: &File{Streams: []*Stream{st}}})
}

// nestedView parses an embedded raw pickle in place, streaming from the outer source.
func (w *walker) nestedView(v val, off, n int64) error {
	vw := newView(w.src, n)
	src, err := newSourceSize(w.ctx, vw, w.cfg.budget.MaxFileBytes, nestedBuf(n))
	if err != nil {
		return err
	}
	f, err := parseFile(w.ctx, w.cfg, src, w.depth+1)
	if err != nil && !errors.Is(err, errSeekBack) {
		return err
	}
	w.rec.addNested(constKey(v, off), Nested{Offset: off, Encoding: encRaw, File: f})
	if !vw.finish() {
		return w.truncated("embedded pickle constant", n)
	}
	return nil
}

// nestedDecoded decodes (base64, hex or latin-1) an embedded pickle into memory, bounded by
// maxNestedBytes and the per-Parse allowance, and parses it.
func (w *walker) nestedDecoded(v val, off, n int64, enc string) error {
	vw := newView(w.src, n)
	limit := min(int64(maxNestedBytes), *w.cfg.nestedLeft)
	var rd io.Reader = vw
	switch enc {
	case encBase64:
		e := base64.StdEncoding
		if bytes.ContainsAny(w.src.peek(int(min(n, sniffLen))), "-_") {
			e = base64.URLEncoding
		}
		rd = base64.NewDecoder(e, vw)
	case encHex:
		rd = hex.NewDecoder(vw)
	default:
		limit = min(limit*2, n) // UTF-8 text, converted below
	}
	data, err := io.ReadAll(io.LimitReader(rd, max(limit, 0)))
	if ioErr := w.src.ioErr(); ioErr != nil {
		return ioErr
	}
	_ = err // a decoding error ends the data; what was decoded is still parsed
	if enc == encRaw {
		data, _ = w.latinView(v, data, classify(data))
	}
	if !vw.finish() {
		return w.truncated("embedded pickle constant", n)
	}
	return w.nestedBytes(v, off, enc, data)
}

// nestedBytes parses an embedded pickle held in memory.
func (w *walker) nestedBytes(v val, off int64, enc string, data []byte) error {
	*w.cfg.nestedLeft -= int64(len(data))
	src, err := newSourceSize(w.ctx, bytes.NewReader(data), w.cfg.budget.MaxFileBytes, nestedBuf(int64(len(data))))
	if err != nil {
		return err
	}
	f, err := parseFile(w.ctx, w.cfg, src, w.depth+1)
	if err != nil {
		return err
	}
	w.rec.addNested(constKey(v, off), Nested{Offset: off, Encoding: enc, File: f})
	return nil
}

// nestedBuf sizes the read buffer of an embedded pickle's source.
func nestedBuf(n int64) int {
	return int(min(max(n+16, 2*sniffLen), bufSize))
}

// canStart reports whether b can begin a pickle: a PROTO with a known protocol, or an opcode
// that is valid on an empty stack.
func canStart(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] == opProto {
		return len(b) < 2 || b[1] <= highestProtocol
	}
	return startOps[b[0]]
}

// startOps marks opcodes valid as the first of a pickle after PROTO (read-only).
var startOps = func() (t [256]bool) {
	for _, op := range []byte{opMark, opFrame, opFloat, opInt, opBinInt, opBinInt1, opLong, opBinInt2,
		opNone, opPersID, opString, opBinString, opShortBinString, opUnicode, opBinUnicode,
		opGlobal, opEmptyDict, opEmptyList, opEmptyTuple, opBinFloat, opExt1, opExt2, opExt4,
		opNewTrue, opNewFalse, opLong1, opLong4, opBinBytes, opShortBinBytes, opShortBinUnicode,
		opBinUnicode8, opBinBytes8, opEmptySet, opByteArray8, opNextBuffer} {
		t[op] = true
	}
	return t
}()

func isHexText(b []byte) bool {
	for _, c := range b {
		if hexVal(c) > 15 {
			return false
		}
	}
	return true
}

// isBase64Text reports whether b is base64 text (either alphabet, line breaks allowed). A
// whole constant must also have a length base64 encoders produce (a multiple of 4).
func isBase64Text(b []byte, whole bool) bool {
	pad, n := 0, 0
	for _, c := range b {
		switch {
		case c == '=':
			pad++
		case pad > 0:
			return false
		case c == '\n' || c == '\r':
			continue
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/', c == '-', c == '_':
		default:
			return false
		}
		n++
	}
	return pad <= 2 && (!whole || n%4 == 0)
}

// decodeHexInto decodes an even-length prefix of hex text into dst.
func decodeHexInto(dst, b []byte) []byte {
	b = b[:min(len(b)&^1, 2*len(dst))]
	n, _ := hex.Decode(dst, b)
	return dst[:n]
}

// decodeB64Into decodes a prefix of base64 text (no line breaks needed) into dst.
func decodeB64Into(dst, b []byte) []byte {
	if i := bytes.IndexAny(b, "\r\n="); i >= 0 {
		b = b[:i]
	}
	b = b[:min(len(b)&^3, len(dst)/3*4)]
	e := base64.RawStdEncoding
	if bytes.ContainsAny(b, "-_") {
		e = base64.RawURLEncoding
	}
	n, _ := e.Decode(dst, b)
	return dst[:n]
}

// decodeB64 decodes what it can of base64 text (standard or URL alphabet, padding optional,
// line breaks ignored).
func decodeB64(b []byte) []byte {
	clean := make([]byte, 0, len(b))
	url := false
	for _, c := range b {
		switch c {
		case '\n', '\r', '=':
			continue
		case '-', '_':
			url = true
		}
		clean = append(clean, c)
	}
	clean = clean[:len(clean)&^3+min(len(clean)&3, 3)]
	if len(clean)&3 == 1 {
		clean = clean[:len(clean)-1]
	}
	e := base64.RawStdEncoding
	if url {
		e = base64.RawURLEncoding
	}
	out := make([]byte, e.DecodedLen(len(clean)))
	n, _ := e.Decode(out, clean)
	return out[:n]
}

// decodeHex decodes an even-length prefix of hex text.
func decodeHex(b []byte) []byte {
	b = b[:len(b)&^1]
	out := make([]byte, len(b)/2)
	n, _ := hex.Decode(out, b)
	return out[:n]
}

// Byte classes for the single pass that decides which inspections a constant needs.
const (
	cB64     uint8 = 1 << iota // base64 alphabet (either), '=', line breaks
	cHex                       // hex digit
	cSpecial                   // a byte every code marker contains one of
	cHigh                      // >= 0x80
)

// byteClass is computed once and only read afterwards.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || strings.IndexByte("+/-_=\r\n", b) >= 0 {
			t[c] |= cB64
		}
		if hexVal(b) < 16 {
			t[c] |= cHex
		}
		if codeSpecial[b] {
			t[c] |= cSpecial
		}
		if b >= 0x80 {
			t[c] |= cHigh
		}
	}
	return t
}()

// textClass summarises a constant's bytes: classes all bytes share, and classes any byte has.
type textClass struct{ all, any uint8 }

func classify(b []byte) textClass {
	all, anyc := uint8(0xff), uint8(0)
	for _, c := range b {
		x := byteClass[c]
		all &= x
		anyc |= x
	}
	return textClass{all, anyc}
}
