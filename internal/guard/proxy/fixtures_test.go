package proxy

import (
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/guard/api"
)

// Real-shaped event streams of every surface, built from text pieces (each piece is one
// delta), so a test can split a secret across events.

func q(s string) string { return `"` + api.JSONEscape(s) + `"` }

func data(d string) string { return "data: " + d + "\n\n" }

func named(name, d string) string { return "event: " + name + "\ndata: " + d + "\n\n" }

// rechunk cuts a stream into pieces of n bytes, so events and lines split anywhere.
func rechunk(chunks []string, n int) []string {
	all := strings.Join(chunks, "")
	var out []string
	for len(all) > 0 {
		k := min(n, len(all))
		out = append(out, all[:k])
		all = all[k:]
	}
	return out
}

const chunkHead = `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[`

func chatDelta(idx int, delta string) string {
	return data(chunkHead + fmt.Sprintf(`{"index":%d,"delta":%s,"logprobs":null,"finish_reason":null}]}`, idx, delta))
}

func chatFinish(idx int, reason string) string {
	return data(chunkHead + fmt.Sprintf(`{"index":%d,"delta":{},"finish_reason":%q}]}`, idx, reason))
}

func chatContent(pieces ...string) []string {
	out := []string{chatDelta(0, `{"role":"assistant","content":""}`)}
	for _, p := range pieces {
		out = append(out, chatDelta(0, `{"content":`+q(p)+`}`))
	}
	return append(out, chatFinish(0, "stop"), data("[DONE]"))
}

// chatN2 interleaves a clean choice 0 with choice 1 made of pieces.
func chatN2(pieces ...string) []string {
	out := []string{chatDelta(0, `{"role":"assistant","content":""}`), chatDelta(1, `{"role":"assistant","content":""}`)}
	for _, p := range pieces {
		out = append(out, chatDelta(0, `{"content":"fine "}`), chatDelta(1, `{"content":`+q(p)+`}`))
	}
	return append(out, chatFinish(0, "stop"), chatFinish(1, "stop"), data("[DONE]"))
}

func chatTool(pieces ...string) []string {
	out := []string{chatDelta(0, `{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":""}}]}`)}
	for _, p := range pieces {
		out = append(out, chatDelta(0, `{"tool_calls":[{"index":0,"function":{"arguments":`+q(p)+`}}]}`))
	}
	return append(out, chatFinish(0, "tool_calls"), data("[DONE]"))
}

func completionsStream(pieces ...string) []string {
	var out []string
	for _, p := range pieces {
		out = append(out, data(`{"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":`+q(p)+`,"logprobs":null,"finish_reason":null}]}`))
	}
	return append(out, data(`{"id":"cmpl-1","choices":[{"index":0,"text":"","finish_reason":"stop"}]}`), data("[DONE]"))
}

func responsesText(pieces ...string) []string {
	full := strings.Join(pieces, "")
	seq := 0
	ev := func(typ, body string) string {
		seq++
		return named(typ, fmt.Sprintf(`{"type":%q,"sequence_number":%d,%s}`, typ, seq, body))
	}
	resp := func(status, output string) string {
		return fmt.Sprintf(`"response":{"id":"resp_1","object":"response","status":%q,"model":"gpt-4o","instructions":null,"output":[%s],"usage":null}`, status, output)
	}
	item := `{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":` + q(full) + `,"annotations":[]}]}`
	out := []string{ev("response.created", resp("in_progress", "")),
		ev("response.output_item.added", `"output_index":0,"item":{"type":"message","id":"msg_1","status":"in_progress","role":"assistant","content":[]}`),
		ev("response.content_part.added", `"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}`)}
	for _, p := range pieces {
		out = append(out, ev("response.output_text.delta", `"item_id":"msg_1","output_index":0,"content_index":0,"delta":`+q(p)))
	}
	return append(out,
		ev("response.output_text.done", `"item_id":"msg_1","output_index":0,"content_index":0,"text":`+q(full)),
		ev("response.content_part.done", `"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":`+q(full)+`,"annotations":[]}`),
		ev("response.output_item.done", `"output_index":0,"item":`+item),
		ev("response.completed", resp("completed", item)))
}

func responsesTool(pieces ...string) []string {
	full := strings.Join(pieces, "")
	out := []string{named("response.output_item.added", `{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"lookup","arguments":""}}`)}
	for _, p := range pieces {
		out = append(out, named("response.function_call_arguments.delta", `{"type":"response.function_call_arguments.delta","sequence_number":2,"item_id":"fc_1","output_index":0,"delta":`+q(p)+`}`))
	}
	return append(out,
		named("response.function_call_arguments.done", `{"type":"response.function_call_arguments.done","sequence_number":3,"item_id":"fc_1","output_index":0,"arguments":`+q(full)+`}`),
		named("response.completed", `{"type":"response.completed","sequence_number":4,"response":{"id":"resp_2","status":"completed","output":[{"type":"function_call","arguments":`+q(full)+`}]}}`))
}

const messageStart = `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1}}}`

func anthropicText(pieces ...string) []string {
	out := []string{named("message_start", messageStart),
		named("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`),
		named("ping", `{"type":"ping"}`)}
	for _, p := range pieces {
		out = append(out, named("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":`+q(p)+`}}`))
	}
	return append(out, named("content_block_stop", `{"type":"content_block_stop","index":0}`),
		named("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}`),
		named("message_stop", `{"type":"message_stop"}`))
}

func anthropicTool(pieces ...string) []string {
	out := []string{named("message_start", messageStart),
		named("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Let me check."}}`),
		named("content_block_stop", `{"type":"content_block_stop","index":0}`),
		named("content_block_start", `{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}}`)}
	for _, p := range pieces {
		out = append(out, named("content_block_delta", `{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":`+q(p)+`}}`))
	}
	return append(out, named("content_block_stop", `{"type":"content_block_stop","index":1}`),
		named("message_delta", `{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":20}}`),
		named("message_stop", `{"type":"message_stop"}`))
}

// requestFor is a minimal streamed request of each surface.
func requestFor(sf api.Surface, stream bool, extra string) string {
	s := fmt.Sprintf(`"stream":%v%s`, stream, extra)
	switch sf {
	case api.Completions:
		return `{"model":"gpt-3.5-turbo-instruct","prompt":"Say something",` + s + `}`
	case api.Responses:
		return `{"model":"gpt-4o","input":"Say something",` + s + `}`
	case api.Messages:
		return `{"model":"claude-sonnet","max_tokens":100,"messages":[{"role":"user","content":"Say something"}],` + s + `}`
	}
	return `{"model":"gpt-4o","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say something"}],` + s + `}`
}
