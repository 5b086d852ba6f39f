package metadata

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// Decoding bounds per metadata value.
const (
	maxDecodeCandidates = 64
	maxDecodedBytes     = 1 << 20
	minEncodedLen       = 16 // shorter runs are words and short ids, not payloads
	maxDecodeDepth      = 2
)

// Encoded runs: \x and \u00 escapes written out as text, hex digits, base64 (standard and URL
// alphabets, padded or not) and percent-encoding.
var (
	escRe    = regexp.MustCompile(`(?:\\x[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}){4,}`)
	pctRe    = regexp.MustCompile(`(?:%[0-9a-fA-F]{2}[^%\s]{0,8}){4,}`)
	escByteR = regexp.MustCompile(`\\(?:x|u00)([0-9a-fA-F]{2})`)
)

// decoded is one decoded run of a value.
type decoded struct {
	how   string // "base64", "hex", "\\x escapes", "percent-encoding"
	lo    int    // offset of the encoded run in the value
	bytes []byte
}

// decodeRuns returns the decodings of the encoded runs in s, bounded in count and size.
func decodeRuns(s string) []decoded {
	var out []decoded
	budget := maxDecodedBytes
	add := func(how string, lo int, b []byte) {
		if len(b) == 0 || len(out) >= maxDecodeCandidates || len(b) > budget {
			return
		}
		budget -= len(b)
		out = append(out, decoded{how: how, lo: lo, bytes: b})
	}
	for _, loc := range escRe.FindAllStringIndex(s, maxDecodeCandidates) {
		var b []byte
		for _, m := range escByteR.FindAllStringSubmatch(s[loc[0]:loc[1]], -1) {
			v, _ := strconv.ParseUint(m[1], 16, 8)
			b = append(b, byte(v))
		}
		add(`\x escapes`, loc[0], b)
	}
	for _, loc := range runs(s, isHexByte, 0) {
		run := s[loc[0]:loc[1]]
		if len(run)%2 == 1 {
			run = run[:len(run)-1]
		}
		if b, err := hex.DecodeString(run); err == nil {
			add("hex", loc[0], b)
		}
	}
	for _, loc := range runs(s, isBase64Byte, 2) {
		if b := decodeBase64(s[loc[0]:loc[1]]); b != nil && !isHex(s[loc[0]:loc[1]]) {
			add("base64", loc[0], b)
		}
	}
	for _, loc := range pctRe.FindAllStringIndex(s, maxDecodeCandidates) {
		if v, err := url.PathUnescape(s[loc[0]:loc[1]]); err == nil {
			add("percent-encoding", loc[0], []byte(v))
		}
	}
	return out
}

// runs returns the [start, end) ranges of maximal runs of at least minEncodedLen bytes for
// which in is true, each extended by up to pad '=' characters, at most maxDecodeCandidates.
func runs(s string, in func(byte) bool, pad int) [][2]int {
	var out [][2]int
	for i := 0; i < len(s) && len(out) < maxDecodeCandidates; {
		if !in(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && in(s[j]) {
			j++
		}
		end := j
		for end < len(s) && end-j < pad && s[end] == '=' {
			end++
		}
		if j-i >= minEncodedLen {
			out = append(out, [2]int{i, end})
		}
		i = end
		if i == j {
			i = j + 1
		}
	}
	return out
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// isBase64Byte accepts both alphabets; decodeBase64 tries each.
func isBase64Byte(c byte) bool {
	return isHexByte(c) || c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' || c == '+' || c == '/' || c == '-' || c == '_'
}

// decodeBase64 tries the standard and URL alphabets, padded and raw.
func decodeBase64(run string) []byte {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(run); err == nil {
			return b
		}
	}
	// A run glued to other base64-alphabet text: decode the longest valid prefix.
	n := len(run) / 4 * 4
	if n >= minEncodedLen {
		if b, err := base64.StdEncoding.DecodeString(run[:n]); err == nil {
			return b
		}
	}
	return nil
}

// isHex: hex runs are decoded as hex only; hashes and ids are very common in metadata.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

// printable reports whether b is mostly readable text (UTF-8, few control characters), the
// only decodings worth checking for code.
func printable(b []byte) bool {
	if len(b) < 4 || !utf8.Valid(b) {
		return false
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			ctl++
		}
	}
	return ctl*20 <= len(b) && bytes.ContainsAny(b, " ();|/.=")
}
