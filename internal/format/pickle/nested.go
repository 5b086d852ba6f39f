package pickle

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
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
func (w *walker) inspect(v val, b []byte, cls textClass, off, n int64) (consumed bool, err error) {
	latin, isLatin := w.latinView(v, b, cls)
	enc, dec := w.sniffConst(latin, isLatin, b, cls, int64(len(b)) == n)
	w.noteCode(v, b, cls, dec, enc, off, n)
	switch {
	case enc == "":
		return false, nil
	case w.depth >= w.cfg.budget.MaxNested:
		w.nestedTooDeep(v, off, enc)
		return false, nil
	case enc == encRaw && (v.k != kStr || v.f&fLatin1 != 0 || len(latin) == len(b) && bytes.Equal(latin, b)):
		return true, w.nestedView(v, off, n)
	}
	return true, w.nestedDecoded(v, off, n, enc)
}

// inspectMem is inspect for a constant already decoded in memory (STRING, UNICODE).
func (w *walker) inspectMem(v val, data []byte, off, full int64) (bool, error) {
	cls := classify(data)
	latin, isLatin := w.latinView(v, data, cls)
	enc, dec := w.sniffConst(latin, isLatin, data, cls, int64(len(data)) == full)
	w.noteCode(v, data, cls, dec, enc, off, full)
	if enc == "" {
		return false, nil
	}
	if w.depth >= w.cfg.budget.MaxNested {
		w.nestedTooDeep(v, off, enc)
		return false, nil
	}
	raw := latin
	switch enc {
	case encBase64:
		raw = decodeB64(data)
	case encHex:
		raw = decodeHex(data)
	}
	return false, w.nestedBytes(v, off, enc, raw)
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
	if len(b) < 16 { // shorter text cannot encode a pickle that does anything
		return "", nil
	}
	var buf [48]byte
	var head []byte
	var all func() []byte
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

// nestedTooDeep lists an embedded pickle that a budget kept from being parsed, as a stream
// that exceeded it, so that the file is never mistaken for fully analysed.
func (w *walker) nestedTooDeep(v val, off int64, enc string) {
	w.nestedSkipped(v, off, enc, limits.Exceeded("nested pickle depth", int64(w.cfg.budget.MaxNested)))
}

func (w *walker) nestedSkipped(v val, off int64, enc string, why error) {
	st := &Stream{Exceeded: why}
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
	limit := min(int64(maxNestedBytes), *w.cfg.nestedLeft)
	if limit <= 0 {
		w.nestedSkipped(v, off, enc, limits.Exceeded("decoded embedded pickle bytes", nestedAllowance))
		return w.skipConst(n)
	}
	vw := newView(w.src, n)
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
	data, err := io.ReadAll(io.LimitReader(rd, limit))
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

// skipConst consumes a constant of n bytes at the current position.
func (w *walker) skipConst(n int64) error {
	if !w.src.skip(n) {
		return w.truncated("embedded pickle constant", n)
	}
	return nil
}

// nestedBytes parses an embedded pickle held in memory.
func (w *walker) nestedBytes(v val, off int64, enc string, data []byte) error {
	if *w.cfg.nestedLeft < int64(len(data)) {
		w.nestedSkipped(v, off, enc, limits.Exceeded("decoded embedded pickle bytes", nestedAllowance))
		return nil
	}
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
