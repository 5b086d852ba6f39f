package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/xtest"
)

func TestDescribeVectors(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "vectors", "model-signing")
	cases := []struct {
		vector, method, signer, issuer string
	}{
		{"v1.1.0-elliptic-key", "key", "", ""},
		{"v1.1.0-certificate", "certificate", "", ""},
		{"v1.1.0-sigstore", "sigstore", "stefanb@us.ibm.com", "https://sigstore.verify.ibm.com/oauth2"},
	}
	for _, c := range cases {
		t.Run(c.vector, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, c.vector, "model.sig"))
			if err != nil {
				t.Fatal(err)
			}
			d, err := Describe(b)
			if err != nil {
				t.Fatalf("Describe: %v", err)
			}
			if d.Method != c.method {
				t.Errorf("method = %q, want %q", d.Method, c.method)
			}
			if c.signer != "" && d.Signer != c.signer {
				t.Errorf("signer = %q, want %q", d.Signer, c.signer)
			}
			if c.signer == "" && d.Signer == "" {
				t.Error("signer is empty")
			}
			if d.Issuer != c.issuer && c.issuer != "" {
				t.Errorf("issuer = %q, want %q", d.Issuer, c.issuer)
			}
			if !strings.Contains(string(d.Payload), "https://model_signing/signature/v1.0") {
				t.Errorf("payload is not a model_signing statement: %.80s", d.Payload)
			}
		})
	}
}

func TestDescribeRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "{}", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}`, "\x00\xff"} {
		if _, err := Describe([]byte(in)); err == nil {
			t.Errorf("Describe(%q) succeeded", in)
		}
	}
}
