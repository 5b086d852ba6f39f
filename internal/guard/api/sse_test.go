package api

import (
	"errors"
	"strings"
	"testing"
)

type sseEv struct{ name, data, raw string }

// feedAll parses stream split into chunks of size n (0: one chunk).
func feedAll(t *testing.T, stream string, n, max int) ([]sseEv, error) {
	t.Helper()
	p := NewParser(max)
	var out []sseEv
	emit := func(e Event) error {
		out = append(out, sseEv{e.Name, string(e.Data), string(e.Raw)})
		return nil
	}
	b := []byte(stream)
	if n <= 0 {
		n = len(b) + 1
	}
	for len(b) > 0 {
		k := min(n, len(b))
		if err := p.Feed(b[:k], emit); err != nil {
			return out, err
		}
		b = b[k:]
	}
	return out, p.Close(emit)
}

func TestParserEvents(t *testing.T) {
	tests := []struct {
		name   string
		stream string
		want   []sseEv
	}{
		{"openai", "data: {\"a\":1}\n\ndata: [DONE]\n\n", []sseEv{
			{"", `{"a":1}`, "data: {\"a\":1}\n\n"}, {"", "[DONE]", "data: [DONE]\n\n"}}},
		{"named with CRLF", "event: ping\r\ndata: {}\r\n\r\n", []sseEv{{"ping", "{}", "event: ping\r\ndata: {}\r\n\r\n"}}},
		{"lone CR", "data: x\r\rdata: y\r\r", []sseEv{{"", "x", "data: x\r\r"}, {"", "y", "data: y\r\r"}}},
		{"multi-line data", "data: a\ndata:b\ndata\n\n", []sseEv{{"", "a\nb\n", "data: a\ndata:b\ndata\n\n"}}},
		{"comments and blank lines", ": keep-alive\n\n\n\ndata: x\n: mid\n\n", []sseEv{
			{"", "", ": keep-alive\n\n"}, {"", "x", "data: x\n: mid\n\n"}}},
		{"unterminated last event", "data: tail", []sseEv{{"", "tail", "data: tail\n\n"}}},
		{"byte-order mark", "\xef\xbb\xbfdata: x\n\n", []sseEv{{"", "x", "data: x\n\n"}}},
		{"unknown fields kept raw", "id: 7\nretry: 10\ndata: x\n\n", []sseEv{{"", "x", "id: 7\nretry: 10\ndata: x\n\n"}}},
	}
	for _, tt := range tests {
		for _, n := range []int{0, 1, 2, 3, 7} {
			got, err := feedAll(t, tt.stream, n, 0)
			if err != nil {
				t.Fatalf("%s/%d: %v", tt.name, n, err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%s/%d: got %q", tt.name, n, got)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("%s/%d: event %d = %q, want %q", tt.name, n, i, got[i], tt.want[i])
				}
			}
		}
	}
}

func TestParserLimit(t *testing.T) {
	_, err := feedAll(t, "data: "+strings.Repeat("x", 5000)+"\n\n", 100, 1024)
	if !errors.Is(err, ErrEventTooLarge) {
		t.Fatalf("err = %v", err)
	}
	// Many small events in one large chunk are fine: the limit is per event.
	if _, err := feedAll(t, strings.Repeat("data: x\n\n", 1000), 0, 64); err != nil {
		t.Fatal(err)
	}
}

func TestAppendEvent(t *testing.T) {
	got := string(AppendEvent(nil, "error", []byte("a\nb")))
	if got != "event: error\ndata: a\ndata: b\n\n" {
		t.Fatalf("got %q", got)
	}
}
