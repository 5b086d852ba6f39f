package bundle

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"

	"github.com/youmark/pkcs8"
)

// LoadPrivateKey parses a PEM private key: SEC1 "EC PRIVATE KEY", PKCS#8 "PRIVATE KEY" or
// encrypted PKCS#8 "ENCRYPTED PRIVATE KEY" (password required). Text before the PEM block and
// an "EC PARAMETERS" block are skipped. Only ECDSA P-256, P-384 and P-521 are accepted.
func LoadPrivateKey(pemBytes, password []byte) (crypto.Signer, error) {
	for rest := pemBytes; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("%w: no PEM private key block found", ErrUnsupportedKey)
		}
		if block.Type == "EC PARAMETERS" {
			continue
		}
		key, err := parsePrivateBlock(block, password)
		if err != nil {
			return nil, err
		}
		if err := checkPublicKey(key.Public()); err != nil {
			return nil, err
		}
		return key, nil
	}
}

func parsePrivateBlock(block *pem.Block, password []byte) (crypto.Signer, error) {
	switch block.Type {
	case "EC PRIVATE KEY":
		if _, ok := block.Headers["Proc-Type"]; ok {
			return nil, fmt.Errorf("%w: legacy PEM encryption is not supported, convert to encrypted PKCS#8", ErrUnsupportedKey)
		}
		if len(password) > 0 {
			return nil, fmt.Errorf("%w: a password was given but the private key is not encrypted", ErrWrongPassword)
		}
		k, err := x509.ParseECPrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: unable to parse SEC1 EC private key: %w", ErrUnsupportedKey, err)
		}
		return k, nil
	case "PRIVATE KEY":
		if len(password) > 0 {
			return nil, fmt.Errorf("%w: a password was given but the private key is not encrypted", ErrWrongPassword)
		}
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: unable to parse PKCS#8 private key: %w", ErrUnsupportedKey, err)
		}
		return asSigner(k)
	case "ENCRYPTED PRIVATE KEY":
		if len(password) == 0 {
			return nil, fmt.Errorf("%w: the private key is encrypted and no password was given", ErrWrongPassword)
		}
		k, err := pkcs8.ParsePKCS8PrivateKey(block.Bytes, password)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrWrongPassword, err)
		}
		return asSigner(k)
	default:
		return nil, fmt.Errorf("%w: PEM block %q is not an EC private key", ErrUnsupportedKey, block.Type)
	}
}

func asSigner(k any) (crypto.Signer, error) {
	ec, ok := k.(*ecdsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%w: got %T", ErrUnsupportedKey, k)
	}
	return ec, nil
}

// LoadPublicKey parses a PEM "PUBLIC KEY" (PKIX SubjectPublicKeyInfo) block; text before the
// block is skipped. Only ECDSA P-256, P-384 and P-521 are accepted.
func LoadPublicKey(pemBytes []byte) (crypto.PublicKey, error) {
	for rest := pemBytes; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("%w: no PEM PUBLIC KEY block found", ErrUnsupportedKey)
		}
		if block.Type != "PUBLIC KEY" {
			continue
		}
		pub, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: unable to parse public key: %w", ErrUnsupportedKey, err)
		}
		if err := checkPublicKey(pub); err != nil {
			return nil, err
		}
		return pub, nil
	}
}

// LoadCertificates parses every PEM "CERTIFICATE" block, in order; other blocks and text are
// skipped. It fails when there is no certificate.
func LoadCertificates(pemBytes []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for rest := pemBytes; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("unable to parse certificate %d: %w", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("no PEM CERTIFICATE block found")
	}
	return certs, nil
}

// KeyHint returns the model_signing key hint: lowercase hex of sha256 over the PEM encoding of
// the key's SubjectPublicKeyInfo (64-column base64, trailing newline, as Python writes it).
func KeyHint(pub crypto.PublicKey) (string, error) {
	p, err := publicKeyPEM(pub)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(p)
	return hex.EncodeToString(sum[:]), nil
}

// publicKeyPEM returns the PEM "PUBLIC KEY" encoding of pub's SubjectPublicKeyInfo.
func publicKeyPEM(pub crypto.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("%w: unable to encode public key: %w", ErrUnsupportedKey, err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// checkPublicKey accepts ECDSA keys on the three curves model_signing supports.
func checkPublicKey(pub crypto.PublicKey) error {
	_, err := curveHash(pub)
	return err
}

// curveHash returns the hash model_signing ties to the key's curve.
func curveHash(pub crypto.PublicKey) (crypto.Hash, error) {
	ec, ok := pub.(*ecdsa.PublicKey)
	if !ok {
		return 0, fmt.Errorf("%w: got %T", ErrUnsupportedKey, pub)
	}
	switch ec.Curve {
	case elliptic.P256():
		return crypto.SHA256, nil
	case elliptic.P384():
		return crypto.SHA384, nil
	case elliptic.P521():
		return crypto.SHA512, nil
	default:
		return 0, fmt.Errorf("%w: curve %s", ErrUnsupportedKey, ec.Curve.Params().Name)
	}
}

// keyDetails returns the Sigstore PublicKeyDetails name for the key, as v1.0.x wrote it.
func keyDetails(pub crypto.PublicKey) string {
	h, err := curveHash(pub)
	if err != nil {
		return ""
	}
	switch h {
	case crypto.SHA256:
		return "PKIX_ECDSA_P256_SHA_256"
	case crypto.SHA384:
		return "PKIX_ECDSA_P384_SHA_384"
	default:
		return "PKIX_ECDSA_P521_SHA_512"
	}
}
