package bundle

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"path/filepath"
	"testing"

	"github.com/youmark/pkcs8"
)

// pemKeys returns SEC1, PKCS#8 and encrypted PKCS#8 PEM encodings of k.
func pemKeys(t *testing.T, k *ecdsa.PrivateKey, password []byte) (sec1, p8, p8enc []byte) {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	sec1 = pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})
	if der, err = x509.MarshalPKCS8PrivateKey(k); err != nil {
		t.Fatal(err)
	}
	p8 = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if der, err = pkcs8.MarshalPrivateKey(k, password, nil); err != nil {
		t.Fatal(err)
	}
	p8enc = pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der})
	return sec1, p8, p8enc
}

func TestLoadPrivateKeyGenerated(t *testing.T) {
	pw := []byte("s3cret")
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		k := genKey(t, c)
		sec1, p8, p8enc := pemKeys(t, k, pw)
		for _, tc := range []struct {
			name    string
			pem, pw []byte
		}{{"sec1", sec1, nil}, {"pkcs8", p8, nil}, {"pkcs8-encrypted", p8enc, pw}} {
			t.Run(c.Params().Name+"/"+tc.name, func(t *testing.T) {
				got, err := LoadPrivateKey(tc.pem, tc.pw)
				if err != nil {
					t.Fatal(err)
				}
				if !k.Equal(got) {
					t.Fatal("loaded key differs from the generated key")
				}
			})
		}
	}
}

func TestLoadPrivateKeyFiles(t *testing.T) {
	pw := []byte("test-password")
	tests := []struct {
		file    string
		pw      []byte
		curve   string
		wantErr error
	}{
		{file: "p256-sec1.pem", curve: "P-256"},
		{file: "p384-pkcs8.pem", curve: "P-384"},
		{file: "p521-pkcs8-enc.pem", pw: pw, curve: "P-521"},
		{file: "p521-pkcs8-enc.pem", pw: []byte("wrong"), wantErr: ErrWrongPassword},
		{file: "p521-pkcs8-enc.pem", wantErr: ErrWrongPassword},
		{file: "p384-pkcs8.pem", pw: pw, wantErr: ErrWrongPassword},
		{file: "p256-sec1.pem", pw: pw, wantErr: ErrWrongPassword},
		{file: "rsa1024.pem", wantErr: ErrUnsupportedKey},
		{file: "ed25519.pem", wantErr: ErrUnsupportedKey},
		{file: "secp256k1.pem", wantErr: ErrUnsupportedKey},
		{file: "p521-pub.pem", wantErr: ErrUnsupportedKey},
		{file: "README.md", wantErr: ErrUnsupportedKey},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			k, err := LoadPrivateKey(readFile(t, filepath.Join("testdata", tc.file)), tc.pw)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				t.Logf("error: %v", err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := k.Public().(*ecdsa.PublicKey).Curve.Params().Name; got != tc.curve {
				t.Fatalf("curve %s, want %s", got, tc.curve)
			}
		})
	}
}

func TestLoadPrivateKeyGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("garbage"), []byte("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")} {
		if _, err := LoadPrivateKey(in, nil); !errors.Is(err, ErrUnsupportedKey) {
			t.Errorf("LoadPrivateKey(%q) err = %v, want ErrUnsupportedKey", in, err)
		}
	}
}

func TestLoadPublicKey(t *testing.T) {
	pub, err := LoadPublicKey(readFile(t, filepath.Join("testdata", "p521-pub.pem")))
	if err != nil {
		t.Fatal(err)
	}
	k, err := LoadPrivateKey(readFile(t, filepath.Join("testdata", "p521-pkcs8-enc.pem")), []byte("test-password"))
	if err != nil {
		t.Fatal(err)
	}
	if !publicKeyEqual(pub, k.Public()) {
		t.Fatal("public key does not match private key")
	}
	for _, bad := range []string{"rsa1024.pem", "README.md"} {
		if _, err := LoadPublicKey(readFile(t, filepath.Join("testdata", bad))); !errors.Is(err, ErrUnsupportedKey) {
			t.Errorf("%s: err = %v, want ErrUnsupportedKey", bad, err)
		}
	}
}

func TestVectorKeys(t *testing.T) {
	k, err := LoadPrivateKey(readVector(t, "keys/certificate/signing-key.pem"), nil)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := LoadPublicKey(readVector(t, "keys/certificate/signing-key-pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if !publicKeyEqual(pub, k.Public()) {
		t.Fatal("signing-key.pem and signing-key-pub.pem differ")
	}
	hint, err := KeyHint(pub)
	if err != nil {
		t.Fatal(err)
	}
	if want := "e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e"; hint != want {
		t.Fatalf("hint %s, want %s", hint, want)
	}
	certs, err := LoadCertificates(readVector(t, "keys/certificate/signing-key-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if len(certs) != 1 || !publicKeyEqual(certs[0].PublicKey, pub) {
		t.Fatal("signing-key-cert.pem does not certify the signing key")
	}
	if _, err := LoadCertificates([]byte("no certs here")); err == nil {
		t.Fatal("LoadCertificates accepted input without certificates")
	}
}
