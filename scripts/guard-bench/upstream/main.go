// Command upstream is an instant OpenAI-compatible chat endpoint for load-testing the guard on
// loopback: it answers every chat completion with the same short reply, so the numbers measure
// the guard, not a model. It stands in for a paid API and is never shipped.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
)

const reply = `{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench",` +
	`"choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France. ` +
	`It has been the seat of government since the tenth century."},"finish_reason":"stop"}],` +
	`"usage":{"prompt_tokens":1000,"completion_tokens":20,"total_tokens":1020}}`

func main() {
	addr := flag.String("listen", "127.0.0.1:9901", "address to serve on")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, reply)
	})
	log.Fatal(http.ListenAndServe(*addr, mux))
}
