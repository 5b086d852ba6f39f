package bundle

import (
	"bytes"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// editBundle decodes b into a generic map, applies edit and re-encodes it.
func editBundle(t *testing.T, b []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func envelope(m map[string]any) map[string]any { return m["dsseEnvelope"].(map[string]any) }

func firstSig(m map[string]any) map[string]any {
	return envelope(m)["signatures"].([]any)[0].(map[string]any)
}

// flipB64 decodes a std base64 field, XORs byte i and re-encodes it.
func flipB64(obj map[string]any, field string, i int) {
	raw, _ := base64.StdEncoding.DecodeString(obj[field].(string))
	if i < 0 {
		i += len(raw)
	}
	raw[i] ^= 0x01
	obj[field] = base64.StdEncoding.EncodeToString(raw)
}

func TestTamper(t *testing.T) {
	k := genKey(t, elliptic.P384())
	good, err := SignKey(testPayload, k)
	if err != nil {
		t.Fatal(err)
	}
	other := genKey(t, elliptic.P384())
	noHint := editBundle(t, good, func(m map[string]any) { delete(m, "verificationMaterial") })
	tests := []struct {
		name    string
		bundle  []byte
		key     any
		wantErr error
		wantMsg string
	}{
		{"payload-byte", editBundle(t, good, func(m map[string]any) { flipB64(envelope(m), "payload", 10) }), nil, ErrBadSignature, "does not verify"},
		{"signature-der-tag", editBundle(t, good, func(m map[string]any) { flipB64(firstSig(m), "sig", 0) }), nil, ErrMalformedSignature, "DER"},
		{"signature-value", editBundle(t, good, func(m map[string]any) { flipB64(firstSig(m), "sig", -1) }), nil, ErrBadSignature, "does not verify"},
		{"swapped-key", good, other.Public(), ErrKeyMismatch, "key hint"},
		{"swapped-key-no-hint", noHint, other.Public(), ErrBadSignature, "does not verify"},
		{"media-type", editBundle(t, good, func(m map[string]any) { m["mediaType"] = "application/vnd.dev.sigstore.bundle+json;version=0.1" }), nil, ErrMediaType, "media type"},
		{"media-type-before-payload-type", editBundle(t, good, func(m map[string]any) {
			m["mediaType"] = "x"
			envelope(m)["payloadType"] = "y"
		}), nil, ErrMediaType, "media type"},
		{"payload-type", editBundle(t, good, func(m map[string]any) { envelope(m)["payloadType"] = "text/plain" }), nil, ErrPayloadType, "payload type"},
		{"truncated-json", good[:len(good)/2], nil, ErrMalformed, "unexpected end of JSON"},
		{"non-json", []byte("this is not a bundle"), nil, ErrMalformed, "invalid character"},
		{"empty", nil, nil, ErrMalformed, "empty signature file"},
		{"no-envelope", editBundle(t, good, func(m map[string]any) { delete(m, "dsseEnvelope") }), nil, ErrMalformed, "no dsseEnvelope"},
		{"no-signatures", editBundle(t, good, func(m map[string]any) { envelope(m)["signatures"] = []any{} }), nil, ErrMalformed, "no signature"},
		{"bad-base64", editBundle(t, good, func(m map[string]any) { envelope(m)["payload"] = "!!!" }), nil, ErrMalformed, "base64"},
		{"oversized", append(good, bytes.Repeat([]byte(" "), MaxBundleSize)...), nil, ErrMalformed, "limit"},
	}
	seen := map[string]string{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.key
			if key == nil {
				key = k.Public()
			}
			_, err := VerifyKey(tc.bundle, key)
			if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("err = %v, want %v containing %q", err, tc.wantErr, tc.wantMsg)
			}
			if prev, dup := seen[err.Error()]; dup && !strings.Contains(err.Error(), "does not verify") {
				t.Errorf("same message as %s: %v", prev, err)
			}
			seen[err.Error()] = tc.name
			t.Logf("%v", err)
		})
	}
}

// TestLenient checks the spellings older model_signing versions and other clients write.
func TestLenient(t *testing.T) {
	k := genKey(t, elliptic.P256())
	good, err := SignKey(testPayload, k)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]func(m map[string]any){
		"keyid-null":    func(m map[string]any) { firstSig(m)["keyid"] = nil },
		"keyid-absent":  func(m map[string]any) { delete(firstSig(m), "keyid") },
		"no-tlog":       func(m map[string]any) { delete(m["verificationMaterial"].(map[string]any), "tlogEntries") },
		"media-alt":     func(m map[string]any) { m["mediaType"] = mediaTypeAlt },
		"unknown-field": func(m map[string]any) { m["extra"] = 1 },
		"url-base64": func(m map[string]any) {
			s := firstSig(m)
			s["sig"] = strings.NewReplacer("+", "-", "/", "_", "=", "").Replace(s["sig"].(string))
		},
		"raw-bytes-pem": func(m map[string]any) {
			pub, _ := publicKeyPEM(k.Public())
			m["verificationMaterial"] = map[string]any{"publicKey": map[string]any{
				"rawBytes": base64.StdEncoding.EncodeToString(pub), "keyDetails": "PKIX_ECDSA_P256_SHA_256"}}
		},
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := VerifyKey(editBundle(t, good, edit), k.Public()); err != nil {
				t.Fatal(err)
			}
		})
	}
}
