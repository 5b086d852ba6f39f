package links

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// target is the part of a URL the rule judges.
type target struct {
	scheme   string // lower-case; "" for a protocol-relative or www. URL
	host     string // canonical form (see canonicalHost)
	userinfo bool   // credentials before the host ("https://allowed.com@evil.com")
	path     string
	query    string
}

// maxURL bounds the bytes of one URL that are examined.
const maxURL = 8 << 10

// parseTarget reads a network URL the way a browser resolves it from a page: special
// schemes accept any mix of slashes and backslashes after the colon, the host is what follows
// the last '@' of the authority, backslashes end the authority, tabs and newlines are
// dropped, the host is percent-decoded. Relative references and non-network schemes
// (mailto:, data:, javascript:) return false.
func parseTarget(raw string) (target, bool) {
	s := strings.TrimSpace(raw)
	if len(s) > maxURL {
		s = s[:maxURL]
	}
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	var t target
	rest, ok := "", false
	switch i := schemeEnd(s); {
	case i > 0:
		t.scheme = strings.ToLower(s[:i])
		if !networkScheme(t.scheme) {
			return t, false
		}
		rest, ok = strings.TrimLeft(s[i+1:], `/\`), true
	case strings.HasPrefix(s, "//"), strings.HasPrefix(s, `\\`), strings.HasPrefix(s, `/\`), strings.HasPrefix(s, `\/`):
		rest, ok = strings.TrimLeft(s, `/\`), true
	case hasPrefixFold(s, "www."):
		rest, ok = s, true
	}
	if !ok {
		return t, false
	}
	end := 0
	for end < len(rest) && !strings.ContainsRune(`/\?#`, rune(rest[end])) {
		end++
	}
	authority, after := rest[:end], rest[end:]
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		t.userinfo, authority = true, authority[at+1:]
	}
	t.host = canonicalHost(stripPort(authority))
	if t.host == "" {
		return t, false
	}
	if f := strings.IndexByte(after, '#'); f >= 0 {
		after = after[:f] // fragments never reach the server
	}
	t.path, t.query, _ = strings.Cut(after, "?")
	return t, true
}

// schemeEnd returns the index of the colon ending a URL scheme, or -1.
func schemeEnd(s string) int {
	for i := 0; i < len(s) && i < 16; i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return i
		default:
			return -1
		}
	}
	return -1
}

func networkScheme(s string) bool {
	switch s {
	case "http", "https", "ftp", "ws", "wss":
		return true
	}
	return false
}

func stripPort(a string) string {
	if strings.HasPrefix(a, "[") { // IPv6 literal
		if j := strings.IndexByte(a, ']'); j >= 0 {
			return a[:j+1]
		}
		return a
	}
	if j := strings.LastIndexByte(a, ':'); j >= 0 {
		return a[:j]
	}
	return a
}

// canonicalHost maps a host to the form hosts are compared in: percent-decoded, ideographic
// full stops as dots, NFKC (fullwidth letters become ASCII), lower case, IDNA "xn--" labels
// decoded to Unicode, no trailing dot. Hosts with characters no browser accepts return "".
func canonicalHost(h string) string {
	if strings.IndexByte(h, '%') >= 0 {
		h = percentDecode(h, false)
	}
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		h = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".").Replace(h)
		h = norm.NFKC.String(h)
	}
	h = strings.TrimRight(strings.ToLower(h), ".")
	if h == "" || !validHost(h) {
		return ""
	}
	if strings.Contains(h, "xn--") {
		labels := strings.Split(h, ".")
		for i, l := range labels {
			if rest, ok := strings.CutPrefix(l, "xn--"); ok {
				if u, ok := decodePunycode(rest); ok {
					labels[i] = strings.ToLower(norm.NFKC.String(u))
				}
			}
		}
		h = strings.Join(labels, ".")
	}
	return h
}

// validHost rejects control characters, invalid UTF-8 and the code points WHATWG forbids in
// a host.
func validHost(h string) bool {
	for i := 0; i < len(h); i++ {
		if c := h[i]; c <= ' ' || c == 0x7f || strings.IndexByte("/\\?#@<>^|%\"'`{}[]", c) >= 0 && !(c == '[' && i == 0 || c == ']' && i == len(h)-1) {
			return false
		}
	}
	return utf8.ValidString(h)
}

// domainMatch reports whether host is domain or one of its subdomains.
func domainMatch(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, domain) && host[len(host)-len(domain)-1] == '.'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// percentDecode decodes %XX escapes (and '+' as space when plus); malformed escapes stay.
func percentDecode(s string, plus bool) string {
	if strings.IndexByte(s, '%') < 0 && (!plus || strings.IndexByte(s, '+') < 0) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0:
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
		case c == '+' && plus:
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
