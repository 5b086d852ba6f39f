package mcp

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/finding"
	mcpfmt "github.com/aisecops/aisec/internal/format/mcp"
)

// checkSecrets reports literal credentials in env values, headers, the URL and the
// arguments (MCP-002). Evidence never shows more than the first four characters.
func checkSecrets(c *finding.Capper, label string, s *mcpfmt.Server, argv []string) {
	for _, v := range s.Env {
		if ev, ok := varSecret(v.Name, v.Value); ok {
			c.Add(RuleSecret, fmt.Sprintf("%s: env %s", label, ev), v.Offset)
		}
	}
	for _, h := range s.Headers {
		if ev, ok := varSecret(h.Name, h.Value); ok {
			c.Add(RuleSecret, fmt.Sprintf("%s: header %s", label, ev), h.Offset)
		}
	}
	if why, shown, ok := endpointSecret(s.URL); ok {
		c.Add(RuleSecret, fmt.Sprintf("%s: url %s (%s)", label, shown, why), s.Offset)
	}
	if isBridge(s, argv) { // the remote endpoint of mcp-remote, supergateway…
		for _, a := range argv {
			if _, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(a, "-") {
				a = v
			}
			if _, _, ok := urlSecret(a); ok {
				continue // reported with the arguments below
			}
			if why, shown, ok := endpointSecret(a); ok {
				c.Add(RuleSecret, fmt.Sprintf("%s: bridged url %s (%s)", label, shown, why), s.Offset)
			}
		}
	}
	if len(s.Args) == 0 && len(argv) == 0 && strings.ContainsAny(strings.TrimSpace(s.Command), " \t") {
		argv = strings.Fields(s.Command)[1:] // a whole command line the launcher rules did not split
	}
	for _, ev := range argSecrets(argv) {
		c.Add(RuleSecret, fmt.Sprintf("%s: argument %s", label, ev), s.Offset)
	}
}

// varSecret renders "NAME=redacted (N chars, why)" for a secret value, or a URL holding one.
func varSecret(name, value string) (string, bool) {
	n := clip(name, 60)
	if why, token, ok := secretValue(name, value); ok {
		return fmt.Sprintf("%s=%s", n, redactIn(value, token, why)), true
	}
	if why, shown, ok := urlSecret(value); ok {
		return fmt.Sprintf("%s=%s (%s)", n, shown, why), true
	}
	if ev, ok := jsonSecret(value); ok {
		return fmt.Sprintf("%s=JSON %s", n, ev), true
	}
	return "", false
}

// Budgets of a JSON document read from a value or an argument.
const (
	maxJSONValue = 64 << 10
	maxJSONDepth = 16
)

// jsonSecret reads a JSON object written into a value or an argument (Smithery's --config
// '{"apiKey": "…"}', an env variable holding a JSON document) and reports the first member
// holding a secret, as "key=redacted (…)".
func jsonSecret(value string) (string, bool) {
	v := strings.TrimSpace(value)
	if len(v) < 8 || len(v) > maxJSONValue || v[0] != '{' || v[len(v)-1] != '}' {
		return "", false
	}
	var doc any
	if json.Unmarshal([]byte(v), &doc) != nil {
		return "", false
	}
	return jsonWalk("", doc, 0)
}

func jsonWalk(key string, v any, depth int) (string, bool) {
	if depth > maxJSONDepth {
		return "", false
	}
	switch x := v.(type) {
	case string:
		if key == "" {
			return "", false
		}
		if ev, ok := varSecret(key, x); ok {
			return ev, true
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ev, ok := jsonWalk(k, x[k], depth+1); ok {
				return ev, true
			}
		}
	case []any:
		for i, it := range x {
			if i >= 256 {
				break
			}
			if ev, ok := jsonWalk(key, it, depth+1); ok {
				return ev, true
			}
		}
	}
	return "", false
}

