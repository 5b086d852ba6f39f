package secrets

import (
	"regexp/syntax"
	"slices"
	"strings"
)

// This file rewrites gitleaks regexes into the forms the scanner executes, and finds the
// rules whose matches always start with a keyword.

// relaxSpan is the smallest max-min spread of a counted repetition that execute relaxes.
const relaxSpan = 32

// execForm rewrites a rule's regex into the form the scanner runs, which finds the same
// secrets at a fraction of the cost. Go compiles x{n,m} into m-n nested alternatives, and
// its NFA walks all of them at every byte: gitleaks' generic-api-key costs ~1 µs per byte.
//
//   - Leading optional character-class repetitions ([\w.-]{0,50}? before an identifier) are
//     dropped: they only widen the reported match to the left. back is the number of
//     characters they could cover and backSet their characters, so that the match can be
//     widened again for allowlists that test the whole match.
//   - Other repetitions of one character class with a wide bound become unbounded
//     ([\w.=-]{10,150} → {10,}); the scanner then checks the secret's length against the
//     original bound (capture group maxima from captureMax).
func execForm(tree *syntax.Regexp) (out *syntax.Regexp, back int, backSet byteSet) {
	out = tree
	for out.Op == syntax.OpConcat && len(out.Sub) > 1 {
		first := out.Sub[0]
		if first.Op != syntax.OpRepeat || first.Min != 0 || first.Max < 0 || first.Sub[0].Op != syntax.OpCharClass {
			break
		}
		back += first.Max
		r := classRun(first.Sub[0], 1)
		backSet.union(&r.set)
		c := *out
		c.Sub = out.Sub[1:]
		out = &c
	}
	return relax(out), back, backSet
}

// relax returns re with wide single-class repetitions made unbounded, copying only the
// nodes it changes.
func relax(re *syntax.Regexp) *syntax.Regexp {
	if re.Op == syntax.OpRepeat && re.Max-re.Min > relaxSpan && isSingleChar(re.Sub[0]) {
		c := *re
		c.Max = -1
		return &c
	}
	var subs []*syntax.Regexp
	for i, s := range re.Sub {
		if r := relax(s); r != s {
			if subs == nil {
				subs = slices.Clone(re.Sub)
			}
			subs[i] = r
		}
	}
	if subs == nil {
		return re
	}
	c := *re
	c.Sub = subs
	return &c
}

func isSingleChar(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 1
	}
	return false
}

// maxPrefixes bounds the prefix sets prefixes computes.
const maxPrefixes = 64

// prefixes returns lower-cased strings one of which starts every match of re, and whether
// they are exactly what re matches (so that what follows re extends them). An empty string
// in the set means "no known prefix".
func prefixes(re *syntax.Regexp) (set []string, exact bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpBeginLine:
		return []string{""}, true
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpCharClass:
		return classPrefixes(re)
	case syntax.OpCapture:
		return prefixes(re.Sub[0])
	case syntax.OpQuest:
		p, ok := prefixes(re.Sub[0])
		return append(p, ""), ok
	case syntax.OpPlus, syntax.OpRepeat:
		if re.Op == syntax.OpPlus || re.Min > 0 {
			p, _ := prefixes(re.Sub[0])
			return p, false
		}
	case syntax.OpConcat:
		return concatPrefixes(re.Sub)
	case syntax.OpAlternate:
		var set []string
		exact := true
		for _, s := range re.Sub {
			p, ok := prefixes(s)
			set, exact = append(set, p...), exact && ok
		}
		if len(set) > maxPrefixes {
			return []string{""}, false
		}
		return set, exact
	}
	return []string{""}, false
}

// classPrefixes treats a class of at most four characters (after lower-casing) as that many
// one-character prefixes.
func classPrefixes(re *syntax.Regexp) ([]string, bool) {
	var set []string
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i+1]-re.Rune[i] > 4 {
			return []string{""}, false
		}
		for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
			if s := strings.ToLower(string(c)); !slices.Contains(set, s) {
				set = append(set, s)
			}
		}
	}
	if len(set) > 4 {
		return []string{""}, false
	}
	return set, true
}

// concatPrefixes extends the prefixes of a sequence while its elements are exact.
func concatPrefixes(subs []*syntax.Regexp) ([]string, bool) {
	set := []string{""}
	for _, s := range subs {
		p, ok := prefixes(s)
		if len(set)*len(p) > maxPrefixes {
			return set, false
		}
		var next []string
		for _, a := range set {
			for _, b := range p {
				next = append(next, a+b)
			}
		}
		set = next
		if !ok {
			return set, false
		}
	}
	return set, true
}

// keywordLed reports whether every match of re starts with one of the keywords, so that the
// regex can run anchored at keyword hits instead of trying every position of a window. A
// leading \b is allowed when every prefix starts with a word character: then \b at the hit
// only depends on the character before it, which the scanner checks.
func keywordLed(re *syntax.Regexp, keywords []string) (led, boundary bool) {
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	for len(subs) > 1 && subs[0].Op == syntax.OpWordBoundary {
		subs, boundary = subs[1:], true
	}
	set, _ := concatPrefixes(subs)
	for _, p := range set {
		if !startsWithAny(p, keywords) || boundary && !syntax.IsWordChar(rune(p[0])) {
			return false, false
		}
	}
	return true, boundary
}

func startsWithAny(p string, keywords []string) bool {
	for _, k := range keywords {
		if k != "" && strings.HasPrefix(p, strings.ToLower(k)) {
			return true
		}
	}
	return false
}
