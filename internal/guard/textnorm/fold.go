package textnorm

import (
	"bytes"

	"golang.org/x/text/unicode/norm"
)

// isInvisible reports characters that render as nothing (or nearly nothing) and carry no
// meaning for matching: zero-width characters, bidi controls, variation selectors, tag
// characters, C1 controls, fillers and private-use code points.
func isInvisible(r rune) bool {
	switch {
	case r < 0x80:
		return r < 0x20 && !(r >= '\t' && r <= '\r') || r == 0x7f
	case r <= 0x9f, r == 0xad, r == 0x34f, r == 0x61c:
		return true
	case r == 0x115f, r == 0x1160, r == 0x17b4, r == 0x17b5, r == 0x3164, r == 0xffa0:
		return true
	case r >= 0x180b && r <= 0x180f:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2060 && r <= 0x206f:
		return true
	case r >= 0xe000 && r <= 0xf8ff: // private use
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r == 0xfeff, r >= 0xfff9 && r <= 0xfffb:
		return true
	case r >= 0x1bca0 && r <= 0x1bca3, r >= 0x1d173 && r <= 0x1d17a:
		return true
	case r >= 0xe0000 && r <= 0xe007f, r >= 0xe0100 && r <= 0xe01ef:
		return true
	case r >= 0xf0000: // supplementary private use planes
		return true
	}
	return false
}

// isCombiningMark reports the generic combining diacritics (accents, "Zalgo" stacks,
// enclosing marks). Script-specific marks (Devanagari vowel signs, kana voicing marks) are
// not included: they are part of the letters of those scripts.
func isCombiningMark(r rune) bool {
	return r >= 0x300 && r <= 0x36f || r >= 0x1ab0 && r <= 0x1aff || r >= 0x1dc0 && r <= 0x1dff ||
		r >= 0x20d0 && r <= 0x20ff || r >= 0xfe20 && r <= 0xfe2f
}

// isLatinLetter reports accented and extended Latin letters.
func isLatinLetter(r rune) bool {
	return r >= 0xc0 && r <= 0x24f && r != 0xd7 && r != 0xf7 || r >= 0x1e00 && r <= 0x1eff
}

// isLookalike reports letters of other scripts that fold to Latin only inside Latin words.
func isLookalike(r rune) bool {
	return scriptLookalike(r) != 0
}

// foldLetter maps r to the Latin letter it imitates. Styled Latin (small capitals, squared,
// circled and regional-indicator letters, dotless i, …) is always folded; Cyrillic, Greek
// and Armenian look-alikes only when mixed is set, because in a word of their own script
// they are genuine letters.
func foldLetter(r rune, mixed bool) (rune, bool) {
	if r < 0x80 {
		return r, false
	}
	if f := styledLatin(r); f != 0 {
		return f, true
	}
	if mixed {
		if f := scriptLookalike(r); f != 0 {
			return f, true
		}
	}
	return r, false
}

// styledLatin folds Latin-script letters that Unicode gives no compatibility decomposition.
func styledLatin(r rune) rune {
	switch {
	case r >= 0x1f150 && r <= 0x1f169: // negative circled A-Z
		return 'a' + (r - 0x1f150)
	case r >= 0x1f170 && r <= 0x1f189: // negative squared A-Z
		return 'a' + (r - 0x1f170)
	case r >= 0x1f1e6 && r <= 0x1f1ff: // regional indicators
		return 'a' + (r - 0x1f1e6)
	}
	switch r {
	case 'ᴀ', 'ɑ':
		return 'a'
	case 'ʙ':
		return 'b'
	case 'ᴄ':
		return 'c'
	case 'ᴅ', 'đ':
		return 'd'
	case 'ᴇ':
		return 'e'
	case 'ꜰ', 'ƒ':
		return 'f'
	case 'ɢ', 'ɡ':
		return 'g'
	case 'ʜ', 'ħ':
		return 'h'
	case 'ɪ', 'ı', 'ɩ':
		return 'i'
	case 'ᴊ', 'ȷ':
		return 'j'
	case 'ᴋ':
		return 'k'
	case 'ʟ', 'ł', 'ŀ':
		return 'l'
	case 'ᴍ':
		return 'm'
	case 'ɴ':
		return 'n'
	case 'ᴏ', 'ø':
		return 'o'
	case 'ᴘ':
		return 'p'
	case 'ǫ':
		return 'q'
	case 'ʀ':
		return 'r'
	case 'ꜱ':
		return 's'
	case 'ᴛ':
		return 't'
	case 'ᴜ':
		return 'u'
	case 'ᴠ':
		return 'v'
	case 'ᴡ':
		return 'w'
	case 'ʏ':
		return 'y'
	case 'ᴢ':
		return 'z'
	}
	return 0
}

