package proxy

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAll: the presized read returns exactly the body whatever size was announced, and
// readLimited still refuses a body over its limit.
func TestReadAll(t *testing.T) {
	body := strings.Repeat("0123456789", 500)
	for _, tc := range []struct {
		name string
		size int64
	}{
		{"exact", int64(len(body))},
		{"unknown", -1},
		{"announced too small", 10},
		{"announced too large", int64(len(body)) * 2},
		{"announced beyond the presize cap", maxPresize * 3},
		{"over the limit", 1 << 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// OneByteReader makes every Read short, as a network connection's are.
			got, err := readAll(iotest.OneByteReader(strings.NewReader(body)), tc.size, 1<<20)
			if err != nil || string(got) != body {
				t.Fatalf("got %d bytes, err %v", len(got), err)
			}
		})
	}
	if _, err := readLimited(strings.NewReader(body), int64(len(body)), 100); !errors.Is(err, errTooLarge) {
		t.Fatalf("over-limit body: err %v", err)
	}
	boom := errors.New("boom")
	if _, err := readAll(iotest.ErrReader(boom), 10, 100); !errors.Is(err, boom) {
		t.Fatalf("read error lost: %v", err)
	}
	if got, _ := readAll(bytes.NewReader(nil), 0, 100); len(got) != 0 {
		t.Fatalf("empty body read as %q", got)
	}
}
