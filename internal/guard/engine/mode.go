package engine

import (
	"fmt"
	"time"
)

// Mode is what the guard does when a rule fires.
type Mode string

// The modes, from the strongest to the weakest. Allow is never configured: it is the action of
// a verdict without hits.
const (
	// Block rejects the request, or holds a streamed response until it is known to be clean.
	Block Mode = "block"
	// Abort releases streamed output as it comes and stops the stream when the rule fires. On
	// input and on non-streamed output it is the same as Block.
	Abort Mode = "abort"
	// Anonymize replaces the matched value with a placeholder and restores it in the response.
	Anonymize Mode = "anonymize"
	// Redact replaces the matched value with a fixed marker.
	Redact Mode = "redact"
	// Log records the finding and lets the traffic through.
	Log Mode = "log"
	// Allow is the action of a clean verdict.
	Allow Mode = "allow"
)

// strength orders modes so that a verdict takes the strongest action of its hits.
func (m Mode) strength() int {
	switch m {
	case Block:
		return 5
	case Abort:
		return 4
	case Anonymize, Redact:
		return 3
	case Log:
		return 1
	}
	return 0
}

// Stronger reports whether m takes precedence over o.
func (m Mode) Stronger(o Mode) bool { return m.strength() > o.strength() }

// ParseMode validates a configured mode.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Block, Abort, Anonymize, Redact, Log:
		return m, nil
	}
	return "", fmt.Errorf("unknown mode %q (want block, abort, redact, anonymize or log)", s)
}

// Rule is the configuration the engine applies to one scanner's findings.
type Rule struct {
	// Mode is the action taken on a finding; the default depends on the rule (DefaultRule).
	Mode Mode
	// FailOpen lets traffic through when the scanner errors or times out. The default is to fail
	// closed: an undecided request is blocked.
	FailOpen bool
	// Timeout bounds the scanner's work per inspection; zero means DefaultTimeout.
	Timeout time.Duration
}

// DefaultTimeout bounds a scanner that has no timeout of its own. It is generous: scanners take
// microseconds, so reaching it means something is wrong and the request fails closed.
const DefaultTimeout = 250 * time.Millisecond

// DefaultRule is the configuration of a rule the user did not mention. Refusal detection is a
// metric; dangerous code is logged, since SQL and install tutorials look the same (block it on
// routes whose output feeds tools); exfiltration links are cut out of the answer rather than
// failing it; PII is anonymised and restored; the rest block.
func DefaultRule(name string) Rule {
	switch name {
	case "refusal", "code":
		return Rule{Mode: Log}
	case "links":
		return Rule{Mode: Redact}
	case "pii":
		return Rule{Mode: Anonymize}
	}
	return Rule{Mode: Block}
}
