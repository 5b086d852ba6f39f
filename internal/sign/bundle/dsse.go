package bundle

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"fmt"
	"strconv"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// PAE returns the DSSE pre-authentication encoding of payload with the given type:
// "DSSEv1 <len(type)> <type> <len(payload)> <payload>". These are the bytes that are signed.
func PAE(payloadType string, payload []byte) []byte {
	out := make([]byte, 0, 32+len(payloadType)+len(payload))
	out = append(out, "DSSEv1 "...)
	out = strconv.AppendInt(out, int64(len(payloadType)), 10)
	out = append(out, ' ')
	out = append(out, payloadType...)
	out = append(out, ' ')
	out = strconv.AppendInt(out, int64(len(payload)), 10)
	out = append(out, ' ')
	return append(out, payload...)
}

// signPAE signs the PAE of an in-toto payload with the curve-matched hash, giving DER ECDSA.
func signPAE(key crypto.Signer, payload []byte) ([]byte, error) {
	h, err := curveHash(key.Public())
	if err != nil {
		return nil, err
	}
	d := h.New()
	d.Write(PAE(PayloadType, payload))
	sig, err := key.Sign(rand.Reader, d.Sum(nil), h)
	if err != nil {
		return nil, fmt.Errorf("unable to sign envelope: %w", err)
	}
	return sig, nil
}

// verifyPAE checks a DER ECDSA signature over the PAE of an in-toto payload.
func verifyPAE(pub crypto.PublicKey, payload, sig []byte) error {
	h, err := curveHash(pub)
	if err != nil {
		return err
	}
	if !isDERSignature(sig) {
		return fmt.Errorf("%w: not an ASN.1 DER SEQUENCE of two INTEGERs", ErrMalformedSignature)
	}
	d := h.New()
	d.Write(PAE(PayloadType, payload))
	if !ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), d.Sum(nil), sig) {
		return ErrBadSignature
	}
	return nil
}

// isDERSignature reports whether sig is SEQUENCE { INTEGER r, INTEGER s } with nothing after.
func isDERSignature(sig []byte) bool {
	var inner cryptobyte.String
	in := cryptobyte.String(sig)
	var r, s []byte
	return in.ReadASN1(&inner, asn1.SEQUENCE) && in.Empty() &&
		inner.ReadASN1Integer(&r) && inner.ReadASN1Integer(&s) && inner.Empty()
}
