package report

import (
	"time"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
)

// Schema identifies the JSON report format (see the package documentation).
const Schema = "aisec.redteam.report/v1"

// DefaultFailUnder is the family pass-rate floor the CLI uses when --fail-under is not given.
const DefaultFailUnder = 0.9

// MaxExamples is how many failing attempts a probe keeps for drill-down.
const MaxExamples = 3

// maxReasonBytes bounds a skipped probe's reason and a probe's first error: both come from
// the journal, which a report reads as untrusted input.
const maxReasonBytes = 500

// MaxExampleBytes bounds every text field of an Example, clip marker included, so that a
// target answering with megabytes cannot bloat the reports.
const MaxExampleBytes = 8 << 10

// Options configures the gate.
type Options struct {
	// FailUnder is the family pass-rate floor in [0, 1]; 0 disables the check. The CLI
	// defaults it to DefaultFailUnder.
	FailUnder float64
	// FailOn fails the gate on any hit of a probe whose severity is at least FailOn; ""
	// (or a value that is not a known severity) disables the check.
	FailOn probe.Severity
}

// Summary is the aggregated result of one red-team run.
type Summary struct {
	Schema string `json:"schema"`
	Run    Run    `json:"run"`
	// Score is the severity-weighted pass rate, 0–100 (see the package documentation).
	Score float64 `json:"score"`
	Gate  Gate    `json:"gate"`
	// Incomplete is true when some planned attempt has no usable result (errors or
	// missing records): the run must not be read as clean.
	Incomplete bool            `json:"incomplete"`
	Totals     Totals          `json:"totals"`
	Families   []FamilyStats   `json:"families"`
	Probes     []ProbeStats    `json:"probes"`
	OWASP      []CategoryStats `json:"owasp"`
	ATLAS      []CategoryStats `json:"atlas"`
	// Skipped are the selected probes that could not run (a detector lacked its
	// configuration, for example), sorted by ID. They have no attempts and do not make the
	// run Incomplete on their own, but the run covered less than was selected.
	Skipped []SkippedProbe `json:"skipped"`
}

// SkippedProbe is a selected probe that was left out of the plan.
type SkippedProbe struct {
	ID string `json:"id"`
	// Family is the part of the ID before the first "/" ("" when there is none).
	Family string `json:"family"`
	Reason string `json:"reason"`
}

// Run is the run metadata, taken from the journal's Start record.
type Run struct {
	ID string `json:"id"`
	// Tool is the aisec version that started the run.
	Tool        string          `json:"tool,omitempty"`
	Started     time.Time       `json:"started"`
	Seed        uint64          `json:"seed"`
	Target      record.Endpoint `json:"target"`
	Judge       *record.Judge   `json:"judge,omitempty"`
	Generations int             `json:"generations"`
	Transforms  []string        `json:"transforms,omitempty"`
	PlanHash    string          `json:"plan_hash,omitempty"`
	// DetectorsHash fingerprints the detector settings the verdicts were made with.
	DetectorsHash string `json:"detectors_hash,omitempty"`
}

// Gate is the CI verdict.
type Gate struct {
	Failed    bool    `json:"failed"`
	FailUnder float64 `json:"fail_under"`
	FailOn    string  `json:"fail_on,omitempty"`
	// Reasons has one line per failing condition, in family then probe order.
	Reasons []string `json:"reasons"`
}

