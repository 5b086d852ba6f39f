package canary

import "unicode/utf8"

// skeleton is a text reduced to its ASCII letters and digits, so that separators, whitespace,
// zero-width characters and markup a model inserts between the characters of a token do not
// hide it. off maps every skeleton byte back to the byte offset of its rune in the text.
type skeleton struct {
	exact []byte // case preserved (base64 is case-sensitive)
	lower []byte
	off   []int32
	m     matcher // multi-needle search tables, rebuilt per scan
}

// reset rebuilds the skeleton of text, reusing the buffers.
func (s *skeleton) reset(text string) {
	s.exact, s.lower, s.off = s.exact[:0], s.lower[:0], s.off[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if isAlnum(c) {
				s.push(c, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if b := foldRune(r); b != 0 {
			s.push(b, i)
		}
		i += size
	}
}

func (s *skeleton) push(c byte, at int) {
	s.exact = append(s.exact, c)
	s.lower = append(s.lower, toLower(c))
	s.off = append(s.off, int32(at))
}

// span converts the skeleton range [i, j) to a byte range of text.
func (s *skeleton) span(text string, i, j int) (int, int) {
	start := int(s.off[i])
	last := int(s.off[j-1])
	_, size := utf8.DecodeRuneInString(text[last:])
	return start, last + size
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func toLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldRune maps fullwidth forms and the Cyrillic and Greek letters that look like Latin ones
// to ASCII, and everything else to 0 (skipped). The list is short on purpose: it covers the
// look-alikes of the characters a hex or base64 token is made of.
func foldRune(r rune) byte {
	switch {
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return byte(r - 0xFEE0)
	}
	switch r {
	case 'а', 'α':
		return 'a'
	case 'А', 'Α':
		return 'A'
	case 'В', 'Β':
		return 'B'
	case 'с':
		return 'c'
	case 'С':
		return 'C'
	case 'ԁ':
		return 'd'
	case 'е':
		return 'e'
	case 'Е', 'Ε':
		return 'E'
	case 'Н', 'Η':
		return 'H'
	case 'і':
		return 'i'
	case 'І', 'Ι':
		return 'I'
	case 'ј':
		return 'j'
	case 'К', 'Κ':
		return 'K'
	case 'М', 'Μ':
		return 'M'
	case 'Ν':
		return 'N'
	case 'о', 'ο':
		return 'o'
	case 'О', 'Ο':
		return 'O'
	case 'р', 'ρ':
		return 'p'
	case 'Р', 'Ρ':
		return 'P'
	case 'ѕ':
		return 's'
	case 'Т', 'Τ':
		return 'T'
	case 'ν':
		return 'v'
	case 'х', 'χ':
		return 'x'
	case 'Х', 'Χ':
		return 'X'
	case 'у':
		return 'y'
	case 'Υ':
		return 'Y'
	case 'Ζ':
		return 'Z'
	}
	return 0
}
