package api

import (
	"net/http"
	"strconv"
)

// ErrorKind classifies an error the guard returns itself (as opposed to one it passes through
// from the upstream).
type ErrorKind uint8

// The guard's own errors.
const (
	// InvalidRequest is a body the guard cannot read (400).
	InvalidRequest ErrorKind = iota + 1
	// Unauthenticated is a missing or unknown client key (401).
	Unauthenticated
	// Blocked is a request or response a guard rule stopped (403).
	Blocked
	// NotFound is a request no upstream serves (404).
	NotFound
	// TooLarge is a body over the configured limit (413).
	TooLarge
	// RateLimited is a client over its limits (429).
	RateLimited
	// UpstreamFailed is an upstream that could not be reached or answered garbage (502).
	UpstreamFailed
	// Unavailable is a guard that cannot serve yet (no configuration loaded) or whose rate
	// limiter failed closed (503).
	Unavailable
)

// Error is an error the guard reports to a client in the surface's own format.
type Error struct {
	Kind ErrorKind
	// Code is a short machine-readable reason: the rule that blocked ("secrets"), or
	// "invalid_api_key", "rate_limited", …
	Code string
	// Message is for people; it must never quote blocked content.
	Message string
}

// Status is the HTTP status of the error.
func (e Error) Status() int {
	switch e.Kind {
	case InvalidRequest:
		return http.StatusBadRequest
	case Unauthenticated:
		return http.StatusUnauthorized
	case Blocked:
		return http.StatusForbidden
	case NotFound:
		return http.StatusNotFound
	case TooLarge:
		return http.StatusRequestEntityTooLarge
	case RateLimited:
		return http.StatusTooManyRequests
	case UpstreamFailed:
		return http.StatusBadGateway
	}
	return http.StatusServiceUnavailable
}

// openAIType is the "type" of an OpenAI error object.
func (e Error) openAIType() string {
	switch e.Kind {
	case Blocked:
		return "guard_blocked"
	case Unauthenticated:
		return "authentication_error"
	case RateLimited:
		return "rate_limit_exceeded"
	case UpstreamFailed, Unavailable:
		return "server_error"
	}
	return "invalid_request_error"
}

// anthropicType is the "type" of an Anthropic error object.
func (e Error) anthropicType() string {
	switch e.Kind {
	case Blocked:
		return "permission_error"
	case Unauthenticated:
		return "authentication_error"
	case NotFound:
		return "not_found_error"
	case TooLarge:
		return "request_too_large"
	case RateLimited:
		return "rate_limit_error"
	case UpstreamFailed:
		return "api_error"
	case Unavailable:
		return "overloaded_error"
	}
	return "invalid_request_error"
}

// openAIObject is {"message":…,"type":…,"param":null,"code":…}.
func (e Error) openAIObject() []byte {
	b := append([]byte(`{"message":`), quote(e.Message)...)
	b = append(b, `,"type":`...)
	b = append(b, quote(e.openAIType())...)
	b = append(b, `,"param":null,"code":`...)
	if e.Code == "" {
		b = append(b, "null"...)
	} else {
		b = append(b, quote(e.Code)...)
	}
	return append(b, '}')
}

// anthropicObject is {"type":"error","error":{"type":…,"message":…}}.
func (e Error) anthropicObject() []byte {
	b := append([]byte(`{"type":"error","error":{"type":`), quote(e.anthropicType())...)
	b = append(b, `,"message":`...)
	b = append(b, quote(e.Message)...)
	return append(b, "}}"...)
}

// ErrorBody is the JSON body of a non-streamed error in the surface's format.
func ErrorBody(s Surface, e Error) []byte {
	if s.Format() == Anthropic {
		return append(e.anthropicObject(), '\n')
	}
	return append(append([]byte(`{"error":`), e.openAIObject()...), '}', '\n')
}

// StreamState is what the guard knows about a Responses stream when it must end it: the
// response's id and model and the next sequence number.
type StreamState struct {
	ResponseID string
	Model      string
	NextSeq    int
}

// ErrorEvent is the server-sent event (or events) that ends a stream with an error in the
// surface's format: chat and completions send {"error": …} then [DONE]; Anthropic sends an
// "error" event; Responses sends an "error" event then "response.failed".
func ErrorEvent(s Surface, e Error, st StreamState) []byte {
	switch s {
	case Messages:
		return AppendEvent(nil, "error", e.anthropicObject())
	case Responses:
		ev := append([]byte(`{"type":"error","code":`), quote(e.Code)...)
		ev = append(ev, `,"message":`...)
		ev = append(ev, quote(e.Message)...)
		ev = append(ev, `,"param":null,"sequence_number":`...)
		ev = strconv.AppendInt(ev, int64(st.NextSeq), 10)
		ev = append(ev, '}')
		out := AppendEvent(nil, "error", ev)
		failed := append([]byte(`{"type":"response.failed","sequence_number":`), strconv.Itoa(st.NextSeq+1)...)
		failed = append(failed, `,"response":{"id":`...)
		failed = append(failed, quote(st.ResponseID)...)
		failed = append(failed, `,"object":"response","status":"failed","model":`...)
		failed = append(failed, quote(st.Model)...)
		failed = append(failed, `,"output":[],"error":{"code":`...)
		failed = append(failed, quote(e.Code)...)
		failed = append(failed, `,"message":`...)
		failed = append(failed, quote(e.Message)...)
		failed = append(failed, "}}}"...)
		return AppendEvent(out, "response.failed", failed)
	}
	b := append([]byte(`{"error":`), e.openAIObject()...)
	out := AppendEvent(nil, "", append(b, '}'))
	return AppendEvent(out, "", []byte("[DONE]"))
}
