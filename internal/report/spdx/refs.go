package spdx

import (
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

// hashAlgs maps CycloneDX hash names to Core/HashAlgorithm values, with their hex lengths.
var hashAlgs = map[string]struct {
	name string
	size int
}{
	"MD5": {"md5", 32}, "SHA-1": {"sha1", 40}, "SHA-256": {"sha256", 64}, "SHA-384": {"sha384", 96},
	"SHA-512": {"sha512", 128}, "SHA3-256": {"sha3_256", 64}, "SHA3-384": {"sha3_384", 96},
	"SHA3-512": {"sha3_512", 128}, "BLAKE2b-256": {"blake2b256", 64}, "BLAKE2b-384": {"blake2b384", 96},
	"BLAKE2b-512": {"blake2b512", 128}, "BLAKE3": {"blake3", 64},
}

// hash returns the Hash for a digest, and false when the algorithm is unknown or the value is
// not hex of the algorithm's length.
func hash(alg, value string) (hashValue, bool) {
	a, ok := hashAlgs[alg]
	if !ok || len(value) != a.size || strings.Trim(strings.ToLower(value), "0123456789abcdef") != "" {
		return hashValue{}, false
	}
	return hashValue{Type: "Hash", Algorithm: a.name, HashValue: strings.ToLower(value)}, true
}

func hashes(hs []bom.Hash) []hashValue {
	var out []hashValue
	for _, h := range hs {
		if v, ok := hash(h.Alg, h.Value); ok {
			out = append(out, v)
		}
	}
	return out
}

// refTypes maps CycloneDX external reference types to Core/ExternalRefType values; the rest
// become "other" with the CycloneDX type in the comment.
var refTypes = map[string]string{
	"vcs": "vcs", "documentation": "documentation", "website": "altWebPage",
	"distribution": "altDownloadLocation", "issue-tracker": "issueTracker", "license": "license",
	"release-notes": "releaseNotes", "risk-assessment": "riskAssessment", "chat": "chat",
	"mailing-list": "mailingList", "support": "support", "advisories": "securityAdvisory",
}

func externalRefs(x *bom.Component) []externalRef {
	var out []externalRef
	for _, r := range x.ExternalRefs {
		if r.URL == "" {
			continue
		}
		typ, ok := refTypes[r.Type]
		comment := r.Comment
		if !ok {
			typ = "other"
			comment = strings.TrimSpace(r.Type + ": " + r.Comment)
			comment = strings.TrimSuffix(comment, ":")
		}
		out = append(out, externalRef{Type: "ExternalRef", ExternalRefType: typ, Locator: []string{r.URL}, Comment: comment})
	}
	if s := x.Signature; s != nil && s.Path != "" {
		notes := []string{"OpenSSF model_signing bundle"}
		for _, kv := range [][2]string{{"root digest", s.RootDigest}, {"method", s.Method}, {"signer", s.Signer}, {"issuer", s.Issuer}, {"sha256", s.SHA256}} {
			if kv[1] != "" {
				notes = append(notes, kv[0]+" "+kv[1])
			}
		}
		out = append(out, externalRef{
			Type: "ExternalRef", ExternalRefType: "other", Locator: []string{s.Path},
			Comment: strings.Join(notes, "; ") + "; verify with: " + s.VerifyCommand(x.Path),
		})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
