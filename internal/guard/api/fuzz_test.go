package api

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var fuzzBodies = []string{
	`{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"t"},{"type":"image_url"}]},{"role":"assistant","tool_calls":[{"function":{"arguments":"{}"}}]},{"role":"tool","content":"r"}],"stream":true}`,
	`{"prompt":["a",[1,2]],"suffix":"s"}`,
	`{"input":["a","b"]}`,
	`{"instructions":"i","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"x"}]},{"type":"function_call_output","output":"o"}]}`,
	`{"system":[{"type":"text","text":"s"}],"messages":[{"role":"user","content":[{"type":"tool_result","content":[{"type":"text","text":"r"}]},{"type":"tool_use","input":{"a":"\u00e9"}}]}]}`,
	`{"choices":[{"index":0,"message":{"content":"c","tool_calls":[{"function":{"arguments":"x"}}]},"logprobs":{"content":[]}}],"usage":{"prompt_tokens":1}}`,
	`{"output":[{"type":"message","content":[{"type":"output_text","text":"t","logprobs":[]}]}],"instructions":"x"}`,
	`{"content":[{"type":"text","text":"t"},{"type":"tool_use","input":{}}]}`,
}

// FuzzParseRequest checks that any body either fails cleanly or parses into segments that a
// rewrite turns back into valid JSON carrying the new texts.
func FuzzParseRequest(f *testing.F) {
	for _, b := range fuzzBodies {
		for s := range len(Surfaces()) {
			f.Add(uint8(s), []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, sv uint8, body []byte) {
		s := Surfaces()[int(sv)%len(Surfaces())]
		r, err := ParseRequest(s, body)
		if err != nil {
			return
		}
		san := make([]string, len(r.Segments))
		for i, seg := range r.Segments {
			san[i] = strings.ToUpper(seg.Text)
			if r.locs[i].raw {
				san[i] = seg.Text
			}
		}
		out, err := r.Rewrite(RewriteOptions{Sanitized: san, SystemSuffix: "\nCANARY", ForceUsage: true})
		if err != nil {
			t.Fatalf("rewrite failed: %v", err)
		}
		if !json.Valid(out) {
			t.Fatalf("rewrite produced invalid JSON: %s", out)
		}
		again, err := ParseRequest(s, out)
		if err != nil {
			t.Fatalf("rewritten body does not parse: %v\n%s", err, out)
		}
		for _, seg := range again.Segments {
			if seg.Text != strings.ToUpper(seg.Text) && !strings.Contains(seg.Text, "CANARY") && seg.Role != "assistant" {
				if !json.Valid([]byte(seg.Text)) { // raw tool inputs are kept as they were
					t.Fatalf("segment %q escaped the rewrite", seg.Text)
				}
			}
		}
	})
}

// FuzzParseResponse checks response parsing and rewriting the same way.
func FuzzParseResponse(f *testing.F) {
	for _, b := range fuzzBodies {
		for s := range len(Surfaces()) {
			f.Add(uint8(s), []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, sv uint8, body []byte) {
		s := Surfaces()[int(sv)%len(Surfaces())]
		r, err := ParseResponse(s, body)
		if err != nil {
			return
		}
		texts := make([]string, len(r.Segments))
		for i := range texts {
			texts[i] = "X"
			if r.locs[i].raw {
				texts[i] = "{}"
			}
		}
		out, err := r.Rewrite(ResponseRewrite{Texts: texts, StripFromEcho: []string{"x"}})
		if err != nil {
			t.Fatalf("rewrite failed: %v", err)
		}
		again, err := ParseResponse(s, out)
		if err != nil {
			t.Fatalf("rewritten body does not parse: %v\n%s", err, out)
		}
		if len(again.Segments) != len(r.Segments) {
			t.Fatalf("%d segments became %d", len(r.Segments), len(again.Segments))
		}
	})
}

// FuzzSSE checks that the parser never fails or differs depending on where the stream is cut,
// and that every event decodes or fails cleanly and re-encodes to what it decoded.
func FuzzSSE(f *testing.F) {
	f.Add([]byte("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n"), uint8(3), uint8(0))
	f.Add([]byte("event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"a\"}}\r\n\r\n"), uint8(1), uint8(4))
	f.Add([]byte("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"d\"}\n\n: c\n\n"), uint8(7), uint8(2))
	f.Fuzz(func(t *testing.T, stream []byte, cut uint8, sv uint8) {
		s := Surfaces()[int(sv)%len(Surfaces())]
		whole := collect(t, stream, 0)
		parts := collect(t, stream, int(cut)%16+1)
		if len(whole) != len(parts) {
			t.Fatalf("%d events whole, %d when cut", len(whole), len(parts))
		}
		for i := range whole {
			if !bytes.Equal(whole[i].Raw, parts[i].Raw) || !bytes.Equal(whole[i].Data, parts[i].Data) || whole[i].Name != parts[i].Name {
				t.Fatalf("event %d differs: %q vs %q", i, whole[i].Raw, parts[i].Raw)
			}
			c, err := DecodeChunk(s, &whole[i])
			if err != nil || !whole[i].HasData || c.Done && len(c.Refs) == 0 {
				continue
			}
			reps := make([]Replacement, len(c.Refs))
			for j := range reps {
				reps[j] = Replacement{Ref: j, Text: "Y"}
			}
			out, err := c.Encode(whole[i].Name, reps)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			back := collect(t, out, 0)
			if len(back) != 1 || !json.Valid(back[0].Data) {
				t.Fatalf("re-encoded event unreadable: %q", out)
			}
		}
	})
}

func collect(t *testing.T, stream []byte, n int) []Event {
	var out []Event
	p := NewParser(1 << 16)
	emit := func(e Event) error { out = append(out, e); return nil }
	if n <= 0 {
		n = len(stream) + 1
	}
	for b := stream; len(b) > 0; {
		k := min(n, len(b))
		if err := p.Feed(b[:k], emit); err != nil {
			t.Fatalf("feed: %v", err)
		}
		b = b[k:]
	}
	if err := p.Close(emit); err != nil {
		t.Fatalf("close: %v", err)
	}
	return out
}

// FuzzValidJSON checks the fast validator against encoding/json.
func FuzzValidJSON(f *testing.F) {
	for _, b := range fuzzBodies {
		f.Add([]byte(b))
	}
	for _, b := range []string{`1`, `-0.5e+3`, `"\u00e9\n"`, `[1,]`, `{"a":1,}`, `01`, `"\x"`, `[] `, ` {"a" : [true,false,null]} `, "\"\x01\"", `1.`, `-`, `"\ud800"`} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validJSON(b), json.Valid(b); got != want {
			t.Fatalf("validJSON(%q) = %v, encoding/json says %v", b, got, want)
		}
	})
}
