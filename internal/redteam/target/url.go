package target

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// endpoint is a resolved target URL.
type endpoint struct {
	kind string
	// url is what requests go to (query kept: some gateways need api-version).
	url string
	// display is url without query or fragment, for the journal and errors: a query may
	// hold a key.
	display string
}

// schemeKind maps an accepted URL scheme to the target kind and the forced HTTP scheme
// ("" picks https, or http for loopback hosts).
func schemeKind(s string) (kind, scheme string, ok bool) {
	switch strings.ToLower(s) {
	case "openai":
		return KindOpenAI, "", true
	case "openai+http", "http":
		return KindOpenAI, "http", true
	case "openai+https", "https":
		return KindOpenAI, "https", true
	case "rest":
		return KindREST, "", true
	case "rest+http":
		return KindREST, "http", true
	case "rest+https":
		return KindREST, "https", true
	}
	return "", "", false
}

// chatPath is appended to an openai base URL.
const chatPath = "/chat/completions"

// parseURL resolves a target URL. Errors never echo the raw URL when it may hold
// credentials.
func parseURL(raw string) (endpoint, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		if strings.Contains(raw, "@") {
			return endpoint{}, errors.New("unable to parse the target URL (not shown: it may hold credentials)")
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return endpoint{}, fmt.Errorf("unable to parse the target URL %q: %w", raw, err)
	}
	if u.User != nil {
		return endpoint{}, errors.New("unable to use the target URL: credentials in the URL are refused; pass the key with --api-key-env")
	}
	kind, scheme, ok := schemeKind(u.Scheme)
	if !ok {
		return endpoint{}, fmt.Errorf("unable to use the target URL %q: unknown scheme %q (want openai://, rest://, openai+http(s)://, rest+http(s):// or http(s)://)", redactQuery(u), u.Scheme)
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return endpoint{}, fmt.Errorf("unable to use the target URL %q: no host (write %s://HOST[:PORT]/PATH)", redactQuery(u), u.Scheme)
	}
	if scheme == "" {
		scheme = "https"
		if isLoopback(u.Hostname()) {
			scheme = "http"
		}
	}
	out := *u
	out.Scheme, out.Fragment, out.RawFragment = scheme, "", ""
	if kind == KindOpenAI {
		out.Path, out.RawPath = openAIPath(u.Path), ""
	}
	return endpoint{kind: kind, url: out.String(), display: redactQuery(&out)}, nil
}

// openAIPath turns an API base path into the chat-completions path: "" → /v1, and a path
// that already names chat/completions is kept.
func openAIPath(p string) string {
	p = strings.TrimRight(p, "/")
	if p == "" {
		p = "/v1"
	}
	if strings.HasSuffix(p, chatPath) {
		return p
	}
	return p + chatPath
}

// isLoopback reports whether host is localhost or a loopback IP.
func isLoopback(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// redactQuery renders u without user info, query or fragment.
func redactQuery(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.ForceQuery, c.Fragment, c.RawFragment = nil, "", false, "", ""
	return c.String()
}
