package runner

import (
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners/limits"
)

// messageOverhead is the per-message token overhead of chat formats (role markers).
const messageOverhead = 4

// Estimate is the expected traffic of a plan, for --dry-run and budgets.
type Estimate struct {
	Attempts int `json:"attempts"`
	// Skipped are attempts a resumed journal already holds.
	Skipped          int `json:"skipped"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// JudgeCalls are extra requests to the judge, if any.
	JudgeCalls int              `json:"judge_calls"`
	Families   []FamilyEstimate `json:"families"`
}

// FamilyEstimate is one family's share of an Estimate.
type FamilyEstimate struct {
	Family       string `json:"family"`
	Attempts     int    `json:"attempts"`
	PromptTokens int    `json:"prompt_tokens"`
}

// EstimateOptions tunes Estimate.
type EstimateOptions struct {
	// CompletionTokens is the expected reply length per attempt (max_tokens when set).
	CompletionTokens int
	Skip             map[string]bool
	Detectors        *Registry
}

// Estimate counts the attempts still to run and their tokens. Prompt tokens use the
// guard's cl100k-calibrated estimator; completion tokens are an assumption per reply.
func (p *Plan) Estimate(opts EstimateOptions) Estimate {
	var e Estimate
	fams := map[string]*FamilyEstimate{}
	for i := range p.Items {
		it := &p.Items[i]
		if opts.Skip[it.ID] {
			e.Skipped++
			continue
		}
		n := limits.EstimateTokens(it.System) + limits.EstimateTokens(it.Text) + 2*messageOverhead
		for _, t := range it.Tools {
			n += limits.EstimateTokens(t) + 2*messageOverhead
		}
		e.Attempts++
		e.PromptTokens += n
		e.CompletionTokens += opts.CompletionTokens
		if opts.Detectors != nil && opts.Detectors.judges(it.Probe) {
			e.JudgeCalls++
		}
		f := fams[it.Probe.Family]
		if f == nil {
			f = &FamilyEstimate{Family: it.Probe.Family}
			fams[it.Probe.Family] = f
		}
		f.Attempts++
		f.PromptTokens += n
	}
	for _, f := range fams {
		e.Families = append(e.Families, *f)
	}
	slices.SortFunc(e.Families, func(a, b FamilyEstimate) int { return strings.Compare(a.Family, b.Family) })
	return e
}
