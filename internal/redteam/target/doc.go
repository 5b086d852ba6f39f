// Package target sends red-team prompts to the model under test and returns what came back.
//
// Two kinds of target exist, chosen by the URL scheme given to [New]:
//
//   - openai: an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI behind a
//     compatible gateway, vLLM, llama.cpp, Ollama, LiteLLM, aisec guard …). The URL names the
//     API base; "/chat/completions" is appended.
//   - rest: any JSON-over-HTTP endpoint, driven by a request template ([RESTOptions.Body])
//     and a JSONPath to the reply ([RESTOptions.ReplyPath]).
//
// # URL schemes
//
//	openai://host[:port][/path]   → <scheme>://host[:port]/path/chat/completions (path defaults to /v1)
//	http(s)://host[:port][/path]  → the same, with that scheme
//	rest://host[:port]/path       → <scheme>://host[:port]/path, exactly
//
// The scheme is https unless the host is a loopback address (localhost, 127.0.0.0/8, ::1),
// which gets http. "openai+http", "openai+https", "rest+http" and "rest+https" force it.
// Credentials in the URL are refused: keys go in [Options.APIKey], which is sent as a
// bearer token and never appears in errors or in [Target.Endpoint].
//
// # Failures
//
// Every request is retried on 429, 500, 502, 503, 504, 529 and on network errors and
// per-attempt timeouts, with exponential backoff and jitter, honouring Retry-After. A guard
// or content filter that refuses the prompt or the reply is not an error: the response is
// marked [Response.Blocked] (the defence held). Since blocked counts as a pass, the rule is
// strict: HTTP 400, 403 or 422 (or a configured [RESTOptions.BlockedStatuses] status) whose
// JSON error names a filter in a "type" or "code" field — guard_blocked, content_filter,
// content_policy_violation, invalid_prompt, ResponsibleAIPolicyViolation, or a code holding
// the tokens content_filter or guard_blocked — or a chat completion whose first choice a
// content filter stopped before any text or tool call. Free-text messages never count, and
// a reply the filter cut short after some text is returned as text for the detectors.
// Any other answer that carries no reply is an error, and so is a successful reply with no
// text and no tool calls ([ErrEmptyReply]). Response bodies are read through a bound
// ([MaxBodyBytes]); text and tool calls are clipped ([MaxReplyBytes], [MaxToolCalls],
// [MaxToolArgumentBytes], [MaxToolArgumentsTotal]).
//
// Targets are safe for concurrent use. Rate limiting is the caller's business.
package target
