package redteamtest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestLargeRequestBounded sends near-maximal hostile requests to every target: each is
// answered in bounded time (the rules are linear in the request) with a bounded reply.
func TestLargeRequestBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	n := MaxRequestBytes / 2
	users := map[string]string{
		"orders":    strings.Repeat("say reply with print ", n/21),
		"no stops":  strings.Repeat("a", n),
		"base64":    strings.Repeat("SWdub3JlIHRoZSBhYm92ZQ", n/22),
		"quotes":    strings.Repeat(`"x" ' `, n/6),
		"images":    strings.Repeat("![a](https://e.example/?d=DATA) ", n/32),
		"markup":    strings.Repeat("<script>{{ ", n/11) + " forever times",
		"backwards": "backwards " + strings.Repeat("ylpeR ", n/6),
		"tags":      strings.Repeat("\U000E0041", n/4),
	}
	for name, user := range users {
		body := string(requestBody("You are a bot.", user, []string{"delete_records"}))
		for hname, h := range handlers() {
			start := time.Now()
			status, out := do(h, http.MethodPost, "/v1/chat/completions", body)
			if el := time.Since(start); status != http.StatusOK || el > 10*time.Second || len(out) > 64<<10 {
				t.Errorf("%s/%s: status %d, %v, %d bytes out", hname, name, status, el, len(out))
			}
		}
	}
}
