package probe

import (
	"fmt"
	"strings"
)

// Severity ranks how bad a successful attack is.
type Severity string

// Severities, from least to most serious.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists the valid severities in increasing order.
func Severities() []Severity {
	return []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// Rank returns the position of s in [Severities], or -1 when s is unknown.
func (s Severity) Rank() int {
	for i, v := range Severities() {
		if v == s {
			return i
		}
	}
	return -1
}

// Placeholder names a runner fills per attempt (see the package comment).
const (
	PlaceholderCanary  = "{{canary}}"
	PlaceholderPayload = "{{payload}}"
)

// Probe is one attack idea: a set of prompts sharing a goal, detectors and
// taxonomy tags.
type Probe struct {
	// ID is "family/name", unique across a library.
	ID string `yaml:"-" json:"id"`
	// Family is the file-level family, e.g. "injection".
	Family string `yaml:"-" json:"family"`
	// Name is unique within the family: lower-case letters, digits and dashes.
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
	// Tags are "scheme:value" strings such as "owasp:LLM01" or
	// "atlas:AML.T0051.000".
	Tags     []string `yaml:"tags" json:"tags"`
	Severity Severity `yaml:"severity" json:"severity"`
	// Goal says, in one line, what a hit means.
	Goal string `yaml:"goal" json:"goal"`
	// Detectors name the detectors that judge replies (see [Detectors]).
	Detectors []string `yaml:"detectors" json:"detectors"`
	Prompts   []Prompt `yaml:"prompts" json:"prompts"`
}

// Prompt is one attempt template of a probe.
type Prompt struct {
	// Text is the user message; it may contain placeholders.
	Text string `yaml:"text" json:"text"`
	// System, when set, replaces the target's system prompt for this attempt
	// (used to plant canaries the model must not reveal).
	System string `yaml:"system,omitempty" json:"system,omitempty"`
	// Triggers are strings whose appearance in the reply is a hit.
	Triggers []string `yaml:"triggers,omitempty" json:"triggers,omitempty"`
	// Payload is substituted for {{payload}} in Text after its own
	// placeholders are filled and Transform is applied.
	Payload string `yaml:"payload,omitempty" json:"payload,omitempty"`
	// Transform names a transform (see [Transforms]) applied to Payload.
	Transform string `yaml:"transform,omitempty" json:"transform,omitempty"`
}

// Rendered is a prompt with every placeholder filled, ready to send.
type Rendered struct {
	Text     string
	System   string
	Triggers []string
}

// Render fills the placeholders of p for one attempt. It fails only when
// p names an unknown transform, which a loaded probe never does.
func (p Prompt) Render(canary string) (Rendered, error) {
	fill := strings.NewReplacer(PlaceholderCanary, canary)
	payload := fill.Replace(p.Payload)
	if p.Transform != "" {
		t, ok := TransformByName(p.Transform)
		if !ok {
			return Rendered{}, fmt.Errorf("unknown transform %q", p.Transform)
		}
		payload = t.Apply(payload)
	}
	text := strings.NewReplacer(PlaceholderCanary, canary, PlaceholderPayload, payload).Replace(p.Text)
	r := Rendered{Text: text, System: fill.Replace(p.System)}
	for _, t := range p.Triggers {
		r.Triggers = append(r.Triggers, fill.Replace(t))
	}
	return r, nil
}

// HasTag reports whether p carries tag, compared case-insensitively. A tag
// also matches its sub-techniques: "atlas:AML.T0051" matches
// "atlas:AML.T0051.000".
func (p Probe) HasTag(tag string) bool {
	for _, t := range p.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
		if len(t) > len(tag) && t[len(tag)] == '.' && strings.EqualFold(t[:len(tag)], tag) {
			return true
		}
	}
	return false
}
