package textnorm

import "slices"

// appendRot13 adds the rot13 of s when s says it is rot13/Caesar-encoded or when at least
// two of its words are rot13 spellings of injection trigger words. One pass over the ASCII
// words with a fixed buffer: no allocation unless it decides to decode.
func appendRot13(out []Decoded, s string) []Decoded {
	mentioned, triggers := false, 0
	var buf [16]byte
	for i := 0; i < len(s); {
		if classTable[s[i]]&(clsLower|clsUpper) == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && classTable[s[j]]&(clsLower|clsUpper|clsDigit) != 0 {
			j++
		}
		if j-i < 3 || j-i > 12 || !rot13Prefix(s[i], s[i+1]) {
			i = j
			continue
		}
		w := lowerInto(buf[:0], s[i:j])
		switch {
		case slices.Contains(rot13Mentions, string(w)):
			mentioned = true
		case string(w) == "rot":
			k := j
			if k < len(s) && (s[k] == ' ' || s[k] == '-' || s[k] == '_') {
				k++
			}
			mentioned = mentioned || len(s)-k >= 2 && s[k:k+2] == "13"
		default:
			if isRot13Trigger(w) {
				triggers++
			}
		}
		i = j
	}
	if !mentioned && triggers < 2 {
		return out
	}
	n := min(len(s), MaxDecodedBytes)
	b := make([]byte, n)
	for k := 0; k < n; k++ {
		b[k] = rot13(s[k])
	}
	return append(out, Decoded{Method: "rot13", Text: string(capDecoded(b)), Start: 0, End: n})
}

// rot13Mentions are the words that say a text is rot13-encoded ("rot 13" is handled apart).
var rot13Mentions = []string{"rot13", "rot47", "caesar", "rotate13"}

// rot13Triggers are rot13 spellings of words attacks hide: ignore, disregard, forget,
// instruction(s), previous, prior, system, prompt, password, secret, rules, reveal, override,
// jailbreak.
var rot13Triggers = []string{"vtaber", "qvfertneq", "sbetrg", "vafgehpgvba", "vafgehpgvbaf", "cerivbhf", "cevbe",
	"flfgrz", "cebzcg", "cnffjbeq", "frperg", "ehyrf", "erirny", "bireevqr", "wnvyoernx"}

// isRot13Trigger reports a (lower-case) rot13 spelling of a trigger word.
func isRot13Trigger(w []byte) bool { return slices.Contains(rot13Triggers, string(w)) }

// rot13Pairs marks the first two letters (lower-cased, a–z) of every word appendRot13 looks
// for, so that most words of ordinary text are passed over after two table reads.
var rot13Pairs = func() (t [26 * 26]bool) {
	for _, w := range append(append([]string{"rot"}, rot13Mentions...), rot13Triggers...) {
		t[int(w[0]-'a')*26+int(w[1]-'a')] = true
	}
	return t
}()

// rot13Prefix reports whether a word starting with the letter a and then b may be one of
// the words appendRot13 looks for.
func rot13Prefix(a, b byte) bool {
	a, b = a|0x20, b|0x20
	return b >= 'a' && b <= 'z' && rot13Pairs[int(a-'a')*26+int(b-'a')]
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// lowerInto lower-cases w into buf when it fits; longer words are returned empty (no
// trigger is that long).
func lowerInto(buf []byte, w string) []byte {
	if len(w) > cap(buf) {
		return buf[:0]
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

func rot13(c byte) byte {
	switch {
	case c >= 'a' && c <= 'z':
		return 'a' + (c-'a'+13)%26
	case c >= 'A' && c <= 'Z':
		return 'A' + (c-'A'+13)%26
	}
	return c
}
