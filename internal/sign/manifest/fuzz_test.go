package manifest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParsePayload: ParsePayload never panics, and whatever it accepts re-encodes to a
// payload that parses to the same root digest.
func FuzzParsePayload(f *testing.F) {
	// Seeds only: the goldens when the shared folder is present (no skip when absent).
	shared := os.Getenv("AISEC_SHARED_DIR")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "..", "shared")
	}
	dir := filepath.Join(shared, "vectors", "model-signing", "goldens", "_signing", "testdata", "signing", "TestPayload")
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, _, err := ParsePayload(b)
		if err != nil {
			return
		}
		p, err := m.Payload()
		if err != nil {
			t.Fatal(err)
		}
		back, _, err := ParsePayload(p)
		if err != nil {
			t.Fatalf("re-encoded payload rejected: %v\n%s", err, p)
		}
		if !bytes.Equal(back.RootDigest(), m.RootDigest()) {
			t.Fatal("root digest changed on round trip")
		}
	})
}
