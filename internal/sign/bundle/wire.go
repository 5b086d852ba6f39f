package bundle

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/aisecops/aisec/internal/sign/jsonkeys"
	"strings"
)

// Media and payload types written and accepted by model_signing v1.
const (
	// MediaType is the Sigstore bundle v0.3 media type written to every signature file.
	MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json"
	// mediaTypeAlt is the alternative spelling of v0.3 that Sigstore clients also accept.
	mediaTypeAlt = "application/vnd.dev.sigstore.bundle+json;version=0.3"
	// PayloadType is the DSSE payload type of an in-toto statement.
	PayloadType = "application/vnd.in-toto+json"
)

// MaxBundleSize bounds the signature file this package parses (64 MiB): a statement for a very
// large model directory stays far below it.
const MaxBundleSize = 64 << 20

// wireBundle is the JSON form of a Sigstore bundle, restricted to what model_signing uses. Field
// order matches what Python writes.
type wireBundle struct {
	MediaType            string        `json:"mediaType"`
	VerificationMaterial *wireMaterial `json:"verificationMaterial,omitempty"`
	DSSEEnvelope         *wireEnvelope `json:"dsseEnvelope,omitempty"`
}

type wireMaterial struct {
	PublicKey            *wirePublicKey    `json:"publicKey,omitempty"`
	X509CertificateChain *wireChain        `json:"x509CertificateChain,omitempty"`
	Certificate          *wireCert         `json:"certificate,omitempty"`
	TlogEntries          []json.RawMessage `json:"tlogEntries"`
}

type wirePublicKey struct {
	Hint       string `json:"hint,omitempty"`
	RawBytes   string `json:"rawBytes,omitempty"`
	KeyDetails string `json:"keyDetails,omitempty"`
}

type wireChain struct {
	Certificates []wireCert `json:"certificates"`
}

type wireCert struct {
	RawBytes string `json:"rawBytes"`
}

type wireEnvelope struct {
	Payload     string    `json:"payload"`
	PayloadType string    `json:"payloadType"`
	Signatures  []wireSig `json:"signatures"`
}

// wireSig holds one DSSE signature. A JSON null or absent keyid decodes to "".
type wireSig struct {
	Sig   string `json:"sig"`
	KeyID string `json:"keyid"`
}

// parsed is a bundle after the type checks, with the envelope decoded.
type parsed struct {
	material  wireMaterial
	payload   []byte
	signature []byte
}

// parse decodes a bundle and checks, in order, its media type and payload type. It reads only
// the first DSSE signature, as model_signing does.
func parse(b []byte) (*parsed, error) {
	if len(b) > MaxBundleSize {
		return nil, fmt.Errorf("%w: %d bytes exceeds the %d byte limit", ErrMalformed, len(b), MaxBundleSize)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%w: empty signature file", ErrMalformed)
	}
	if err := jsonkeys.Check(b); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	var w wireBundle
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("%w: unable to parse JSON: %w", ErrMalformed, err)
	}
	if w.MediaType != MediaType && w.MediaType != mediaTypeAlt {
		return nil, fmt.Errorf("%w: %q (want %q)", ErrMediaType, w.MediaType, MediaType)
	}
	env := w.DSSEEnvelope
	if env == nil {
		return nil, fmt.Errorf("%w: no dsseEnvelope", ErrMalformed)
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("%w: %q (want %q)", ErrPayloadType, env.PayloadType, PayloadType)
	}
	if len(env.Signatures) == 0 {
		return nil, fmt.Errorf("%w: DSSE envelope has no signature", ErrMalformed)
	}
	payload, err := decodeB64(env.Payload)
	if err != nil {
		return nil, fmt.Errorf("%w: unable to decode DSSE payload: %w", ErrMalformed, err)
	}
	sig, err := decodeB64(env.Signatures[0].Sig)
	if err != nil {
		return nil, fmt.Errorf("%w: unable to decode DSSE signature: %w", ErrMalformed, err)
	}
	p := &parsed{payload: payload, signature: sig}
	if w.VerificationMaterial != nil {
		p.material = *w.VerificationMaterial
	}
	return p, nil
}

// decodeB64 accepts the base64 spellings protobuf JSON allows: standard or URL alphabet, with
// or without padding.
func decodeB64(s string) ([]byte, error) {
	if strings.ContainsAny(s, "-_") {
		return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}

// marshal writes the compact JSON of a bundle holding one DSSE signature with keyid "".
func marshal(m wireMaterial, payload, sig []byte) ([]byte, error) {
	w := wireBundle{
		MediaType:            MediaType,
		VerificationMaterial: &m,
		DSSEEnvelope: &wireEnvelope{
			Payload:     base64.StdEncoding.EncodeToString(payload),
			PayloadType: PayloadType,
			Signatures:  []wireSig{{Sig: base64.StdEncoding.EncodeToString(sig), KeyID: ""}},
		},
	}
	out, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("unable to encode bundle: %w", err)
	}
	return out, nil
}
