package proxy

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
)

// shapes are the ways a model can put text in front of a client: every surface, n>1, tool
// calls, Responses and Anthropic event streams. The secret is always split across events.
func shapes(secret string) []struct {
	name   string
	sf     api.Surface
	stream []string
} {
	a, b := secret[:9], secret[9:]
	return []struct {
		name   string
		sf     api.Surface
		stream []string
	}{
		{"chat content", api.ChatCompletions, chatContent("Here it is: ", a, b, " and more.")},
		{"chat n=2 second choice", api.ChatCompletions, chatN2("The ", a, b, " end")},
		{"chat tool call arguments", api.ChatCompletions, chatTool(`{"query":"`, a, b, `"}`)},
		{"chat cut every 7 bytes", api.ChatCompletions, rechunk(chatContent("x ", a, b, " y"), 7)},
		{"completions", api.Completions, completionsStream("Key: ", a, b, ".")},
		{"responses text", api.Responses, responsesText("Key: ", a, b, ".")},
		{"responses function call", api.Responses, responsesTool(`{"q":"`, a, b, `"}`)},
		{"responses cut every 5 bytes", api.Responses, rechunk(responsesText("k ", a, b), 5)},
		{"anthropic text", api.Messages, anthropicText("Key: ", a, b, ".")},
		{"anthropic tool input", api.Messages, anthropicTool(`{"q":"`, a, b, `"}`)},
		{"anthropic CRLF cut every 3 bytes", api.Messages, rechunk(crlf(anthropicText(a, b)), 3)},
	}
}

func crlf(chunks []string) []string {
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = strings.ReplaceAll(c, "\n", "\r\n")
	}
	return out
}

// TestStreamCannotBypassOutputRules proves that stream:true, n>1, tool calls, the Responses
// API and Anthropic streams all go through the output rules: in block and abort mode the
// client never receives the secret, not even split across events or in a snapshot event, and
// the stream ends with the surface's error event; in redact mode it gets the marker instead.
// Log mode is the control: the secret does reach the client, so the reassembly sees it.
func TestStreamCannotBypassOutputRules(t *testing.T) {
	for _, mode := range []engine.Mode{engine.Block, engine.Abort, engine.Redact, engine.Log} {
		for _, sh := range shapes(testSecret) {
			t.Run(string(mode)+"/"+sh.name, func(t *testing.T) {
				chunks := sh.stream
				h := newHarness(t, secretEngine(t, mode), func(captured) script { return script{chunks: chunks} }, nil)
				resp, body := h.post(sh.sf.Path(), requestFor(sh.sf, true, ""))
				if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
					t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				v := readStream(t, sh.sf, body)
				seen := strings.Contains(v.all(), testSecret) || strings.Contains(body, testSecret)
				switch mode {
				case engine.Log:
					if !seen || v.errors != 0 {
						t.Fatalf("log mode must pass the text through: errors %d\n%s", v.errors, body)
					}
					return
				case engine.Redact:
					if seen || !strings.Contains(v.all(), "[REDACTED:TOKEN]") || v.errors != 0 {
						t.Fatalf("redaction failed (errors %d):\n%s", v.errors, body)
					}
					return
				}
				if seen {
					t.Fatalf("the secret reached the client:\n%s", body)
				}
				if v.errors == 0 {
					t.Fatalf("the stream did not end with an error event:\n%s", body)
				}
				if !strings.Contains(body, "guard rule secret") {
					t.Fatalf("the error event does not name the rule:\n%s", body)
				}
				if sh.sf == api.ChatCompletions && !v.done {
					t.Fatalf("a chat error event must be followed by [DONE]:\n%s", body)
				}
				if sh.sf == api.Responses && !strings.Contains(body, "event: response.failed") {
					t.Fatalf("a Responses stream must end with response.failed:\n%s", body)
				}
			})
		}
	}
}

// TestStreamCleanPassesThrough checks that a clean stream arrives intact, snapshots included,
// whatever the mode.
func TestStreamCleanPassesThrough(t *testing.T) {
	for _, mode := range []engine.Mode{engine.Block, engine.Abort} {
		for _, sh := range shapes("public-XYZZY-42") {
			t.Run(string(mode)+"/"+sh.name, func(t *testing.T) {
				clean := sh.stream
				h := newHarness(t, secretEngine(t, mode), func(captured) script { return script{chunks: clean} }, nil)
				_, body := h.post(sh.sf.Path(), requestFor(sh.sf, true, ""))
				if want := strings.Join(clean, ""); strings.ReplaceAll(body, "\r\n", "\n") != strings.ReplaceAll(want, "\r\n", "\n") {
					t.Fatalf("clean stream altered:\n got %q\nwant %q", body, want)
				}
			})
		}
	}
}

// TestStreamRedactRewritesSnapshots checks that after a redaction the Responses done and
// completed events carry the redacted text, not the original.
func TestStreamRedactRewritesSnapshots(t *testing.T) {
	chunks := responsesText("Key: ", testSecret[:4], testSecret[4:], ".")
	h := newHarness(t, secretEngine(t, engine.Redact), func(captured) script { return script{chunks: chunks} }, nil)
	_, body := h.post("/v1/responses", requestFor(api.Responses, true, ""))
	v := readStream(t, api.Responses, body)
	if len(v.snaps) == 0 {
		t.Fatal("no snapshots")
	}
	for _, s := range v.snaps {
		if strings.Contains(s, testSecret) {
			t.Fatalf("snapshot leaks the secret: %q", s)
		}
	}
	if !strings.Contains(body, `"text":"Key: [REDACTED:TOKEN]."`) {
		t.Fatalf("done event not rewritten:\n%s", body)
	}
}

// TestStreamHoldsOnlyTheTail checks that block mode releases text lying a tail before the
// scanned frontier while the stream is still going: time to first token stays bounded.
func TestStreamHoldsOnlyTheTail(t *testing.T) {
	resume := make(chan struct{})
	pieces := make([]string, 40)
	for i := range pieces {
		pieces[i] = strings.Repeat("word ", 10)
	}
	chunks := chatContent(pieces...)
	h := newHarness(t, secretEngine(t, engine.Block), func(captured) script {
		return script{chunks: chunks, pauseAfter: 30, resume: resume}
	}, func(rt *Runtime) { rt.StreamTail = 64 })
	req, _ := http.NewRequest(http.MethodPost, h.front.URL+"/v1/chat/completions", strings.NewReader(requestFor(api.ChatCompletions, true, "")))
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	got := make(chan int, 1)
	go func() {
		buf := make([]byte, 64<<10)
		n := 0
		for n < 1000 {
			k, err := resp.Body.Read(buf[n:])
			n += k
			if err != nil {
				break
			}
		}
		got <- n
	}()
	select {
	case n := <-got:
		if n < 1000 {
			t.Fatalf("only %d bytes before the pause", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("nothing was released while the upstream paused")
	}
	close(resume)
	rest, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(rest), "[DONE]") {
		t.Fatalf("stream did not finish: %q", rest)
	}
}
