// Package api knows the wire formats the guard proxies: OpenAI chat completions, legacy
// completions, Responses and embeddings, and Anthropic messages. It turns request and response
// bodies and server-sent event streams into the texts the scanners inspect, and writes
// sanitized texts back into the original bytes. It is pure: no HTTP, no I/O, no logging.
package api

import "strings"

// Surface is one API endpoint shape.
type Surface uint8

// The surfaces the guard understands.
const (
	// ChatCompletions is OpenAI's POST /v1/chat/completions.
	ChatCompletions Surface = iota + 1
	// Completions is OpenAI's legacy POST /v1/completions.
	Completions
	// Responses is OpenAI's POST /v1/responses.
	Responses
	// Embeddings is OpenAI's POST /v1/embeddings.
	Embeddings
	// Messages is Anthropic's POST /v1/messages.
	Messages
)

// Surfaces lists every surface, in a stable order.
func Surfaces() []Surface {
	return []Surface{ChatCompletions, Completions, Responses, Embeddings, Messages}
}

// Format is the family a surface belongs to, which decides authentication and error shapes.
type Format string

// The two API families.
const (
	OpenAI    Format = "openai"
	Anthropic Format = "anthropic"
)

// String returns the surface's short name, used in configuration (`routes:`) and metrics.
func (s Surface) String() string {
	switch s {
	case ChatCompletions:
		return "chat"
	case Completions:
		return "completions"
	case Responses:
		return "responses"
	case Embeddings:
		return "embeddings"
	case Messages:
		return "messages"
	}
	return "unknown"
}

// Path is the surface's route, as clients call it.
func (s Surface) Path() string {
	switch s {
	case ChatCompletions:
		return "/v1/chat/completions"
	case Completions:
		return "/v1/completions"
	case Responses:
		return "/v1/responses"
	case Embeddings:
		return "/v1/embeddings"
	case Messages:
		return "/v1/messages"
	}
	return ""
}

// Format reports whether the surface speaks OpenAI's or Anthropic's dialect.
func (s Surface) Format() Format {
	if s == Messages {
		return Anthropic
	}
	return OpenAI
}

// ParseSurface reads a surface name ("chat", "completions", …) or its path.
func ParseSurface(name string) (Surface, bool) {
	name = strings.TrimSpace(name)
	for _, s := range Surfaces() {
		if name == s.String() || name == s.Path() {
			return s, true
		}
	}
	switch name {
	case "chat_completions", "chat.completions":
		return ChatCompletions, true
	}
	return 0, false
}
