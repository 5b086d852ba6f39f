package textnorm

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	minBase64Run = 16
	minHexDigits = 16
	minHexPairs  = 8
	minEscapes   = 3
	// maxRunChars caps how much of one encoded run is decoded (base64 of MaxDecodedBytes).
	maxRunChars = MaxDecodedBytes/3*4 + 4
)

// byte classes for the run scanner.
const (
	clsHex    = 1 << iota // 0-9 a-f A-F
	clsUpper              // A-Z
	clsLower              // a-z
	clsDigit              // 0-9
	clsB64Std             // + /
	clsB64URL             // - _
)

// classTable is built at compile time from the class rules: no mutable state.
var classTable = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= '0' && c <= '9':
			t[c] = clsDigit | clsHex
		case c >= 'a' && c <= 'z':
			t[c] = clsLower
		case c >= 'A' && c <= 'Z':
			t[c] = clsUpper
		case c == '+' || c == '/':
			t[c] = clsB64Std
		case c == '-' || c == '_':
			t[c] = clsB64URL
		}
		if c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
			t[c] |= clsHex
		}
	}
	return t
}()

// appendAlnumRuns finds runs of the base64 alphabet and decodes them as hex (when every
// character is a hex digit) or base64.
func appendAlnumRuns(out []Decoded, s string) []Decoded {
	for i := 0; i < len(s); {
		if classTable[s[i]] == 0 {
			i++
			continue
		}
		j, seen, all := i, uint8(0), uint8(0xff)
		for j < len(s) && classTable[s[j]] != 0 {
			seen |= classTable[s[j]]
			all &= classTable[s[j]]
			j++
		}
		end := j
		for end < len(s) && end-j < 2 && s[end] == '=' {
			end++
		}
		// Short runs may start separated hex pairs or 8-bit binary groups.
		n := j - i
		escaped := n == 3 && s[i] == 'x' && i > 0 && s[i-1] == '\\'
		if n == 2 || escaped || n == 4 && s[i] == '0' && s[i+1]|0x20 == 'x' {
			start := i
			if escaped {
				start = i - 1
			}
			if k, d, ok := hexPairsAt(s, start); ok {
				out = append(out, d)
				i = max(k, end)
				continue
			}
		} else if n%8 == 0 && isBits(s[i:j]) {
			if k, d, ok := binaryAt(s, i); ok {
				out = append(out, d)
				i = max(k, end)
				continue
			}
		}
		if j-i >= minBase64Run {
			if d, ok := decodeAlnum(s[i:j], seen, all); ok {
				out = append(out, Decoded{Method: d.Method, Text: d.Text, Start: i, End: end})
			}
		}
		i = end
	}
	return out
}

func decodeAlnum(run string, seen, all uint8) (Decoded, bool) {
	if len(run) > maxRunChars {
		run = run[:maxRunChars]
	}
	if all&clsHex != 0 {
		if len(run) < minHexDigits {
			return Decoded{}, false
		}
		run = run[:len(run)&^1]
		b, err := hex.DecodeString(run)
		if err != nil || !readable(b) {
			return Decoded{}, false
		}
		return Decoded{Method: "hex", Text: string(capDecoded(b))}, true
	}
	// Base64 of text of this length almost always mixes cases; long plain words do not.
	if seen&clsUpper == 0 || seen&clsLower == 0 || seen&clsB64Std != 0 && seen&clsB64URL != 0 {
		return Decoded{}, false
	}
	enc := base64.RawStdEncoding
	if seen&clsB64URL != 0 {
		enc = base64.RawURLEncoding
	}
	if len(run)%4 == 1 {
		run = run[:len(run)-1]
	}
	b, err := enc.DecodeString(run)
	if err != nil || !readable(b) {
		return Decoded{}, false
	}
	return Decoded{Method: "base64", Text: string(capDecoded(b))}, true
}

// hexPairsAt decodes a run of separated or prefixed hex pairs starting at s[i]: "\x69\x67…",
// "0x69, 0x67, …", "69 67 6e …" (at least minHexPairs pairs). k is where the run ends.
func hexPairsAt(s string, i int) (k int, d Decoded, ok bool) {
	if i > 0 && isAlnum(s[i-1]) {
		return i, d, false
	}
	b, end, pairs, marked := parseHexPairs(s, i)
	if pairs < minHexPairs || !marked || !readable(b) {
		return end, d, false
	}
	return end, Decoded{Method: "hex", Text: string(capDecoded(b)), Start: i, End: end}, true
}

