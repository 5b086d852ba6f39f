// Package metadata finds what should not be in the text a model carries besides its weights
// (safetensors __metadata__, GGUF key/values, Keras and ONNX metadata, configs): secrets,
// suspicious network destinations, code, shell commands, script markup, encoded payloads,
// embedded executables and path tricks. It works on *meta.Doc, which the scanner builds for
// every model that implements meta.Source, so each format gets the same checks.
package metadata

import (
	"context"
	"fmt"
	"sync"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/meta"
	gitleaks "github.com/zricethezav/gitleaks/v8/detect"
)

// Examination bounds per artifact.
const (
	MaxValueBytes     = 1 << 20   // bytes of one value examined
	MaxDocBytes       = 16 << 20  // bytes of all values of one artifact examined
	MaxPerRule        = 20        // findings per rule per artifact; the rest are summarised
	MaxSecretBytes    = 256 << 10 // bytes of one value given to the secret rules
	MaxDocSecretBytes = 4 << 20   // bytes of all values given to the secret rules
)

// Detector checks metadata text. The gitleaks rules are compiled on first use, once per
// Detector, and the Detector is safe for concurrent use.
type Detector struct {
	once    sync.Once
	gl      *gitleaks.Detector
	glError error
}

// New returns the metadata detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "metadata" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return AllRules() }

// leaks returns the gitleaks detector, building it on first use. A failure (the default
// rules are embedded, so only a broken build fails) disables secret scanning and is reported
// by Init.
func (d *Detector) leaks() *gitleaks.Detector {
	d.once.Do(func() { d.gl, d.glError = newLeakDetector() })
	return d.gl
}

// Init compiles the secret rules now instead of on first use and reports whether they load.
func (d *Detector) Init() error {
	d.leaks()
	return d.glError
}

// Detect implements detect.Detector for *meta.Doc models, and for *meta.Code (secrets only).
func (d *Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	if code, ok := t.Model.(*meta.Code); ok && code != nil {
		return d.codeSecrets(ctx, code)
	}
	doc, ok := t.Model.(*meta.Doc)
	if !ok || doc == nil {
		return nil
	}
	c := newCollector()
	budget := MaxDocBytes
	skipped := 0
	for _, s := range doc.Strings {
		if ctx.Err() != nil {
			break
		}
		if budget <= 0 {
			skipped++
			continue
		}
		v := s.Value
		if len(v) > MaxValueBytes {
			c.add(RuleTruncated, fmt.Sprintf("%s: only the first %d of %d bytes were examined", keyLabel(s.Key), MaxValueBytes, len(v)), offset(s))
			v = v[:MaxValueBytes]
		}
		budget -= len(v)
		d.checkValue(c, s, v)
	}
	if skipped > 0 {
		c.add(RuleTruncated, fmt.Sprintf("%d metadata values beyond the first %d bytes were not examined", skipped, MaxDocBytes), finding.NoOffset)
	}
	return c.capped.Findings()
}

// sourceLangs are the meta.Code formats that are program source (not .env files or notebooks,
// whose values and outputs are where generic keys do sit).
var sourceLangs = map[string]bool{"python": true, "javascript": true, "typescript": true, "go": true, "java": true}

// codeSecrets looks for credentials, and only credentials, in source code and its kin.
func (d *Detector) codeSecrets(ctx context.Context, code *meta.Code) []finding.Finding {
	c := newCollector()
	for _, s := range code.Strings {
		if ctx.Err() != nil || c.secretBudget <= 0 {
			break
		}
		v := s.Value[:min(len(s.Value), MaxSecretBytes, c.secretBudget)]
		c.secretBudget -= len(v)
		for _, sec := range d.findSecrets(v) {
			if sec.rule == "generic-api-key" && sourceLangs[code.Format] {
				continue // in source, the generic rule mostly finds hashes and identifiers
			}
			c.add(RuleCodeSecret, fmt.Sprintf("%s: %s secret %s", keyLabel(s.Key), sec.rule, redact(sec.secret)), offset(s))
		}
	}
	return c.capped.Findings()
}

// checkValue runs every check on one value.
func (d *Detector) checkValue(c *collector, s meta.String, v string) {
	n := min(len(v), MaxSecretBytes, c.secretBudget)
	if n < len(v) {
		c.add(RuleTruncated, fmt.Sprintf("%s: secrets were looked for in the first %d of %d bytes only", keyLabel(s.Key), n, len(v)), offset(s))
	}
	c.secretBudget -= n
	secrets := d.findSecrets(v[:n])
	for _, sec := range secrets {
		c.add(RuleSecret, fmt.Sprintf("%s: %s secret %s", keyLabel(s.Key), sec.rule, redact(sec.secret)), offset(s))
	}
	checkNetwork(c, s, v, secrets)
	if !looksLikeTemplate(v) {
		code, markup := splitMarkup(findCode(v))
		if len(code) > 0 {
			c.add(RuleCode, fmt.Sprintf("%s: %s: %s", keyLabel(s.Key), describe(code), snippet(v, code[0].lo, code[0].hi, secrets)), offset(s))
		}
		if len(markup) > 0 {
			c.add(RuleMarkup, fmt.Sprintf("%s: %s: %s", keyLabel(s.Key), describe(markup), snippet(v, markup[0].lo, markup[0].hi, secrets)), offset(s))
		}
		checkPaths(c, s, v, secrets)
	}
	checkExecutables(c, s, v)
	checkEncoded(c, s, v, secrets, 0)
}

// checkNetwork reports URLs and addresses by how suspicious they are.
func checkNetwork(c *collector, s meta.String, v string, secrets []secret) {
	seen := map[string]bool{}
	for _, ind := range findNetwork(s.Key, v) {
		if ind.kind == netIgnore || seen[ind.text] {
			continue
		}
		seen[ind.text] = true
		text := snippet(ind.text, 0, len(ind.text), secrets)
		switch ind.kind {
		case netSuspicious:
			c.add(RuleSuspiciousNetwork, fmt.Sprintf("%s: %s (%s)", keyLabel(s.Key), text, ind.reason), offset(s))
		case netPlainHTTP:
			c.add(RulePlainHTTP, fmt.Sprintf("%s: %s", keyLabel(s.Key), text), offset(s))
		default:
			c.add(RuleURL, fmt.Sprintf("%s: %s", keyLabel(s.Key), text), offset(s))
		}
	}
}

func offset(s meta.String) int64 {
	if s.Offset < 0 {
		return finding.NoOffset
	}
	return s.Offset
}

// collector gathers findings through a per-rule cap (MaxPerRule per artifact), drops a
// finding whose rule and evidence repeat an earlier one, and carries the secret-scan budget.
type collector struct {
	secretBudget int
	capped       *finding.Capper
	seen         map[string]bool
}

func newCollector() *collector {
	return &collector{secretBudget: MaxDocSecretBytes, capped: finding.NewCapper(MaxPerRule), seen: map[string]bool{}}
}

func (c *collector) add(r finding.Rule, evidence string, off int64) {
	key := r.ID + "\x00" + evidence
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.capped.Add(r, evidence, off)
}

var _ detect.Detector = (*Detector)(nil)
