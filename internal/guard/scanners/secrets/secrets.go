// Package secrets is the guard scanner for credentials in prompts and model output: API keys,
// tokens, private keys, passwords in assignments. It runs gitleaks' default rule set (v8,
// MIT, ~220 RE2 rules with keyword prefilters, entropy thresholds and allowlists, including
// generic-api-key) with its own executor, because gitleaks' detector costs ~1.7 ms on 4 KiB
// of prose that merely mentions keys and tokens (Go's regexp is slow on gitleaks' bounded
// repetitions, and such prose contains the keywords of generic-api-key everywhere):
//
//  1. one pass over the text finds every rule keyword (a two-byte table, no allocation);
//  2. each keyword hit must pass a byte-level gate derived from the rule's regex: a run of
//     characters the regex requires (e.g. 24 alphanumerics) within the rule's reach of the
//     hit, or, for gitleaks' generated "identifier = value" rules such as generic-api-key,
//     an operator followed by a value long enough;
//  3. the regex runs only where a hit survives: anchored at the hit when every match starts
//     with a keyword (most rules), else on a window around it. The regex is rewritten
//     first (shape.go, rewrite.go): leading [\w.-]{0,50}? identifier prefixes dropped and
//     wide bounds like {10,150} opened, then re-checked on the secret.
//
// Findings equal gitleaks' own on the same text (TestMatchesGitleaks compares both on
// thousands of generated texts), except that rules tied to file paths are skipped (a
// prompt has no path), "gitleaks:allow" comments are ignored (text must not be able to
// switch detection off), keywords fold ASCII case only, and a match must contain one of its
// rule's keywords within 2 KiB.
package secrets

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Name is the rule key of this scanner.
const Name = "secrets"

// Scores reported: specific rules identify a credential format; generic-api-key only an
// assignment of a random-looking value to a secret-sounding name.
const (
	scoreSpecific = 0.95
	scoreGeneric  = 0.7
)

// Options configures the secrets scanner. The zero value runs every default gitleaks rule.
type Options struct {
	// DisabledRules lists gitleaks rule IDs not to run (e.g. "generic-api-key").
	DisabledRules []string `yaml:"disabled_rules"`
	// AllowList lists secret values never reported (test fixtures, published sample keys).
	AllowList []string `yaml:"allow_list"`
}

// Scanner finds secrets. It is immutable after New and safe for concurrent use.
type Scanner struct {
	rules       []rule
	keywords    *keywordIndex
	global      []allowList
	allowValues map[string]struct{}
	state       sync.Pool // *scanState
}

// scanState is the per-call scratch space, pooled so that a scan allocates little.
type scanState struct {
	hits    [][]span // per rule
	touched []int32  // rules with hits, in order of first hit
	wins    []span
	leaks   []leak
}

// New loads and prepares the gitleaks rules. It costs tens of milliseconds: build one
// Scanner and share it.
func New(opts Options) (*Scanner, error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, id := range opts.DisabledRules {
		if _, ok := cfg.Rules[id]; !ok {
			return nil, fmt.Errorf("unable to disable secrets rule %q: no such gitleaks rule", id)
		}
		disabled[id] = true
	}
	sc := &Scanner{global: newAllowLists(cfg.Allowlists), allowValues: map[string]struct{}{}}
	for _, v := range opts.AllowList {
		sc.allowValues[v] = struct{}{}
	}
	if err := sc.addRules(cfg, disabled); err != nil {
		return nil, err
	}
	n := len(sc.rules)
	sc.state.New = func() any { return &scanState{hits: make([][]span, n)} }
	return sc, nil
}

// addRules prepares the rules in gitleaks' order, generic rules last: a generic finding
// yields to a specific rule that reported the same secret, so those must be known first.
func (sc *Scanner) addRules(cfg config.Config, disabled map[string]bool) error {
	var generic, specific []rule
	var gkw, skw [][]string
	for _, id := range cfg.OrderedRules {
		r, ok, err := prepare(cfg.Rules[id])
		if err != nil {
			return err
		}
		if !ok || disabled[id] {
			continue
		}
		kw := cfg.Rules[id].Keywords
		if len(kw) == 0 {
			return fmt.Errorf("unable to use gitleaks rule %s: it has no keywords", id)
		}
		if r.generic {
			generic, gkw = append(generic, r), append(gkw, kw)
		} else {
			specific, skw = append(specific, r), append(skw, kw)
		}
	}
	sc.rules = append(specific, generic...)
	sc.keywords = newKeywordIndex(append(skw, gkw...))
	return nil
}

