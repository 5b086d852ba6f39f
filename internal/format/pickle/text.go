package pickle

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Cheap text classification and decoding for the inspection of string constants.

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
