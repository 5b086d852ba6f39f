package proxy

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// scanRequest is the body of POST /v1/guard/scan: either OpenAI-style messages or one text.
type scanRequest struct {
	Messages  json.RawMessage `json:"messages"`
	Text      *string         `json:"text"`
	Direction string          `json:"direction"`
	System    string          `json:"system"`
	Canary    string          `json:"canary"`
}

// scanResponse is the verdict as the scan API returns it.
type scanResponse struct {
	Flagged   bool               `json:"flagged"`
	Action    engine.Mode        `json:"action"`
	Findings  []engine.Hit       `json:"findings"`
	Errors    []engine.RuleError `json:"errors,omitempty"`
	Sanitized []string           `json:"sanitized,omitempty"`
}

// scan serves POST /v1/guard/scan: the guard's rules as a service for other gateways. It
// inspects and reports; it forwards nothing.
func (s *Server) scan(w http.ResponseWriter, r *http.Request) {
	sf := api.ChatCompletions // the scan API answers errors in OpenAI's shape
	a := s.cur.Load()
	if a == nil {
		writeError(w, sf, api.Error{Kind: api.Unavailable, Code: "not_ready", Message: "the guard has no configuration loaded"})
		return
	}
	identity, _, ok := a.authenticate(r)
	if !ok {
		writeError(w, sf, api.Error{Kind: api.Unauthenticated, Code: "invalid_api_key", Message: "missing or unknown API key"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.rt.maxRequest()))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, sf, tooLarge(a.rt.maxRequest()))
			return
		}
		writeError(w, sf, api.Error{Kind: api.InvalidRequest, Code: "unreadable_body", Message: "unable to read the request body"})
		return
	}
	req, err := scanInput(body)
	if err != nil {
		writeError(w, sf, api.Error{Kind: api.InvalidRequest, Code: "invalid_request", Message: err.Error()})
		return
	}
	req.Identity = identity
	v := s.inspect(r.Context(), a.rt.Engine, req)
	out := scanResponse{Flagged: v.Flagged, Action: v.Action, Findings: v.Hits, Errors: v.Errors, Sanitized: v.Sanitized}
	if out.Findings == nil {
		out.Findings = []engine.Hit{}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// scanInput reads a scan request into the scanners' request.
func scanInput(body []byte) (*scanners.Request, error) {
	var sr scanRequest
	if err := json.Unmarshal(body, &sr); err != nil {
		return nil, errors.New("body must be a JSON object with \"messages\" or \"text\"")
	}
	dir, ok := scanners.ParseDirection(sr.Direction)
	if !ok {
		return nil, errors.New(`direction must be "input" or "output"`)
	}
	req := &scanners.Request{Direction: dir, System: sr.System, Canary: sr.Canary}
	switch {
	case sr.Text != nil:
		role := scanners.RoleUser
		if dir == scanners.Output {
			role = scanners.RoleAssistant
		}
		req.Segments = []scanners.Segment{{Role: role, Text: *sr.Text}}
	case len(sr.Messages) > 0:
		parsed, err := api.ParseRequest(api.ChatCompletions, append(append([]byte(`{"messages":`), sr.Messages...), '}'))
		if err != nil {
			return nil, err
		}
		req.Segments = parsed.Segments
		if req.System == "" {
			req.System = parsed.System
		}
	default:
		return nil, errors.New(`want "messages" or "text"`)
	}
	return req, nil
}
