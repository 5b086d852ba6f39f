package bundle

import (
	"bytes"
	"errors"
	"fmt"

	sgbundle "github.com/sigstore/sigstore-go/pkg/bundle"
	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/verify"
)

// VerifySigstore verifies a keyless "sigstore" bundle offline against trustedRootJSON (a Sigstore
// trusted_root.json): Fulcio certificate chain, at least one Rekor entry with its inclusion
// proof or promise, an observer timestamp (the tlog integrated time or an RFC 3161 timestamp),
// the DSSE signature, and the certificate's SAN == identity and OIDC issuer == issuer (both
// exact and required). It never uses the network.
func VerifySigstore(bundle []byte, trustedRootJSON []byte, identity, issuer string) (*Verified, error) {
	if identity == "" || issuer == "" {
		return nil, fmt.Errorf("%w: both an identity and an OIDC issuer are required", ErrIdentity)
	}
	p, err := parse(bundle)
	if err != nil {
		return nil, err
	}
	var b sgbundle.Bundle
	if err := b.UnmarshalJSON(bundle); err != nil {
		return nil, fmt.Errorf("%w: not a valid Sigstore bundle: %w", ErrMalformed, err)
	}
	if env := b.GetDsseEnvelope(); env == nil || !bytes.Equal(env.GetPayload(), p.payload) {
		return nil, fmt.Errorf("%w: ambiguous DSSE payload", ErrMalformed)
	}
	if len(bytes.TrimSpace(trustedRootJSON)) == 0 {
		return nil, fmt.Errorf("%w: no trusted root given (a Sigstore trusted_root.json is needed to verify offline)", ErrSigstore)
	}
	tr, err := root.NewTrustedRootFromJSON(trustedRootJSON)
	if err != nil {
		return nil, fmt.Errorf("%w: unable to load trusted root: %w", ErrSigstore, err)
	}
	v, err := verify.NewVerifier(tr, verify.WithTransparencyLog(1), verify.WithObserverTimestamps(1))
	if err != nil {
		return nil, fmt.Errorf("%w: unable to create verifier: %w", ErrSigstore, err)
	}
	id, err := verify.NewShortCertificateIdentity(issuer, "", identity, "")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrIdentity, err)
	}
	// The payload's subject digest is checked by package manifest against the re-hashed model.
	policy := verify.NewPolicy(verify.WithoutArtifactUnsafe(), verify.WithCertificateIdentity(id))
	if _, err := v.Verify(&b, policy); err != nil {
		return nil, classifySigstoreError(err)
	}
	return &Verified{Payload: p.payload, Method: MethodSigstore, Identity: identity + " (" + issuer + ")"}, nil
}

// classifySigstoreError tells an identity mismatch apart from other failures.
func classifySigstoreError(err error) error {
	var noMatch *verify.ErrNoMatchingCertificateIdentity
	if errors.As(err, &noMatch) {
		return fmt.Errorf("%w: %w", ErrIdentity, err)
	}
	return fmt.Errorf("%w: %w", ErrSigstore, err)
}
