package check

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// lineRequest is the accepted shape of an input line; other fields are ignored.
type lineRequest struct {
	Text     *string   `json:"text"`
	System   string    `json:"system"`
	Messages []message `json:"messages"`
}

type message struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type part struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// parseRequest turns a line into a scanner request: {"text": …} is one segment with the role
// of the direction; {"messages": [...]} keeps the roles (system and developer messages also
// become the system prompt, tool and function results are marked as tool text).
func parseRequest(data []byte, d scanners.Direction) (*scanners.Request, error) {
	var lr lineRequest
	if err := json.Unmarshal(data, &lr); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	req := &scanners.Request{Direction: d, System: lr.System}
	if lr.Text != nil {
		role := scanners.RoleUser
		if d == scanners.Output {
			role = scanners.RoleAssistant
		}
		req.Segments = append(req.Segments, scanners.Segment{Role: role, Text: *lr.Text})
	}
	for i, m := range lr.Messages {
		text, err := contentText(m.Content)
		if err != nil {
			return nil, fmt.Errorf("message %d: %v", i, err)
		}
		role := normalizeRole(m.Role)
		if role == scanners.RoleSystem {
			req.System = joinNonEmpty(req.System, text)
		}
		req.Segments = append(req.Segments, scanners.Segment{Role: role, Index: i, Text: text})
	}
	if lr.Text == nil && lr.Messages == nil {
		return nil, errors.New(`want "text" or "messages"`)
	}
	return req, nil
}

func normalizeRole(r string) string {
	switch r {
	case "system", "developer":
		return scanners.RoleSystem
	case "assistant", "model":
		return scanners.RoleAssistant
	case "tool", "function", "ipython":
		return scanners.RoleTool
	case "document":
		return scanners.RoleDocument
	}
	return scanners.RoleUser
}

// contentText accepts a string or an array of parts, keeping the text parts.
func contentText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var parts []part
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", errors.New("content is neither a string nor an array of parts")
	}
	text := ""
	for _, p := range parts {
		if p.Text != "" {
			text = joinNonEmpty(text, p.Text)
		}
	}
	return text, nil
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "\n" + b
}
