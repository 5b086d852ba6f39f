package redteamtest

import (
	"encoding/json"
	"net/http"
)

// InstantReply is the text of every Instant completion.
const InstantReply = "Hello! How can I help you today?"

// Instant returns a handler that answers every chat-completions request at once with
// InstantReply, for benchmarks of the runner. It only decodes the request enough to check
// it (a JSON object with a non-empty messages array) and to echo the model name, so its
// cost per request is a few microseconds.
func Instant() http.Handler { return instant{} }

type instant struct{}

// ServeHTTP routes …/chat/completions and …/models.
func (instant) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	route(w, r, instantModel, instantChat)
}

// instantRequest is all Instant reads of a request; message objects are skipped unread.
type instantRequest struct {
	Model    string     `json:"model"`
	Messages []struct{} `json:"messages"`
	Stream   bool       `json:"stream"`
}

// instantChat answers one request with InstantReply.
func instantChat(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeFailure(w, err)
		return
	}
	var req instantRequest
	switch err := json.Unmarshal(body, &req); {
	case err != nil:
		writeError(w, http.StatusBadRequest, "unable to parse the request body as JSON: "+err.Error())
		return
	case len(req.Messages) == 0:
		writeError(w, http.StatusBadRequest, "unable to answer: 'messages' must be a non-empty array")
		return
	case req.Stream:
		writeError(w, http.StatusBadRequest, "unable to answer: streaming is not supported by this test server")
		return
	}
	model := req.Model
	if model == "" {
		model = instantModel
	}
	writeJSON(w, http.StatusOK, buildCompletion(completionID(body), model, len(body), answer{Text: InstantReply}))
}
