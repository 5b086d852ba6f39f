package pickle

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// parseBytes parses b with opts and fails the test on a returned error.
func parseBytes(t testing.TB, b []byte, opts Options) *File {
	t.Helper()
	f, err := Parse(context.Background(), bytes.NewReader(b), opts)
	if err != nil {
		t.Fatalf("Parse returned error: %v", err)
	}
	return f
}

// one parses b and returns its only stream.
func one(t testing.TB, b []byte) *Stream {
	t.Helper()
	f := parseBytes(t, b, Options{})
	if len(f.Streams) != 1 {
		t.Fatalf("want 1 stream, got %d:\n%s", len(f.Streams), summary(f, ""))
	}
	return f.Streams[0]
}

// complete parses b and requires a single complete stream without error.
func complete(t testing.TB, b []byte) *Stream {
	t.Helper()
	s := one(t, b)
	if !s.Complete || s.Err != nil || s.Exceeded != nil {
		t.Fatalf("want a complete stream, got err=%v exceeded=%v complete=%v", s.Err, s.Exceeded, s.Complete)
	}
	return s
}

func hasAnomaly(s *Stream, k AnomalyKind) bool {
	for _, a := range s.Anomalies {
		if a.Kind == k {
			return true
		}
	}
	return false
}

func findImport(s *Stream, module, name string) *Import {
	for i := range s.Imports {
		if s.Imports[i].Module == module && s.Imports[i].Name == name {
			return &s.Imports[i]
		}
	}
	return nil
}

func findCall(s *Stream, calleePrefix string) *Call {
	for i := range s.Calls {
		if strings.HasPrefix(s.Calls[i].Callee, calleePrefix) {
			return &s.Calls[i]
		}
	}
	return nil
}

// b is shorthand for a new builder.
func b() *pickletest.Builder { return pickletest.New() }

// shared returns the path of a file under /work/shared, skipping (or failing under
// AISEC_REQUIRE_SHARED=1) when it is absent.
func shared(t testing.TB, rel string) string {
	t.Helper()
	p := "/work/shared/" + rel
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("AISEC_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared data %s is required but absent: %v", p, err)
		}
		t.Skipf("SKIPPING: shared data %s is absent (set AISEC_REQUIRE_SHARED=1 to fail instead)", p)
	}
	return p
}

// parseFileT parses an open file (seekable) and fails the test on a returned error.
func parseFileT(t testing.TB, f *os.File) *File {
	t.Helper()
	pf, err := Parse(context.Background(), f, Options{})
	if err != nil {
		t.Fatalf("Parse returned error: %v", err)
	}
	return pf
}
