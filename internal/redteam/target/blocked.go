package target

import (
	"encoding/json"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"net/http"
	"slices"
	"strings"
)

// isFilterCode reports whether an error type or code names a guard or content filter:
// aisec guard (guard_blocked), Azure OpenAI (content_filter, and the innererror code
// ResponsibleAIPolicyViolation), OpenAI (content_policy_violation, invalid_prompt), or a
// longer code holding content_filter or guard_blocked as whole tokens, such as Azure's
// "ResponsibleAIPolicyViolation_content_filter". It never matches substrings: a blocked
// attempt counts as a pass, so "guardrail_unavailable" or "content_filtered" must not match.
func isFilterCode(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return false
	case "guard_blocked", "content_filter", "content_policy_violation", "invalid_prompt",
		"responsible_ai_policy_violation", "responsibleaipolicyviolation":
		return true
	}
	tokens := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' })
	return hasRun(tokens, "content", "filter") || hasRun(tokens, "guard", "blocked")
}

// hasRun reports whether seq occurs in tokens as consecutive elements.
func hasRun(tokens []string, seq ...string) bool {
	for i := 0; i+len(seq) <= len(tokens); i++ {
		if slices.Equal(tokens[i:i+len(seq)], seq) {
			return true
		}
	}
	return false
}

// filterStatus reports whether a status can carry a filter refusal.
func filterStatus(code int) bool {
	return code == http.StatusBadRequest || code == http.StatusForbidden || code == http.StatusUnprocessableEntity
}

// maxErrorDepth bounds how deep parseAPIError follows nested error objects.
const maxErrorDepth = 4

// apiError is what we read from an error body: the type and code fields of the body,
// of its "error" object and of the error objects nested in it ("error", Azure's
// "innererror"), and the first message. Free text never becomes a code: a message such as
// "guardrail service unavailable" says nothing about whether a filter refused.
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
	if s, ok := top["error"].(string); ok {
		e.message = s // {"error": "text"}: a message, not a code
	}
	e.add(top, 0)
	return e
}

// add collects type/code and the first message from an error object, then from the
// error objects nested in it, depth first with the outer message winning.
func (e *apiError) add(m map[string]any, depth int) {
	for _, k := range []string{"type", "code"} {
		if s, ok := m[k].(string); ok && s != "" {
			e.codes = append(e.codes, s)
		}
	}
	for _, k := range []string{"message", "detail"} {
		if s, ok := m[k].(string); ok && e.message == "" {
			e.message = s
		}
	}
	if depth >= maxErrorDepth {
		return
	}
	for _, k := range []string{"error", "innererror"} {
		if sub, ok := m[k].(map[string]any); ok {
			e.add(sub, depth+1)
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
		resp.Text = textclip.Ellipsis(c.redact(e.message), MaxReplyBytes)
		if resp.Text == "" && configured {
			resp.Text = textclip.Ellipsis(c.redact(string(r.body)), MaxReplyBytes)
		}
		return resp, nil
	}
	if r.status >= 300 && r.status < 400 {
		return resp, fmt.Errorf("unable to query %s: HTTP %d redirect to %q; use the final URL", c.ep.display,
			r.status, textclip.Ellipsis(c.redact(r.header.Get("Location")), 200))
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
		resp.Blocked, resp.Text = true, textclip.Ellipsis(c.redact(e.message), MaxReplyBytes)
		return resp, nil
	}
	return resp, fmt.Errorf("unable to query %s: HTTP %d with an error body: %s", c.ep.display, r.status, c.excerpt(r.body))
}
