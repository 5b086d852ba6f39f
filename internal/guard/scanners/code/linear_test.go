package code

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime feeds 64 KiB of repeated keys and syntax; every rule must stay linear (work
// per key occurrence is bounded by the window, a few hundred bytes).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	s := mustNew(t, Options{})
	for _, p := range []string{"curl ", "curl |", "rm -rf ", "{{", "${", "${${", "<img onerror ", "' or ", "drop ", "DELETE FROM x ",
		"UPDATE x SET ", "\x1b[", "\x1b]8;", "\b", "\r", "(){ ", "javascript:", "&#", "on", "exec(", "union select ", "chmod 777 "} {
		text := strings.Repeat(p, (64<<10)/len(p))
		start := time.Now()
		scan(t, s, text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q repeated to 64 KiB took %v", p, d)
		}
	}
}
