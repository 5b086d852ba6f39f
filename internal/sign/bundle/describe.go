package bundle

import (
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"strings"
)

// Description says what a signature file claims, without verifying it: which method signed it,
// who the signer claims to be, and the signed payload (the in-toto statement). It is for
// inventories such as the AI-BOM; trust decisions need Verify*.
type Description struct {
	Method  string // "key", "certificate" or "sigstore"
	Signer  string // key hint, certificate subject, or the Sigstore identity (certificate SAN)
	Issuer  string // certificate issuer, or the Sigstore OIDC issuer
	Payload []byte // the DSSE payload: the in-toto statement
}

// Fulcio certificate extensions naming the OIDC issuer (v1 raw string, v2 DER UTF8String).
var (
	oidIssuerV1 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 1}
	oidIssuerV2 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 8}
)

// Describe parses a model_signing bundle and reports its claims. Nothing is verified.
func Describe(b []byte) (*Description, error) {
	p, err := parse(b)
	if err != nil {
		return nil, err
	}
	d := &Description{Payload: p.payload}
	m := p.material
	switch {
	case m.PublicKey != nil:
		d.Method, d.Signer = "key", m.PublicKey.Hint
	case m.X509CertificateChain != nil || m.Certificate != nil:
		certs, err := materialCertificates(m)
		if err != nil {
			return nil, err
		}
		if len(certs) == 0 {
			return nil, fmt.Errorf("%w: empty certificate chain", ErrMalformed)
		}
		describeCert(d, certs[0], m.Certificate != nil)
	default:
		return nil, fmt.Errorf("%w: no verification material", ErrMalformed)
	}
	return d, nil
}

// describeCert names the signer of a certificate: a Fulcio certificate (sigstore) by its SAN
// identity and OIDC issuer, another by its subject and issuer names.
func describeCert(d *Description, leaf *x509.Certificate, sigstore bool) {
	d.Method = "certificate"
	d.Signer, d.Issuer = leaf.Subject.String(), leaf.Issuer.String()
	if !sigstore {
		return
	}
	d.Method = "sigstore"
	switch {
	case len(leaf.EmailAddresses) > 0:
		d.Signer = leaf.EmailAddresses[0]
	case len(leaf.URIs) > 0:
		d.Signer = leaf.URIs[0].String()
	}
	for _, ext := range leaf.Extensions {
		switch {
		case ext.Id.Equal(oidIssuerV2):
			var s string
			if _, err := asn1.Unmarshal(ext.Value, &s); err == nil {
				d.Issuer = s
			}
		case ext.Id.Equal(oidIssuerV1) && !strings.Contains(d.Issuer, "://"):
			d.Issuer = string(ext.Value)
		}
	}
}
