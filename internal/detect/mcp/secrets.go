package mcp

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// credentialShapes are the shapes of well-known credentials, each with the literal it
// starts with. They are checked on values that are not references.
var credentialShapes = []struct {
	what, lit string
	re        *regexp.Regexp
}{
	{"Anthropic API key", "sk-ant-", regexp.MustCompile(`^sk-ant-[A-Za-z0-9_-]{20,}`)},
	{"OpenAI project key", "sk-proj-", regexp.MustCompile(`^sk-proj-[A-Za-z0-9_-]{20,}`)},
	{"OpenRouter key", "sk-or-v1-", regexp.MustCompile(`^sk-or-v1-[A-Za-z0-9]{20,}`)},
	{"OpenAI-style secret key", "sk-", regexp.MustCompile(`^sk-[A-Za-z0-9]{20,}`)},
	{"Stripe secret key", "k_live_", regexp.MustCompile(`^k_live_[A-Za-z0-9]{16,}`)},
	{"Stripe test key", "k_test_", regexp.MustCompile(`^k_test_[A-Za-z0-9]{16,}`)},
	{"GitHub token", "gh", regexp.MustCompile(`^gh[pousr]_[A-Za-z0-9]{30,}`)},
	{"GitHub fine-grained token", "github_pat_", regexp.MustCompile(`^github_pat_[A-Za-z0-9_]{22,}`)},
	{"GitLab token", "glpat-", regexp.MustCompile(`^glpat-[A-Za-z0-9_-]{20,}`)},
	{"Slack token", "xox", regexp.MustCompile(`^xox[abposr]-[A-Za-z0-9-]{10,}`)},
	{"Hugging Face token", "hf_", regexp.MustCompile(`^hf_[A-Za-z0-9]{30,}`)},
	{"AWS access key ID", "AKIA", regexp.MustCompile(`^AKIA[0-9A-Z]{16}\b`)},
	{"AWS temporary access key ID", "ASIA", regexp.MustCompile(`^ASIA[0-9A-Z]{16}\b`)},
	{"Google API key", "AIza", regexp.MustCompile(`^AIza[0-9A-Za-z_-]{35}`)},
	{"npm token", "npm_", regexp.MustCompile(`^npm_[A-Za-z0-9]{36}`)},
	{"Groq API key", "gsk_", regexp.MustCompile(`^gsk_[A-Za-z0-9]{40,}`)},
	{"Perplexity API key", "pplx-", regexp.MustCompile(`^pplx-[A-Za-z0-9]{40,}`)},
	{"Replicate token", "r8_", regexp.MustCompile(`^r8_[A-Za-z0-9]{30,}`)},
	{"Linear API key", "lin_api_", regexp.MustCompile(`^lin_api_[A-Za-z0-9]{30,}`)},
	{"Notion token", "ntn_", regexp.MustCompile(`^ntn_[A-Za-z0-9]{40,}`)},
	{"Notion token", "secret_", regexp.MustCompile(`^secret_[A-Za-z0-9]{40,}`)},
	{"Tavily API key", "tvly-", regexp.MustCompile(`^tvly-[A-Za-z0-9-]{20,}`)},
	{"DigitalOcean token", "dop_v1_", regexp.MustCompile(`^dop_v1_[a-f0-9]{64}`)},
	{"Atlassian API token", "ATATT3", regexp.MustCompile(`^ATATT3[A-Za-z0-9_=-]{30,}`)},
	{"JSON Web Token", "eyJ", regexp.MustCompile(`^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)},
	{"private key", "-----BEGIN ", regexp.MustCompile(`^-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
}

// maxValue is the longest value examined in full.
const maxValue = 8 << 10

// maxCandidates bounds the places one literal is tried at in one string.
const maxCandidates = 64

// shapeOf names the first credential shape found in v and returns its position, or ""
// when none. Each shape is tried only where its literal occurs, at a word start, so the cost
// stays linear in len(v).
func shapeOf(v string) (what string, lo, hi int) {
	if len(v) < 12 {
		return "", 0, 0
	}
	for _, c := range credentialShapes {
		lo, hi := findShape(v, c.lit, c.re)
		if lo >= 0 {
			return c.what, lo, hi
		}
	}
	return "", 0, 0
}

// findShape returns the first match of re (anchored) at an occurrence of lit that starts a
// word; a Stripe-style literal ("k_live_") is matched one byte earlier.
func findShape(v, lit string, re *regexp.Regexp) (int, int) {
	back := 0
	if lit[0] == 'k' {
		back = 1 // sk_live_, rk_live_
	}
	for from, n := 0, 0; n < maxCandidates; n++ {
		i := strings.Index(v[from:], lit)
		if i < 0 {
			return -1, -1
		}
		at := from + i - back
		from += i + len(lit)
		if at < 0 || back == 1 && v[at] != 's' && v[at] != 'r' || at > 0 && isWordByte(v[at-1]) {
			continue
		}
		if loc := re.FindStringIndex(v[at+back : min(len(v), at+back+4096)]); loc != nil {
			return at, at + back + loc[1]
		}
	}
	return -1, -1
}

// hasShape reports a value that is a known credential shape from its start.
func hasShape(v string) bool {
	what, lo, _ := shapeOf(v)
	return what != "" && lo == 0
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isReference reports values that name a secret rather than hold it: ${VAR}, ${env:VAR},
// ${input:id}, ${{ secrets.X }}, $VAR, %VAR%, {env:VAR}, env:VAR, op://, vault:, keychain
// lookups, {{VAR}} templates.
func isReference(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case strings.Contains(v, "${") || strings.Contains(v, "{{") || strings.Contains(v, "{env:"):
		return true
	case len(v) > 1 && v[0] == '$' && (v[1] == '_' || unicode.IsLetter(rune(v[1]))):
		return true
	case len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%':
		return true
	}
	for _, p := range [...]string{"env:", "op://", "vault:", "vault://", "secret:", "secrets://", "keychain:", "aws-sm:", "gcp-sm:", "azure-kv:"} {
		if strings.HasPrefix(strings.ToLower(v), p) {
			return true
		}
	}
	return false
}

// placeholders are whole values (lower case) that stand for "put your key here".
var placeholders = map[string]bool{
	"changeme": true, "change_me": true, "change-me": true, "placeholder": true, "replace_me": true,
	"replaceme": true, "replace-me": true, "redacted": true, "secret": true, "password": true, "token": true,
	"apikey": true, "api_key": true, "api-key": true, "none": true, "null": true, "undefined": true,
	"todo": true, "tbd": true, "example": true, "dummy": true, "fake": true, "test": true, "xxx": true,
	"...": true, "…": true, "true": true, "false": true, "required": true, "optional": true,
}

// isPlaceholder reports values that are obviously not real credentials.
func isPlaceholder(v string) bool {
	l := strings.ToLower(strings.TrimSpace(v))
	switch {
	case l == "" || placeholders[l]:
		return true
	case strings.HasPrefix(l, "<") && strings.HasSuffix(l, ">"), strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
		return true
	case strings.Contains(l, "your") || strings.Contains(l, "placeholder") || strings.Contains(l, "replace") ||
		strings.Contains(l, "example") || strings.Contains(l, "here") || strings.Contains(l, "insert") ||
		strings.Contains(l, "changeme") || strings.Contains(l, "dummy"):
		return true
	case strings.Contains(l, "xxxx") || strings.Contains(l, "****") || strings.Contains(l, "....") ||
		strings.Contains(l, "…") || strings.HasSuffix(l, "..."):
		return true
	case strings.Trim(l, "x*•.-_0 ") == "":
		return true
	}
	return false
}

// nameKind classifies a variable, header or flag name: "strong" for names that only ever
// hold secrets (PASSWORD, SECRET, COOKIE), "weak" for names that usually do (TOKEN, API_KEY,
// AUTH, PAT, CREDENTIALS), "" otherwise. A secret word followed by a word naming metadata
// (TOKEN_URL, SECRET_NAME, KEY_FILE, AUTH_TYPE) does not count.
func nameKind(name string) string {
	words := nameWords(name)
	kind := ""
	for i, w := range words {
		if i+1 < len(words) && metaWords[words[i+1]] {
			continue
		}
		switch {
		case w == "PASSWORD" || w == "PASSWD" || strings.HasSuffix(w, "PASSWORD") || w == "SECRET" ||
			strings.HasSuffix(w, "SECRET") || w == "COOKIE" || w == "PASSPHRASE":
			return "strong"
		case w == "KEY" && (i == 0 || keyQualifiers[words[i-1]] || len(words) <= 2),
			w == "APIKEY" || w == "ACCESSKEY" || w == "TOKEN" || strings.HasSuffix(w, "TOKEN") || w == "APITOKEN",
			w == "PAT", w == "CREDENTIAL" || w == "CREDENTIALS", w == "AUTHORIZATION" || w == "BEARER",
			w == "AUTH" && i == len(words)-1:
			kind = "weak"
		}
	}
	return kind
}

// keyQualifiers are the words before KEY that make it a credential.
var keyQualifiers = map[string]bool{
	"API": true, "ACCESS": true, "PRIVATE": true, "SECRET": true, "AUTH": true, "SUBSCRIPTION": true,
	"LICENSE": true, "SIGNING": true, "MASTER": true, "SERVICE": true, "CLIENT": true, "APP": true,
	"ENCRYPTION": true, "ADMIN": true,
}

// metaWords after a secret word make the name describe the secret rather than hold it.
var metaWords = map[string]bool{
	"URL": true, "URI": true, "PATH": true, "FILE": true, "DIR": true, "TYPE": true, "MODE": true,
	"ENDPOINT": true, "HOST": true, "NAME": true, "ID": true, "LIMIT": true, "LIMITS": true, "EXPIRY": true,
	"TTL": true, "HEADER": true, "PREFIX": true, "FORMAT": true, "KIND": true, "SCOPE": true, "SCOPES": true,
	"PROVIDER": true, "METHOD": true, "ENV": true, "VAR": true, "COMMAND": true, "CMD": true, "HELPER": true,
	"LENGTH": true, "REF": true,
}

// nameWords splits FOO_BAR, foo-bar, fooBar and X-Api-Key into upper-case words.
func nameWords(name string) []string {
	var words []string
	var cur strings.Builder
	prevLower := false
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, strings.ToUpper(cur.String()))
			cur.Reset()
		}
	}
	for _, r := range name {
		switch {
		case unicode.IsUpper(r) && prevLower:
			flush()
			cur.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		default:
			flush()
		}
		prevLower = unicode.IsLower(r)
	}
	flush()
	return words
}

