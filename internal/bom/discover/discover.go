// Package discover builds an AI-BOM: it walks repositories, model directories, Hugging Face
// caches and container root filesystems with internal/source, identifies each file by content
// and name, reads what the format parsers can tell about it (model headers, model cards,
// manifests, code, MCP configurations, signatures) and assembles a bom.BOM with relationships.
// Nothing is imported, deserialised, rendered or run.
package discover

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/source"
	"github.com/aisecops/aisec/internal/vuln"
)

// Options controls discovery.
type Options struct {
	Walk source.WalkOptions
	// Jobs is how many files are read in parallel (at least 1).
	Jobs int
	// Hash records the SHA-256 of model, dataset and signature files. Hashing reads every byte
	// of every model; without it only headers are read.
	Hash bool
	// Budget bounds the parsers.
	Budget limits.Budget
	// Vulns matches declared package versions against advisories; nil turns matching off.
	Vulns vuln.Matcher
	// AllPackages keeps every locked or installed package, not only direct dependencies and AI
	// packages.
	AllPackages bool
	// Tool names the producer; Timestamp is the BOM's creation time (zero: now).
	Tool      bom.Tool
	Timestamp time.Time
	// OnTotal is told how many files will be read; OnDone is called after each (either may be nil).
	OnTotal func(n int)
	OnDone  func(path string)
}

// DefaultExclude are folders no AI asset lives in: version control and tool caches.
var DefaultExclude = []string{".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".DS_Store"}

// Build discovers the AI assets under targets and returns the BOM. The error is for unusable
// targets; inputs that could not be fully analysed are listed in BOM.Incomplete.
func Build(ctx context.Context, targets []string, o Options) (*bom.BOM, error) {
	if o.Jobs < 1 {
		o.Jobs = 1
	}
	o.Budget = o.Budget.WithDefaults()
	inv := newInventory(targets)
	walk := o.Walk
	walk.Exclude = append(append([]string{}, DefaultExclude...), walk.Exclude...)
	err := source.Walk(ctx, targets, walk, func(n source.Node) error {
		inv.add(n)
		return nil
	}, func(p, reason string) {
		// What could not be read is a gap; links and special files deliberately not followed
		// (as `aisec scan` skips them) are not.
		if strings.HasPrefix(reason, "unable to") {
			inv.gap(p, reason)
		}
	})
	if err != nil {
		return nil, err
	}
	inv.files = classifyAll(ctx, inv.files, o)
	readAll(ctx, inv.files, o)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := assemble(inv, o)
	if o.Vulns != nil {
		if err := matchVulns(ctx, b, o.Vulns); err != nil {
			b.Incomplete = append(b.Incomplete, bom.Gap{Reason: fmt.Sprintf("vulnerability matching failed: %v", err)})
		}
	}
	finish(b, o)
	return b, nil
}

// readAll reads every classified file in parallel; each file's facts land in its own record,
// so no locking is needed beyond the work queue.
func readAll(ctx context.Context, files []*file, o Options) {
	if o.OnTotal != nil {
		o.OnTotal(len(files))
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range o.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				read(ctx, files[i], o)
				if o.OnDone != nil {
					o.OnDone(files[i].rel)
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// inventory is everything the walk found, before assembly.
type inventory struct {
	targets []string
	files   []*file
	gaps    []bom.Gap
}

func newInventory(targets []string) *inventory { return &inventory{targets: targets} }

func (v *inventory) add(n source.Node) {
	v.files = append(v.files, &file{node: n, rel: relPath(n, len(v.targets) > 1)})
}

func (v *inventory) gap(p, reason string) { v.gaps = append(v.gaps, bom.Gap{Path: p, Reason: reason}) }

// relPath is the slash path a file is reported under: relative to its walk root, prefixed with
// the root when several targets are given so that equal relative paths stay distinct.
func relPath(n source.Node, several bool) string {
	p := n.Path
	if several && n.Path != n.Root {
		p = filepath.Join(n.Root, n.Path)
	}
	return path.Clean(filepath.ToSlash(p))
}

// finish sorts everything, derives the serial number and stamps the time.
func finish(b *bom.BOM, o Options) {
	sort.Slice(b.Components, func(i, j int) bool { return b.Components[i].Ref < b.Components[j].Ref })
	sort.Slice(b.Services, func(i, j int) bool { return b.Services[i].Ref < b.Services[j].Ref })
	sortRelationships(b.Relationships)
	sort.Slice(b.Incomplete, func(i, j int) bool {
		if b.Incomplete[i].Path != b.Incomplete[j].Path {
			return b.Incomplete[i].Path < b.Incomplete[j].Path
		}
		return b.Incomplete[i].Reason < b.Incomplete[j].Reason
	})
	sort.Slice(b.Vulnerabilities, func(i, j int) bool {
		if b.Vulnerabilities[i].Affects != b.Vulnerabilities[j].Affects {
			return b.Vulnerabilities[i].Affects < b.Vulnerabilities[j].Affects
		}
		return b.Vulnerabilities[i].ID < b.Vulnerabilities[j].ID
	})
	b.Tool = o.Tool
	b.Timestamp = o.Timestamp
	if b.Timestamp.IsZero() {
		b.Timestamp = time.Now()
	}
	b.Timestamp = b.Timestamp.UTC().Truncate(time.Second)
	b.Serial = serial(b)
}
