package target

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// filterCodes are error types or codes with which guards and content filters refuse a
// request: aisec guard (guard_blocked), Azure OpenAI (content_filter), OpenAI
// (content_policy_violation, invalid_prompt).
func isFilterCode(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "guard_blocked", "content_filter", "content_policy_violation", "invalid_prompt":
		return true
	}
	return s != "" && (strings.Contains(s, "content_filter") || strings.Contains(s, "guard"))
}

// filterStatus reports whether a status can carry a filter refusal.
func filterStatus(code int) bool {
	return code == http.StatusBadRequest || code == http.StatusForbidden || code == http.StatusUnprocessableEntity
}

// apiError is what we read from an error body: the OpenAI shape {"error": {"type", "code",
// "message"}}, {"error": "text"}, or the same fields at the top level.
type apiError struct {
	codes   []string
	message string
}

// parseAPIError reads an error body leniently; a non-JSON body gives an empty apiError.
func parseAPIError(body []byte) apiError {
	var top map[string]any
	if json.Unmarshal(body, &top) != nil {
		return apiError{}
	}
	var e apiError
	switch v := top["error"].(type) {
	case string:
		e.codes, e.message = append(e.codes, v), v
	case map[string]any:
		e.add(v)
	}
	e.add(top)
	return e
}

// add collects type/code and the first message from an error object.
func (e *apiError) add(m map[string]any) {
	for _, k := range []string{"type", "code"} {
		switch v := m[k].(type) {
		case string:
			e.codes = append(e.codes, v)
		case float64:
			e.codes = append(e.codes, fmt.Sprint(v))
		}
	}
	for _, k := range []string{"message", "detail"} {
		if s, ok := m[k].(string); ok && e.message == "" {
			e.message = s
		}
	}
}

// filtered reports whether any type or code names a filter.
func (e apiError) filtered() bool { return slices.ContainsFunc(e.codes, isFilterCode) }

// failure turns a reply that carries no answer (non-2xx, transient statuses excepted) into
// a blocked Response, or an error with the status and a clipped, redacted body excerpt.
func (c *caller) failure(r *reply, retries int) (*Response, error) {
	resp := &Response{HTTPStatus: r.status, Retries: retries}
	e := parseAPIError(r.body)
	configured := slices.Contains(c.blocked, r.status)
	if configured || (filterStatus(r.status) && e.filtered()) {
		resp.Blocked = true
		resp.Text = clipText(c.redact(e.message), MaxReplyBytes)
		if resp.Text == "" && configured {
			resp.Text = clipText(c.redact(string(r.body)), MaxReplyBytes)
		}
		return resp, nil
	}
	if r.status >= 300 && r.status < 400 {
		return resp, fmt.Errorf("unable to query %s: HTTP %d redirect to %q; use the final URL", c.ep.display,
			r.status, clipText(c.redact(r.header.Get("Location")), 200))
	}
	msg := fmt.Sprintf("HTTP %d", r.status)
	if ex := c.excerpt(r.body); ex != "" {
		msg += ": " + ex
	}
	return resp, fmt.Errorf("unable to query %s: %s", c.ep.display, msg)
}

// errorBody judges a 2xx reply that holds an error instead of an answer: blocked when the
// error names a filter, else an error.
func (c *caller) errorBody(r *reply, retries int) (*Response, error) {
	resp := &Response{HTTPStatus: r.status, Retries: retries}
	if e := parseAPIError(r.body); e.filtered() {
		resp.Blocked, resp.Text = true, clipText(c.redact(e.message), MaxReplyBytes)
		return resp, nil
	}
	return resp, fmt.Errorf("unable to query %s: HTTP %d with an error body: %s", c.ep.display, r.status, c.excerpt(r.body))
}
