package runner

import (
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/probe"
)

// Registry resolves a probe's detector names to detectors.
type Registry struct {
	byName   map[string]detect.Detector
	judge    detect.Detector
	judgeAll bool
}

// NewRegistry indexes ds by name. judge may be nil. With a judge, it also runs on every
// probe that relies on the refusal heuristic (where string matching is weakest), or on
// every probe when judgeAll is set.
func NewRegistry(ds []detect.Detector, judge detect.Detector, judgeAll bool) *Registry {
	r := &Registry{byName: make(map[string]detect.Detector, len(ds)), judge: judge, judgeAll: judgeAll}
	for _, d := range ds {
		r.byName[d.Name()] = d
	}
	return r
}

// For returns the detectors that judge p's attempts and the names it asks for that are
// not available (package-hallucination without a package list, judge without --judge).
func (r *Registry) For(p *probe.Probe) (ds []detect.Detector, missing []string) {
	wantJudge := false
	for _, name := range p.Detectors {
		switch name {
		case "judge":
			wantJudge = true
			continue
		case "canary":
			name = detect.NameTrigger
		case detect.NameRefusal:
			wantJudge = wantJudge || r.judge != nil
		}
		if rest, ok := strings.CutPrefix(name, "regex:"); ok {
			name = rest
		}
		d, ok := r.byName[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		if !slices.Contains(ds, d) {
			ds = append(ds, d)
		}
	}
	if r.judge != nil && (wantJudge || r.judgeAll) {
		ds = append(ds, r.judge)
	} else if wantJudge {
		missing = append(missing, "judge")
	}
	return ds, missing
}

// judges reports whether the judge runs on p's attempts.
func (r *Registry) judges(p *probe.Probe) bool {
	if r.judge == nil {
		return false
	}
	ds, _ := r.For(p)
	return slices.Contains(ds, r.judge)
}
