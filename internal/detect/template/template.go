// Package template finds server-side template injection in the Jinja templates a model ships:
// GGUF tokenizer.chat_template(s), tokenizer_config.json chat_template, .jinja files and any
// other metadata string written in Jinja. It reads the *meta.Doc the scanner builds from every
// format's metadata, analyses each template with internal/format/jinja (lexing only, never
// rendering) and reports access to Python internals, code execution, obfuscated names and
// template loading.
package template

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/jinja"
	"github.com/aisecops/aisec/internal/format/meta"
)

// maxEvidence is the longest evidence string reported.
const maxEvidence = 200

// Detector analyses Jinja templates found in metadata (*meta.Doc models).
type Detector struct{}

// New returns the template detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "template" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RuleInternals, RuleExec, RuleDunder, RuleObfuscation, RuleInclude, RulePartial, RuleLexError}
}

// Detect implements detect.Detector.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	doc, ok := t.Model.(*meta.Doc)
	if !ok || doc == nil {
		return nil
	}
	var out []finding.Finding
	for _, s := range doc.Strings {
		if ctx.Err() != nil {
			return out
		}
		if !IsTemplate(s) {
			continue
		}
		out = append(out, Check(s.Key, s.Value, s.Offset)...)
	}
	return out
}

// IsTemplate reports whether a metadata string is analysed as a Jinja template: it holds
// Jinja syntax, or its key names a template (chat_template, custom_chat_template,
// tokenizer.chat_template.tool_use, prompt_template…).
func IsTemplate(s meta.String) bool {
	if strings.TrimSpace(s.Value) == "" {
		return false
	}
	return jinja.Looks(s.Value) || strings.Contains(strings.ToLower(s.Key), "template")
}

// Check analyses one template and returns its findings: at most one per rule, the evidence
// naming the key and the first few occurrences.
func Check(key, src string, offset int64) []finding.Finding {
	a := jinja.Analyze(src)
	h := newHits()
	h.chains(a)
	h.flat(a)
	h.raw(a)
	for _, tag := range a.Tags {
		if loaders[tag.Name] {
			h.add(&RuleInclude, "{% "+tag.Name+" %}")
		}
	}
	if len(a.Gaps) > 0 {
		h.add(&RulePartial, a.Gaps[0])
	}
	if a.LexError != "" {
		h.add(&RuleLexError, fmt.Sprintf("lexer stopped: %q", clip(a.LexError, 80)))
	}
	if !h.has(&RuleInternals) {
		h.move(&RuleDunder)
	}
	if offset < 0 {
		offset = finding.NoOffset
	}
	return h.findings(key, offset)
}

// hits collects evidence per rule ID, each item once.
type hits struct {
	items map[string][]string
	seen  map[string]bool
	// dunder holds TPL-003 evidence until it is known whether TPL-001 fired, which subsumes it.
	dunder []string
}

func newHits() *hits {
	return &hits{items: make(map[string][]string), seen: make(map[string]bool)}
}

func (h *hits) add(r *finding.Rule, ev string) {
	if r.ID == RuleDunder.ID {
		h.dunder = append(h.dunder, ev)
		return
	}
	h.put(r.ID, ev)
}

func (h *hits) put(id, ev string) {
	if k := id + "\x00" + ev; !h.seen[k] {
		h.seen[k] = true
		h.items[id] = append(h.items[id], ev)
	}
}

func (h *hits) has(r *finding.Rule) bool { return len(h.items[r.ID]) > 0 }

// move releases the held dunder evidence under r.
func (h *hits) move(r *finding.Rule) {
	for _, ev := range h.dunder {
		h.put(r.ID, ev)
	}
	h.dunder = nil
}

// findings returns one finding per rule with evidence, in rule order, naming the key and the
// first three items.
func (h *hits) findings(key string, offset int64) []finding.Finding {
	var out []finding.Finding
	for _, r := range (&Detector{}).Rules() {
		evs := h.items[r.ID]
		if len(evs) == 0 {
			continue
		}
		ev := strings.Join(evs[:min(3, len(evs))], "; ")
		if len(evs) > 3 {
			ev += fmt.Sprintf(" (+%d more)", len(evs)-3)
		}
		if key != "" {
			ev = key + ": " + ev
		}
		out = append(out, r.New(clip(ev, maxEvidence), offset))
	}
	return out
}

// clip shortens s to n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

var _ detect.Detector = (*Detector)(nil)
