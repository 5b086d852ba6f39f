package api

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseResponseSurfaces(t *testing.T) {
	tests := []struct {
		name    string
		surface Surface
		body    string
		texts   []string
		index   []int
		usage   Usage
	}{
		{
			name: "chat n=2 with tool calls", surface: ChatCompletions,
			body: `{"id":"c","object":"chat.completion","choices":[
				{"index":0,"message":{"role":"assistant","content":"first","refusal":null},"logprobs":{"content":[{"token":"first","logprob":-0.1}]},"finish_reason":"stop"},
				{"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{\"k\":\"v\"}"}}]},"finish_reason":"tool_calls"}],
				"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}`,
			texts: []string{"first", `{"k":"v"}`}, index: []int{0, 1}, usage: Usage{10, 5, true},
		},
		{
			name: "completions", surface: Completions,
			body:  `{"choices":[{"text":"a","index":0,"logprobs":null},{"text":"b","index":1}],"usage":{"prompt_tokens":1,"completion_tokens":2}}`,
			texts: []string{"a", "b"}, index: []int{0, 1}, usage: Usage{1, 2, true},
		},
		{
			name: "responses", surface: Responses,
			body: `{"id":"resp_1","object":"response","instructions":"S","output":[
				{"type":"reasoning","summary":[{"type":"summary_text","text":"thinking"}]},
				{"type":"message","role":"assistant","content":[{"type":"output_text","text":"answer","annotations":[],"logprobs":[]}]},
				{"type":"function_call","name":"f","arguments":"{}","call_id":"c"}],
				"usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7}}`,
			texts: []string{"thinking", "answer", "{}"}, index: []int{0, 0, 0}, usage: Usage{3, 4, true},
		},
		{
			name: "anthropic", surface: Messages,
			body: `{"id":"msg","type":"message","role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},
				{"type":"text","text":"hello"},{"type":"tool_use","id":"x","name":"n","input":{"a":1}}],
				"usage":{"input_tokens":7,"output_tokens":2,"cache_read_input_tokens":3}}`,
			texts: []string{"t", "hello", `{"a":1}`}, index: []int{0, 0, 0}, usage: Usage{10, 2, true},
		},
		{
			name: "embeddings carry no text", surface: Embeddings,
			body:  `{"data":[{"embedding":[0.1,0.2],"index":0}],"usage":{"prompt_tokens":4,"total_tokens":4}}`,
			texts: []string{}, index: []int{}, usage: Usage{4, 0, true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseResponse(tt.surface, []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			var index []int
			for _, s := range r.Segments {
				texts, index = append(texts, s.Text), append(index, s.Index)
			}
			if strings.Join(texts, "|") != strings.Join(tt.texts, "|") || len(index) != len(tt.index) {
				t.Fatalf("texts %q", texts)
			}
			for i := range index {
				if index[i] != tt.index[i] {
					t.Fatalf("index %v, want %v", index, tt.index)
				}
			}
			if r.Usage != tt.usage {
				t.Fatalf("usage %+v, want %+v", r.Usage, tt.usage)
			}
		})
	}
}

func TestRewriteResponse(t *testing.T) {
	body := `{"choices":[{"index":0,"message":{"content":"key sk-123 here"},"logprobs":{"content":[{"token":"sk-123"}]}}],"extra":{"x":true}}`
	r, err := ParseResponse(ChatCompletions, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Rewrite(ResponseRewrite{Texts: []string{"key [REDACTED:SECRET] here"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !json.Valid(out) || strings.Contains(s, "sk-123") || !strings.Contains(s, `"logprobs":null`) ||
		!strings.Contains(s, `"extra":{"x":true}`) {
		t.Fatalf("rewritten: %s", s)
	}

	resp := `{"instructions":"S\n\nCANARY 42","output":[{"type":"message","content":[{"type":"output_text","text":"t","logprobs":[{"token":"t"}]}]}]}`
	rr, err := ParseResponse(Responses, []byte(resp))
	if err != nil {
		t.Fatal(err)
	}
	out, err = rr.Rewrite(ResponseRewrite{Texts: []string{"T"}, StripFromEcho: []string{"\n\nCANARY 42"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"instructions":"S","output":[{"type":"message","content":[{"type":"output_text","text":"T","logprobs":[]}]}]}`; string(out) != want {
		t.Fatalf("got  %s\nwant %s", out, want)
	}
}
