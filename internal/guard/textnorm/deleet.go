package textnorm

// Deleet undoes "leetspeak" inside words: 0→o, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s, and 1, | and !
// become l after a vowel or l (ru1es, a11) unless an l follows (j41lbreak), and i elsewhere
// (1gnore, prev1ous). Only tokens
// that already hold an ASCII letter are touched, so numbers, prices and dates survive; a
// '!' or '|' is only mapped between two word characters ("stop!" keeps its '!').
//
// The result is a matching variant, not a display form: it damages words that genuinely
// mix letters and digits (mp3, b2b). Give it Normalize's output.
func Deleet(s string) string {
	var out []byte
	for i := 0; i < len(s); {
		// Fast skip to the next leet character that touches a letter.
		for i < len(s) && !(leetTable[s[i]] && (i > 0 && isASCIILetter(s[i-1]) || i+1 < len(s) && isASCIILetter(s[i+1]))) {
			i++
		}
		if i == len(s) {
			break
		}
		for i > 0 && isLeetWordByte(s[i-1]) { // back to the start of the word
			i--
		}
		if !isLeetWordByte(s[i]) {
			i++
			continue
		}
		j := i
		letter, leet := false, false
		for j < len(s) && isLeetWordByte(s[j]) {
			c := s[j]
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				letter = true
			} else if leetValue(c) != 0 {
				leet = true
			}
			j++
		}
		if letter && leet {
			if out == nil {
				out = []byte(s)
			}
			deleetWord(out, i, j)
		}
		i = j
	}
	if out == nil {
		return s
	}
	return string(out)
}

// leetTable marks the characters leetValue maps.
var leetTable = func() (t [256]bool) {
	for _, c := range "01345789@$!|" {
		t[c] = true
	}
	return t
}()

func isLeetWordByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '@' || c == '$' || c == '!' || c == '|'
}

// leetValue is the letter a leet character stands for (the 1/|/! family resolved later).
func leetValue(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	case '8':
		return 'b'
	case '9':
		return 'g'
	case '1', '|', '!':
		return 'i'
	}
	return 0
}

// deleetWord rewrites b[start:end] in place.
func deleetWord(b []byte, start, end int) {
	for k := start; k < end; k++ {
		c := b[k]
		v := leetValue(c)
		if v == 0 {
			continue
		}
		if (c == '!' || c == '|') && (k == start || k == end-1) {
			continue
		}
		if v == 'i' && k > start && isVowelOrL(b[k-1]) && (k+1 == end || b[k+1]|0x20 != 'l') {
			v = 'l'
		}
		b[k] = v
	}
}

func isVowelOrL(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u', 'l':
		return true
	}
	return false
}
