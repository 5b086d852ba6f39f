package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
)

// restBot is a generic HTTP chatbot, {"q": …, "persona": …} in and {"data": {"answer": …}}
// out, backed by the vulnerable target.
func restBot() http.Handler {
	chat := redteamtest.Vulnerable()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Q, Persona string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || r.Header.Get("X-Bot-Key") != "k1" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		body, _ := json.Marshal(map[string]any{"model": "bot", "messages": []map[string]string{
			{"role": "system", "content": in.Persona}, {"role": "user", "content": in.Q}}})
		rec := httptest.NewRecorder()
		chat.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/chat/completions", bytes.NewReader(body)))
		var out struct {
			Choices []struct {
				Message struct{ Content string }
			}
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]string{"answer": out.Choices[0].Message.Content}})
	})
}

func TestRedteamRESTTarget(t *testing.T) {
	srv := httptest.NewServer(restBot())
	t.Cleanup(srv.Close)
	url := "rest+" + srv.URL + "/api/chat"
	code, stdout, stderr := run(t, nil, "redteam", "run", "--target", url, "--probes", "sysprompt,injection",
		"--rest-body", `{"q": "$INPUT", "persona": "$SYSTEM"}`, "--rest-reply-path", "$.data.answer",
		"--header", "X-Bot-Key=k1", "--seed", "4", "--journal", filepath.Join(t.TempDir(), "rest.jsonl"), "-q", "-f", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s := summaryOf(t, stdout)
	if s.Run.Target.Kind != "rest" || s.Totals.Errors != 0 {
		t.Fatalf("target %+v, totals %+v", s.Run.Target, s.Totals)
	}
	for _, f := range s.Families {
		if f.Hits != f.Attempts {
			t.Errorf("%s: %d of %d hit through the REST target", f.Family, f.Hits, f.Attempts)
		}
	}
	if strings.Contains(stdout, "k1") {
		t.Fatal("a header value reached the report")
	}
}