// Name returns "secrets".
func (*Scanner) Name() string { return Name }

// Directions returns scanners.Both: users paste credentials, models repeat them.
func (*Scanner) Directions() scanners.Direction { return scanners.Both }

// Scan reports every secret in the request's segments.
func (sc *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	for i, seg := range req.Segments {
		ls, err := sc.scanText(ctx, seg.Text)
		if err == nil && textnorm.MayHide(seg.Text) {
			ls, err = sc.scanFolded(ctx, seg.Text, ls)
		}
		if err != nil {
			return out, err
		}
		for _, l := range ls {
			out = append(out, sc.finding(i, seg.Text, l))
		}
	}
	return out, nil
}

// Find returns the spans of secrets in s with their gitleaks rule IDs; it is Scan for one
// text, for callers outside the guard engine.
func (sc *Scanner) Find(ctx context.Context, s string) ([]scanners.Finding, error) {
	return sc.Scan(ctx, &scanners.Request{Segments: []scanners.Segment{{Text: s}}})
}

func (sc *Scanner) finding(seg int, s string, l leak) scanners.Finding {
	score := scoreSpecific
	if l.rule.generic {
		score = scoreGeneric
	}
	return scanners.Finding{
		Rule: Name, Kind: l.rule.id, Score: score,
		Segment: seg, Start: l.start, End: l.end,
		Excerpt: Mask(s[l.start:l.end]), Redactable: true,
	}
}

// scanText finds the secrets of one text, ordered by position.
func (sc *Scanner) scanText(ctx context.Context, s string) ([]leak, error) {
	if len(s) == 0 {
		return nil, nil
	}
	st := sc.state.Get().(*scanState)
	defer sc.release(st)
	sc.keywords.scan(s, func(r int32, start, end int) {
		if len(st.hits[r]) == 0 {
			st.touched = append(st.touched, r)
		}
		st.hits[r] = append(st.hits[r], span{start, end})
	})
	slices.Sort(st.touched) // rule order: specific rules before generic ones
	for _, ri := range st.touched {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("unable to finish the secrets scan: %w", err)
		}
		r := &sc.rules[ri]
		var err error
		if r.anchored != nil {
			st.leaks, err = sc.findLed(ctx, r, s, st.hits[ri], st.leaks)
		} else if st.wins = r.windows(s, st.hits[ri], st.wins); len(st.wins) > 0 {
			st.leaks, err = sc.find(ctx, r, s, st.wins, st.leaks)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(st.leaks) == 0 {
		return nil, nil
	}
	ls := slices.Clone(st.leaks)
	slices.SortStableFunc(ls, func(a, b leak) int { return a.start - b.start })
	return ls, nil
}

// scanFolded adds to ls the secrets found once a key split by zero-width characters or soft
// hyphens, or written in fullwidth forms, is put back together (textnorm.Unhide), with spans
// in s.
func (sc *Scanner) scanFolded(ctx context.Context, s string, ls []leak) ([]leak, error) {
	u, ok := textnorm.Unhide(s)
	if !ok {
		return ls, nil
	}
	more, err := sc.scanText(ctx, u.Text)
	for _, l := range more {
		if l.end <= l.start {
			continue
		}
		l.start, l.end = u.Span(l.start, l.end)
		if !slices.ContainsFunc(ls, func(o leak) bool { return o.start < l.end && l.start < o.end }) {
			ls = append(ls, l)
		}
	}
	slices.SortStableFunc(ls, func(a, b leak) int { return a.start - b.start })
	return ls, err
}

// maxPooledHits keeps one huge text from pinning a large scratch buffer in the pool.
const maxPooledHits = 1 << 12

func (sc *Scanner) release(st *scanState) {
	for _, r := range st.touched {
		if cap(st.hits[r]) > maxPooledHits {
			st.hits[r] = nil
		}
		st.hits[r] = st.hits[r][:0]
	}
	st.touched, st.wins, st.leaks = st.touched[:0], st.wins[:0], st.leaks[:0]
	sc.state.Put(st)
}

var _ scanners.Scanner = (*Scanner)(nil)
