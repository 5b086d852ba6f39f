// Package redteamtest provides scripted OpenAI-compatible chat-completions servers for
// testing `aisec redteam`: Vulnerable falls for the attacks of the embedded probe library,
// Defended resists them, and Instant answers at once for benchmarks.
//
// They are not models. Each is a short list of named, deterministic rules over the request
// (the system prompt, the last user message, the declared tools), written so that the probe
// library produces a known outcome: every family fails against Vulnerable and passes
// against Defended. The same request always gets the same response bytes, so runs and
// reports built on them are reproducible.
//
// The handlers serve POST …/chat/completions and GET …/models under any prefix (the usual
// one is /v1), read at most MaxRequestBytes of a request, and answer malformed requests
// with an OpenAI-style error body.
package redteamtest
