// Package limits is the guard scanner for request size: bytes, estimated tokens and number
// of messages. Oversized prompts are how context-window stuffing, many-shot jailbreaks and
// denial-of-wallet attacks arrive, and every other scanner's cost grows with the text.
//
// Tokens are estimated without a tokenizer (EstimateTokens, calibrated on cl100k_base):
// the proxy's rate limiter uses the same estimate, so that a limit and a quota agree.
package limits

import (
	"context"
	"fmt"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Name is the rule key of this scanner.
const Name = "limits"

// Finding kinds.
const (
	KindBytes    = "bytes"
	KindTokens   = "tokens"
	KindMessages = "messages"
)

// Options configures the limits. A zero field means no limit, so the zero value checks
// nothing.
type Options struct {
	// MaxBytes bounds the total size of the request's texts, in bytes.
	MaxBytes int `yaml:"max_bytes"`
	// MaxTokens bounds the total estimated tokens of the request's texts.
	MaxTokens int `yaml:"max_tokens"`
	// MaxMessages bounds the number of messages (distinct Segment.Index values) on input,
	// or of choices on output.
	MaxMessages int `yaml:"max_messages"`
}

// Scanner checks request sizes. It is immutable and safe for concurrent use.
type Scanner struct {
	opts Options
}

// New validates the options.
func New(opts Options) (*Scanner, error) {
	if opts.MaxBytes < 0 || opts.MaxTokens < 0 || opts.MaxMessages < 0 {
		return nil, fmt.Errorf("unable to use limits %+v: limits cannot be negative", opts)
	}
	return &Scanner{opts: opts}, nil
}

// Name returns "limits".
func (*Scanner) Name() string { return Name }

// Directions returns scanners.Both: on output the limits bound what the model returns.
func (*Scanner) Directions() scanners.Direction { return scanners.Both }

// Scan reports each limit the request exceeds, as a whole-request finding (Start = End = 0,
// Segment 0) that nothing can redact.
func (sc *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	o := sc.opts
	if o.MaxBytes > 0 {
		if n := totalBytes(req); n > o.MaxBytes {
			out = append(out, over(KindBytes, n, o.MaxBytes))
		}
	}
	if o.MaxMessages > 0 {
		if n := messages(req); n > o.MaxMessages {
			out = append(out, over(KindMessages, n, o.MaxMessages))
		}
	}
	if o.MaxTokens > 0 {
		n, err := totalTokens(ctx, req, o.MaxTokens)
		if err != nil {
			return out, err
		}
		if n > o.MaxTokens {
			out = append(out, over(KindTokens, n, o.MaxTokens))
		}
	}
	return out, nil
}

func over(kind string, n, limit int) scanners.Finding {
	return scanners.Finding{
		Rule: Name, Kind: kind, Score: 1,
		Excerpt: fmt.Sprintf("%d %s > %d", n, kind, limit),
	}
}

func totalBytes(req *scanners.Request) int {
	n := 0
	for _, s := range req.Segments {
		n += len(s.Text)
	}
	return n
}

// messages counts distinct message (or choice) indexes: a message's content and its tool
// calls are separate segments with the same index.
func messages(req *scanners.Request) int {
	seen := make(map[int]struct{}, len(req.Segments))
	for _, s := range req.Segments {
		seen[s.Index] = struct{}{}
	}
	return len(seen)
}

// totalTokens estimates the request's tokens, stopping once past limit: the answer is
// then known, and a huge request must not be walked to the end.
func totalTokens(ctx context.Context, req *scanners.Request, limit int) (int, error) {
	n := 0
	for _, s := range req.Segments {
		if err := ctx.Err(); err != nil {
			return n, fmt.Errorf("unable to finish the limits check: %w", err)
		}
		n += EstimateTokens(s.Text)
		if n > limit {
			return n, nil
		}
	}
	return n, nil
}

var _ scanners.Scanner = (*Scanner)(nil)
