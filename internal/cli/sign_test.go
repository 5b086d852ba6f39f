package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/xtest"
)

// writeKeyPair writes a fresh P-256 key pair as PEM files and returns their paths.
func writeKeyPair(t *testing.T, dir, name string) (priv, pub string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	priv, pub = filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".pub")
	writeFile(t, priv, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
	writeFile(t, pub, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki})))
	return priv, pub
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSignVerifyTamper signs a model with a key, then checks that verification passes and
// that each kind of tampering fails with exit 4 and names what differs.
func TestSignVerifyTamper(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, model, sig, otherPub string) (pub string)
		want   string
	}{
		{"untouched", nil, ""},
		{"byte flipped", func(t *testing.T, model, _, _ string) string {
			writeFile(t, filepath.Join(model, "weights.bin"), "weights!")
			return ""
		}, "changed: weights.bin"},
		{"file added", func(t *testing.T, model, _, _ string) string {
			writeFile(t, filepath.Join(model, "backdoor.py"), "import os")
			return ""
		}, "extra: backdoor.py"},
		{"file removed", func(t *testing.T, model, _, _ string) string {
			if err := os.Remove(filepath.Join(model, "sub", "config.json")); err != nil {
				t.Fatal(err)
			}
			return ""
		}, "missing: sub/config.json"},
		{"payload edited", func(t *testing.T, _, sig, _ string) string {
			b, _ := os.ReadFile(sig)
			i := strings.Index(string(b), `"payload":"`) + len(`"payload":"`)
			b[i+10] ^= 1 // one base64 character of the statement
			writeFile(t, sig, string(b))
			return ""
		}, "signature verification failed"},
		{"other key", func(t *testing.T, _, _, otherPub string) string { return otherPub }, "signature verification failed"},
		{"not JSON", func(t *testing.T, _, sig, _ string) string {
			writeFile(t, sig, "not a bundle")
			return ""
		}, "signature verification failed"},
		{"truncated", func(t *testing.T, _, sig, _ string) string {
			b, _ := os.ReadFile(sig)
			writeFile(t, sig, string(b[:len(b)/2]))
			return ""
		}, "signature verification failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			model, sig := filepath.Join(dir, "model"), filepath.Join(dir, "model.sig")
			writeFile(t, filepath.Join(model, "weights.bin"), "weights")
			writeFile(t, filepath.Join(model, "sub", "config.json"), "{}")
			priv, pub := writeKeyPair(t, dir, "key")
			_, otherPub := writeKeyPair(t, dir, "other")
			if code, _, errOut := run(t, nil, "sign", "key", model, "--private-key", priv, "--signature", sig); code != ExitOK {
				t.Fatalf("sign exit %d: %s", code, errOut)
			}
			if tt.tamper != nil {
				if p := tt.tamper(t, model, sig, otherPub); p != "" {
					pub = p
				}
			}
			code, out, errOut := run(t, nil, "verify", "key", model, "--public-key", pub, "--signature", sig)
			if tt.want == "" {
				if code != ExitOK || !strings.Contains(out, "verified") {
					t.Fatalf("exit %d, want 0: %s%s", code, out, errOut)
				}
				return
			}
			if code != ExitVerifyFailed || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, want 4 and %q in:\n%s", code, tt.want, errOut)
			}
		})
	}
}

