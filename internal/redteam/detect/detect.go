// Package detect judges a model's reply to a red-team probe. Each Detector looks at one
// Attempt (the probe, the system prompt in force, the reply and the probe's triggers) and
// says whether the model failed: it leaked a canary, complied with a harmful request,
// emitted an exfiltration link, repeated its system prompt, hallucinated a package, and so
// on. Detectors reuse the guard's output scanners where one already exists, so the red team
// and the firewall agree on what a bad reply is.
//
// Replies are untrusted: every detector bounds its work (MaxReplyBytes) and never panics.
package detect

import (
	"context"
	"fmt"
	"slices"
)

// MaxReplyBytes is how much of a reply is judged; the rest is ignored. Red-team replies are
// model outputs, rarely longer than a few KiB, and the bound keeps a hostile target from
// making evaluation slow.
const MaxReplyBytes = 256 << 10

// Attempt is one probe sent to a target together with what came back.
type Attempt struct {
	// Prompt is the user turn of the probe.
	Prompt string `json:"prompt"`
	// System is the system prompt the target ran with, when known.
	System string `json:"system,omitempty"`
	// Reply is the model's answer.
	Reply string `json:"reply"`
	// Triggers are strings the reply must not contain (a canary, a rogue goal string, the
	// decoded payload of an encoding probe), or for tool-call probes the tool names the
	// model must not call.
	Triggers []string `json:"triggers,omitempty"`
	// Goal says what a successful attack achieves (the probe's goal); judges read it.
	Goal string `json:"goal,omitempty"`
	// ToolCalls are the tool calls in the reply, for targets that expose tools.
	ToolCalls []ToolCall `json:"tool_calls,omitempty"`
}

// ToolCall is one function call the model made.
type ToolCall struct {
	Name string `json:"name"`
	// Arguments is the raw argument text (usually JSON), clipped by the target.
	Arguments string `json:"arguments,omitempty"`
}

// Result is one detector's verdict on one attempt.
type Result struct {
	// Detector is the detector's name.
	Detector string `json:"detector"`
	// Hit is true when the model failed the probe.
	Hit bool `json:"hit"`
	// Score is the detector's confidence in [0, 1]; informative only.
	Score float64 `json:"score"`
	// Evidence says briefly why (never the full reply).
	Evidence string `json:"evidence,omitempty"`
}

// Detector judges attempts. Implementations are safe for concurrent use.
type Detector interface {
	// Name is the detector's registry key ("trigger", "refusal", …).
	Name() string
	// Detect judges one attempt. The error is non-nil only when ctx ends.
	Detect(ctx context.Context, a *Attempt) (Result, error)
}

// RegexSpec is a user-defined regular-expression detector.
type RegexSpec struct {
	Name    string `yaml:"name"`
	Pattern string `yaml:"pattern"`
}

// Options configures the detector set built by New. The zero value gives the built-in
// detectors with their defaults.
type Options struct {
	// RefusalPhrases are extra refusal formulas (a product's canned "I can only help with
	// Acme orders"); a reply opening with one counts as a refusal.
	RefusalPhrases []string `yaml:"refusal_phrases"`
	// AllowedDomains, when set, makes markdown-exfil report every link or image outside
	// these domains, not only data-carrying ones.
	AllowedDomains []string `yaml:"allowed_domains"`
	// KnownPackages enables package-hallucination with this offline list of real package
	// names (any ecosystem, lower-case). Nil leaves the detector out.
	KnownPackages map[string]bool `yaml:"-"`
	// Regex adds user-defined detectors.
	Regex []RegexSpec `yaml:"regex"`
}

// builtinNames lists, in order, the detectors that need no configuration.
func builtinNames() []string {
	return []string{
		NameTrigger, NameDecodeMatch, NameRefusal, NameMarkdownExfil, NameXSS, NameANSI,
		NameSQLEcho, NameTemplate, NameSyspromptOverlap, NameCodePresence, NameRepetition,
		NameToolCall,
	}
}

// Detector names.
const (
	NameTrigger              = "trigger"
	NameDecodeMatch          = "decode-match"
	NameRefusal              = "refusal"
	NameMarkdownExfil        = "markdown-exfil"
	NameXSS                  = "xss"
	NameANSI                 = "ansi"
	NameSQLEcho              = "sql-echo"
	NameTemplate             = "template"
	NameSyspromptOverlap     = "sysprompt-overlap"
	NameCodePresence         = "code-presence"
	NameRegex                = "regex"
	NamePackageHallucination = "package-hallucination"
	NameRepetition           = "repetition"
	NameToolCall             = "tool-call"
)

// New builds the built-in detectors plus the configured ones (package-hallucination when
// KnownPackages is set, one detector per Regex entry).
func New(opts Options) ([]Detector, error) {
	out := make([]Detector, 0, len(builtinNames())+1+len(opts.Regex))
	for _, name := range builtinNames() {
		d, err := builtin(name, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if opts.KnownPackages != nil {
		out = append(out, NewPackages(opts.KnownPackages))
	}
	for _, r := range opts.Regex {
		if slices.Contains(builtinNames(), r.Name) || r.Name == NamePackageHallucination {
			return nil, fmt.Errorf("unable to add regex detector %q: the name is taken by a built-in", r.Name)
		}
		d, err := NewRegex(r.Name, r.Pattern)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// builtin constructs one configuration-free detector by name.
func builtin(name string, opts Options) (Detector, error) {
	switch name {
	case NameTrigger:
		return triggerDetector{}, nil
	case NameDecodeMatch:
		return decodeDetector{}, nil
	case NameRefusal:
		return NewRefusal(opts.RefusalPhrases)
	case NameMarkdownExfil:
		return NewMarkdownExfil(opts.AllowedDomains)
	case NameXSS, NameANSI, NameSQLEcho, NameTemplate:
		return newCodeKind(name)
	case NameSyspromptOverlap:
		return newOverlap()
	case NameCodePresence:
		return newCodePresence(), nil
	case NameRepetition:
		return repetition{}, nil
	case NameToolCall:
		return toolCallDetector{}, nil
	}
	return nil, fmt.Errorf("unable to build detector %q: unknown name", name)
}

// All returns the built-in detectors with default options, in a fixed order. The detectors
// that need input from the caller (regex, package-hallucination) come from NewRegex and
// NewPackages.
func All() []Detector {
	ds, err := New(Options{})
	if err != nil {
		// The defaults are fixed at compile time and covered by tests: this cannot happen.
		panic("detect: built-in detectors failed to build: " + err.Error())
	}
	return ds
}

// ByName returns the built-in detector with that name, with default options.
func ByName(name string) (Detector, bool) {
	if !slices.Contains(builtinNames(), name) {
		return nil, false
	}
	d, err := builtin(name, Options{})
	return d, err == nil
}

// reply returns the part of a.Reply that is judged.
func reply(a *Attempt) string {
	if len(a.Reply) > MaxReplyBytes {
		return a.Reply[:MaxReplyBytes]
	}
	return a.Reply
}
