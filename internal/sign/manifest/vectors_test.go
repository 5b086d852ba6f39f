package manifest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/xtest"
)

// vectorPayload extracts the DSSE payload from a vector's model.sig bundle.
func vectorPayload(t *testing.T, dir string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "model.sig"))
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		DSSEEnvelope struct {
			Payload string `json:"payload"`
		} `json:"dsseEnvelope"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	p, err := base64.StdEncoding.DecodeString(b.DSSEEnvelope.Payload)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSignedVectors parses every v1.x vector payload and re-hashes the vector directory (or
// single file) in place: entries, order and root digest must equal the signed ones.
func TestSignedVectors(t *testing.T) {
	base := filepath.Join(xtest.SharedDir(t), "vectors", "model-signing")
	dirs, err := filepath.Glob(filepath.Join(base, "v1.*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no vectors under %s: %v", base, err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			signed, o, err := ParsePayload(vectorPayload(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			model := dir
			if len(signed.Entries) == 1 && signed.Entries[0].Name == "." {
				model = filepath.Join(dir, signed.ModelName)
			}
			o.SignatureFile = filepath.Join(dir, "model.sig")
			got, err := Build(context.Background(), model, o)
			if err != nil {
				t.Fatal(err)
			}
			if d := Compare(signed, got); !d.OK() {
				t.Fatalf("diff: %s", d)
			}
			if !reflect.DeepEqual(got.Entries, signed.Entries) {
				t.Fatalf("entries/order differ: %v vs %v", got.Entries, signed.Entries)
			}
			if !bytes.Equal(got.RootDigest(), signed.RootDigest()) || got.ModelName != signed.ModelName {
				t.Fatalf("root %x name %s, want %x %s", got.RootDigest(), got.ModelName, signed.RootDigest(), signed.ModelName)
			}
			checkIgnoreMe(t, dir, signed, o)
		})
	}
}

// checkIgnoreMe: for v1.1.0, dropping the recorded ignore_paths makes ignore-me an extra
// file; with the recorded list, the rebuilt ignore_paths equal the signed set.
func checkIgnoreMe(t *testing.T, dir string, signed *Manifest, o Options) {
	t.Helper()
	if !strings.HasPrefix(filepath.Base(dir), "v1.1.0") {
		return
	}
	got, err := Build(context.Background(), dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sorted(got.IgnorePaths), sorted(signed.IgnorePaths)) {
		t.Fatalf("ignore_paths %v, signed %v", got.IgnorePaths, signed.IgnorePaths)
	}
	o.IgnorePaths = nil
	got, err = Build(context.Background(), dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if d := Compare(signed, got); !reflect.DeepEqual(d.Extra, []string{"ignore-me"}) || len(d.Missing)+len(d.Changed) > 0 {
		t.Fatalf("want only extra ignore-me, got %+v", d)
	}
}

// TestVectorRoots pins the documented root digests.
func TestVectorRoots(t *testing.T) {
	base := filepath.Join(xtest.SharedDir(t), "vectors", "model-signing")
	want := map[string]string{
		"v1.0.0-elliptic-key": "afa48c8674afe334b8a7dea34f7b46ab256e9255edf8da2132792341b667a45b",
		"v1.1.0-elliptic-key": "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4",
		"v1.1.0-certificate":  "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226",
	}
	for v, root := range want {
		m, _, err := ParsePayload(vectorPayload(t, filepath.Join(base, v)))
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(m.RootDigest()); got != root {
			t.Errorf("%s: root %s, want %s", v, got, root)
		}
	}
}
