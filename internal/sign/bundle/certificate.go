package bundle

import (
	"crypto/x509"
	"fmt"
	"slices"
)

// VerifyCertificate verifies a "certificate" bundle: the leaf (first certificate) chains through
// the bundle's other certificates to one of roots at the leaf's NotBefore time, the leaf allows
// signing (KeyUsage digitalSignature or EKU codeSigning), and its ECDSA key signed the envelope.
func VerifyCertificate(bundle []byte, roots []*x509.Certificate) (*Verified, error) {
	if len(roots) == 0 {
		return nil, fmt.Errorf("%w: no trust roots given", ErrChain)
	}
	p, err := parse(bundle)
	if err != nil {
		return nil, err
	}
	certs, err := materialCertificates(p.material)
	if err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%w: no x509CertificateChain", ErrMaterial)
	}
	leaf := certs[0]
	if err := checkPublicKey(leaf.PublicKey); err != nil {
		return nil, fmt.Errorf("leaf certificate: %w", err)
	}
	if err := verifyChain(leaf, certs[1:], roots); err != nil {
		return nil, err
	}
	if err := verifyPAE(leaf.PublicKey, p.payload, p.signature); err != nil {
		return nil, err
	}
	return &Verified{Payload: p.payload, Method: MethodCertificate, Identity: leaf.Subject.String()}, nil
}

// verifyChain checks the leaf's usage and chains it to roots at leaf.NotBefore, as model_signing.
func verifyChain(leaf *x509.Certificate, intermediates, roots []*x509.Certificate) error {
	codeSigning := slices.Contains(leaf.ExtKeyUsage, x509.ExtKeyUsageCodeSigning)
	if leaf.KeyUsage&x509.KeyUsageDigitalSignature == 0 && !codeSigning {
		return fmt.Errorf("%w: leaf %q allows neither digitalSignature nor codeSigning", ErrChain, leaf.Subject)
	}
	opts := x509.VerifyOptions{
		Roots:         x509.NewCertPool(),
		Intermediates: x509.NewCertPool(),
		CurrentTime:   leaf.NotBefore,
		// Usage was checked above the way model_signing does; do not let Go require ServerAuth.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	}
	for _, r := range roots {
		opts.Roots.AddCert(r)
	}
	for _, c := range intermediates {
		opts.Intermediates.AddCert(c)
	}
	if _, err := leaf.Verify(opts); err != nil {
		return fmt.Errorf("%w: %w", ErrChain, err)
	}
	return nil
}
