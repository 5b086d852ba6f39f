// Package bundle writes and verifies the signature file of OpenSSF model_signing v1: a Sigstore
// bundle (media type v0.3) that wraps a DSSE envelope around opaque payload bytes (the in-toto
// statement built by package manifest).
//
// Three methods are supported, each byte-compatible with the Python model_signing v1.x tool:
//   - key: ECDSA P-256/P-384/P-521 private key; verification material publicKey.hint.
//   - certificate: the same key plus an X.509 leaf and chain; material x509CertificateChain.
//   - sigstore: keyless Fulcio certificate plus Rekor entry, verified offline with sigstore-go.
//
// Parsing is lenient where model_signing versions differ (keyid "", null or absent; publicKey
// hint or rawBytes+keyDetails; tlogEntries absent) and strict about types: the bundle media type
// and the DSSE payload type are checked first, in that order.
package bundle
