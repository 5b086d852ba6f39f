package api

import (
	"strings"
	"testing"
	"time"
)

// chatBody4KiB is a realistic chat request with a 4 KiB user prompt.
func chatBody4KiB() []byte {
	prompt := strings.Repeat("Please summarise the quarterly report and list the risks. ", 80)[:4096]
	return []byte(`{"model":"gpt-4o-mini","temperature":0.2,"stream":false,"messages":[` +
		`{"role":"system","content":"You are a helpful assistant for the finance team."},` +
		`{"role":"user","content":"` + prompt + `"}],"metadata":{"team":"finance"}}`)
}

// BenchmarkParseRewriteChat4KiB is the request-side wire cost of the proxy: parse, then rewrite
// with a canary instruction and one sanitized segment.
func BenchmarkParseRewriteChat4KiB(b *testing.B) {
	body := chatBody4KiB()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := ParseRequest(ChatCompletions, body)
		if err != nil {
			b.Fatal(err)
		}
		san := []string{r.Segments[0].Text, "[REDACTED] " + r.Segments[1].Text}
		if _, err := r.Rewrite(RewriteOptions{Sanitized: san, SystemSuffix: "\n\ncanary 0123456789abcdef"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSSEChatStream parses and decodes a 200-chunk chat stream.
func BenchmarkSSEChatStream(b *testing.B) {
	var sb strings.Builder
	for range 200 {
		sb.WriteString(`data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"word "},"finish_reason":null}]}` + "\n\n")
	}
	sb.WriteString("data: [DONE]\n\n")
	stream := []byte(sb.String())
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		p := NewParser(0)
		err := p.Feed(stream, func(ev Event) error {
			_, err := DecodeChunk(ChatCompletions, &ev)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestNestingStaysCheap guards against quadratic work on deeply nested blocks.
func TestNestingStaysCheap(t *testing.T) {
	depth := 4000
	body := `{"messages":[{"role":"user","content":` + strings.Repeat(`[{"type":"tool_result","content":`, depth) +
		`"x"` + strings.Repeat(`}]`, depth) + `}]}`
	start := time.Now()
	r, err := ParseRequest(Messages, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if r.Opaque == 0 {
		t.Fatal("deep nesting must be reported as opaque")
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Fatalf("took %v", d)
	}
}
