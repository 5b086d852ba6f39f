package textnorm

import "strings"

const (
	minBinaryBytes  = 4
	minMorseLetters = 4
)

// binaryAt decodes a run of 8-bit groups ("01001001 01100111 …", separated by single spaces
// or contiguous) starting at s[i]. k is where the run ends.
func binaryAt(s string, i int) (k int, d Decoded, ok bool) {
	if i > 0 && isAlnum(s[i-1]) {
		return i, d, false
	}
	b, end := parseBinary(s, i)
	if len(b) < minBinaryBytes || !readable(b) {
		return end, d, false
	}
	return end, Decoded{Method: "binary", Text: string(b), Start: i, End: end}, true
}

func parseBinary(s string, i int) ([]byte, int) {
	{
		var b []byte
		k, end := i, i
		for k+8 <= len(s) && len(b) < MaxDecodedBytes {
			v, ok := bits8(s[k : k+8])
			if !ok {
				break
			}
			b = append(b, v)
			k += 8
			end = k
			if k < len(s) && s[k] == ' ' {
				k++
			}
		}
		if end < len(s) && isAlnum(s[end]) {
			b = nil // the run ends inside a longer token: not a clean encoding
		}
		return b, end
	}
}

func bits8(s string) (byte, bool) {
	var v byte
	for i := 0; i < 8; i++ {
		switch s[i] {
		case '0':
			v <<= 1
		case '1':
			v = v<<1 | 1
		default:
			return 0, false
		}
	}
	return v, true
}

// appendMorse decodes runs of Morse letters separated by single spaces, with words
// separated by " / ", " | " or two spaces.
func appendMorse(out []Decoded, s string) []Decoded {
	// Four Morse letters always include a two-symbol code: skip texts without one.
	if !strings.Contains(s, ".-") && !strings.Contains(s, "-.") && !strings.Contains(s, "..") && !strings.Contains(s, "--") {
		return out
	}
	for i := 0; i < len(s); i++ {
		if !isMorse(s[i]) || i > 0 && !morseOpens(s[i-1]) {
			continue
		}
		b, end, letters := parseMorse(s, i)
		if letters >= minMorseLetters && readable(b) {
			out = append(out, Decoded{Method: "morse", Text: string(b), Start: i, End: end})
		}
		if end > i {
			i = end - 1
		}
	}
	return out
}

func isMorse(c byte) bool { return c == '.' || c == '-' }

// morseOpens reports whether c may come right before a Morse run: a space or line break,
// a quote or a colon.
func morseOpens(c byte) bool {
	return isSpace(c) || c == '\'' || c == '"' || c == ':'
}

// morseCloses reports whether c may come right after a Morse letter: a space or line
// break, a word separator or a quote.
func morseCloses(c byte) bool {
	return isSpace(c) || c == '/' || c == '|' || c == '\'' || c == '"'
}

// isSpace reports whether c is an ASCII space, tab or line break.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// parseMorse reads Morse code from s[i:], returning the text, where it stopped and the
// number of letters.
func parseMorse(s string, i int) (b []byte, end, letters int) {
	k := i
	for k < len(s) && len(b) < MaxDecodedBytes {
		j := k
		for j < len(s) && isMorse(s[j]) && j-k <= 7 {
			j++
		}
		c := morseLetter(s[k:j])
		if c == 0 || j < len(s) && !morseCloses(s[j]) {
			break
		}
		b = append(b, c)
		letters++
		end = j
		// Separators: one space between letters; " / ", " | " or "  " between words.
		n := j
		for n < len(s) && n-j < 3 && (s[n] == ' ' || s[n] == '/' || s[n] == '|') {
			n++
		}
		if n < len(s) && isMorse(s[n]) {
			if n-j > 1 {
				b = append(b, ' ')
			}
			k = n
			continue
		}
		break
	}
	return b, end, letters
}

// morseLetter maps one Morse code to its letter or digit (0 when unknown).
func morseLetter(code string) byte {
	const table = ".-:a -...:b -.-.:c -..:d .:e ..-.:f --.:g ....:h ..:i .---:j -.-:k .-..:l --:m -.:n ---:o " +
		".--.:p --.-:q .-.:r ...:s -:t ..-:u ...-:v .--:w -..-:x -.--:y --..:z -----:0 .----:1 ..---:2 " +
		"...--:3 ....-:4 .....:5 -....:6 --...:7 ---..:8 ----.:9 .-.-.-:. --..--:, ..--..:? -.-.--:! "
	for i := 0; i < len(table); {
		j := i
		for table[j] != ':' {
			j++
		}
		if table[i:j] == code {
			return table[j+1]
		}
		i = j + 3
	}
	return 0
}
