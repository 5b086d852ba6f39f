package bundle

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
)

var testPayload = []byte(`{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"m","digest":{"sha256":"00"}}],"predicateType":"https://model_signing/signature/v1.0","predicate":{}}`)

func TestPAE(t *testing.T) {
	got := PAE("http://example.com/HelloWorld", []byte("hello world"))
	// The example from the DSSE protocol specification.
	want := "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
	if string(got) != want {
		t.Fatalf("PAE = %q, want %q", got, want)
	}
}

func TestSignKeyRoundTrip(t *testing.T) {
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		t.Run(c.Params().Name, func(t *testing.T) {
			k := genKey(t, c)
			b, err := SignKey(testPayload, k)
			if err != nil {
				t.Fatal(err)
			}
			v, err := VerifyKey(b, k.Public())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(v.Payload, testPayload) || v.Method != MethodKey {
				t.Fatalf("verified %+v", v)
			}
			if bytes.ContainsAny(b, "\n\t") || !json.Valid(b) {
				t.Fatal("bundle is not compact JSON")
			}
		})
	}
}

func TestSignCertificateRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		ku      x509.KeyUsage
		eku     []x509.ExtKeyUsage
		wantErr error
	}{
		{"digitalSignature", x509.KeyUsageDigitalSignature, nil, nil},
		{"codeSigning", 0, []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}, nil},
		{"digitalSignature+serverAuth", x509.KeyUsageDigitalSignature, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, nil},
		{"no-signing-usage", x509.KeyUsageKeyEncipherment, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, ErrChain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := genKey(t, elliptic.P384())
			pki := newPKI(t, k, tc.ku, tc.eku)
			b, err := SignCertificate(testPayload, k, pki.leaf, []*x509.Certificate{pki.inter})
			if err != nil {
				t.Fatal(err)
			}
			v, err := VerifyCertificate(b, []*x509.Certificate{pki.root})
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && (!bytes.Equal(v.Payload, testPayload) || v.Identity != "CN=leaf") {
				t.Fatalf("verified %+v", v)
			}
		})
	}
}

func TestSignCertificateKeyMismatch(t *testing.T) {
	k := genKey(t, elliptic.P256())
	pki := newPKI(t, genKey(t, elliptic.P256()), x509.KeyUsageDigitalSignature, nil)
	if _, err := SignCertificate(testPayload, k, pki.leaf, nil); !errors.Is(err, ErrKeyMismatch) {
		t.Fatalf("err = %v, want ErrKeyMismatch", err)
	}
}

// shape lists the JSON paths and value kinds of a document, in document order.
func shape(t *testing.T, doc []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	var out []string
	var walk func(path string)
	walk = func(path string) {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case json.Delim:
			if tok == '{' {
				out = append(out, path+":object")
				for dec.More() {
					key, _ := dec.Token()
					walk(path + "." + key.(string))
				}
			} else {
				out = append(out, path+":array")
				for i := 0; dec.More(); i++ {
					walk(fmt.Sprintf("%s[%d]", path, i))
				}
			}
			dec.Token() // closing delimiter
		default:
			out = append(out, fmt.Sprintf("%s:%T", path, tok))
		}
	}
	walk("")
	return out
}

// fields extracts the values the structural comparison checks.
type bundleFields struct {
	MediaType            string `json:"mediaType"`
	VerificationMaterial struct {
		PublicKey            *wirePublicKey    `json:"publicKey"`
		X509CertificateChain *wireChain        `json:"x509CertificateChain"`
		TlogEntries          []json.RawMessage `json:"tlogEntries"`
	} `json:"verificationMaterial"`
	DSSEEnvelope struct {
		PayloadType string `json:"payloadType"`
		Signatures  []struct {
			KeyID *string `json:"keyid"`
		} `json:"signatures"`
	} `json:"dsseEnvelope"`
}

func decodeFields(t *testing.T, b []byte) bundleFields {
	t.Helper()
	var f bundleFields
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func compareWithVector(t *testing.T, ours, vector []byte) {
	t.Helper()
	if got, want := shape(t, ours), shape(t, vector); !slices.Equal(got, want) {
		t.Errorf("JSON shape differs:\n ours   %v\n vector %v", got, want)
	}
	o, v := decodeFields(t, ours), decodeFields(t, vector)
	if o.MediaType != v.MediaType || o.DSSEEnvelope.PayloadType != v.DSSEEnvelope.PayloadType {
		t.Errorf("types differ: %q/%q vs %q/%q", o.MediaType, o.DSSEEnvelope.PayloadType, v.MediaType, v.DSSEEnvelope.PayloadType)
	}
	if len(o.DSSEEnvelope.Signatures) != 1 || len(v.DSSEEnvelope.Signatures) != 1 {
		t.Errorf("signature count %d vs %d", len(o.DSSEEnvelope.Signatures), len(v.DSSEEnvelope.Signatures))
	} else if ok, vk := o.DSSEEnvelope.Signatures[0].KeyID, v.DSSEEnvelope.Signatures[0].KeyID; ok == nil || vk == nil || *ok != *vk {
		t.Errorf("keyid %v vs %v", ok, vk)
	}
	if o.VerificationMaterial.TlogEntries == nil || len(o.VerificationMaterial.TlogEntries) != len(v.VerificationMaterial.TlogEntries) {
		t.Errorf("tlogEntries %v vs %v", o.VerificationMaterial.TlogEntries, v.VerificationMaterial.TlogEntries)
	}
	if op, vp := o.VerificationMaterial.PublicKey, v.VerificationMaterial.PublicKey; (op == nil) != (vp == nil) || op != nil && *op != *vp {
		t.Errorf("publicKey %+v vs %+v", op, vp)
	}
	if oc, vc := o.VerificationMaterial.X509CertificateChain, v.VerificationMaterial.X509CertificateChain; (oc == nil) != (vc == nil) || oc != nil && !slices.Equal(oc.Certificates, vc.Certificates) {
		t.Errorf("certificate chain differs (content or order)")
	}
}

func vectorKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := LoadPrivateKey(readVector(t, "keys/certificate/signing-key.pem"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*ecdsa.PrivateKey)
}

func TestSignKeyMatchesVector(t *testing.T) {
	k := vectorKey(t)
	vector := readVector(t, "v1.1.0-elliptic-key/model.sig")
	vp, err := parse(vector)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := SignKey(vp.payload, k) // re-sign the vector's own statement
	if err != nil {
		t.Fatal(err)
	}
	compareWithVector(t, ours, vector)
	pub, err := LoadPublicKey(readVector(t, "keys/certificate/signing-key-pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyKey(ours, pub); err != nil {
		t.Fatal(err)
	}
}

func TestSignCertificateMatchesVector(t *testing.T) {
	k := vectorKey(t)
	leaf, err := LoadCertificates(readVector(t, "keys/certificate/signing-key-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	chain, err := LoadCertificates(readVector(t, "keys/certificate/int-ca-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	vector := readVector(t, "v1.1.0-certificate/model.sig")
	vp, err := parse(vector)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := SignCertificate(vp.payload, k, leaf[0], chain)
	if err != nil {
		t.Fatal(err)
	}
	compareWithVector(t, ours, vector)
	roots, err := LoadCertificates(readVector(t, "keys/certificate/ca-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyCertificate(ours, roots); err != nil {
		t.Fatal(err)
	}
}
