package secrets

import (
	"regexp"
	"slices"
	"strings"

	"github.com/zricethezav/gitleaks/v8/config"
)

// Targets an allowlist's regexes are tested against (gitleaks' regexTarget).
const (
	targetSecret = iota
	targetMatch
	targetLine
)

// allowList is a gitleaks allowlist prepared for prompt text. gitleaks joins an allowlist's
// regexes into one alternation; testing them one by one lets the anchored ones fail at the
// first byte, which is ~4x cheaper on a long secret.
type allowList struct {
	target  int
	regexes []*regexp.Regexp
	stop    *config.Allowlist // stopword trie, nil when there are none
	and     bool              // every kind of check must allow
}

// newAllowLists converts gitleaks allowlists for text that has no path and no commit. An
// AND list with path or commit conditions can then never allow, and is dropped; an OR list
// keeps its regexes and stopwords, the only conditions that can still hold.
func newAllowLists(in []*config.Allowlist) []allowList {
	var out []allowList
	for _, a := range in {
		and := a.MatchCondition == config.AllowlistMatchAnd
		if and && (len(a.Commits) > 0 || len(a.Paths) > 0) {
			continue
		}
		if len(a.Regexes) == 0 && len(a.StopWords) == 0 {
			continue
		}
		l := allowList{regexes: a.Regexes, and: and}
		switch a.RegexTarget {
		case "match":
			l.target = targetMatch
		case "line":
			l.target = targetLine
		}
		if len(a.StopWords) > 0 {
			l.stop = a
		}
		out = append(out, l)
	}
	// Cheap checks first: stopwords and regexes over the secret alone.
	slices.SortStableFunc(out, func(a, b allowList) int { return a.target - b.target })
	return out
}

// candidate is what allowlists look at; line is computed only when a list needs it.
type candidate struct {
	secret, match string
	s             string // the whole text, for the line
	ms, me        int
}

func (c *candidate) text(target int) string {
	switch target {
	case targetMatch:
		return c.match
	case targetLine:
		return lineOf(c.s, c.ms, c.me)
	}
	return c.secret
}

// allows reports whether any list allows the candidate, as gitleaks' checkFindingAllowed.
func allows(lists []allowList, c *candidate) bool {
	for i := range lists {
		if lists[i].allows(c) {
			return true
		}
	}
	return false
}

func (l *allowList) allows(c *candidate) bool {
	stop := l.stop != nil && containsStopWord(l.stop, c.secret)
	if !l.and && stop {
		return true
	}
	re := false
	if len(l.regexes) > 0 {
		t := c.text(l.target)
		for _, r := range l.regexes {
			if re = r.MatchString(t); re {
				break
			}
		}
	}
	if !l.and {
		return re
	}
	return (len(l.regexes) == 0 || re) && (l.stop == nil || stop)
}

func containsStopWord(a *config.Allowlist, s string) bool {
	ok, _ := a.ContainsStopWord(s)
	return ok
}

// lineOf returns the line gitleaks tests "line" allowlists against: from the newline before
// the match (included, as gitleaks does) to the newline after it.
func lineOf(s string, ms, me int) string {
	lo := max(strings.LastIndexByte(s[:ms], '\n'), 0)
	hi := strings.IndexByte(s[me:], '\n')
	if hi < 0 {
		return s[lo:]
	}
	return s[lo : me+hi]
}
