package injection

import (
	"unicode"
	"unicode/utf8"
)

// token is one word of the normalised text (or one CJK literal found by the automaton).
type token struct {
	start, end int32 // byte span in the scanned text
	cls        classSet
	id         uint16 // vocabulary entry, 0 when unknown
	sent       uint16 // sentence number
	cjk        bool   // found by the literal automaton
	quoted     bool   // inside quotation marks
	colon      bool   // followed by a colon that labels what comes next ("agents: …")
}

const maxWordBytes = 40

// isCJK reports scripts written without spaces between words (and Hangul, whose particles
// stick to words): they are matched with literals, not split into words.
func isCJK(r rune) bool {
	return r >= 0x3040 && r <= 0x30ff || r >= 0x3400 && r <= 0x9fff || r >= 0xac00 && r <= 0xd7af ||
		r >= 0xf900 && r <= 0xfaff || r >= 0x1100 && r <= 0x11ff || r >= 0x3130 && r <= 0x318f
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', ';', '。', '！', '？', '；':
		return true
	}
	return false
}

// tokenize splits normalised text into words, looks each up in the vocabulary and numbers
// sentences. Apostrophes inside words are dropped ("don't" → "dont") and a possessive "'s"
// is removed ("openai's" → "openai"). sents receives the byte offset of each sentence end
// and question whether each sentence ends with a question mark.
func (g *grammar) tokenize(s string, toks []token, sents []int32, question []bool) ([]token, []int32, []bool) {
	var buf [maxWordBytes]byte
	sent := uint16(0)
	quoted := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			if isQuote(r) {
				quoted = !quoted
			}
			if isSentenceEnd(r) && (i+size >= len(s) || s[i+size] == ' ' || isQuote(rune(s[i+size]))) {
				sents = append(sents, int32(i))
				question = append(question, r == '?' || r == '？')
				quoted = false
				if sent < 0xffff {
					sent++
				}
			}
			i += size
			continue
		}
		end, n, h := readWord(s, i, &buf)
		t := token{start: int32(i), end: int32(end), sent: sent, quoted: quoted, colon: labelColon(s, end)}
		i = end
		if n <= maxWordBytes {
			if e := g.voc.lookup(buf[:n], h); e != nil {
				t.cls, t.id = e.cls, e.id
			}
		}
		toks = append(toks, t)
	}
	question = append(question, false) // the last sentence, if unterminated
	return toks, sents, question
}

// readWord reads the word starting at s[i] into buf (up to maxWordBytes; n is the full
// length) and hashes it, skipping inner apostrophes and a possessive "'s". It returns the
// end of the word.
func readWord(s string, i int, buf *[maxWordBytes]byte) (end, n int, h uint64) {
	start := i
	h = fnvOffset
	for i < len(s) {
		if c := s[i]; asciiWord[c] { // fast path: ASCII letters and digits
			if n < maxWordBytes {
				buf[n] = c
			}
			n++
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isApostrophe(r) && i > start && i+size < len(s) && isWordByteStart(s[i+size]) {
			if s[i+size] == 's' && (i+size+1 == len(s) || !isWordByteStart(s[i+size+1])) {
				return i + size + 1, n, h // possessive 's
			}
			if elided(s[start:i], s[i+size]) {
				return i, n, h // "l'administrateur" is two words
			}
			i += size
			continue
		}
		if !isWordRune(r) {
			break
		}
		for k := 0; k < size; k++ {
			if n < maxWordBytes {
				buf[n] = s[i+k]
			}
			n++
			h = (h ^ uint64(s[i+k])) * fnvPrime
		}
		i += size
	}
	return i, n, h
}

// labelColon reports a colon at s[i] (after a key's closing quote and at most one space)
// that ends a label: not a
// URL scheme ("http://"), a time ("10:30"), a scope ("std::") or a style value without
// a space ("display:none" still counts; only the word before the colon is marked).
func labelColon(s string, i int) bool {
	if i < len(s) && s[i] == '"' && i+1 < len(s) && (s[i+1] == ':' || s[i+1] == ' ') {
		i++ // a JSON or YAML key: {"assistant_note": "…"}
	}
	if i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || s[i] != ':' {
		return false
	}
	if i+1 < len(s) {
		switch c := s[i+1]; {
		case c == '/', c == ':', c >= '0' && c <= '9':
			return false
		}
	}
	return true
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '「', '」', '『', '』', '`':
		return true
	}
	return false
}

// asciiWord marks the ASCII bytes that are word characters.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < 128; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	if isCJK(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func isWordByteStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// elided reports a French or Italian article, pronoun or preposition elided before a vowel
// ("l'assistant", "d'autre", "qu'il", "dell'amministratore", "un'altra"): the word after
// the apostrophe is a word of its own. English contractions ("don't", "i'm") keep theirs.
func elided(prefix string, next byte) bool {
	switch next {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'h':
	default:
		return false
	}
	switch prefix {
	case "l", "d", "j", "m", "t", "s", "n", "c", "qu", "jusqu", "lorsqu", "puisqu",
		"dell", "all", "nell", "sull", "dall", "quell", "quest", "un":
		return true
	}
	return false
}

// sentenceOf returns the sentence number of byte offset off given the sentence ends.
func sentenceOf(sents []int32, off int32) uint16 {
	lo, hi := 0, len(sents)
	for lo < hi {
		mid := (lo + hi) / 2
		if sents[mid] < off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo > 0xffff {
		return 0xffff
	}
	return uint16(lo)
}

// mergeTokens merges two token lists sorted by start into dst.
func mergeTokens(dst, a, b []token) []token {
	dst = dst[:0]
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || i < len(a) && a[i].start <= b[j].start {
			dst = append(dst, a[i])
			i++
		} else {
			dst = append(dst, b[j])
			j++
		}
	}
	return dst
}
