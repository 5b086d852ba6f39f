package bundle

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// Verification methods reported in Verified.Method.
const (
	MethodKey         = "key"
	MethodCertificate = "certificate"
	MethodSigstore    = "sigstore"
)

// Verified is the result of a successful verification: the signed payload (the in-toto
// statement, still to be checked by package manifest), the method, and who signed it (key
// hint, certificate subject, or Sigstore SAN and issuer).
type Verified struct {
	Payload  []byte
	Method   string
	Identity string
}

// VerifyKey verifies a bundle signed with the public key pub. When the bundle names a key
// (publicKey.hint, publicKey.rawBytes, or a certificate) it must be pub; a bundle without any
// key material is accepted, as model_signing does.
func VerifyKey(bundle []byte, pub crypto.PublicKey) (*Verified, error) {
	if err := checkPublicKey(pub); err != nil {
		return nil, err
	}
	p, err := parse(bundle)
	if err != nil {
		return nil, err
	}
	hint, err := KeyHint(pub)
	if err != nil {
		return nil, err
	}
	if err := checkKeyMaterial(p.material, pub, hint); err != nil {
		return nil, err
	}
	if err := verifyPAE(pub, p.payload, p.signature); err != nil {
		return nil, err
	}
	return &Verified{Payload: p.payload, Method: MethodKey, Identity: hint}, nil
}

// checkKeyMaterial compares whatever key the bundle names with pub.
func checkKeyMaterial(m wireMaterial, pub crypto.PublicKey, hint string) error {
	if pk := m.PublicKey; pk != nil {
		if pk.Hint != "" && pk.Hint != hint {
			return fmt.Errorf("%w: bundle key hint %s, given key %s", ErrKeyMismatch, pk.Hint, hint)
		}
		if pk.KeyDetails != "" && pk.KeyDetails != keyDetails(pub) {
			return fmt.Errorf("%w: bundle key is %s, given key is %s", ErrKeyMismatch, pk.KeyDetails, keyDetails(pub))
		}
		if pk.RawBytes != "" {
			return checkRawKey(pk.RawBytes, pub)
		}
		return nil
	}
	certs, err := materialCertificates(m)
	if err != nil || len(certs) == 0 {
		return err
	}
	if !publicKeyEqual(certs[0].PublicKey, pub) {
		return fmt.Errorf("%w: the bundle's certificate holds another key", ErrKeyMismatch)
	}
	return nil
}

// checkRawKey compares publicKey.rawBytes (v1.0.x wrote the PEM text; DER is also accepted).
func checkRawKey(raw string, pub crypto.PublicKey) error {
	b, err := decodeB64(raw)
	if err != nil {
		return fmt.Errorf("%w: unable to decode publicKey.rawBytes: %w", ErrMalformed, err)
	}
	der := b
	if block, _ := pem.Decode(b); block != nil {
		der = block.Bytes
	}
	got, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return fmt.Errorf("%w: unable to parse publicKey.rawBytes: %w", ErrMalformed, err)
	}
	if !publicKeyEqual(got, pub) {
		return fmt.Errorf("%w: bundle publicKey.rawBytes holds another key", ErrKeyMismatch)
	}
	return nil
}

// materialCertificates returns the bundle's certificates, leaf first: x509CertificateChain, or
// the single Sigstore-style certificate.
func materialCertificates(m wireMaterial) ([]*x509.Certificate, error) {
	var raws []wireCert
	switch {
	case m.X509CertificateChain != nil:
		raws = m.X509CertificateChain.Certificates
	case m.Certificate != nil:
		raws = []wireCert{*m.Certificate}
	}
	certs := make([]*x509.Certificate, 0, len(raws))
	for i, r := range raws {
		der, err := decodeB64(r.RawBytes)
		if err != nil {
			return nil, fmt.Errorf("%w: unable to decode certificate %d: %w", ErrMalformed, i, err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("%w: unable to parse certificate %d: %w", ErrMalformed, i, err)
		}
		certs = append(certs, c)
	}
	return certs, nil
}
