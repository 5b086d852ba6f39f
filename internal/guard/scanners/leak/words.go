package leak

import (
	"unicode"
	"unicode/utf8"
)

// FNV-1a 64-bit parameters: words are hashed rune by rune while they are read, so the
// tokenizer never allocates.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// word is one normalised word of a text: its hash and its byte span in the original text.
type word struct {
	h          uint64
	start, end int
}

// eachWord calls fn for every word of text, in order. A word is a run of letters and digits,
// lower-cased, with fullwidth forms folded to ASCII, and with apostrophes and invisible format
// characters inside it skipped ("Don't" and "do\u200bn’t" are both "dont"); every other rune
// separates words, so markdown, punctuation and list numbering do not change the word
// sequence; HTML tags (<span>, </b>) are skipped, so that markup wrapped around every word
// does not insert words of its own. Han, Hiragana and Katakana characters are one word each (those scripts have no
// spaces). fn returning false stops the walk.
func eachWord(text string, fn func(w word) bool) {
	inWord := false
	var cur word
	for i := 0; i < len(text); {
		var c class
		var r rune
		size := 1
		if b := text[i]; b < utf8.RuneSelf {
			// ASCII fast path: class and fold from a constant table.
			c, r = class(asciiClass[b]), rune(b)
			if c == classUpper {
				c, r = classLetter, r+'a'-'A'
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			c = classify(r)
			r = fold(r)
		}
		switch {
		case c == classLetter:
			if !inWord {
				inWord, cur = true, word{h: fnvOffset, start: i}
			}
			cur.h = (cur.h ^ uint64(r)) * fnvPrime
			cur.end = i + size
		case c == classSingle:
			if inWord && !fn(cur) {
				return
			}
			inWord = false
			if !fn(word{h: (fnvOffset ^ uint64(r)) * fnvPrime, start: i, end: i + size}) {
				return
			}
		case c == classJoin && inWord:
			// apostrophe or format character inside a word: part of the word, not a letter
		default:
			if inWord && !fn(cur) {
				return
			}
			inWord = false
			if r == '<' {
				size = tagLen(text, i)
			}
		}
		i += size
	}
	if inWord {
		fn(cur)
	}
}

// maxTag bounds how far a tag's closing '>' is looked for.
const maxTag = 64

// tagLen returns the length of the HTML tag starting at text[i] ('<' then a letter or '/',
// up to a '>' on the same line within maxTag bytes), or 1 when there is none.
func tagLen(text string, i int) int {
	if i+1 >= len(text) || !(text[i+1] == '/' || text[i+1] < utf8.RuneSelf && asciiClass[text[i+1]] >= 1 && text[i+1] > '9') {
		return 1
	}
	for k := i + 1; k < len(text) && k < i+maxTag; k++ {
		switch text[k] {
		case '>':
			return k - i + 1
		case '<', '\n':
			return 1
		}
	}
	return 1
}

type class uint8

const (
	classSep class = iota
	classLetter
	classSingle // a word on its own (CJK)
	classJoin   // kept inside a word, ignored
	classUpper  // ASCII upper-case letter (table only)
)

// asciiClass is the class of every ASCII byte: 0 separator, 1 letter or digit, 3 apostrophe,
// 4 upper-case letter.
const asciiClass = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00" + // ' is 0x27
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00" + // 0-9
	"\x00\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04" + // A-O
	"\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x04\x00\x00\x00\x00\x00" + // P-Z
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" + // a-o
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00" //   p-z

func classify(r rune) class {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return classLetter
		case r == '\'':
			return classJoin
		}
		return classSep
	}
	switch {
	case r == '\u2019' || r == '\u02bc' || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r):
		return classJoin
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return classSingle
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classLetter
	}
	return classSep
}

// fold lower-cases r and maps fullwidth ASCII to ASCII.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}
