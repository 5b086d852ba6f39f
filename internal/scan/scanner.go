package scan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/source"
)

// Scanner runs scans. It is safe to reuse for several runs.
type Scanner struct {
	opts      Options
	detectors []detect.Detector
	rules     map[string]finding.Rule
}

// New returns a scanner using the given detectors (see detect/list.go).
func New(opts Options, detectors []detect.Detector) *Scanner {
	rules := map[string]finding.Rule{}
	for _, r := range Rules() {
		rules[r.ID] = r
	}
	for _, d := range detectors {
		for _, r := range d.Rules() {
			rules[r.ID] = r
		}
	}
	return &Scanner{opts: opts.withDefaults(), detectors: detectors, rules: rules}
}

// Rule returns the advisory of a rule ID known to this scanner.
func (s *Scanner) Rule(id string) (finding.Rule, bool) {
	r, ok := s.rules[id]
	return r, ok
}

// Run scans the targets (files or directories) and returns the report. The error is non-nil
// only when the scan as a whole could not run (a missing target, a cancelled context); problems
// with single files are recorded in the report.
func (s *Scanner) Run(ctx context.Context, targets []string) (*finding.Report, error) {
	started := time.Now()
	rep := &finding.Report{Schema: finding.SchemaV1, Started: started.UTC(), Targets: targets,
		Files: []finding.FileResult{}, Findings: []finding.Finding{}}
	nodes, skipped, err := s.collect(ctx, targets)
	if err != nil {
		return nil, err
	}
	rep.Files = append(rep.Files, skipped...)
	if s.opts.OnTotal != nil {
		s.opts.OnTotal(len(nodes))
	}
	repos := repositories(nodes)
	results := s.analyzeAll(ctx, nodes, modelDirs(repos))
	for _, r := range results {
		rep.Files = append(rep.Files, r.files...)
		rep.Findings = append(rep.Findings, r.findings...)
	}
	rep.Findings = append(rep.Findings, s.repoFindings(ctx, repos)...)
	modelRefs(rep, diskPaths(nodes, repos))
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan interrupted: %w", err)
	}
	sortReport(rep)
	rep.Rules = map[string]finding.Rule{}
	for _, f := range rep.Findings {
		rep.Rules[f.Rule] = s.rules[f.Rule]
	}
	rep.DurationMS = time.Since(started).Milliseconds()
	rep.Summarize()
	return rep, nil
}

// collect walks the targets. Walking is cheap and sequential so the progress total is known
// before the expensive work starts.
func (s *Scanner) collect(ctx context.Context, targets []string) ([]source.Node, []finding.FileResult, error) {
	var nodes []source.Node
	var skipped []finding.FileResult
	opts := source.WalkOptions{FollowSymlinks: s.opts.FollowSymlinks, Exclude: s.opts.Exclude}
	err := source.Walk(ctx, targets, opts,
		func(n source.Node) error {
			// Paths are relative to the scanned directory; with several targets they keep
			// the target as a prefix so that equal relative paths stay distinct.
			if len(targets) > 1 && n.Path != n.Root {
				n.Path = filepath.ToSlash(filepath.Join(n.Root, n.Path))
			}
			nodes = append(nodes, n)
			return nil
		},
		func(path, reason string) {
			skipped = append(skipped, finding.FileResult{Path: path, Format: "unknown", Status: finding.StatusSkipped, Error: reason})
		})
	if err != nil {
		return nil, nil, fmt.Errorf("unable to walk targets: %w", err)
	}
	return nodes, skipped, nil
}

// analyzeAll fans the top-level inputs out to Jobs workers, keeping results in input order.
func (s *Scanner) analyzeAll(ctx context.Context, nodes []source.Node, modelDirs map[string]bool) []*collector {
	results := make([]*collector, len(nodes))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(s.opts.Jobs, max(len(nodes), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = s.analyzeTop(ctx, nodes[i], modelDirs)
				if s.opts.OnDone != nil {
					s.opts.OnDone(nodes[i].Path)
				}
			}
		}()
	}
	for i := range nodes {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	out := results[:0]
	for _, r := range results {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// analyzeTop scans one top-level input under its own time and byte budgets. A panic in a
// parser is contained here: the input is reported as an error, the scan goes on.
func (s *Scanner) analyzeTop(ctx context.Context, n source.Node, modelDirs map[string]bool) (c *collector) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.Budget.FileTimeout)
	defer cancel()
	c = newCollector(s, modelDirs)
	defer func() {
		if p := recover(); p != nil {
			c.incomplete(n, fmt.Sprintf("internal error while analysing: %v", p))
		}
	}()
	opened, closer, err := source.OpenFile(n)
	if err != nil {
		c.fail(n, "unknown", err)
		return c
	}
	defer closer.Close()
	c.analyze(ctx, opened, "")
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		c.incomplete(n, fmt.Sprintf("time budget of %s exceeded", s.opts.Budget.FileTimeout))
	}
	return c
}

func sortReport(r *finding.Report) {
	sort.SliceStable(r.Files, func(i, j int) bool {
		a, b := r.Files[i], r.Files[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Member < b.Member
	})
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Member != b.Member:
			return a.Member < b.Member
		case a.Severity != b.Severity:
			return a.Severity > b.Severity
		case a.Offset != b.Offset:
			return a.Offset < b.Offset
		}
		return a.Rule < b.Rule
	})
}
