package engine

import (
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Hit is a finding together with the action its rule takes.
type Hit struct {
	scanners.Finding
	Action Mode `json:"action"`
	// Replacement is the text that stands for the span in Verdict.Sanitized (a marker or a
	// placeholder); empty when the span was not replaced (not redacted, or overlapping a span
	// replaced already). Streams apply it to held events.
	Replacement string `json:"-"`
}

// RuleError is a scanner that could not decide.
type RuleError struct {
	Rule    string `json:"rule"`
	Error   string `json:"error"`
	Timeout bool   `json:"timeout,omitempty"`
	// Action is what the guard did about it: block (fail closed) or log (fail open).
	Action Mode `json:"action"`
}

// Verdict is the outcome of one inspection.
type Verdict struct {
	// Flagged is true when any rule fired, whatever its mode.
	Flagged bool `json:"flagged"`
	// Action is the strongest action of the hits and errors; Allow when there is nothing.
	Action Mode        `json:"action"`
	Hits   []Hit       `json:"findings"`
	Errors []RuleError `json:"errors,omitempty"`
	// Sanitized holds, per segment, the text after redaction and anonymisation; nil when no
	// segment changed, and an empty string for an unchanged segment is never used: unchanged
	// segments repeat their original text.
	Sanitized []string `json:"sanitized,omitempty"`
	// Vault maps the placeholders of anonymised values back to the originals.
	Vault *Vault `json:"-"`
}

// add folds one scanner's result into the verdict.
func (v *Verdict) add(en entry, r result, d scanners.Direction) {
	if r.err != nil {
		re := RuleError{Rule: en.scanner.Name(), Error: r.err.Error(), Timeout: isTimeout(r.err), Action: Block}
		if en.rule.FailOpen {
			re.Action = Log
		}
		v.Errors = append(v.Errors, re)
		v.raise(re.Action)
		return
	}
	for _, f := range r.findings {
		mode := effectiveMode(en.rule.Mode, f, d)
		v.Hits = append(v.Hits, Hit{Finding: f, Action: mode})
		v.Flagged = true
		v.raise(mode)
	}
}

// effectiveMode resolves a configured mode for one finding: abort only exists for output,
// anonymisation cannot be undone for text the model produced, and a finding that replacing its
// span does not fix (an injection, a canary) cannot be redacted away, so it blocks.
func effectiveMode(m Mode, f scanners.Finding, d scanners.Direction) Mode {
	if m == Abort && d == scanners.Input {
		return Block
	}
	if m == Anonymize && d == scanners.Output {
		m = Redact
	}
	if (m == Redact || m == Anonymize) && (!f.Redactable || f.End <= f.Start) {
		return Block
	}
	return m
}

func (v *Verdict) raise(m Mode) {
	if m.Stronger(v.Action) {
		v.Action = m
	}
}

// sanitize applies redaction and anonymisation to the segments, right to left so that earlier
// offsets stay valid, skipping spans that overlap a span already replaced.
func (v *Verdict) sanitize(req *scanners.Request) {
	var bySegment map[int][]int // indexes into v.Hits, built only when something is replaced
	for i, h := range v.Hits {
		if (h.Action == Redact || h.Action == Anonymize) && h.Segment >= 0 && h.Segment < len(req.Segments) {
			if bySegment == nil {
				bySegment = map[int][]int{}
			}
			bySegment[h.Segment] = append(bySegment[h.Segment], i)
		}
	}
	if len(bySegment) == 0 {
		return
	}
	v.Sanitized = make([]string, len(req.Segments))
	for i, s := range req.Segments {
		v.Sanitized[i] = s.Text
	}
	for seg := range sortedSegments(bySegment) {
		v.Sanitized[seg] = v.replace(req.Segments[seg].Text, bySegment[seg])
	}
}

func sortedSegments(m map[int][]int) func(func(int) bool) {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return func(yield func(int) bool) {
		for _, k := range keys {
			if !yield(k) {
				return
			}
		}
	}
}

// replace returns text with the spans of the hits at idx replaced, recording each hit's
// replacement.
func (v *Verdict) replace(text string, idx []int) string {
	sort.Slice(idx, func(i, j int) bool { return v.Hits[idx[i]].Start < v.Hits[idx[j]].Start })
	var b strings.Builder
	b.Grow(len(text))
	pos := 0
	for _, i := range idx {
		h := &v.Hits[i]
		if h.Start < pos || h.End > len(text) {
			continue // overlaps the previous replacement or points outside the text
		}
		b.WriteString(text[pos:h.Start])
		if h.Action == Anonymize {
			if v.Vault == nil {
				v.Vault = &Vault{}
			}
			h.Replacement = v.Vault.placeholder(h.Kind, text[h.Start:h.End])
		} else {
			h.Replacement = "[REDACTED:" + label(h.Kind) + "]"
		}
		b.WriteString(h.Replacement)
		pos = h.End
	}
	b.WriteString(text[pos:])
	return b.String()
}

// label turns a finding kind into the upper-case word used in markers ("credit_card" →
// "CREDIT_CARD"), keeping only characters a model copies back faithfully.
func label(kind string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(kind) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "VALUE"
	}
	return b.String()
}
