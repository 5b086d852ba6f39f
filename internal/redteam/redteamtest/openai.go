package redteamtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// MaxRequestBytes is the largest request body the handlers read; larger ones get 413.
const MaxRequestBytes = 4 << 20

// created is the fixed "created" timestamp of every completion: a wall-clock value would
// make identical requests give different bytes.
const created = 1700000000

// chatRequest is the part of an OpenAI chat-completions request the targets read; other
// fields (temperature, max_tokens, …) are accepted and ignored.
type chatRequest struct {
	Model    string        `json:"model"`
	Messages []chatMessage `json:"messages"`
	Tools    []chatTool    `json:"tools"`
	Stream   bool          `json:"stream"`
	// texts holds the text of each message, filled by parseRequest.
	texts []string
}

type chatMessage struct {
	Role string `json:"role"`
	// Content is a string, an array of content parts, or null.
	Content json.RawMessage `json:"content"`
}

type chatTool struct {
	Type     string `json:"type"`
	Function struct {
		Name string `json:"name"`
	} `json:"function"`
}

// contentPart is one element of an array content; only text parts are read.
type contentPart struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// completion is a chat.completion response object.
type completion struct {
	ID      string   `json:"id"`
	Object  string   `json:"object"`
	Created int64    `json:"created"`
	Model   string   `json:"model"`
	Choices []choice `json:"choices"`
	Usage   usage    `json:"usage"`
}

type choice struct {
	Index        int         `json:"index"`
	Message      respMessage `json:"message"`
	FinishReason string      `json:"finish_reason"`
}

type respMessage struct {
	Role string `json:"role"`
	// Content is null when the reply is only tool calls, as OpenAI sends it.
	Content   *string    `json:"content"`
	ToolCalls []respCall `json:"tool_calls,omitempty"`
}

type respCall struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Function respFunction `json:"function"`
}

type respFunction struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// errorBody is OpenAI's error envelope.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// httpError is a request problem with the status to answer it with.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// readBody reads at most MaxRequestBytes of r's body.
func readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBytes+1))
	if err != nil {
		return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("unable to read the request body: %v", err)}
	}
	if len(body) > MaxRequestBytes {
		return nil, &httpError{http.StatusRequestEntityTooLarge,
			fmt.Sprintf("unable to accept the request: body exceeds %d bytes", MaxRequestBytes)}
	}
	return body, nil
}

// parseRequest decodes and checks a chat-completions request body.
func parseRequest(body []byte) (*chatRequest, error) {
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("unable to parse the request body as JSON: %v", err)}
	}
	if len(req.Messages) == 0 {
		return nil, &httpError{http.StatusBadRequest, "unable to answer: 'messages' must be a non-empty array"}
	}
	if req.Stream {
		return nil, &httpError{http.StatusBadRequest, "unable to answer: streaming is not supported by this test server"}
	}
	for i, m := range req.Messages {
		switch m.Role {
		case "system", "developer", "user", "assistant", "tool", "function":
		default:
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("unable to answer: messages[%d] has invalid role %q", i, m.Role)}
		}
		text, err := messageText(m.Content)
		if err != nil {
			return nil, &httpError{http.StatusBadRequest, fmt.Sprintf("unable to answer: messages[%d].content: %v", i, err)}
		}
		req.texts = append(req.texts, text)
	}
	return &req, nil
}

// messageText returns the text of a content value: a string, the text parts of an array
// joined by newlines, or "" for null or absent content.
func messageText(raw json.RawMessage) (string, error) {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "" || s == "null":
		return "", nil
	case s[0] == '"':
		var text string
		err := json.Unmarshal(raw, &text)
		return text, err
	case s[0] == '[':
		var parts []contentPart
		if err := json.Unmarshal(raw, &parts); err != nil {
			return "", err
		}
		texts := make([]string, 0, len(parts))
		for _, p := range parts {
			if p.Type == "text" || p.Type == "input_text" {
				texts = append(texts, p.Text)
			}
		}
		return strings.Join(texts, "\n"), nil
	}
	return "", errors.New("want a string, an array of content parts or null")
}

// writeJSON writes v with status. HTML escaping is off so bodies read as the text they carry.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// A write error means the client went away; there is no one left to tell.
	_ = enc.Encode(v)
}

// writeError answers with an OpenAI error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	typ := "invalid_request_error"
	if status == http.StatusNotFound {
		typ = "not_found_error"
	}
	writeJSON(w, status, errorBody{Error: errorDetail{Message: msg, Type: typ}})
}

// writeFailure answers err, which is an *httpError or an unexpected failure.
func writeFailure(w http.ResponseWriter, err error) {
	var he *httpError
	if errors.As(err, &he) {
		writeError(w, he.status, he.msg)
		return
	}
	writeError(w, http.StatusInternalServerError, err.Error())
}

// completionID derives a stable id from the request body: the same request gets the same id.
func completionID(body []byte) string {
	h := fnv.New64a()
	h.Write(body)
	return "chatcmpl-" + strconv.FormatUint(h.Sum64(), 16)
}

// tokens estimates a token count the usual way, four bytes per token, rounding up.
func tokens(n int) int { return (n + 3) / 4 }
