package proxy

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// brokenScanner cannot decide: it fails, or hangs past its rule's deadline.
type brokenScanner struct {
	dir  scanners.Direction
	hang bool
}

func (b *brokenScanner) Name() string                   { return "broken" }
func (b *brokenScanner) Directions() scanners.Direction { return b.dir }
func (b *brokenScanner) Scan(ctx context.Context, _ *scanners.Request) ([]scanners.Finding, error) {
	if b.hang {
		<-ctx.Done()
		time.Sleep(50 * time.Millisecond) // a scanner slow to notice: the engine must not wait
		return nil, nil
	}
	return nil, errors.New("model file missing")
}

var _ scanners.Scanner = (*brokenScanner)(nil)

// TestFailClosed: a scanner that errors or times out blocks the exchange, on input and on
// streamed and buffered output, unless its rule says fail_open.
func TestFailClosed(t *testing.T) {
	answer := func(c captured) script {
		if strings.Contains(c.Body, `"stream":true`) {
			return script{header: map[string]string{"Content-Type": "text/event-stream"}, chunks: chatContent("all ", "fine")}
		}
		return script{body: `{"choices":[{"index":0,"message":{"role":"assistant","content":"all fine"}}]}`}
	}
	for _, tc := range []struct {
		name     string
		scanner  *brokenScanner
		failOpen bool
		stream   bool
		want     int
	}{
		{"input error", &brokenScanner{dir: scanners.Input}, false, false, http.StatusForbidden},
		{"input timeout", &brokenScanner{dir: scanners.Input, hang: true}, false, false, http.StatusForbidden},
		{"input error fail open", &brokenScanner{dir: scanners.Input}, true, false, http.StatusOK},
		{"output error", &brokenScanner{dir: scanners.Output}, false, false, http.StatusForbidden},
		{"output timeout", &brokenScanner{dir: scanners.Output, hang: true}, false, false, http.StatusForbidden},
		{"streamed output error", &brokenScanner{dir: scanners.Output}, false, true, http.StatusOK},
		{"output error fail open", &brokenScanner{dir: scanners.Output}, true, true, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng, err := engine.New([]scanners.Scanner{tc.scanner}, map[string]engine.Rule{
				"broken": {Mode: engine.Block, FailOpen: tc.failOpen, Timeout: 30 * time.Millisecond}})
			if err != nil {
				t.Fatal(err)
			}
			h := newHarness(t, eng, answer, nil)
			resp, body := h.post(api.ChatCompletions.Path(), requestFor(api.ChatCompletions, tc.stream, ""))
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
			}
			if !tc.stream {
				return
			}
			// A stream has already answered 200: an undecided output must end in the error
			// event, never in the text.
			view := readStream(t, api.ChatCompletions, body)
			if tc.failOpen {
				if !strings.Contains(view.all(), "all fine") || view.errors != 0 {
					t.Fatalf("fail-open stream lost its text: %q", view.all())
				}
				return
			}
			if strings.Contains(view.all(), "fine") || view.errors == 0 {
				t.Fatalf("undecided stream was released: %s", body)
			}
		})
	}
}
