package target

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
)

// Target kinds, the value of record.Endpoint.Kind.
const (
	KindOpenAI = "openai"
	KindREST   = "rest"
)

// Limits and defaults.
const (
	// MaxReplyBytes bounds Response.Text; detectors judge no more than this anyway.
	MaxReplyBytes = detect.MaxReplyBytes
	// MaxBodyBytes bounds how much of a response body is read. A chat completion is a few
	// KiB; anything near this is a misbehaving or hostile server.
	MaxBodyBytes = 4 << 20
	// MaxToolCalls bounds the tool calls kept from one reply.
	MaxToolCalls = 64
	// MaxToolArgumentBytes bounds the argument text kept per tool call.
	MaxToolArgumentBytes = 16 << 10
	// MaxToolArgumentsTotal bounds the argument text kept across all the tool calls of one
	// reply (MaxToolCalls × MaxToolArgumentBytes would be 1 MiB), so that one journal record
	// stays bounded.
	MaxToolArgumentsTotal = 256 << 10

	// DefaultTimeout bounds one HTTP attempt: generous, since a slow model answers long
	// prompts in tens of seconds.
	DefaultTimeout = 60 * time.Second
	// DefaultRetries is the number of retries after the first attempt.
	DefaultRetries = 4
	// DefaultBackoff is the base delay before the first retry.
	DefaultBackoff = 500 * time.Millisecond
	// MaxBackoff caps the exponential backoff between two attempts.
	MaxBackoff = 30 * time.Second
	// MaxRetryAfter caps how long a server's Retry-After can make us wait.
	MaxRetryAfter = 60 * time.Second
)

// ErrEmptyReply is wrapped by the error Send returns for a successful reply that holds
// neither text nor tool calls (content null, "" or only whitespace). Such a reply is no
// evidence that the defence held, so it is an error, not a clean answer: the runner
// records the attempt as an error and the run as incomplete (fail closed).
var ErrEmptyReply = errors.New("empty reply")

// Tool is a function the target model may call, declared as an OpenAI function tool.
type Tool struct {
	Name        string
	Description string
	// Parameters is the JSON schema of the arguments; nil means {"type":"object"}.
	Parameters json.RawMessage
}

// Request is one single-turn conversation.
type Request struct {
	// System is the system prompt; "" sends no system message.
	System string
	// Prompt is the user turn.
	Prompt string
	// Tools are declared to openai targets; rest targets ignore them.
	Tools []Tool
}

// Response is what the target answered.
type Response struct {
	// Text is the assistant text (the content parts concatenated), clipped to MaxReplyBytes.
	Text      string
	ToolCalls []detect.ToolCall
	// Blocked is true when a guard or content filter refused the prompt or the reply; Text
	// may then hold the filter's message.
	Blocked    bool
	HTTPStatus int
	Usage      record.Usage
	// Retries is how many retries were needed (0 when the first attempt answered).
	Retries int
}

// Target is a model endpoint under test.
type Target interface {
	// Send sends one request. The error is non-nil when no usable answer came after the
	// retries; the Response is then still non-nil once a request was made, and carries the
	// last HTTPStatus and the Retries for the journal.
	Send(ctx context.Context, req *Request) (*Response, error)
	// Endpoint describes the target for the journal: no credentials, no query string.
	Endpoint() record.Endpoint
}

// Options configures a target. The zero value works for an unauthenticated openai target.
type Options struct {
	Model string
	// APIKey is sent as "Authorization: Bearer <key>"; it never appears in errors.
	APIKey string
	// Headers are extra request headers, literal values (they override the defaults).
	Headers map[string]string
	// Timeout bounds one HTTP attempt, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// Retries is the number of retries after the first attempt; 0 means DefaultRetries and
	// a negative value disables retrying.
	Retries int
	// Backoff is the base delay before the first retry, doubled on each retry with jitter
	// and capped at MaxBackoff; 0 means DefaultBackoff. A server's Retry-After (seconds or an
	// HTTP date, or retry-after-ms) replaces it, capped at MaxRetryAfter.
	Backoff time.Duration
	// Temperature and MaxTokens are optional generation parameters (openai kind).
	Temperature *float64
	MaxTokens   int
	// Client sends the requests; nil means a client pooled for high concurrency.
	Client *http.Client
	// REST configures rest targets; it is required for them.
	REST *RESTOptions
}

// RESTOptions configures a rest target.
type RESTOptions struct {
	// Method is the HTTP method; default POST.
	Method string
	// Body is the request template. $INPUT, $SYSTEM and $MODEL are replaced by the prompt,
	// the system prompt and the model; for a JSON content type they are JSON-string-escaped
	// without quotes (write "$INPUT" inside quotes), otherwise inserted raw.
	Body string
	// ContentType defaults to application/json.
	ContentType string
	// ReplyPath is the JSONPath of the reply text, e.g. $.output; required.
	ReplyPath string
	// ToolCallsPath is an optional JSONPath to an array of {name, arguments} objects (or
	// OpenAI-style {function: {name, arguments}}).
	ToolCallsPath string
	// BlockedStatuses are statuses that always mean "blocked by a filter", whatever the body.
	BlockedStatuses []int
}

// New parses rawURL (see the package documentation for the schemes) and builds the target.
func New(rawURL string, opts Options) (Target, error) {
	ep, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	c := newCaller(ep, opts)
	switch ep.kind {
	case KindOpenAI:
		return newOpenAI(c, opts), nil
	case KindREST:
		return newREST(c, opts)
	}
	return nil, fmt.Errorf("unable to build the target: unknown kind %q", ep.kind)
}