// redactIn shows value with token redacted, the token's length and why it was reported.
func redactIn(value, token, why string) string {
	shown := strings.Replace(value, token, redact(token), 1)
	return fmt.Sprintf("%s (%d chars, %s)", clip(scrub(clip(shown, 1000)), 80), utf8.RuneCountInString(token), why)
}

// envName matches the NAME of a NAME=value argument (docker -e, env, key=value settings).
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{1,80}$`)

// argSecrets finds credentials in arguments: --flag=value and --flag value pairs whose flag
// names a secret, NAME=value pairs (docker -e, env), "Header: value" strings (mcp-remote
// --header), URLs with credentials and anything of a known credential shape.
func argSecrets(argv []string) []string {
	var out []string
	for i := 0; i < len(argv) && len(out) < maxPerRule; i++ {
		a := argv[i]
		if ev, ok := argSecret(a); ok {
			out = append(out, ev)
			continue
		}
		flag := strings.TrimLeft(a, "-")
		if strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && nameKind(flag) != "" && i+1 < len(argv) && !strings.HasPrefix(argv[i+1], "-") {
			if why, token, ok := secretValue(flag, argv[i+1]); ok {
				out = append(out, fmt.Sprintf("%s %s", clip(a, 40), redactIn(argv[i+1], token, why)))
				i++
			}
		}
	}
	return out
}

// argSecret checks one argument on its own.
func argSecret(a string) (string, bool) {
	if strings.HasPrefix(a, "-") {
		if name, val, ok := strings.Cut(strings.TrimLeft(a, "-"), "="); ok {
			if ev, ok := headerSecret(val); ok {
				return fmt.Sprintf("--%s=%s", clip(name, 40), ev), true
			}
			if why, token, ok := secretValue(name, val); ok {
				return fmt.Sprintf("--%s=%s", clip(name, 40), redactIn(val, token, why)), true
			}
		}
	}
	if name, val, ok := strings.Cut(a, "="); ok && envName.MatchString(name) {
		if ev, ok := varSecret(name, val); ok {
			return ev, true
		}
	}
	if ev, ok := headerSecret(a); ok {
		return ev, true
	}
	if ev, ok := jsonSecret(a); ok {
		return "JSON " + ev, true
	}
	if why, shown, ok := urlSecret(a); ok {
		return fmt.Sprintf("%s (%s)", shown, why), true
	}
	if what, lo, hi := shapeOf(a); what != "" {
		return redactIn(a, a[lo:hi], what), true
	}
	return "", false
}

// headerSecret reads "Name: value" with a credential header name.
func headerSecret(a string) (string, bool) {
	name, val, ok := strings.Cut(a, ":")
	if !ok || strings.ContainsAny(name, " =/") || nameKind(name) == "" {
		return "", false
	}
	val = strings.TrimSpace(val)
	if why, token, ok := secretValue(name, val); ok {
		return fmt.Sprintf("%s: %s", clip(name, 40), redactIn(val, token, why)), true
	}
	return "", false
}

// urlSecret reports a URL carrying a password (to a non-loopback host), a credential in a
// query parameter, or a credential-shaped part. shown is the URL without user information
// and query.
func urlSecret(raw string) (why, shown string, ok bool) {
	if !strings.Contains(raw, "://") || isReference(raw) && !strings.Contains(raw, "@") {
		return "", "", false
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", "", false
	}
	shown = clip(strings.ToValidUTF8(u.Scheme+"://"+u.Host+u.Path, "?"), 80) // a URL may hold any bytes
	if u.User != nil {
		if pw, set := u.User.Password(); set && pw != "" && !isReference(pw) && !isPlaceholder(pw) && !isLoopback(u.Hostname()) {
			return fmt.Sprintf("password in URL, %d chars", utf8.RuneCountInString(pw)), shown, true
		}
		if name := u.User.Username(); !isReference(name) && (highEntropy(name) && len(name) >= 20 || hasShape(name)) {
			return fmt.Sprintf("token as URL user name, %d chars", utf8.RuneCountInString(name)), shown, true
		}
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		if w, token, ok := secretValue(k, v); ok {
			return fmt.Sprintf("query %s=%s, %d chars, %s", clip(k, 40), redact(token), utf8.RuneCountInString(token), w), shown, true
		}
	}
	if what, _, _ := shapeOf(raw); what != "" {
		return what + " in URL", shown, true
	}
	return "", "", false
}

// endpointSecret is urlSecret for the URL of a remote MCP server, where a key written into
// the path is a known pattern (https://host/mcp/<key>/sse): a path segment of a credential
// shape or a random-looking one of 20 characters or more counts too. Other URLs (documents,
// pages) carry long identifiers in their paths and are not read this way.
func endpointSecret(raw string) (why, shown string, ok bool) {
	if why, shown, ok := urlSecret(raw); ok {
		return why, shown, true
	}
	if !strings.Contains(raw, "://") {
		return "", "", false
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "", "", false
	}
	for i, seg := range strings.Split(u.Path, "/") {
		if i >= 32 {
			break
		}
		if len(seg) >= 20 && !isReference(seg) && (highEntropy(seg) || hasShape(seg)) {
			return fmt.Sprintf("credential-like path segment, %d chars", utf8.RuneCountInString(seg)), clip(u.Scheme+"://"+u.Host, 80), true
		}
	}
	return "", "", false
}

// checkTransport reports remote servers over plain HTTP (MCP-003): the server URL, and the
// URL arguments of stdio bridges (mcp-remote, supergateway, mcp-proxy).
func checkTransport(c *finding.Capper, label string, s *mcpfmt.Server, argv []string) {
	if s.URL != "" && plainRemote(s.URL) {
		c.Add(RulePlainHTTP, fmt.Sprintf("%s: %s (%s)", label, safeURL(s.URL), orUnknown(s.Transport)), s.Offset)
	}
	if !isBridge(s, argv) {
		return
	}
	for _, a := range argv {
		if strings.HasPrefix(a, "-") { // --sse=http://…
			_, a, _ = strings.Cut(a, "=")
		}
		if plainRemote(a) {
			c.Add(RulePlainHTTP, fmt.Sprintf("%s: %s via %s", label, safeURL(a), bridgeName(s)), s.Offset)
			return
		}
	}
}

// bridges are stdio programs that forward to a remote MCP server given by URL.
var bridges = map[string]bool{"mcp-remote": true, "supergateway": true, "mcp-proxy": true, "mcp-remote-client": true}

func isBridge(s *mcpfmt.Server, argv []string) bool {
	if s.Package != nil && isBridgeName(s.Package.Name) {
		return true
	}
	return isBridgeName(progName(s.Command)) || len(argv) > 0 && isBridgeName(progName(argv[0]))
}

// isBridgeName reports a bridge by its package, image or program name: the last path
// element counts (@scope/mcp-remote, ghcr.io/x/mcp-proxy), and so does an MCP name that says
// it forwards (mcp-stdio-bridge, mcp-sse-client, mcp-gateway…).
func isBridgeName(name string) bool {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToLower(name)
	if bridges[name] {
		return true
	}
	if !strings.Contains(name, "mcp") {
		return false
	}
	for _, w := range [...]string{"remote", "proxy", "bridge", "gateway", "adapter", "sse-client", "stdio-to"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

func bridgeName(s *mcpfmt.Server) string {
	if s.Package != nil && isBridgeName(s.Package.Name) {
		return clip(s.Package.Name, 80)
	}
	return progName(s.Command)
}

// plainRemote reports an http:// or ws:// URL whose host is not loopback. URLs whose host
// is a reference (${HOST}) are left alone.
func plainRemote(raw string) bool {
	raw = strings.TrimSpace(raw)
	l := strings.ToLower(raw)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "ws://") {
		return false
	}
	host := urlHost(raw)
	return host != "" && !hostReference(host) && !isLoopback(host)
}

// urlHost returns the host of a URL as a WHATWG parser (Node, browsers) reads it: tabs and
// line breaks are dropped and a backslash ends the authority like a slash; the IPv6 zone is
// removed. Text that net/url refuses is cut by hand rather than skipped.
func urlHost(raw string) string {
	raw = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, raw)
	host := ""
	if u, err := url.Parse(raw); err == nil {
		host = u.Hostname()
	} else if _, rest, ok := strings.Cut(raw, "://"); ok {
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			rest = rest[:i]
		}
		if i := strings.LastIndexByte(rest, '@'); i >= 0 {
			rest = rest[i+1:]
		}
		host = rest
		if strings.HasPrefix(host, "[") {
			if i := strings.IndexByte(host, ']'); i > 0 {
				host = host[1:i]
			}
		} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
			host = host[:i]
		}
	}
	if strings.Contains(host, ":") { // IPv6 literal: drop the zone (%eth0, %25eth0)
		if i := strings.IndexByte(host, '%'); i >= 0 {
			host = host[:i]
		}
	}
	return host
}

// hostReference reports a host that names a variable (${HOST}, {{host}}, %HOST%, $HOST)
// rather than a machine.
func hostReference(h string) bool {
	return strings.ContainsAny(h, "${}") || len(h) > 2 && h[0] == '%' && h[len(h)-1] == '%'
}

// isLoopback reports localhost names and loopback or unspecified addresses.
func isLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	switch {
	case h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "host.docker.internal":
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// safeURL drops user information and the query from a URL for evidence.
func safeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return clip(scrub(clip(raw, 1000)), 80)
	}
	return clip(u.Scheme+"://"+u.Host+u.Path, 100)
}

func orUnknown(s string) string {
	if s == "" {
		return "transport not stated"
	}
	return s
}

var (
	bearerText   = regexp.MustCompile(`(?i)\b(bearer|basic|token)\s+([A-Za-z0-9._~+/=-]{8,})`)
	userinfoText = regexp.MustCompile(`://([^/@:\s]+):([^/@\s]+)@`)
	// namedText matches --api-key=v, --token v, API_KEY=v and "password": "v" forms.
	namedText = regexp.MustCompile(`(?i)((?:--?|\b)[a-z0-9_-]*(?:key|token|secret|password|passwd|pat|auth|credentials?)[a-z0-9_-]*(?:=|\s+|["']?\s*:\s*["']?))([^\s"',;&|]{6,})`)
)

