package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// Bounds on decoding: untrusted text must not be able to make Decode do unbounded work.
const (
	// MaxDecodings is the most variants Decode returns.
	MaxDecodings = 8
	// MaxDecodedBytes caps the length of one decoded variant.
	MaxDecodedBytes = 16 << 10
	// MaxDecodeDepth is how many layers of encoding are peeled (base64 of hex, …).
	MaxDecodeDepth = 2
	// maxDecodeInput caps how much of the input is searched for encoded runs.
	maxDecodeInput = 1 << 20
)

// Decoded is one decoded variant of a run of the input that looked encoded.
type Decoded struct {
	// Method says how the run was encoded: "base64", "hex", "binary", "morse", "percent", "html-entities",
	// "rot13", "unicode-tags", "zero-width"; nested layers are joined by '/' outermost
	// first ("base64/hex").
	Method string
	// Text is the decoded text (valid UTF-8, mostly printable, at most MaxDecodedBytes).
	Text string
	// Start and End are the byte span of the encoded run in the input (of the outermost
	// layer for nested decodings).
	Start, End int
}

// Decodings returns the decoded texts of Decode(s): probe variants for scanners.
func Decodings(s string) []string {
	ds := Decode(s)
	if len(ds) == 0 {
		return nil
	}
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Text
	}
	return out
}

// Decode finds runs of s that look encoded and returns what they decode to, when that is
// readable text: base64 (standard and URL alphabets, ≥ 16 characters), hex (≥ 16 digits,
// also \xNN and space-separated pairs), 8-bit binary groups, Morse code, percent-encoding
// and HTML numeric entities (≥ 3 escapes), Unicode tag characters (U+E0020–U+E007E, ASCII smuggled invisibly),
// zero-width binary, and rot13 (only when the text mentions rot13/Caesar or when rot13
// turns several of its words into injection trigger words). Decoded texts are decoded
// again once (MaxDecodeDepth). At most MaxDecodings results, in order of discovery.
func Decode(s string) []Decoded {
	if len(s) > maxDecodeInput {
		s = s[:maxDecodeInput]
	}
	c := collector{}
	c.layer(s, "", 0, 0, 1)
	return c.out
}

// collector accumulates results up to MaxDecodings.
type collector struct {
	out []Decoded
}

func (c *collector) full() bool { return len(c.out) >= MaxDecodings }

// layer decodes the runs of s. prefix is the method chain so far; base is the outer span
// start (used when depth > 1, where spans refer to the outermost run).
func (c *collector) layer(s, prefix string, outerStart, outerEnd, depth int) {
	found := findRuns(s, !hasSuffix(prefix, "rot13"))
	for _, d := range found {
		if c.full() {
			return
		}
		if prefix != "" {
			d.Method = prefix + "/" + d.Method
			d.Start, d.End = outerStart, outerEnd
		}
		c.out = append(c.out, d)
		if depth < MaxDecodeDepth {
			c.layer(d.Text, d.Method, d.Start, d.End, depth+1)
		}
	}
}

// findRuns applies every detector to s once.
// rot13 is false under a rot13 layer, where it would only undo that layer.
func findRuns(s string, rot13 bool) []Decoded {
	var out []Decoded
	out = appendTags(out, s)
	out = appendZeroWidth(out, s)
	out = appendAlnumRuns(out, s)
	out = appendMorse(out, s)
	out = appendPercent(out, s)
	out = appendEntities(out, s)
	if rot13 {
		out = appendRot13(out, s)
	}
	if len(out) > MaxDecodings {
		out = out[:MaxDecodings]
	}
	return out
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// readable reports whether b looks like text a human or a model would read: valid UTF-8,
// at least 4 characters, almost no control characters, and mostly letters, digits, spaces
// and punctuation, with a fair share of letters and digits (a decoded layer may be
// hex or base64 itself).
func readable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	runes, letters, bad := 0, 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		runes++
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letters++
		case r == '\n' || r == '\t' || r == '\r' || r == ' ':
		case unicode.IsControl(r) || r == utf8.RuneError || !unicode.IsPrint(r):
			bad++
		}
	}
	return runes >= 4 && bad*20 <= runes && letters*5 >= runes*2
}

// capDecoded truncates a decoded text to MaxDecodedBytes on a rune boundary.
func capDecoded(b []byte) []byte {
	if len(b) <= MaxDecodedBytes {
		return b
	}
	b = b[:MaxDecodedBytes]
	for len(b) > 0 {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size > 1 {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}
