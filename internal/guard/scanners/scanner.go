// Package scanners defines the one interface every guard scanner implements and the values that
// flow through it. Scanners live in sub-packages (injection, secrets, pii, …); list.Default
// registers them explicitly. A scanner only looks at text and reports what it saw: the engine
// decides, from the configuration, whether a finding blocks, aborts, redacts or is only logged.
package scanners

import "context"

// Direction says which side of the conversation a text belongs to.
type Direction uint8

const (
	// Input is what the client sends to the model (prompts, tool results, documents).
	Input Direction = 1 << iota
	// Output is what the model returns (content, tool-call arguments).
	Output
	// Both is Input|Output.
	Both = Input | Output
)

// String returns "input", "output" or "both".
func (d Direction) String() string {
	switch d {
	case Input:
		return "input"
	case Output:
		return "output"
	case Both:
		return "both"
	}
	return "none"
}

// ParseDirection reads "input" or "output" (as used by the scan API and `guard check`).
func ParseDirection(s string) (Direction, bool) {
	switch s {
	case "input", "":
		return Input, true
	case "output":
		return Output, true
	}
	return 0, false
}

// Roles a Segment can carry. Role "tool" and "document" mark text that came from a tool call
// result or a retrieved document: indirect prompt injection lives there.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
	RoleTool      = "tool"
	RoleDocument  = "document"
)

// Segment is one piece of text to inspect: a message's content, a tool call's arguments, or
// one choice of a model response.
type Segment struct {
	Role string
	// Index is the message index on input and the choice index on output.
	Index int
	// Text is the content as sent, never normalised: spans in findings refer to it.
	Text string
}

// Request is everything a scanner may look at for one inspection.
type Request struct {
	Direction Direction
	Segments  []Segment
	// System is the system prompt of the conversation, when known (output scanners that look
	// for prompt leakage compare against it).
	System string
	// Canary is the per-request canary token the guard planted in the system prompt, if any.
	Canary string
	// Identity is the client identity the request was made under (for logging only).
	Identity string
}

// Finding is one thing a scanner saw. Spans are byte offsets into Segments[Segment].Text;
// Start == End == 0 means the finding is about the whole request.
type Finding struct {
	// Rule is the scanner's name (the key used in the configuration), e.g. "pii".
	Rule string `json:"rule"`
	// Kind refines the rule: "email", "aws-access-token", "phrase:ignore-previous", …
	Kind string `json:"kind"`
	// Score is the scanner's confidence in [0,1]; rules report only findings at or above their
	// threshold, so Score is informative.
	Score   float64 `json:"score"`
	Segment int     `json:"segment"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	// Excerpt describes the match without repeating sensitive values (e.g. "sk-…f3a9",
	// "user@…"); it is what the audit log stores.
	Excerpt string `json:"excerpt,omitempty"`
	// Redactable is true when replacing [Start,End) removes the problem (PII, secrets, links).
	Redactable bool `json:"-"`
}

// Scanner inspects a request and reports findings. Scan must be safe for concurrent use, must
// not retain the request, and must honour ctx (the engine enforces a timeout per rule).
// An error means the scanner could not decide; the engine then fails closed unless the rule
// is configured otherwise.
type Scanner interface {
	// Name is the rule key in the configuration and in findings ("injection", "pii", …).
	Name() string
	// Directions says which sides the scanner applies to.
	Directions() Direction
	Scan(ctx context.Context, req *Request) ([]Finding, error)
}
