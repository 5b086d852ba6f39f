// Package engine runs the guard's scanners over a request and turns their findings into a
// verdict: which rules fired, what the guard does about it, and the sanitized texts.
package engine

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Engine applies a fixed list of scanners with their rules. It is immutable and safe for
// concurrent use; a configuration reload builds a new Engine.
type Engine struct {
	entries []entry
	// byDirection[d] lists the entries whose scanners apply to direction d, so that an
	// inspection does not filter (and allocate) per call.
	byDirection [scanners.Both + 1][]entry
}

type entry struct {
	scanner scanners.Scanner
	rule    Rule
}

// New pairs every scanner with its rule (DefaultRule when rules has none). A rule for which no
// scanner exists is a configuration error, so that a typo cannot silently disable a check.
func New(list []scanners.Scanner, rules map[string]Rule) (*Engine, error) {
	known := make(map[string]bool, len(list))
	e := &Engine{entries: make([]entry, 0, len(list))}
	for _, s := range list {
		name := s.Name()
		if known[name] {
			return nil, fmt.Errorf("scanner %q is listed twice", name)
		}
		known[name] = true
		rule, ok := rules[name]
		if !ok {
			rule = DefaultRule(name)
		}
		if rule.Mode == "" {
			rule.Mode = DefaultRule(name).Mode
		}
		if rule.Timeout <= 0 {
			rule.Timeout = DefaultTimeout
		}
		e.entries = append(e.entries, entry{scanner: s, rule: rule})
	}
	for name := range rules {
		if !known[name] {
			return nil, fmt.Errorf("rule %q has no scanner (known: %v)", name, sortedKeys(known))
		}
	}
	for d := scanners.Input; d <= scanners.Both; d++ {
		for _, en := range e.entries {
			if en.scanner.Directions()&d != 0 {
				e.byDirection[d] = append(e.byDirection[d], en)
			}
		}
	}
	return e, nil
}

// Rules returns the effective rule of every scanner that applies to direction d.
func (e *Engine) Rules(d scanners.Direction) map[string]Rule {
	out := make(map[string]Rule, len(e.entries))
	for _, en := range e.entries {
		if en.scanner.Directions()&d != 0 {
			out[en.scanner.Name()] = en.rule
		}
	}
	return out
}

// Modes reports which modes the rules for direction d use; the proxy holds a stream only when
// some output rule blocks.
func (e *Engine) Modes(d scanners.Direction) map[Mode]bool {
	out := map[Mode]bool{}
	for _, r := range e.Rules(d) {
		out[r.Mode] = true
	}
	return out
}

// Inspect runs every scanner that applies to req.Direction, each under its own rule's
// deadline, and returns the verdict. A scanner that overruns its deadline is abandoned and
// counts as an error (see run).
func (e *Engine) Inspect(ctx context.Context, req *scanners.Request) *Verdict {
	v := &Verdict{Action: Allow}
	if active := e.active(req.Direction); len(active) > 0 {
		run(ctx, active, req, v)
	}
	v.sanitize(req)
	return v
}

// active returns the entries that apply to direction d, precomputed in New for the three
// directions the proxy uses.
func (e *Engine) active(d scanners.Direction) []entry {
	if int(d) < len(e.byDirection) {
		return e.byDirection[d]
	}
	var out []entry
	for _, en := range e.entries {
		if en.scanner.Directions()&d != 0 {
			out = append(out, en)
		}
	}
	return out
}

// call runs one scanner and turns a panic into an error, so that one faulty scanner fails its
// rule instead of the process.
func call(ctx context.Context, s scanners.Scanner, req *scanners.Request) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{err: fmt.Errorf("scanner %s panicked: %v", s.Name(), p)}
		}
	}()
	f, err := s.Scan(ctx, req)
	return result{findings: f, err: err}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isTimeout reports whether err is a deadline overrun (reported separately in the verdict).
func isTimeout(err error) bool { return errors.Is(err, context.DeadlineExceeded) }
