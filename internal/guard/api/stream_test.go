package api

import (
	"encoding/json"
	"strings"
	"testing"
)

func decode(t *testing.T, s Surface, name, data string) Chunk {
	t.Helper()
	c, err := DecodeChunk(s, &Event{Name: name, Data: []byte(data), HasData: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func refsOf(c Chunk) []string {
	var out []string
	for _, r := range c.Refs {
		kind := map[RefKind]string{Delta: "d", Snapshot: "s", Echo: "e"}[r.Kind]
		out = append(out, kind+":"+r.Text)
	}
	return out
}

func TestDecodeChunk(t *testing.T) {
	tests := []struct {
		name    string
		surface Surface
		event   string
		data    string
		refs    []string
		keys    []Key
		check   func(t *testing.T, c Chunk)
	}{
		{
			name: "chat content", surface: ChatCompletions,
			data: `{"id":"x","choices":[{"index":1,"delta":{"content":"hel"},"finish_reason":null}]}`,
			refs: []string{"d:hel"}, keys: []Key{{Choice: 1, Kind: Content}},
		},
		{
			name: "chat tool call arguments", surface: ChatCompletions,
			data: `{"choices":[{"index":0,"delta":{"tool_calls":[{"index":2,"function":{"arguments":"{\"a"}}]}}]}`,
			refs: []string{`d:{"a`}, keys: []Key{{Choice: 0, Part: 2, Kind: ToolArgs}},
		},
		{
			name: "chat finish closes the choice", surface: ChatCompletions,
			data: `{"choices":[{"index":3,"delta":{},"finish_reason":"stop"}]}`,
			check: func(t *testing.T, c Chunk) {
				if len(c.Closes) != 1 || c.Closes[0] != (Key{Choice: 3, Kind: AllKinds}) {
					t.Fatalf("closes %v", c.Closes)
				}
			},
		},
		{
			name: "chat usage chunk", surface: ChatCompletions,
			data: `{"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4}}`,
			check: func(t *testing.T, c Chunk) {
				if !c.UsageOnly || c.Usage != (Usage{9, 4, true}) {
					t.Fatalf("usage %+v only %v", c.Usage, c.UsageOnly)
				}
			},
		},
		{
			name: "chat in-band error", surface: ChatCompletions, data: `{"error":{"message":"boom"}}`,
			check: func(t *testing.T, c Chunk) {
				if !c.Error {
					t.Fatal("error not seen")
				}
			},
		},
		{
			name: "completions text", surface: Completions, data: `{"choices":[{"text":"abc","index":0,"logprobs":null}]}`,
			refs: []string{"d:abc"}, keys: []Key{{Kind: Content}},
		},
		{
			name: "responses text delta", surface: Responses, event: "response.output_text.delta",
			data: `{"type":"response.output_text.delta","item_id":"m","output_index":1,"content_index":0,"delta":"Hi","sequence_number":5}`,
			refs: []string{"d:Hi"}, keys: []Key{{Choice: 1, Kind: Content}},
			check: func(t *testing.T, c Chunk) {
				if c.Seq != 5 {
					t.Fatalf("seq %d", c.Seq)
				}
			},
		},
		{
			name: "responses function arguments", surface: Responses,
			data: `{"type":"response.function_call_arguments.delta","output_index":2,"delta":"{\"x"}`,
			refs: []string{`d:{"x`}, keys: []Key{{Choice: 2, Kind: ToolArgs}},
		},
		{
			name: "responses text done is a snapshot", surface: Responses,
			data: `{"type":"response.output_text.done","output_index":0,"content_index":0,"text":"Hi there"}`,
			refs: []string{"s:Hi there"}, keys: []Key{{Kind: Content}},
		},
		{
			name: "responses completed", surface: Responses,
			data: `{"type":"response.completed","response":{"id":"resp_9","model":"gpt","instructions":"S+C","output":[
				{"type":"message","content":[{"type":"output_text","text":"Hi there"}]},{"type":"function_call","arguments":"{}"}],
				"usage":{"input_tokens":1,"output_tokens":2}}}`,
			refs: []string{"e:S+C", "s:Hi there", "s:{}"},
			keys: []Key{{}, {Kind: Content}, {Choice: 1, Kind: ToolArgs}},
			check: func(t *testing.T, c Chunk) {
				if !c.Done || c.ResponseID != "resp_9" || c.Usage.Output != 2 {
					t.Fatalf("chunk %+v", c)
				}
			},
		},
		{
			name: "responses unknown delta still read", surface: Responses,
			data: `{"type":"response.future_thing.delta","output_index":0,"delta":"zz"}`,
			refs: []string{"d:zz"}, keys: []Key{{Kind: Other}},
		},
		{
			name: "anthropic text delta", surface: Messages, event: "content_block_delta",
			data: `{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"yo"}}`,
			refs: []string{"d:yo"}, keys: []Key{{Choice: 1, Kind: Content}},
		},
		{
			name: "anthropic json delta", surface: Messages,
			data: `{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"ci"}}`,
			refs: []string{`d:{"ci`}, keys: []Key{{Choice: 2, Kind: ToolArgs}},
		},
		{
			name: "anthropic type missing: event name used", surface: Messages, event: "content_block_delta",
			data: `{"index":0,"delta":{"text":"named"}}`,
			refs: []string{"d:named"}, keys: []Key{{Kind: Content}},
		},
		{
			name: "anthropic usage", surface: Messages,
			data: `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":15}}`,
			check: func(t *testing.T, c Chunk) {
				if c.Usage.Output != 15 {
					t.Fatalf("usage %+v", c.Usage)
				}
			},
		},
		{
			name: "anthropic stop", surface: Messages, data: `{"type":"message_stop"}`,
			check: func(t *testing.T, c Chunk) {
				if !c.Done {
					t.Fatal("not done")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := decode(t, tt.surface, tt.event, tt.data)
			if got := refsOf(c); strings.Join(got, "|") != strings.Join(tt.refs, "|") {
				t.Fatalf("refs %q, want %q", got, tt.refs)
			}
			for i, k := range tt.keys {
				if c.Refs[i].Key != k {
					t.Fatalf("key %d = %+v, want %+v", i, c.Refs[i].Key, k)
				}
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestChunkEncode(t *testing.T) {
	data := `{"choices":[{"index":0,"delta":{"content":"sk-live"},"logprobs":{"content":[{"token":"sk"}]}}],"x":1}`
	c := decode(t, ChatCompletions, "", data)
	out, err := c.Encode("", []Replacement{{Ref: 0, Text: "[REDACTED]"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"[REDACTED]\"},\"logprobs\":null}],\"x\":1}\n\n"
	if string(out) != want {
		t.Fatalf("got %q", out)
	}
}

func TestErrorShapes(t *testing.T) {
	e := Error{Kind: Blocked, Code: "secrets", Message: "blocked by guard rule secrets"}
	var oa struct {
		Error struct{ Message, Type, Code string } `json:"error"`
	}
	if err := json.Unmarshal(ErrorBody(ChatCompletions, e), &oa); err != nil || oa.Error.Type != "guard_blocked" || oa.Error.Code != "secrets" {
		t.Fatalf("openai body %+v %v", oa, err)
	}
	var an struct {
		Type  string
		Error struct{ Type, Message string }
	}
	if err := json.Unmarshal(ErrorBody(Messages, e), &an); err != nil || an.Type != "error" || an.Error.Type != "permission_error" {
		t.Fatalf("anthropic body %+v %v", an, err)
	}
	if e.Status() != 403 {
		t.Fatal(e.Status())
	}
	for _, s := range Surfaces() {
		ev := ErrorEvent(s, e, StreamState{ResponseID: "r", NextSeq: 3})
		var n int
		err := feedEvents(ev, func(ev Event) error {
			n++
			if !ev.IsDone() && !json.Valid(ev.Data) {
				t.Fatalf("%s: invalid event data %q", s, ev.Data)
			}
			return nil
		})
		if err != nil || n == 0 {
			t.Fatalf("%s: %v (%d events)", s, err, n)
		}
	}
}

func feedEvents(b []byte, fn func(Event) error) error {
	p := NewParser(0)
	if err := p.Feed(b, fn); err != nil {
		return err
	}
	return p.Close(fn)
}

func TestDeltaContentParts(t *testing.T) {
	c := decode(t, ChatCompletions, "", `{"choices":[{"index":0,"delta":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]}`)
	if got := refsOf(c); strings.Join(got, "|") != "d:a|d:b" {
		t.Fatalf("refs %q", got)
	}
}

func TestQuoteSeparators(t *testing.T) {
	if got := string(quote("a\u2028b\u2029c\xffd\"")); got != `"a\u2028b\u2029c\ufffdd\""` {
		t.Fatalf("got %s", got)
	}
}
