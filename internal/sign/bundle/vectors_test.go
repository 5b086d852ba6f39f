package bundle

import (
	"crypto/elliptic"
	"crypto/x509"
	"encoding/json"
	"errors"
	"testing"
)

const (
	vectorSAN    = "stefanb@us.ibm.com"
	vectorIssuer = "https://sigstore.verify.ibm.com/oauth2"
)

// statementRoot returns _type and subject[0].digest.sha256 of an in-toto statement.
func statementRoot(t *testing.T, payload []byte) (typ, root string) {
	t.Helper()
	var st struct {
		Type    string `json:"_type"`
		Subject []struct {
			Digest map[string]string `json:"digest"`
		} `json:"subject"`
	}
	if err := json.Unmarshal(payload, &st); err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	if len(st.Subject) != 1 {
		t.Fatalf("want one subject, got %d", len(st.Subject))
	}
	return st.Type, st.Subject[0].Digest["sha256"]
}

type vectorCase struct {
	vector string
	method string
	root   string
}

var vectorCases = []vectorCase{
	{"v1.0.0-elliptic-key", MethodKey, "afa48c8674afe334b8a7dea34f7b46ab256e9255edf8da2132792341b667a45b"},
	{"v1.1.0-elliptic-key", MethodKey, "92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4"},
	{"v1.0.0-certificate", MethodCertificate, "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226"},
	{"v1.1.0-certificate", MethodCertificate, "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226"},
	{"v1.0.0-sigstore", MethodSigstore, "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226"},
	{"v1.1.0-sigstore", MethodSigstore, "61d4849d9d90076d6215f4d525f13d6574af8e3f67aef3e6f36fc40a14fdd226"},
}

// verifyVector verifies a vector bundle with the material the vectors README names.
func verifyVector(t *testing.T, vc vectorCase) (*Verified, error) {
	t.Helper()
	b := readVector(t, vc.vector+"/model.sig")
	switch vc.method {
	case MethodKey:
		pub, err := LoadPublicKey(readVector(t, "keys/certificate/signing-key-pub.pem"))
		if err != nil {
			t.Fatal(err)
		}
		return VerifyKey(b, pub)
	case MethodCertificate:
		roots, err := LoadCertificates(readVector(t, "keys/certificate/ca-cert.pem"))
		if err != nil {
			t.Fatal(err)
		}
		return VerifyCertificate(b, roots)
	default:
		return VerifySigstore(b, readVector(t, "trust/trusted_root.json"), vectorSAN, vectorIssuer)
	}
}

func TestVectorsVerify(t *testing.T) {
	for _, vc := range vectorCases {
		t.Run(vc.vector, func(t *testing.T) {
			v, err := verifyVector(t, vc)
			if err != nil {
				t.Fatal(err)
			}
			if v.Method != vc.method {
				t.Errorf("method %s, want %s", v.Method, vc.method)
			}
			typ, root := statementRoot(t, v.Payload)
			if typ != "https://in-toto.io/Statement/v1" || root != vc.root {
				t.Errorf("payload _type %q root %s, want root %s", typ, root, vc.root)
			}
			t.Logf("identity: %s", v.Identity)
		})
	}
}

// TestVectorCertificateWithKeyVerifier mirrors upstream's API test: the certificate vector also
// verifies with the bare public key of its leaf.
func TestVectorCertificateWithKeyVerifier(t *testing.T) {
	pub, err := LoadPublicKey(readVector(t, "keys/certificate/signing-key-pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	for _, vec := range []string{"v1.0.0-certificate", "v1.1.0-certificate"} {
		if _, err := VerifyKey(readVector(t, vec+"/model.sig"), pub); err != nil {
			t.Errorf("%s: %v", vec, err)
		}
	}
}

func TestVectorCertificateIntermediateAnchor(t *testing.T) {
	roots, err := LoadCertificates(readVector(t, "keys/certificate/int-ca-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyCertificate(readVector(t, "v1.1.0-certificate/model.sig"), roots); err != nil {
		t.Fatal(err)
	}
}

func TestVectorsWrongMaterial(t *testing.T) {
	other := genKey(t, elliptic.P384())
	pki := newPKI(t, other, x509.KeyUsageDigitalSignature, nil)
	trust := readVector(t, "trust/trusted_root.json")
	tests := []struct {
		name    string
		verify  func([]byte) (*Verified, error)
		vector  string
		wantErr error
	}{
		{"key/other-key/hint", func(b []byte) (*Verified, error) { return VerifyKey(b, other.Public()) }, "v1.1.0-elliptic-key", ErrKeyMismatch},
		{"key/other-key/rawBytes", func(b []byte) (*Verified, error) { return VerifyKey(b, other.Public()) }, "v1.0.0-elliptic-key", ErrKeyMismatch},
		{"key/other-curve", func(b []byte) (*Verified, error) { return VerifyKey(b, genKey(t, elliptic.P256()).Public()) }, "v1.1.0-elliptic-key", ErrKeyMismatch},
		{"certificate/other-root", func(b []byte) (*Verified, error) { return VerifyCertificate(b, []*x509.Certificate{pki.root}) }, "v1.1.0-certificate", ErrChain},
		{"certificate/no-roots", func(b []byte) (*Verified, error) { return VerifyCertificate(b, nil) }, "v1.0.0-certificate", ErrChain},
		{"certificate/key-bundle", func(b []byte) (*Verified, error) { return VerifyCertificate(b, []*x509.Certificate{pki.root}) }, "v1.1.0-elliptic-key", ErrMaterial},
		{"sigstore/other-san", func(b []byte) (*Verified, error) {
			return VerifySigstore(b, trust, "someone@example.com", vectorIssuer)
		}, "v1.1.0-sigstore", ErrIdentity},
		{"sigstore/other-issuer", func(b []byte) (*Verified, error) {
			return VerifySigstore(b, trust, vectorSAN, "https://accounts.google.com")
		}, "v1.0.0-sigstore", ErrIdentity},
		{"sigstore/no-identity", func(b []byte) (*Verified, error) { return VerifySigstore(b, trust, "", vectorIssuer) }, "v1.1.0-sigstore", ErrIdentity},
		{"sigstore/bad-root", func(b []byte) (*Verified, error) { return VerifySigstore(b, []byte("{}"), vectorSAN, vectorIssuer) }, "v1.1.0-sigstore", ErrSigstore},
		{"sigstore/key-bundle", func(b []byte) (*Verified, error) { return VerifySigstore(b, trust, vectorSAN, vectorIssuer) }, "v1.1.0-elliptic-key", ErrSigstore},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.verify(readVector(t, tc.vector+"/model.sig"))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			t.Logf("error: %v", err)
		})
	}
}