func isBits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && s[i] != '1' {
			return false
		}
	}
	return len(s) > 0
}

func isHex(c byte) bool   { return classTable[c]&clsHex != 0 }
func isAlnum(c byte) bool { return classTable[c]&(clsLower|clsUpper|clsDigit) != 0 }

// parseHexPairs reads two-digit tokens from s[i:], each optionally prefixed by \x or 0x and
// separated by up to two of ' ', ',', ':'. marked is true when a prefix or separator was
// seen (contiguous digits are left to appendAlnumRuns).
func parseHexPairs(s string, i int) (b []byte, end, pairs int, marked bool) {
	k := i
	for k < len(s) && len(b) < MaxDecodedBytes {
		p := k
		prefixed := p+1 < len(s) && (s[p] == '\\' || s[p] == '0') && s[p+1]|0x20 == 'x'
		if prefixed {
			p += 2
		}
		if p+1 >= len(s) || !isHex(s[p]) || !isHex(s[p+1]) || p+2 < len(s) && isAlnum(s[p+2]) {
			break
		}
		b = append(b, unhex(s[p])<<4|unhex(s[p+1]))
		pairs++
		marked = marked || prefixed
		end = p + 2
		k = end
		for k < len(s) && k-end < 2 && (s[k] == ' ' || s[k] == ',' || s[k] == ':') {
			k++
		}
		marked = marked || k > end
	}
	return b, end, pairs, marked
}

// appendPercent decodes regions dense in %XX escapes.
func appendPercent(out []Decoded, s string) []Decoded {
	return appendEscapes(out, s, '%', "percent", percentAt)
}

// appendEntities decodes regions dense in HTML numeric character references (&#105; &#x69;).
func appendEntities(out []Decoded, s string) []Decoded {
	return appendEscapes(out, s, '&', "html-entities", entityAt)
}

// escapeFunc appends the decoding of one escape at s[i:] to dst and returns its length in s
// (0 when there is none; dst is then returned unchanged).
type escapeFunc func(dst []byte, s string, i int) ([]byte, int)

// appendEscapes finds regions where escapes follow each other within a short gap and decodes
// them, keeping the literal text between escapes.
func appendEscapes(out []Decoded, s string, lead byte, method string, at escapeFunc) []Decoded {
	const maxGap = 24
	var b []byte
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(s[i:], lead)
		if k < 0 {
			break
		}
		i += k
		if _, n := at(nil, s, i); n == 0 {
			continue
		}
		b = b[:0]
		last, kept, count := i, 0, 0
		for k := i; k < len(s) && k-last <= maxGap && len(b) < MaxDecodedBytes; {
			var n int
			if b, n = at(b, s, k); n > 0 {
				count++
				k += n
				last, kept = k, len(b)
				continue
			}
			b = append(b, s[k])
			k++
		}
		// Keep the literal tail of the last token ("%69gnore" ends in "gnore").
		for kept < len(b) && b[kept] != ' ' && b[kept] != '\n' && b[kept] != '\t' {
			kept++
			last++
		}
		if count >= minEscapes && readable(b[:kept]) {
			out = append(out, Decoded{Method: method, Text: string(capDecoded(b[:kept])), Start: i, End: last})
		}
		i = last - 1
	}
	return out
}

// percentAt decodes "%XX" at s[i:].
func percentAt(dst []byte, s string, i int) ([]byte, int) {
	if s[i] != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
		return dst, 0
	}
	return append(dst, unhex(s[i+1])<<4|unhex(s[i+2])), 3
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// entityAt decodes "&#NNN;" or "&#xHH;" at s[i:].
func entityAt(dst []byte, s string, i int) ([]byte, int) {
	if s[i] != '&' || i+3 >= len(s) || s[i+1] != '#' {
		return dst, 0
	}
	k, base := i+2, 10
	if s[k]|0x20 == 'x' {
		k, base = k+1, 16
	}
	j := k
	for j < len(s) && j-k < 7 && (base == 16 && isHex(s[j]) || s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j == k || j >= len(s) || s[j] != ';' {
		return dst, 0
	}
	v, err := strconv.ParseUint(s[k:j], base, 32)
	if err != nil || v > 0x10ffff || v >= 0xd800 && v <= 0xdfff {
		return dst, 0
	}
	return utf8.AppendRune(dst, rune(v)), j + 1 - i
}
