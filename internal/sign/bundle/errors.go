package bundle

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them, so callers can map
// any of them to a verification failure with errors.Is.
var (
	// ErrMalformed reports a signature file that is not a well-formed bundle (not JSON,
	// truncated, missing envelope, bad base64).
	ErrMalformed = errors.New("malformed signature bundle")
	// ErrMediaType reports a bundle whose mediaType is not Sigstore bundle v0.3.
	ErrMediaType = errors.New("unsupported bundle media type")
	// ErrPayloadType reports a DSSE envelope whose payloadType is not in-toto JSON.
	ErrPayloadType = errors.New("unsupported DSSE payload type")
	// ErrMalformedSignature reports a signature that is not a DER-encoded ECDSA signature.
	ErrMalformedSignature = errors.New("malformed ECDSA signature")
	// ErrBadSignature reports a signature that does not verify over the envelope: the payload or
	// the signature was altered, or another key signed it.
	ErrBadSignature = errors.New("signature does not verify (tampered envelope or wrong key)")
	// ErrKeyMismatch reports verification material naming a key other than the one supplied.
	ErrKeyMismatch = errors.New("bundle was signed for a different key")
	// ErrMaterial reports a bundle without the verification material the method needs.
	ErrMaterial = errors.New("bundle lacks verification material for this method")
	// ErrChain reports a certificate chain that does not verify to the given roots.
	ErrChain = errors.New("certificate chain does not verify")
	// ErrUnsupportedKey reports a key that is not ECDSA on P-256, P-384 or P-521.
	ErrUnsupportedKey = errors.New("unsupported key (need ECDSA P-256, P-384 or P-521)")
	// ErrWrongPassword reports an encrypted private key that the password does not open.
	ErrWrongPassword = errors.New("unable to decrypt private key (wrong or missing password)")
	// ErrIdentity reports a Sigstore certificate whose identity or issuer does not match.
	ErrIdentity = errors.New("signer identity does not match")
	// ErrSigstore reports any other Sigstore verification failure (tlog, timestamps, trust root).
	ErrSigstore = errors.New("sigstore verification failed")
)
