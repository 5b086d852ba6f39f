// Package record defines the attempt-level journal of `aisec redteam run`: one JSON object
// per line, a Start record first, then one Attempt record per finished attempt in
// completion order. The journal is the run's source of truth: reports are rebuilt from it
// and `--resume` continues it, so its field names are a contract (docs/redteam.md).
package record

import (
	"time"

	"github.com/aisecops/aisec/internal/redteam/detect"
)

// Record types, the value of every line's "type" field.
const (
	TypeStart   = "start"
	TypeAttempt = "attempt"
)

// Version is the journal format version written in Start.Format.
const Version = 1

// Start opens a journal. It holds everything needed to rebuild the plan and the report.
type Start struct {
	Type string `json:"type"`
	// Format is the journal format version ([Version]).
	Format int `json:"format"`
	// Tool is the aisec version that started the run.
	Tool string `json:"tool"`
	// RunID identifies the run; resumed runs keep it.
	RunID   string    `json:"run_id"`
	Started time.Time `json:"started"`
	// Seed drives selection order and canaries; a resumed run reuses it.
	Seed        uint64   `json:"seed"`
	Target      Endpoint `json:"target"`
	Judge       *Judge   `json:"judge,omitempty"`
	Generations int      `json:"generations"`
	// Transforms are the payload transforms applied to every selected probe.
	Transforms []string `json:"transforms,omitempty"`
	// SystemPrompt is the default system prompt sent with probes that plant none.
	SystemPrompt string `json:"system_prompt,omitempty"`
	// Probes are the selected probes (after transforms), in plan order.
	Probes []Probe `json:"probes"`
	// Attempts is the number of attempts in the plan.
	Attempts int `json:"attempts"`
	// PlanHash fingerprints the plan (attempt IDs, prompts, systems, detectors); resuming
	// with a different plan is refused.
	PlanHash string `json:"plan_hash"`
	// DetectorsHash fingerprints the detector settings (refusal phrases, allowed domains,
	// regex detectors, package lists, judge); resuming with other settings is refused, so
	// one report never mixes verdicts of two configurations.
	DetectorsHash string `json:"detectors_hash,omitempty"`
	// Gate is the gate the run was started with; `aisec redteam report` applies it unless
	// told otherwise.
	Gate *Gate `json:"gate,omitempty"`
	// Skipped are selected probes that could not run, with the reason (a detector that
	// needs configuration, such as a package list or a judge).
	Skipped []Skipped `json:"skipped,omitempty"`
}

// Gate is the run's pass/fail rule.
type Gate struct {
	FailUnder float64 `json:"fail_under"`
	FailOn    string  `json:"fail_on,omitempty"`
}

// Skipped is a selected probe left out of the plan.
type Skipped struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Endpoint describes a target or judge without secrets.
type Endpoint struct {
	// Kind is "openai" or "rest".
	Kind string `json:"kind"`
	// URL is the endpoint with any credentials removed.
	URL   string `json:"url"`
	Model string `json:"model,omitempty"`
}

// Judge describes the LLM judge used by the run.
type Judge struct {
	Endpoint
	// Rubric names the rubric and its version, e.g. "aisec-judge-v1".
	Rubric string `json:"rubric"`
}

// Probe is the part of a probe a report needs.
type Probe struct {
	ID          string   `json:"id"`
	Family      string   `json:"family"`
	Description string   `json:"description,omitempty"`
	Goal        string   `json:"goal,omitempty"`
	Severity    string   `json:"severity"`
	Tags        []string `json:"tags,omitempty"`
	Detectors   []string `json:"detectors"`
}

// Status is an attempt's outcome at the transport level.
type Status string

// Attempt statuses.
const (
	// StatusOK means the target answered and the detectors judged the reply.
	StatusOK Status = "ok"
	// StatusBlocked means a guard or content filter refused the request or the reply
	// (HTTP 400/403 with a filter error, or finish_reason content_filter): the defence held.
	StatusBlocked Status = "blocked"
	// StatusError means no usable answer after retries (or an empty one, or a detector
	// that could not judge it); the attempt is retried on resume and makes the run
	// incomplete. Readers treat an unknown status as an error.
	StatusError Status = "error"
)

// Attempt is one prompt sent once to the target, with the reply and every verdict.
type Attempt struct {
	Type string `json:"type"`
	// ID is "<probe id>#<prompt index>#<generation>", stable across seeds and resumes.
	ID string `json:"id"`
	// Seq is the attempt's position in the plan (0-based).
	Seq         int    `json:"seq"`
	Probe       string `json:"probe"`
	Family      string `json:"family"`
	PromptIndex int    `json:"prompt_index"`
	Generation  int    `json:"generation"`
	Canary      string `json:"canary,omitempty"`
	System      string `json:"system,omitempty"`
	Prompt      string `json:"prompt"`
	// Triggers are the rendered triggers (canary filled in).
	Triggers []string `json:"triggers,omitempty"`
	// Tools are the tool names declared to the target for this attempt.
	Tools      []string          `json:"tools,omitempty"`
	Status     Status            `json:"status"`
	Error      string            `json:"error,omitempty"`
	HTTPStatus int               `json:"http_status,omitempty"`
	Reply      string            `json:"reply"`
	ToolCalls  []detect.ToolCall `json:"tool_calls,omitempty"`
	// Results hold one verdict per detector of the probe that ran.
	Results []detect.Result `json:"results,omitempty"`
	// Hit is true when any result is a hit: the model failed this attempt.
	Hit       bool      `json:"hit"`
	Usage     Usage     `json:"usage"`
	LatencyMS float64   `json:"latency_ms"`
	Retries   int       `json:"retries,omitempty"`
	Time      time.Time `json:"time"`
}

// Usage counts tokens as reported by the target (zero when it reports none).
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
}