// scrub redacts every credential-shaped part, bearer value and URL password of s.
func scrub(s string) string {
	s = redactShapes(s)
	s = bearerText.ReplaceAllStringFunc(s, func(m string) string {
		sub := bearerText.FindStringSubmatch(m)
		if isReference(sub[2]) {
			return m
		}
		return sub[1] + " " + redact(sub[2])
	})
	s = namedText.ReplaceAllStringFunc(s, func(m string) string {
		sub := namedText.FindStringSubmatch(m)
		switch strings.ToLower(sub[2]) {
		case "bearer", "basic", "token":
			return m
		}
		if isReference(sub[2]) || strings.HasPrefix(sub[2], "-") || strings.HasSuffix(sub[2], "…") {
			return m
		}
		return sub[1] + redact(sub[2])
	})
	return userinfoText.ReplaceAllString(s, "://$1:****@")
}

// redactShapes replaces every credential-shaped part of s with its redacted form.
func redactShapes(s string) string {
	var b strings.Builder
	for n := 0; n < maxCandidates; n++ {
		what, lo, hi := shapeOf(s)
		if what == "" {
			break
		}
		b.WriteString(s[:lo])
		b.WriteString(redact(s[lo:hi]))
		s = s[hi:]
	}
	b.WriteString(s)
	return b.String()
}
