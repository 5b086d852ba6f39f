package links

import (
	"math"
	"strings"
)

// Thresholds of the data-carrying heuristics. A link the user must click carries data when a
// value is long, encoded or personal; an image loads by itself, so any query value that is
// not a short plain token counts (?w=800 does not, ?d=c2VjcmV0 does).
const (
	longValue     = 48  // bytes of a decoded query value
	encodedRun    = 24  // base64-looking run in a query value or host label
	encodedPath   = 32  // base64-looking run in a path segment (ids and slugs are shorter)
	hexRun        = 48  // hex run (a git commit id is 40)
	manyWords     = 6   // words in a query value
	pathWords     = 4   // words in a path segment
	imagePlainMax = 12  // longest plain token an image query value may have
	maxParams     = 64  // query parameters examined
	maxEntropyBar = 4.2 // bits per character asked of a long random-looking run
)

// sensitiveKeys are query parameter names exfiltration payloads use; with them, any value of
// 8 bytes or more counts as data.
func sensitiveKey(k string) bool {
	switch strings.ToLower(k) {
	case "data", "d", "payload", "p", "exfil", "leak", "secret", "token", "key", "apikey", "api_key",
		"pass", "password", "pwd", "ssn", "card", "cc", "creds", "credentials", "cookie", "session",
		"chat", "history", "memory", "prompt", "system", "context", "conversation", "message", "msg",
		"content", "email", "phone", "address", "info", "summary", "b64", "base64", "hex":
		return true
	}
	return false
}

// carriesData reports whether t looks like it carries data out, with a short reason. nested
// is set to the URLs found inside query values (redirect targets), for the allowlist.
func carriesData(t target, image bool, nested *[]target) (string, bool) {
	if reason, ok := queryData(t.query, image, nested); ok {
		return reason, true
	}
	for seg := range strings.SplitSeq(t.path, "/") {
		// Short plain segments (most of them) cannot carry anything the checks look for.
		if len(seg) < encodedPath && strings.IndexByte(seg, '%') < 0 && strings.IndexByte(seg, '@') < 0 {
			continue
		}
		if reason, ok := segmentData(percentDecode(seg, false)); ok {
			return reason, true
		}
	}
	if len(t.host) < encodedRun {
		return "", false
	}
	for label := range strings.SplitSeq(t.host, ".") {
		if len(label) >= encodedRun && !strings.HasPrefix(label, "xn--") &&
			(base64Like(label, encodedRun) || hexLike(label, encodedRun) || base32Like(label, encodedRun)) {
			return "encoded subdomain", true
		}
	}
	return "", false
}

func queryData(q string, image bool, nested *[]target) (string, bool) {
	n := 0
	for param := range strings.SplitSeq(q, "&") {
		if n++; n > maxParams {
			return "too many query parameters", true
		}
		if param == "" {
			continue
		}
		k, v, hasValue := strings.Cut(param, "=")
		if !hasValue {
			k, v = "", k
		}
		v = percentDecode(v, true)
		if nt, ok := parseTarget(v); ok && (nt.scheme != "" || strings.HasPrefix(v, "//")) {
			*nested = append(*nested, nt) // a redirect target is judged as a URL of its own
			continue
		}
		if reason, ok := valueData(k, v, image); ok {
			return reason, true
		}
	}
	return "", false
}

func valueData(k, v string, image bool) (string, bool) {
	switch {
	case image && !plainToken(v, imagePlainMax):
		return "data in image query", true
	case len(v) >= longValue:
		return "long query value", true
	case base64Like(v, encodedRun) || hexLike(v, encodedRun+8):
		return "encoded query value", true
	case hasEmail(v):
		return "email in query", true
	case countWords(v) >= manyWords:
		return "text in query", true
	case sensitiveKey(k) && len(v) >= 8:
		return "data in query parameter " + k, true
	}
	return "", false
}

