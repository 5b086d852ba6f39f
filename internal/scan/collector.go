package scan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/source"
)

// collector gathers the results of one top-level input. It is used by one goroutine only.
type collector struct {
	s        *Scanner
	counter  *limits.Counter
	files    []finding.FileResult
	findings []finding.Finding
	tail     []byte // buffer for zipAtEnd
	// modelDirs are the walked folders that hold models (read-only, shared by collectors).
	modelDirs map[string]bool
}

func newCollector(s *Scanner, modelDirs map[string]bool) *collector {
	return &collector{s: s, counter: limits.NewCounter("decompressed bytes", s.opts.Budget.MaxExpandedBytes), modelDirs: modelDirs}
}

// addFile records a file result and returns its index so the status can be updated later.
func (c *collector) addFile(n source.Node, format string, status finding.Status, errText string) int {
	c.files = append(c.files, finding.FileResult{Path: n.Path, Member: n.Member, Format: format,
		Size: n.Size, SHA256: c.hash(n), Status: status, Error: errText})
	return len(c.files) - 1
}

// degrade lowers the status of file i to partial (never raising error back to partial).
func (c *collector) degrade(i int, status finding.Status, errText string) {
	f := &c.files[i]
	if f.Status == finding.StatusError {
		return
	}
	f.Status = status
	if f.Error == "" {
		f.Error = errText
	}
}

// add completes a detector's finding with its location and fingerprint.
func (c *collector) add(n source.Node, f finding.Finding) {
	f.Path, f.Member = n.Path, n.Member
	f.Fingerprint = f.ComputeFingerprint()
	c.findings = append(c.findings, f)
}

// detect runs every detector on one parsed model.
func (c *collector) detect(ctx context.Context, n source.Node, format string, model any) {
	t := detect.Target{Path: n.Path, Member: n.Member, Format: format, Model: model}
	for _, d := range c.s.detectors {
		for _, f := range d.Detect(ctx, t) {
			c.add(n, f)
		}
	}
}

// fail records an input that could not be analysed at all.
func (c *collector) fail(n source.Node, format string, err error) {
	c.addFile(n, format, finding.StatusError, err.Error())
	c.add(n, RuleIncomplete.New("could not be analysed: "+err.Error(), finding.NoOffset))
}

// incomplete records why an input was analysed only in part. An input that had no result yet
// (the time ran out before its format was known) gets one, so it is never missing from files[].
func (c *collector) incomplete(n source.Node, why string) {
	found := false
	for i := range c.files {
		if c.files[i].Path == n.Path && c.files[i].Member == n.Member {
			c.degrade(i, finding.StatusPartial, why)
			found = true
		}
	}
	if !found {
		c.files = append(c.files, finding.FileResult{Path: n.Path, Member: n.Member, Format: string(format.Unknown),
			Size: n.Size, Status: finding.StatusPartial, Error: why})
	}
	c.add(n, RuleIncomplete.New(why, finding.NoOffset))
}

// hash returns the sha256 of a node when the hash mode says it is worth reading for.
func (c *collector) hash(n source.Node) string {
	switch {
	case c.s.opts.Hash == HashNever:
		return ""
	case c.s.opts.Hash == HashAuto && (n.Size < 0 || n.Size > AutoHashLimit || (n.Depth > 0 && n.ReaderAt == nil)):
		return ""
	}
	var r io.Reader
	if n.ReaderAt != nil && n.Size >= 0 {
		r = io.NewSectionReader(n.ReaderAt, 0, n.Size)
	} else if n.Depth == 0 {
		rc, err := n.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		r = rc
	} else {
		return "" // a streaming member can be read once only, by the analysis itself
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
