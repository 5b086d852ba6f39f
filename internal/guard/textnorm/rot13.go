package textnorm

// appendRot13 adds the rot13 of s when s says it is rot13/Caesar-encoded or when at least
// two of its words are rot13 spellings of injection trigger words. One pass over the ASCII
// words with a fixed buffer: no allocation unless it decides to decode.
func appendRot13(out []Decoded, s string) []Decoded {
	mentioned, triggers := false, 0
	var buf [16]byte
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		if j-i < 3 || j-i > 12 || !rot13Initial(s[i]) {
			i = j
			continue
		}
		w := lowerInto(buf[:0], s[i:j])
		switch string(w) {
		case "rot13", "rot47", "caesar", "rotate13":
			mentioned = true
		case "rot":
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

// isRot13Trigger lists rot13 spellings of words attacks hide: ignore, disregard, forget,
// instruction(s), previous, prior, system, prompt, password, secret, rules, reveal, override,
// jailbreak.
func isRot13Trigger(w []byte) bool {
	switch string(w) {
	case "vtaber", "qvfertneq", "sbetrg", "vafgehpgvba", "vafgehpgvbaf", "cerivbhf", "cevbe",
		"flfgrz", "cebzcg", "cnffjbeq", "frperg", "ehyrf", "erirny", "bireevqr", "wnvyoernx":
		return true
	}
	return false
}

// rot13Initial reports the first letters of the words appendRot13 looks for.
func rot13Initial(c byte) bool {
	switch c | 0x20 {
	case 'b', 'c', 'e', 'f', 'q', 'r', 's', 'v', 'w':
		return true
	}
	return false
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
