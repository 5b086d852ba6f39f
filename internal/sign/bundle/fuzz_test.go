package bundle

import (
	"crypto/elliptic"
	"crypto/x509"
	"errors"
	"testing"
)

// FuzzVerifyKey feeds arbitrary bytes to the bundle parser and the key and certificate
// verifiers. Invariants: no panic, every failure wraps a sentinel of this package, and a
// bundle that verifies decodes to the payload the parser saw.
func FuzzVerifyKey(f *testing.F) {
	k := genKey(f, elliptic.P256())
	good, err := SignKey(testPayload, k)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","dsseEnvelope":{"payload":"","payloadType":"application/vnd.in-toto+json","signatures":[{"sig":"MAYCAQECAQE=","keyid":null}]}}`))
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"x509CertificateChain":{"certificates":[{"rawBytes":"AA=="}]},"publicKey":{"rawBytes":"LS0t"}},"dsseEnvelope":{"payloadType":"application/vnd.in-toto+json","signatures":[{}]}}`))
	f.Add([]byte("null"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, perr := parse(b)
		v, err := VerifyKey(b, k.Public())
		if d, derr := Describe(b); derr == nil && (perr != nil || string(d.Payload) != string(p.payload)) {
			t.Fatalf("described a bundle the parser rejected or payloads differ: %v", perr)
		}
		if err == nil && (perr != nil || string(v.Payload) != string(p.payload)) {
			t.Fatalf("verified a bundle the parser rejected or payloads differ: %v", perr)
		}
		if err != nil && !wrapsSentinel(err) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		if _, err := VerifyCertificate(b, []*x509.Certificate{{}}); err == nil {
			t.Fatal("verified a certificate bundle against an empty root")
		}
	})
}

func wrapsSentinel(err error) bool {
	for _, s := range []error{ErrMalformed, ErrMediaType, ErrPayloadType, ErrMalformedSignature,
		ErrBadSignature, ErrKeyMismatch, ErrMaterial, ErrChain, ErrUnsupportedKey} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