// TestVerifyVectors verifies model_signing's own signatures (key, certificate and, offline
// with the given trusted root, sigstore) through the command line.
func TestVerifyVectors(t *testing.T) {
	v := filepath.Join(xtest.SharedDir(t), "vectors", "model-signing")
	keys := filepath.Join(v, "keys", "certificate")
	for _, version := range []string{"v1.0.0", "v1.1.0"} {
		for method, flags := range map[string][]string{
			"elliptic-key": {"key", "--public-key", filepath.Join(keys, "signing-key-pub.pem")},
			"certificate":  {"certificate", "--certificate-chain", filepath.Join(keys, "ca-cert.pem")},
			"sigstore": {"sigstore", "--identity", "stefanb@us.ibm.com", "--identity-provider", "https://sigstore.verify.ibm.com/oauth2",
				"--trust-config", filepath.Join(v, "trust", "trusted_root.json")},
		} {
			dir := filepath.Join(v, version+"-"+method)
			t.Run(version+"-"+method, func(t *testing.T) {
				model := dir
				if version == "v1.0.0" && method == "elliptic-key" {
					model = filepath.Join(dir, "signme-1") // a single-file model
				}
				args := append([]string{"verify", flags[0], model, "--signature", filepath.Join(dir, "model.sig")}, flags[1:]...)
				if code, out, errOut := run(t, nil, args...); code != ExitOK {
					t.Fatalf("exit %d: %s%s", code, out, errOut)
				}
			})
		}
	}
}

// TestDigestMatchesVector: aisec digest prints the root digest model_signing signed.
func TestDigestMatchesVector(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "vectors", "model-signing", "v1.0.0-certificate")
	code, out, errOut := run(t, nil, "digest", dir, "--ignore-paths", filepath.Join(dir, "model.sig"))
	const want = "sha256:61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226\n"
	if code != ExitOK || out != want {
		t.Fatalf("exit %d, out %q, want %q (%s)", code, out, want, errOut)
	}
}

// TestSignRefusesEscapingSymlink: a link out of the model directory is never followed.
func TestSignRefusesEscapingSymlink(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "model")
	writeFile(t, filepath.Join(model, "weights.bin"), "weights")
	writeFile(t, filepath.Join(dir, "secret"), "outside")
	if err := os.Symlink(filepath.Join(dir, "secret"), filepath.Join(model, "link")); err != nil {
		t.Fatal(err)
	}
	priv, _ := writeKeyPair(t, dir, "key")
	for _, extra := range [][]string{nil, {"--allow-symlinks"}} {
		args := append([]string{"sign", "key", model, "--private-key", priv, "--signature", filepath.Join(dir, "model.sig")}, extra...)
		code, _, errOut := run(t, nil, args...)
		if code == ExitOK || !strings.Contains(errOut, "link") {
			t.Fatalf("%v: exit %d, want a refusal naming the link: %s", extra, code, errOut)
		}
	}
}

// TestVerifyExitCodes: what the user must fix exits 2; anything the signature or model gets
// wrong exits 4.
func TestVerifyExitCodes(t *testing.T) {
	dir := t.TempDir()
	model, sig := filepath.Join(dir, "model"), filepath.Join(dir, "model.sig")
	writeFile(t, filepath.Join(model, "weights.bin"), "weights")
	priv, pub := writeKeyPair(t, dir, "key")
	if code, _, errOut := run(t, nil, "sign", "key", model, "--private-key", priv, "--signature", sig); code != ExitOK {
		t.Fatalf("sign: %s", errOut)
	}
	ambiguous := filepath.Join(dir, "ambiguous.sig")
	b, _ := os.ReadFile(sig)
	writeFile(t, ambiguous, strings.Replace(string(b), `{"mediaType"`, `{"MEDIATYPE":"x","mediaType"`, 1))
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"missing model", []string{"verify", "key", filepath.Join(dir, "nope"), "--public-key", pub, "--signature", sig}, ExitUsage},
		{"missing signature", []string{"verify", "key", model, "--public-key", pub, "--signature", filepath.Join(dir, "nope.sig")}, ExitUsage},
		{"missing key", []string{"verify", "key", model, "--public-key", filepath.Join(dir, "nope.pub"), "--signature", sig}, ExitUsage},
		{"keys differing in case", []string{"verify", "key", model, "--public-key", pub, "--signature", ambiguous}, ExitVerifyFailed},
		{"hash flags belong to sign", []string{"verify", "key", model, "--public-key", pub, "--signature", sig, "--hash", "blake3"}, ExitUsage},
		{"sigstore needs a trust root", []string{"verify", "sigstore", model, "--signature", sig, "--identity", "a", "--identity-provider", "b"}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errOut := run(t, nil, tt.args...); code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, errOut)
			}
		})
	}
}
