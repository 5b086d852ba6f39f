package detect

import (
	"context"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"regexp"
)

// regexDetector is a user-defined detector: a reply matching the pattern is a hit.
type regexDetector struct {
	name string
	re   *regexp.Regexp
}

// NewRegex returns a detector called name that hits when the reply matches pattern (Go RE2
// syntax, so matching is linear in the reply; add (?i) for case-insensitive patterns).
func NewRegex(name, pattern string) (Detector, error) {
	if name == "" {
		return nil, fmt.Errorf("unable to build a regex detector: empty name")
	}
	if pattern == "" {
		return nil, fmt.Errorf("unable to build regex detector %q: empty pattern", name)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("unable to build regex detector %q: %w", name, err)
	}
	return &regexDetector{name: name, re: re}, nil
}

// Name returns the name given to NewRegex.
func (d *regexDetector) Name() string { return d.name }

// Detect reports the first match.
func (d *regexDetector) Detect(ctx context.Context, a *Attempt) (Result, error) {
	r := Result{Detector: d.name}
	if err := ctx.Err(); err != nil {
		return r, fmt.Errorf("unable to run regex detector %q: %w", d.name, err)
	}
	if m := d.re.FindStringIndex(reply(a)); m != nil {
		return hit(r, 1, "matched %q", textclip.Ellipsis(a.Reply[m[0]:m[1]], 60)), nil
	}
	return r, nil
}

var _ Detector = (*regexDetector)(nil)