// secretValue decides whether a value stored under name is a literal secret; it returns
// why, and the token (the credential part of the value). Bearer/Basic/Token prefixes of
// header values are looked through.
func secretValue(name, value string) (why, token string, ok bool) {
	v := strings.TrimSpace(value)
	if len(v) > maxValue {
		v = v[:maxValue] // credentials are short; a longer value is only searched for shapes
		if what, lo, hi := shapeOf(v); what != "" {
			return what, v[lo:hi], true
		}
		return "", "", false
	}
	if isReference(v) || isPlaceholder(v) {
		return "", "", false
	}
	token = v
	for _, p := range [...]string{"Bearer ", "bearer ", "Basic ", "basic ", "Token ", "token "} {
		if t, found := strings.CutPrefix(v, p); found {
			token = strings.TrimSpace(t)
			if isReference(token) || isPlaceholder(token) {
				return "", "", false
			}
		}
	}
	if what, lo, hi := shapeOf(token); what != "" {
		return what, token[lo:hi], true
	}
	if looksLikePathOrURL(token) || strings.ContainsAny(token, " \t\n") {
		return "", "", false
	}
	switch nameKind(name) {
	case "strong":
		if len(token) >= 8 {
			return "value of " + nameOnly(name), token, true
		}
	case "weak":
		if len(token) >= 8 && tokenLike(token) {
			return "value of " + nameOnly(name), token, true
		}
	}
	if len(token) >= 20 && highEntropy(token) {
		return "high-entropy value", token, true
	}
	return "", "", false
}

