// Package aicode finds risky AI code in application source and notebooks (*code.File and
// *code.Notebook models from internal/format/code): unsafe loading of models and data
// (torch.load without weights_only=True, pickle and its relatives, numpy allow_pickle, unsafe
// YAML loaders, trust_remote_code=True, LangChain's allow_dangerous_* flags, Keras safe_mode
// off) and model output flowing into eval/exec, a shell or an SQL statement. Calls are
// matched on callees resolved through imports, so matches in comments and strings never
// count and `import torch as t; t.load(x)` does. Nothing is ever imported or run.
package aicode

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/code"
)

// Detector reports AI code risks in *code.File and *code.Notebook models.
type Detector struct{}

// New returns the AI code detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "aicode" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return Rules() }

// Detect implements detect.Detector. A notebook's code cells are analysed joined (see
// code.Notebook.Code); offsets then point into the joined code and evidence names the cell.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	var f *code.File
	switch m := t.Model.(type) {
	case *code.File:
		f = m
	case *code.Notebook:
		if m != nil {
			f = m.Code()
		}
	}
	if f == nil {
		return nil
	}
	var out []finding.Finding
	for _, h := range Analyze(f) {
		if ctx.Err() != nil {
			break
		}
		out = append(out, h.Rule.New(h.Evidence, int64(h.Offset)))
	}
	return out
}

// Hit is one occurrence of a rule.
type Hit struct {
	Rule     finding.Rule
	Evidence string
	Offset   int // Call.Offset of the call
	Line     int
}

// maxEvidence bounds Hit.Evidence.
const maxEvidence = 400

// Analyze returns the hits in f, sorted by offset, at most one per rule and call.
func Analyze(f *code.File) []Hit {
	if f == nil {
		return nil
	}
	a := &analysis{f: f, seen: map[hitKey]bool{}}
	for i := range f.Calls {
		a.loaders(&f.Calls[i])
	}
	a.taintSinks()
	sort.SliceStable(a.hits, func(i, j int) bool {
		if a.hits[i].Offset != a.hits[j].Offset {
			return a.hits[i].Offset < a.hits[j].Offset
		}
		return a.hits[i].Rule.ID < a.hits[j].Rule.ID
	})
	return a.hits
}

// analysis is the state of one Analyze run.
type analysis struct {
	f         *code.File
	hits      []Hit
	seen      map[hitKey]bool
	callAt    map[int][]int    // call indexes by Call.Offset, built on first use
	assignsOf map[string][]int // assignment indexes by name, by value offset, built on first use
}

type hitKey struct {
	rule   string
	offset int
}

func (a *analysis) hit(r finding.Rule, c *code.Call, evidence string) {
	k := hitKey{r.ID, c.Offset}
	if a.seen[k] {
		return
	}
	a.seen[k] = true
	a.hits = append(a.hits, Hit{Rule: r, Evidence: clip(evidence, maxEvidence), Offset: c.Offset, Line: c.Line})
}

// where renders a line of the file: "line N", or "cell C, line M" in a notebook (C 1-based).
func (a *analysis) where(line int) string {
	if cell, l, ok := a.f.CellOf(line); ok {
		return fmt.Sprintf("cell %d, line %d", cell+1, l)
	}
	return fmt.Sprintf("line %d", line)
}

// callText renders a call as written, its arguments shortened.
func callText(c *code.Call) string {
	var args []string
	inside := -1 // end of a positional argument whose object-literal keys follow as named Args
	for _, x := range c.Args {
		if x.Start < inside {
			continue
		}
		inside = x.End
		v := x.Value
		if x.String {
			v = fmt.Sprintf("%q", clip(v, 40))
		}
		v = clip(v, 60)
		if x.Name != "" {
			v = x.Name + "=" + v
		}
		args = append(args, v)
		if len(args) == 4 && len(c.Args) > 4 {
			args = append(args, "…")
			break
		}
	}
	prefix := ""
	if c.New {
		prefix = "new "
	}
	return prefix + clip(c.Raw, 80) + "(" + strings.Join(args, ", ") + ")"
}

// arg returns the named argument name, else the positional argument at index pos (-1: none).
func arg(c *code.Call, name string, pos int) (code.Arg, bool) {
	n := -1
	for _, x := range c.Args {
		if x.Name == name && name != "" {
			return x, true
		}
	}
	for _, x := range c.Args {
		if x.Name == "" {
			n++
			if n == pos {
				return x, true
			}
		}
	}
	return code.Arg{}, false
}

// hasSpread reports whether the call passes **kwargs / ...spread, which may carry any flag.
func hasSpread(c *code.Call) bool {
	for _, x := range c.Args {
		if x.Name == "" && (strings.HasPrefix(x.Value, "**") || strings.HasPrefix(x.Value, "...")) {
			return true
		}
	}
	return false
}

// clip cuts s to at most n bytes at a rune boundary, adding "…" when cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

var _ detect.Detector = (*Detector)(nil)
