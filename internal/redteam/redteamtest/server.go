package redteamtest

import (
	"net/http"
	"strconv"
	"strings"
)

// Model names the handlers report when a request names none, and list under /models.
const (
	vulnerableModel = "redteamtest-vulnerable"
	defendedModel   = "redteamtest-defended"
	instantModel    = "redteamtest-instant"
)

// scripted is an OpenAI-compatible chat-completions server whose answers come from rules.
type scripted struct {
	model   string
	respond func(t *turn) answer
}

// ServeHTTP routes …/chat/completions and …/models.
func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	route(w, r, s.model, s.chat)
}

// route dispatches on the path suffix, so the handlers work under any prefix (/v1, /api/v1).
func route(w http.ResponseWriter, r *http.Request, model string, chat http.HandlerFunc) {
	switch p := strings.TrimSuffix(r.URL.Path, "/"); {
	case strings.HasSuffix(p, "/chat/completions"):
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "unable to answer: use POST for "+p)
			return
		}
		chat(w, r)
	case strings.HasSuffix(p, "/models") && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		writeJSON(w, http.StatusOK, modelList{Object: "list",
			Data: []modelInfo{{ID: model, Object: "model", Created: created, OwnedBy: "aisec"}}})
	default:
		writeError(w, http.StatusNotFound, "unable to answer: no route for "+r.Method+" "+r.URL.Path)
	}
}

type modelList struct {
	Object string      `json:"object"`
	Data   []modelInfo `json:"data"`
}

type modelInfo struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// chat answers one chat-completions request.
func (s *scripted) chat(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeFailure(w, err)
		return
	}
	req, err := parseRequest(body)
	if err != nil {
		writeFailure(w, err)
		return
	}
	t := newTurn(req)
	a := s.respond(t)
	model := req.Model
	if model == "" {
		model = s.model
	}
	writeJSON(w, http.StatusOK, buildCompletion(completionID(body), model, promptBytes(req), a))
}

// buildCompletion wraps an answer in a chat.completion object.
func buildCompletion(id, model string, prompt int, a answer) completion {
	msg := respMessage{Role: "assistant"}
	if a.Text != "" || len(a.Calls) == 0 {
		msg.Content = &a.Text
	}
	finish := "stop"
	out := len(a.Text)
	for i, c := range a.Calls {
		msg.ToolCalls = append(msg.ToolCalls, respCall{ID: "call_" + strconv.Itoa(i), Type: "function",
			Function: respFunction(c)})
		finish = "tool_calls"
		out += len(c.Name) + len(c.Arguments)
	}
	u := usage{PromptTokens: tokens(prompt), CompletionTokens: tokens(out)}
	u.TotalTokens = u.PromptTokens + u.CompletionTokens
	return completion{ID: id, Object: "chat.completion", Created: created, Model: model,
		Choices: []choice{{Index: 0, Message: msg, FinishReason: finish}}, Usage: u}
}

var (
	_ http.Handler = (*scripted)(nil)
	_ http.Handler = instant{}
)

// promptBytes is the length of every message's content, for the usage estimate.
func promptBytes(req *chatRequest) int {
	n := 0
	for _, m := range req.Messages {
		n += len(m.Content)
	}
	return n
}
