package mcp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// confusables maps letters of other scripts that look like Latin ones (Cyrillic, Greek,
// Armenian, IPA) to the Latin letter, so that "іgnоre" written with Cyrillic і and о reads
// as "ignore". Only letters that are visually the same in common fonts are listed.
var confusables = map[rune]byte{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't',
	'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ү': 'y',
	'ӏ': 'l', 'ɡ': 'g', 'ı': 'i', 'ɩ': 'i', 'ո': 'n', 'օ': 'o', 'ս': 'u', 'ց': 'g', 'հ': 'h',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ү': 'Y', 'Ԁ': 'D', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ӏ': 'I',
	// Greek
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ι': 'i', 'ν': 'v', 'κ': 'k', 'υ': 'u', 'χ': 'x', 'ε': 'e', 'τ': 't',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
}

// foldRune returns the ASCII letter or digit r stands for (a look-alike letter, a fullwidth,
// circled or mathematical form), or 0.
func foldRune(r rune) byte {
	switch {
	case r < utf8.RuneSelf:
		return 0
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII
		return byte(r - 0xFEE0)
	case r >= 0x24B6 && r <= 0x24CF: // circled capitals
		return byte('A' + r - 0x24B6)
	case r >= 0x24D0 && r <= 0x24E9: // circled small letters
		return byte('a' + r - 0x24D0)
	case r >= 0x1D400 && r <= 0x1D6A3: // mathematical alphanumeric letters, 52 per style
		k := (r - 0x1D400) % 52
		if k < 26 {
			return byte('A' + k)
		}
		return byte('a' + k - 26)
	case r >= 0x1D7CE && r <= 0x1D7FF: // mathematical digits, 10 per style
		return byte('0' + (r-0x1D7CE)%10)
	}
	return confusables[r]
}

// ignorable reports characters that do not render or only modify the one before: format
// controls (zero-width, bidi, soft hyphen, tags), default-ignorable fillers, variation
// selectors and combining marks.
func ignorable(r rune) bool {
	return r >= 0x80 && (unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r) || unicode.Is(unicode.Mn, r))
}

// fold returns text with ignorable characters removed and look-alike letters replaced by
// the Latin letters they imitate, with idx mapping each byte of the result (and its end) to
// the byte of text it came from. changed is false, and nothing is allocated, when text has
// nothing to fold: then phrases already saw what fold would show.
func fold(text string) (folded string, idx []int, changed bool) {
	first := -1
	for i, r := range text {
		if r >= utf8.RuneSelf && (ignorable(r) || foldRune(r) != 0) {
			first = i
			break
		}
	}
	if first < 0 {
		return text, nil, false
	}
	var b strings.Builder
	b.Grow(len(text))
	idx = make([]int, 0, len(text)+1)
	b.WriteString(text[:first])
	for i := range first {
		idx = append(idx, i)
	}
	for i := first; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch c := foldRune(r); {
		case c != 0:
			b.WriteByte(c)
			idx = append(idx, i)
		case ignorable(r):
		default:
			b.WriteString(text[i : i+n])
			for k := range n {
				idx = append(idx, i+k)
			}
		}
		i += n
	}
	idx = append(idx, len(text))
	return b.String(), idx, true
}
