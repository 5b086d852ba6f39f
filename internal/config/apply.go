package config

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/pathglob"
)

// Suppression silences matching findings. At least one of Rule, Path or Fingerprint must be
// set, and every set field must match.
type Suppression struct {
	Rule        string `yaml:"rule"`
	Path        string `yaml:"path"` // glob over the finding path (and path!/member)
	Fingerprint string `yaml:"fingerprint"`
	Reason      string `yaml:"reason"`
	Expires     string `yaml:"expires"` // YYYY-MM-DD; the suppression stops working after this day
}

func (s Suppression) validate() error {
	if s.Rule == "" && s.Path == "" && s.Fingerprint == "" {
		return fmt.Errorf("needs at least one of rule, path, fingerprint")
	}
	if s.Reason == "" {
		return fmt.Errorf("needs a reason")
	}
	if s.Path != "" {
		if !pathglob.Valid(s.Path) {
			return fmt.Errorf("path %q is not a valid glob", s.Path)
		}
	}
	if s.Expires != "" {
		if _, err := time.Parse(time.DateOnly, s.Expires); err != nil {
			return fmt.Errorf("expires %q is not YYYY-MM-DD", s.Expires)
		}
	}
	return nil
}

func (s Suppression) expired(now time.Time) bool {
	if s.Expires == "" {
		return false
	}
	day, _ := time.Parse(time.DateOnly, s.Expires)
	return now.After(day.Add(24 * time.Hour))
}

func (s Suppression) matches(f finding.Finding, dir string) bool {
	if s.Rule != "" && s.Rule != f.Rule {
		return false
	}
	if s.Fingerprint != "" && s.Fingerprint != f.Fingerprint {
		return false
	}
	if s.Path == "" {
		return true
	}
	pattern := path.Clean(filepath.ToSlash(s.Path))
	for _, p := range []string{f.Path, f.Location(), relativeTo(dir, f.Path), relativeTo(dir, f.Location())} {
		if p != "" && pathglob.Match(pattern, path.Clean(filepath.ToSlash(p))) {
			return true
		}
	}
	return false
}

// Apply rewrites the report in place: severity overrides first, then suppressions. It returns
// warnings for people (expired suppressions that no longer suppress).
func (c *Config) Apply(r *finding.Report, now time.Time) []string {
	var warnings []string
	warned := map[int]bool{}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if s, ok := c.overrides[f.Rule]; ok {
			f.Severity = s
		}
		for _, i := range c.expiredMatches(f, now) {
			if !warned[i] {
				warned[i] = true
				s := c.Suppressions[i]
				warnings = append(warnings, fmt.Sprintf("suppression %d (%s) expired on %s and no longer applies", i+1, s.Reason, s.Expires))
			}
		}
		if s, ok := c.match(f, now); ok {
			r.Suppressed = append(r.Suppressed, finding.Suppressed{Finding: f, Reason: s.Reason, Expires: s.Expires})
		} else {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
	r.Summarize()
	return warnings
}

// relativeTo expresses p (a finding path, as given on the command line) relative to the
// directory of the configuration file, or "" when it lies outside it.
func relativeTo(dir, p string) string {
	if dir == "" {
		return ""
	}
	absDir, err1 := filepath.Abs(dir)
	absP, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(absDir, absP)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return rel
}

// match returns the first suppression in force that matches f.
func (c *Config) match(f finding.Finding, now time.Time) (Suppression, bool) {
	for _, s := range c.Suppressions {
		if !s.expired(now) && s.matches(f, c.dir) {
			return s, true
		}
	}
	return Suppression{}, false
}

// expiredMatches lists the expired suppressions that would have matched f.
func (c *Config) expiredMatches(f finding.Finding, now time.Time) []int {
	var out []int
	for i, s := range c.Suppressions {
		if s.expired(now) && s.matches(f, c.dir) {
			out = append(out, i)
		}
	}
	return out
}