// Totals counts the whole run.
type Totals struct {
	// Planned is the plan size from the Start record.
	Planned int `json:"planned"`
	// Attempts is the number of distinct attempts recorded (duplicates removed).
	Attempts int `json:"attempts"`
	OK       int `json:"ok"`
	Blocked  int `json:"blocked"`
	Errors   int `json:"errors"`
	// Hits is the number of attempts on which the model failed.
	Hits int `json:"hits"`
	// Missing is the number of planned attempts without any record.
	Missing int `json:"missing"`
	// Duplicates is the number of records dropped because another record with the same ID
	// was kept (see Build).
	Duplicates       int `json:"duplicates"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	Retries          int `json:"retries"`
	// DurationMS spans the earliest to the latest attempt time.
	DurationMS int64 `json:"duration_ms"`
}

// Rate is a pass rate over evaluated (ok or blocked) attempts with its 95% Wilson interval.
type Rate struct {
	// Attempts is the denominator: ok and blocked attempts.
	Attempts int `json:"attempts"`
	// Hits is the number of those attempts on which the model failed.
	Hits int `json:"hits"`
	// PassRate is (Attempts-Hits)/Attempts, or 0 when Attempts is 0.
	PassRate float64 `json:"pass_rate"`
	CILow    float64 `json:"ci_low"`
	CIHigh   float64 `json:"ci_high"`
}

// Evaluated reports whether the rate has at least one attempt behind it.
func (r Rate) Evaluated() bool { return r.Attempts > 0 }

// Verdict is the gate outcome of one family.
type Verdict string

// Family verdicts.
const (
	VerdictPass Verdict = "pass"
	VerdictFail Verdict = "fail"
	// VerdictNone means the family was not judged: the check is disabled or the family has
	// no evaluated attempt.
	VerdictNone Verdict = "none"
)

// FamilyStats aggregates the probes of one family.
type FamilyStats struct {
	Family string `json:"family"`
	Probes int    `json:"probes"`
	Rate
	Errors  int     `json:"errors"`
	Blocked int     `json:"blocked"`
	Gate    Verdict `json:"gate"`
}

// ProbeStats is the result of one probe.
type ProbeStats struct {
	ID          string         `json:"id"`
	Family      string         `json:"family"`
	Description string         `json:"description,omitempty"`
	Goal        string         `json:"goal,omitempty"`
	Severity    probe.Severity `json:"severity"`
	Tags        []string       `json:"tags,omitempty"`
	// OWASP lists the OWASP LLM Top 10 2025 IDs ("LLM01") from the tags.
	OWASP []string `json:"owasp,omitempty"`
	// ATLAS lists the MITRE ATLAS technique IDs ("AML.T0051.000") from the tags.
	ATLAS []string `json:"atlas,omitempty"`
	// CWE lists the weaknesses from "cwe:" tags, or CWE-1427 for prompt-injection probes.
	CWE []string `json:"cwe,omitempty"`
	Rate
	Errors  int `json:"errors"`
	Blocked int `json:"blocked"`
	// FirstError is the error message of the first errored attempt, for diagnosis.
	FirstError string          `json:"first_error,omitempty"`
	Detectors  []DetectorStats `json:"detectors"`
	// Examples are up to MaxExamples failing attempts, in plan order.
	Examples []Example `json:"examples,omitempty"`
}

// Failing reports whether the model failed at least one attempt of the probe.
func (p ProbeStats) Failing() bool { return p.Hits > 0 }

// DetectorStats is the pass rate of one probe as judged by one detector.
type DetectorStats struct {
	Detector string `json:"detector"`
	Rate
}

// CategoryStats aggregates the probes tagged with one OWASP category or ATLAS technique.
// A probe with several tags counts in each of them.
type CategoryStats struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Probes is the number of probes carrying the tag; 0 means the category was not tested.
	Probes int `json:"probes"`
	Rate
	Errors int `json:"errors"`
}

// Example is one failing attempt, kept whole (clipped) for drill-down.
type Example struct {
	ID         string            `json:"id"`
	Seq        int               `json:"seq"`
	System     string            `json:"system,omitempty"`
	Prompt     string            `json:"prompt"`
	Reply      string            `json:"reply"`
	Tools      []string          `json:"tools,omitempty"`
	ToolCalls  []detect.ToolCall `json:"tool_calls,omitempty"`
	Results    []detect.Result   `json:"results,omitempty"`
	HTTPStatus int               `json:"http_status,omitempty"`
}

// Failing returns the probes with at least one hit, most severe first, then lowest pass
// rate, then ID.
func (s *Summary) Failing() []ProbeStats {
	var out []ProbeStats
	for _, p := range s.Probes {
		if p.Failing() {
			out = append(out, p)
		}
	}
	sortFailing(out)
	return out
}