// scriptLookalike is a compact confusables table: Cyrillic, Greek and Armenian letters
// that are drawn like a Latin letter in common fonts.
func scriptLookalike(r rune) rune {
	if r < 0x370 || r > 0x58f {
		return 0
	}
	switch r {
	case 'а', 'А', 'α', 'Α':
		return 'a'
	case 'В', 'Β', 'ь', 'Ь':
		return 'b'
	case 'с', 'С', 'ϲ', 'Ϲ':
		return 'c'
	case 'ԁ':
		return 'd'
	case 'е', 'Е', 'Ε', 'ε':
		return 'e'
	case 'ց':
		return 'g'
	case 'һ', 'Һ', 'Η', 'н', 'Н', 'հ':
		return 'h'
	case 'і', 'І', 'ι', 'Ι', 'ӏ', 'Ӏ':
		return 'i'
	case 'ј', 'Ј', 'ϳ':
		return 'j'
	case 'к', 'К', 'κ', 'Κ':
		return 'k'
	case 'м', 'М', 'Μ':
		return 'm'
	case 'Ν', 'ո', 'п':
		return 'n'
	case 'о', 'О', 'ο', 'Ο', 'օ', 'σ':
		return 'o'
	case 'р', 'Р', 'ρ', 'Ρ':
		return 'p'
	case 'ԛ', 'Ԛ', 'զ':
		return 'q'
	case 'г':
		return 'r'
	case 'ѕ', 'Ѕ':
		return 's'
	case 'т', 'Т', 'τ', 'Τ':
		return 't'
	case 'υ', 'ս', 'μ':
		return 'u'
	case 'ν', 'ѵ', 'Ѵ':
		return 'v'
	case 'ԝ', 'Ԝ', 'ѡ', 'ω':
		return 'w'
	case 'х', 'Х', 'χ', 'Χ':
		return 'x'
	case 'у', 'У', 'γ', 'Υ', 'Ү', 'ү':
		return 'y'
	case 'Ζ':
		return 'z'
	}
	return 0
}

// decompose returns the replacement of the rune r at the start of s, or nil to keep it:
// for Latin and Greek letters the full compatibility decomposition (so accents can be
// stripped), for other scripts only compatibility decompositions (fullwidth, mathematical,
// circled, ligatures), never canonical ones (Cyrillic й and kana with voicing marks stay).
func decompose(s string, r rune) []byte {
	switch {
	case r < 0x370 || r >= 0x1e00 && r <= 0x1fff, r >= 0x370 && r <= 0x3ff:
		return norm.NFKD.PropertiesString(s).Decomposition()
	case r >= 0x400 && r <= 0x52f, r >= 0x3040 && r <= 0x30ff, r >= 0x3400 && r <= 0x9fff,
		r >= 0xac00 && r <= 0xd7af:
		// Scripts whose only decompositions are canonical or that have none: keep.
		return nil
	}
	kd := norm.NFKD.PropertiesString(s).Decomposition()
	if kd == nil {
		return nil
	}
	if d := norm.NFD.PropertiesString(s).Decomposition(); d != nil && bytes.Equal(d, kd) {
		return nil
	}
	return kd
}
