package links

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime feeds 256 KiB of repeated syntax fragments; every pass must stay linear
// (a quadratic one takes seconds here, a linear one milliseconds).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	s := mustNew(t, Options{AllowedDomains: []string{"example.com"}})
	for _, p := range []string{"](", "<img src=", "url(", "url(x\n", "https://", "www.", "![a][b]\n[b]: ",
		"<a href=x ", "](<", "[x]: <", "<img srcset=\"a,", "https://a.com/?" + strings.Repeat("a=b&", 10)} {
		text := strings.Repeat(p, (256<<10)/len(p))
		start := time.Now()
		scan(t, s, text)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%q repeated to 256 KiB took %v", p, d)
		}
	}
}