func segmentData(seg string) (string, bool) {
	switch {
	case base64Like(seg, encodedPath) || hexLike(seg, hexRun):
		return "encoded path", true
	case hasEmail(seg):
		return "email in path", true
	case countWords(seg) >= pathWords:
		return "text in path", true
	}
	return "", false
}

// countWords counts space-separated words without allocating.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// plainToken: at most n bytes of letters, digits, '.', '-', '_' (sizes, versions, flags).
func plainToken(v string, n int) bool {
	if len(v) > n {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isAlnum(c) || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// base64Like reports a run of at least n base64 characters that mixes upper case, lower case
// and digits and has the entropy of random data (slugs and CamelCase words do not).
func base64Like(s string, n int) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && (isAlnum(s[i]) || strings.IndexByte("+/=_-", s[i]) >= 0) {
			continue
		}
		if i-start >= n && randomLooking(s[start:i]) {
			return true
		}
		start = i + 1
	}
	return false
}

func randomLooking(run string) bool {
	var upper, lower, digit, punct int
	var counts [128]int
	for i := 0; i < len(run); i++ {
		c := run[i]
		counts[c&127]++
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= '0' && c <= '9':
			digit++
		default:
			punct++
		}
	}
	if upper < 2 || lower < 2 || digit < 1 || punct*8 > len(run) {
		return false
	}
	// Random base64 of n characters has about log2(n) bits per character when n is small.
	return entropy(counts[:], len(run)) >= min(maxEntropyBar, 0.85*math.Log2(float64(len(run))))
}

func entropy(counts []int, total int) float64 {
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(total)
			h -= p * math.Log2(p)
		}
	}
	return h
}

// base32Like reports a host label that is one long lower-case run of letters and digits in
// which digits keep interrupting the letters, with the entropy of data. DNS folds case, so
// data smuggled in a subdomain is written in base32 or lower-cased base64, which base64Like
// (it asks for upper case) does not see. Real labels that long carry dashes
// ("my-app-preview-1234") or end in one number ("mystorageaccount20240101").
func base32Like(label string, n int) bool {
	if len(label) < n {
		return false
	}
	var counts [128]int
	digits, switches := 0, 0
	for i := 0; i < len(label); i++ {
		c := label[i]
		isDigit := c >= '0' && c <= '9'
		if !isDigit && (c < 'a' || c > 'z') {
			return false
		}
		if isDigit {
			digits++
		}
		if i > 0 && isDigit != (label[i-1] >= '0' && label[i-1] <= '9') {
			switches++
		}
		counts[c]++
	}
	return digits >= 2 && switches >= 4 && entropy(counts[:], len(label)) >= 3.5
}

// hexLike reports a run of at least n hex digits containing both letters and digits.
func hexLike(s string, n int) bool {
	run, letters, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && unhex(s[i]) >= 0 {
			run++
			if s[i] <= '9' {
				digits++
			} else {
				letters++
			}
			continue
		}
		if run >= n && letters > 0 && digits > 0 {
			return true
		}
		run, letters, digits = 0, 0, 0
	}
	return false
}

// hasEmail reports local@domain.tld: a '@' after a letter or digit, then a domain whose last
// label is letters. "bootstrap@5.3.2/dist" (an npm package pinned to a version, as CDN URLs
// are written) has digits there and is no address.
func hasEmail(s string) bool {
	for from := 0; from < len(s); {
		at := strings.IndexByte(s[from:], '@')
		if at < 0 {
			return false
		}
		at += from
		from = at + 1
		if at == 0 || !isAlnum(s[at-1]) {
			continue
		}
		end := at + 1
		for end < len(s) && (isAlnum(s[end]) || s[end] == '.' || s[end] == '-') {
			end++
		}
		dom := strings.TrimRight(s[at+1:end], ".")
		dot := strings.LastIndexByte(dom, '.')
		if dot > 0 && len(dom)-dot > 2 && allLetters(dom[dot+1:]) {
			return true
		}
	}
	return false
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
