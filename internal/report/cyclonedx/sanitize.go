package cyclonedx

import (
	"net/url"
	"strings"
	"unicode/utf8"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// Bounds on values copied from scanned files into the BOM. MCP tool descriptions are
// attacker-controlled and can be long (tool poisoning hides instructions in them).
const (
	maxToolDescription = 1000
	maxContext         = 256
)

// hashAlgs are the CycloneDX 1.6 hash algorithms with the hex lengths of their digests.
// Streebog (1.7 only) is left out so that every output is valid for both versions.
var hashAlgs = map[string]int{
	"MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-384": 96, "SHA-512": 128,
	"SHA3-256": 64, "SHA3-384": 96, "SHA3-512": 128,
	"BLAKE2b-256": 64, "BLAKE2b-384": 96, "BLAKE2b-512": 128, "BLAKE3": 64,
}

// hash returns the CycloneDX hash for alg and value, and false when the algorithm is unknown or
// the value is not a hex digest of the right length (the schema's hash-content pattern).
func hash(alg, value string) (cdx.Hash, bool) {
	n, ok := hashAlgs[alg]
	if !ok || len(value) != n || !isHex(value) {
		return cdx.Hash{}, false
	}
	return cdx.Hash{Algorithm: cdx.HashAlgorithm(alg), Value: strings.ToLower(value)}, true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// sha256Hashes returns a one-element hash list for a SHA-256 value, or nil when it is invalid.
func sha256Hashes(value string) *[]cdx.Hash {
	h, ok := hash("SHA-256", value)
	if !ok {
		return nil
	}
	return &[]cdx.Hash{h}
}

// iri returns s when it is a usable absolute or relative IRI reference: it parses, and it has
// no spaces, control characters or characters RFC 3987 excludes. Endpoints and URLs come from
// configuration files and model cards, so they are checked rather than trusted.
func iri(s string) (string, bool) {
	if s == "" || !utf8.ValidString(s) {
		return "", false
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || strings.ContainsRune("\"<>\\^`{|}", r) {
			return "", false
		}
	}
	if _, err := url.Parse(s); err != nil {
		return "", false
	}
	return s, true
}

// pathRef turns a path relative to the target into a relative IRI reference: every byte that
// is not allowed in a path segment is percent-encoded, and a first segment with a colon is
// prefixed with "./" so that it is not read as a scheme.
func pathRef(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if isPathByte(c) {
			b.WriteByte(c)
			continue
		}
		const hexDigits = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	out := b.String()
	if first, _, _ := strings.Cut(out, "/"); strings.Contains(first, ":") {
		out = "./" + out
	}
	return out
}

// isPathByte reports whether c may appear unescaped in an IRI path (unreserved, sub-delims,
// ":", "@" and "/").
func isPathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	default:
		return strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
	}
}

// truncate shortens s to at most limit runes, marking the cut with "...".
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit-3 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// serialNumber returns s when it matches the schema's urn:uuid pattern, else "".
func serialNumber(s string) string {
	const prefix = "urn:uuid:"
	u, ok := strings.CutPrefix(s, prefix)
	if !ok || len(u) != 36 {
		return ""
	}
	for i := 0; i < len(u); i++ {
		switch i {
		case 8, 13, 18, 23:
			if u[i] != '-' {
				return ""
			}
		default:
			if !('0' <= u[i] && u[i] <= '9' || 'a' <= u[i] && u[i] <= 'f') {
				return ""
			}
		}
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// list returns a pointer to s, or nil when s is empty, the way cyclonedx-go marks absent
// arrays.
func list[T any](s []T) *[]T {
	if len(s) == 0 {
		return nil
	}
	return &s
}
