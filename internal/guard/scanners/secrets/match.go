package secrets

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// leak is one secret found in a text: the gitleaks rule, the span of the secret and the line
// of the match start (used to let specific rules win over generic ones).
type leak struct {
	rule       *rule
	start, end int
	line       int
}

// find runs r over the windows of s and appends what survives. The checks mirror gitleaks'
// detectRule, minus path, commit and "gitleaks:allow" handling: a prompt has no path or
// commit, and a comment in the text must not switch detection off.
func (sc *Scanner) find(ctx context.Context, r *rule, s string, wins []span, out []leak) ([]leak, error) {
	for i, w := range wins {
		if err := checkCtx(ctx, i); err != nil {
			return out, err
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(s[w.start:w.end], -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += w.start
				}
			}
			if l, ok := sc.check(r, s, m, out); ok {
				out = append(out, l)
			}
		}
	}
	return out, nil
}

// findLed runs a keyword-led rule anchored at each keyword hit that passes the rule's gate,
// skipping hits inside the previous match as a left-to-right scan would.
func (sc *Scanner) findLed(ctx context.Context, r *rule, s string, hits []span, out []leak) ([]leak, error) {
	last := 0
	var ws nextSpace
	for i, h := range hits {
		if err := checkCtx(ctx, i); err != nil {
			return out, err
		}
		if h.start < last || r.boundary && h.start > 0 && isWordByte(s[h.start-1]) {
			continue
		}
		w, ok := r.window(s, h)
		if !ok {
			continue
		}
		m := r.anchored.FindStringSubmatchIndex(s[h.start:ws.after(s, w.end)])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += h.start
			}
		}
		last = m[1]
		if l, ok := sc.check(r, s, m, out); ok {
			out = append(out, l)
		}
	}
	return out, nil
}

// checkCtx looks at ctx every 64 iterations: a text made of thousands of candidate secrets
// must not outlive the engine's deadline.
func checkCtx(ctx context.Context, i int) error {
	if i&63 != 63 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("unable to finish the secrets scan: %w", err)
	}
	return nil
}

// nextSpace finds the white space at or after a position, remembering the last answer so
// that many hits inside one long token cost one walk over it.
type nextSpace struct{ from, at int }

func (n *nextSpace) after(s string, p int) int {
	if p >= n.from && p <= n.at && n.at > 0 {
		return n.at
	}
	n.from, n.at = p, widenRight(s, p)
	return n.at
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// check extracts the secret of one regex match and applies the rule's filters, cheapest
// first. found holds the leaks so far: generic rules run last and yield to them.
func (sc *Scanner) check(r *rule, s string, m []int, found []leak) (leak, bool) {
	ms, me := m[0], m[1]
	// gitleaks trims newlines off the match (a rule's terminator can swallow one).
	for me > ms && s[me-1] == '\n' {
		me--
	}
	for ms < me && s[ms] == '\n' {
		ms++
	}
	ss, se, g := secretSpan(r, m)
	if ss < 0 {
		ss, se = ms, me
	}
	if se <= ss || !r.verify(g, s[ss:se]) {
		return leak{}, false
	}
	secret := s[ss:se]
	if r.entropy != 0 && entropy(secret) <= r.entropy {
		return leak{}, false
	}
	if _, ok := sc.allowValues[secret]; ok {
		return leak{}, false
	}
	ms = r.widenMatch(s, ms)
	l := leak{rule: r, start: ss, end: se, line: strings.Count(s[:ms], "\n")}
	if r.generic && shadowed(s, l, found) {
		return leak{}, false
	}
	c := candidate{secret: secret, match: s[ms:me], s: s, ms: ms, me: me}
	if allows(sc.global, &c) || allows(r.allow, &c) {
		return leak{}, false
	}
	return l, true
}

// verify checks a secret found by the relaxed regex against the original bounds of its
// capture group (group -1: the whole match, checked only when the rule has no groups).
func (r *rule) verify(group int, secret string) bool {
	if group < 0 || group >= len(r.capCheck) || r.capCheck[group] == nil {
		return true
	}
	return r.capCheck[group].MatchString(secret)
}

// secretSpan picks the secret capture group as gitleaks does: the configured group, or else
// the first group that matched something. It returns the span and the group, or -1 when the
// secret is the whole match.
func secretSpan(r *rule, m []int) (start, end, group int) {
	if len(m) < 4 {
		return -1, -1, -1
	}
	if g := r.group; g > 0 {
		if 2*g+1 >= len(m) || m[2*g] < 0 {
			return 0, 0, -1 // the configured group did not take part: no secret
		}
		return m[2*g], m[2*g+1], g
	}
	for g := 1; 2*g+1 < len(m); g++ {
		if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
			return m[2*g], m[2*g+1], g
		}
	}
	return -1, -1, -1
}

// widenMatch moves a match start back over the leading repetitions execForm dropped, as far
// as gitleaks' leftmost match would have started.
func (r *rule) widenMatch(s string, ms int) int {
	for n := 0; n < r.back && ms > 0 && r.backSet.has(s[ms-1]); n++ {
		ms--
	}
	return ms
}

// shadowed reports whether a specific rule reported, on g's line, a secret containing g's:
// gitleaks then drops the generic finding.
func shadowed(s string, g leak, found []leak) bool {
	for _, o := range found {
		if !o.rule.generic && o.line == g.line && strings.Contains(s[o.start:o.end], s[g.start:g.end]) {
			return true
		}
	}
	return false
}

// entropy is the Shannon entropy of s over its characters, normalised by its byte length
// as gitleaks does.
func entropy(s string) float64 {
	var ascii [128]int
	var other map[rune]int
	for _, c := range s {
		if c < 128 {
			ascii[c]++
			continue
		}
		if other == nil {
			other = map[rune]int{}
		}
		other[c]++
	}
	inv := 1 / float64(len(s))
	h := 0.0
	add := func(n int) {
		if n > 0 {
			f := float64(n) * inv
			h -= f * math.Log2(f)
		}
	}
	for _, n := range ascii {
		add(n)
	}
	for _, n := range other {
		add(n)
	}
	return h
}