func nameOnly(name string) string { return clip(name, 40) }

// looksLikePathOrURL reports file paths and URLs (a URL's password is checked apart).
func looksLikePathOrURL(v string) bool {
	switch {
	case strings.Contains(v, "://"):
		return true
	case strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "~/") || strings.HasPrefix(v, "../"):
		return true
	case len(v) > 2 && v[1] == ':' && (v[2] == '\\' || v[2] == '/'):
		return true
	}
	return strings.Count(v, "/") >= 2 && !strings.ContainsAny(v, "+=")
}

// tokenLike reports strings that look machine-made — a digit, several capitals among lower
// case, or a symbol other than - _ . — rather than a word such as "read-only" or "interactive".
func tokenLike(v string) bool {
	upper, lower := 0, 0
	for _, r := range v {
		switch {
		case unicode.IsDigit(r):
			return true
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case r != '-' && r != '_' && r != '.':
			return true
		}
	}
	return upper >= 2 && lower >= 2
}

// highEntropy reports random-looking strings: at least three character classes, more than
// 3.5 bits of entropy per character, not a UUID, hex digest or version.
func highEntropy(v string) bool {
	if isUUID(v) || strings.Trim(v, "0123456789abcdefABCDEF") == "" || strings.ContainsAny(v, " .@:") {
		return false
	}
	classes := 0
	var lower, upper, digit, other bool
	counts := map[rune]int{}
	n := 0
	for _, r := range v {
		counts[r]++
		n++
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	for _, b := range [...]bool{lower, upper, digit, other} {
		if b {
			classes++
		}
	}
	if classes < 3 || !digit {
		return false
	}
	h := 0.0
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h > 3.5
}

func isUUID(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch i {
		case 8, 13, 18, 23:
			if v[i] != '-' {
				return false
			}
		default:
			if !isHexByte(v[i]) {
				return false
			}
		}
	}
	return true
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// redact shows the first four characters of a secret, then its length.
func redact(s string) string {
	r := []rune(s)
	if len(r) <= 8 {
		return "****"
	}
	return string(r[:4]) + "…"
}
