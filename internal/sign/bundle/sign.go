package bundle

import (
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// SignKey signs payload (an in-toto statement) with key and returns the compact bundle JSON of
// the model_signing "key" method: publicKey.hint = hex(sha256(PEM SPKI)) and tlogEntries [].
func SignKey(payload []byte, key crypto.Signer) ([]byte, error) {
	hint, err := KeyHint(key.Public())
	if err != nil {
		return nil, err
	}
	sig, err := signPAE(key, payload)
	if err != nil {
		return nil, err
	}
	m := wireMaterial{PublicKey: &wirePublicKey{Hint: hint}, TlogEntries: []json.RawMessage{}}
	return marshal(m, payload, sig)
}

// SignCertificate signs payload with key and returns the compact bundle JSON of the
// model_signing "certificate" method: x509CertificateChain = [leaf, chain...] as given, and
// tlogEntries []. The leaf must certify key's public key.
func SignCertificate(payload []byte, key crypto.Signer, leaf *x509.Certificate, chain []*x509.Certificate) ([]byte, error) {
	if leaf == nil {
		return nil, fmt.Errorf("%w: no signing certificate given", ErrMaterial)
	}
	if !publicKeyEqual(leaf.PublicKey, key.Public()) {
		return nil, fmt.Errorf("%w: the signing certificate does not certify the private key", ErrKeyMismatch)
	}
	sig, err := signPAE(key, payload)
	if err != nil {
		return nil, err
	}
	certs := make([]wireCert, 0, 1+len(chain))
	for _, c := range append([]*x509.Certificate{leaf}, chain...) {
		certs = append(certs, wireCert{RawBytes: base64.StdEncoding.EncodeToString(c.Raw)})
	}
	m := wireMaterial{X509CertificateChain: &wireChain{Certificates: certs}, TlogEntries: []json.RawMessage{}}
	return marshal(m, payload, sig)
}

// publicKeyEqual compares two public keys of any type that implements Equal.
func publicKeyEqual(a, b crypto.PublicKey) bool {
	eq, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && eq.Equal(b)
}
