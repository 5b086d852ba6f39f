package secrets

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// This file derives, once per rule, cheap facts about a gitleaks regular expression from its
// syntax tree. Go's regexp costs ~25–350 ns per input byte for gitleaks' patterns, so running
// every rule whose keyword occurs in a 4 KiB prompt would take milliseconds; these facts let
// the scanner prove, with a byte loop, that most keyword hits cannot start a match.

// unbounded is the width of a pattern with no upper bound on its length.
const unbounded = -1

// maxWidth returns the largest number of bytes re can match, or unbounded.
func maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeWidth(r, re.Flags&syntax.FoldCase != 0)
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if maxWidth(re.Sub[0]) == 0 {
			return 0
		}
		return unbounded
	case syntax.OpRepeat:
		w := maxWidth(re.Sub[0])
		if w == 0 {
			return 0
		}
		if w == unbounded || re.Max < 0 {
			return unbounded
		}
		return w * re.Max
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w == unbounded {
				return unbounded
			}
			n += w
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w == unbounded {
				return unbounded
			}
			n = max(n, w)
		}
		return n
	}
	return 0 // empty matches and assertions
}

// runeWidth is the widest UTF-8 encoding r can match: with case folding, 'k' also matches
// the Kelvin sign (3 bytes) and 's' the long s (2 bytes).
func runeWidth(r rune, fold bool) int {
	w := utf8.RuneLen(r)
	if !fold {
		return max(w, 1)
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		w = max(w, utf8.RuneLen(f))
	}
	return max(w, 1)
}

// minLen returns the smallest number of characters re can match.
func minLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minLen(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += minLen(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if m := minLen(s); n < 0 || m < n {
				n = m
			}
		}
		return max(n, 0)
	}
	return 0
}

// truncate returns a bounded pattern that matches a prefix of every match of re: the pattern
// is cut at its first unbounded repetition, which keeps only its minimum count. complete
// reports that nothing was cut. A rule without an upper bound on its length is checked
// through the bounded prefix: the prefix fits in a window around the keyword.
func truncate(re *syntax.Regexp) (out *syntax.Regexp, complete bool) {
	switch re.Op {
	case syntax.OpCapture, syntax.OpQuest:
		sub, ok := truncate(re.Sub[0])
		return withSub(re, sub), ok
	case syntax.OpStar:
		return &syntax.Regexp{Op: syntax.OpEmptyMatch}, false
	case syntax.OpPlus:
		sub, _ := truncate(re.Sub[0])
		return sub, false
	case syntax.OpRepeat:
		return truncateRepeat(re)
	case syntax.OpConcat:
		subs := make([]*syntax.Regexp, 0, len(re.Sub))
		for _, s := range re.Sub {
			t, ok := truncate(s)
			subs = append(subs, t)
			if !ok {
				return &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: subs}, false
			}
		}
		return re, true
	case syntax.OpAlternate:
		subs := make([]*syntax.Regexp, len(re.Sub))
		all := true
		for i, s := range re.Sub {
			t, ok := truncate(s)
			subs[i], all = t, all && ok
		}
		return &syntax.Regexp{Op: syntax.OpAlternate, Flags: re.Flags, Sub: subs}, all
	}
	return re, true
}

// truncateRepeat handles x{n,m}: an unbounded repetition keeps its mandatory part, and a
// bounded repetition of something unbounded keeps one truncated copy (or nothing when the
// repetition is optional).
func truncateRepeat(re *syntax.Regexp) (*syntax.Regexp, bool) {
	sub, ok := truncate(re.Sub[0])
	switch {
	case ok && re.Max >= 0:
		return re, true
	case re.Min == 0:
		return &syntax.Regexp{Op: syntax.OpEmptyMatch}, false
	case ok: // x{n,} → x{n}
		c := *re
		c.Max = re.Min
		return &c, false
	}
	return sub, false
}

func withSub(re, sub *syntax.Regexp) *syntax.Regexp {
	c := *re
	c.Sub = []*syntax.Regexp{sub}
	return &c
}

// byteSet is a set of byte values.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(o *byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|o[0], s[1]|o[1], s[2]|o[2], s[3]|o[3]
}
func (s *byteSet) addRune(r rune) { s.addString(string(r)) }
func (s *byteSet) addString(str string) {
	for i := 0; i < len(str); i++ {
		s.add(str[i])
	}
}

// run is a necessary condition for a match: every match contains n consecutive bytes of set.
type run struct {
	set byteSet
	n   int
}

// mandatoryRun returns the longest run of bytes that every match of re must contain. It is
// conservative: n counts characters, and every character is at least one byte of the set.
func mandatoryRun(re *syntax.Regexp) run {
	switch re.Op {
	case syntax.OpLiteral:
		var r run
		for _, c := range re.Rune {
			addFolded(&r.set, c, re.Flags&syntax.FoldCase != 0)
		}
		r.n = len(re.Rune)
		return r
	case syntax.OpCharClass:
		return classRun(re, 1)
	case syntax.OpCapture, syntax.OpPlus:
		return mandatoryRun(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return run{}
		}
		if s := re.Sub[0]; s.Op == syntax.OpCharClass {
			return classRun(s, re.Min)
		}
		return mandatoryRun(re.Sub[0])
	case syntax.OpConcat:
		var best run
		for _, s := range re.Sub {
			if r := mandatoryRun(s); r.n > best.n {
				best = r
			}
		}
		return best
	case syntax.OpAlternate:
		return alternateRun(re)
	}
	return run{}
}

// alternateRun: whichever branch matched, its run is there, so the alternation guarantees
// the shortest branch run over the union of the branch sets.
func alternateRun(re *syntax.Regexp) run {
	var out run
	for i, s := range re.Sub {
		r := mandatoryRun(s)
		if r.n == 0 {
			return run{}
		}
		if i == 0 || r.n < out.n {
			out.n = r.n
		}
		out.set.union(&r.set)
	}
	return out
}

// classRun is n characters of a character class. Classes with characters beyond ASCII
// admit every non-ASCII byte, so that multi-byte characters stay inside the set.
func classRun(re *syntax.Regexp, n int) run {
	r := run{n: n}
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
			r.set.add(byte(c))
		}
		if hi >= utf8.RuneSelf {
			for b := 0x80; b <= 0xff; b++ {
				r.set.add(byte(b))
			}
		}
	}
	return r
}

func addFolded(s *byteSet, c rune, fold bool) {
	s.addRune(c)
	if !fold {
		return
	}
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		s.addRune(f)
	}
}

// hasRun reports whether s contains n consecutive bytes of set.
func (r *run) hasRun(s string) bool {
	if r.n <= 1 {
		return true // too weak to be worth checking
	}
	k := 0
	for i := 0; i < len(s); i++ {
		if r.set.has(s[i]) {
			if k++; k >= r.n {
				return true
			}
			continue
		}
		k = 0
		if len(s)-i-1 < r.n {
			return false
		}
	}
	return false
}
