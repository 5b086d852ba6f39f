package pii

import "strings"

// Bounds from RFC 5321.
const (
	maxLocal  = 64
	maxDomain = 253
	maxLabel  = 63
)

// emails appends the e-mail addresses of s, found from each '@'.
func (sc *Scanner) emails(s string, out []match) []match {
	last := 0 // end of the previous address: local parts cannot reach back into it
	for off := 0; off < len(s); {
		k := strings.IndexByte(s[off:], '@')
		if k < 0 {
			break
		}
		sign := off + k
		off = sign + 1
		start, end, ok := emailAt(s, sign, last)
		if !ok || sc.allowed(Email, s[start:end]) {
			continue
		}
		out = append(out, match{Email, start, end})
		last, off = end, end
	}
	return out
}

// emailAt reads the address around the '@' at s[sign]; the local part does not reach back
// before floor (the end of the previous address).
func emailAt(s string, sign, floor int) (start, end int, ok bool) {
	start = sign
	for start > floor && sign-start < maxLocal && isLocal(s[start-1]) {
		start--
	}
	for start < sign && s[start] == '.' {
		start++ // a leading dot is punctuation ("…at.john@…" cannot start with it)
	}
	if start == sign || s[sign-1] == '.' || strings.Contains(s[start:sign], "..") {
		return 0, 0, false
	}
	end = sign + 1
	for end < len(s) && end-sign <= maxDomain && isDomain(s[end]) {
		end++
	}
	for end > sign+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end-- // sentence punctuation
	}
	if !validDomain(s[sign+1 : end]) {
		return 0, 0, false
	}
	// user@host:path is an scp/ssh remote, not a mailbox.
	if at(s, end) == ':' && end+1 < len(s) && !isSpace(s[end+1]) {
		return 0, 0, false
	}
	return start, end, true
}

// validDomain accepts host names with at least two labels and an alphabetic top-level
// domain that is not a file extension ("icon@2x.png").
func validDomain(d string) bool {
	last := strings.LastIndexByte(d, '.')
	if last <= 0 {
		return false
	}
	for rest := d; rest != ""; {
		label, tail, _ := strings.Cut(rest, ".")
		if label == "" || len(label) > maxLabel || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		rest = tail
	}
	tld := d[last+1:]
	if len(tld) > 4 && strings.EqualFold(tld[:4], "xn--") {
		return true
	}
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if !isAlpha(tld[i]) {
			return false
		}
	}
	return !fileExtension(strings.ToLower(tld))
}

// fileExtension lists extensions that follow '@' in asset names and package specifiers
// and are not top-level domains.
func fileExtension(tld string) bool {
	switch tld {
	case "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif",
		"js", "mjs", "cjs", "ts", "tsx", "jsx", "css", "scss", "less", "json", "yaml", "yml",
		"toml", "xml", "html", "htm", "txt", "lock", "map", "wasm", "min":
		return true
	}
	return false
}

func isLocal(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomain(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
