package redteamtest

import (
	"slices"
	"strings"
	"unicode"

	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// minLeetWords is how many leetspeak words make a line read as leetspeak: one mixed word
// is usually an id or a code (the canary itself), not an encoding.
const minLeetWords = 3

// readings returns what a capable model reads in text: the decoded payloads textnorm finds
// (base64, hex, binary, Morse, rot13, percent-encoding, HTML entities, Unicode tags, …),
// the text with those payloads read in place, the text with invisible characters dropped,
// tag characters read as ASCII and look-alike letters made Latin, leetspeak lines spelled
// out, the text reversed when it says it is written backwards, and last the text itself.
// Decoded readings come first, so a rule that extracts something from the request takes
// it from the clear text rather than from its encoded form.
func readings(text string) []string {
	// textnorm does not start a Morse run right after a line break, and a payload on its own
	// line is the usual shape; spaces keep the offsets and separate runs just as well.
	ds := textnorm.Decode(strings.ReplaceAll(text, "\n", " "))
	out := make([]string, 0, len(ds)+5)
	for _, d := range ds {
		out = append(out, d.Text)
	}
	if s := inPlace(text, ds); s != "" && s != text {
		out = append(out, s)
	}
	if s := unhide(text); s != text {
		out = append(out, s)
	}
	if s := deleetLines(text); s != text {
		out = append(out, s)
	}
	if l := lowerASCII(text); strings.Contains(l, "backwards") || strings.Contains(l, "reverse") {
		rs := []rune(text)
		slices.Reverse(rs)
		out = append(out, string(rs))
	}
	return append(out, text)
}

// inPlace returns text with every decoded run replaced by what it decodes to, so that an
// encoded order is read together with the clear text around it ("repeat the code below"
// followed by the code in clear). Runs overlapping an earlier one are skipped; "" when
// nothing was decoded.
func inPlace(text string, ds []textnorm.Decoded) string {
	if len(ds) == 0 {
		return ""
	}
	runs := slices.Clone(ds)
	slices.SortStableFunc(runs, func(a, b textnorm.Decoded) int { return a.Start - b.Start })
	var b strings.Builder
	last := 0
	for _, d := range runs {
		if d.Start < last || d.Start >= d.End || d.End > len(text) {
			continue
		}
		b.WriteString(text[last:d.Start])
		b.WriteString(d.Text)
		last = d.End
	}
	if last == 0 {
		return ""
	}
	b.WriteString(text[last:])
	return b.String()
}

// hidden reports whether text hides something from a plain reading: readings found more
// than the text itself.
func hidden(t *turn) bool { return len(t.views) > 1 }

// unhide drops invisible format characters, reads Unicode tag characters as the ASCII they
// smuggle, and maps Cyrillic and Greek look-alikes to the Latin letters they imitate. ASCII
// is left alone, so an ASCII code in the text survives.
func unhide(text string) string {
	table := lookalikes()
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x80:
			return r
		case r >= 0xE0020 && r <= 0xE007E:
			return r - 0xE0000
		case invisible(r):
			return -1
		}
		if l, ok := table[r]; ok {
			return l
		}
		return r
	}, text)
}

// invisible reports zero-width and other format characters, and Unicode tag characters.
func invisible(r rune) bool {
	return r >= 0x200B && r <= 0x200F || r >= 0x2060 && r <= 0x2064 || r == 0xFEFF || r == 0xAD ||
		r >= 0xE0000 && r <= 0xE007F
}

// lookalikes maps Cyrillic and Greek letters to the Latin letters they imitate.
func lookalikes() map[rune]rune {
	return map[rune]rune{
		'а': 'a', 'с': 'c', 'е': 'e', 'і': 'i', 'ј': 'j', 'о': 'o', 'р': 'p', 'ѕ': 's', 'х': 'x', 'у': 'y',
		'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P',
		'Т': 'T', 'Х': 'X', 'Υ': 'Y', 'Ζ': 'Z', 'Ν': 'N', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ο': 'O', 'Ρ': 'P',
	}
}

// deleetLines spells out the lines of text written in leetspeak (at least minLeetWords
// words mixing letters with 0, 1, 3, 4, 5 or 7) and keeps the other lines as they are.
func deleetLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		n := 0
		for _, w := range strings.Fields(line) {
			if leetWord(w) {
				n++
			}
		}
		if n >= minLeetWords {
			lines[i] = strings.Map(unleet, line)
		}
	}
	return strings.Join(lines, "\n")
}

// leetWord reports a word holding both a letter and a leet digit.
func leetWord(w string) bool {
	return strings.ContainsFunc(w, unicode.IsLetter) && strings.ContainsAny(w, "013457")
}

// unleet maps a leet digit back to the letter it stands for.
func unleet(r rune) rune {
	switch r {
	case '0':
		return 'o'
	case '1':
		return 'i'
	case '3':
		return 'e'
	case '4':
		return 'a'
	case '5':
		return 's'
	case '7':
		return 't'
	}
	return r
}
