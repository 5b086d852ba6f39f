package proxy

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"github.com/aisecops/aisec/internal/guard/api"
)

// Anonymous is the identity of requests admitted without a key.
const Anonymous = "anonymous"

// clientKey returns the key a client presented: "Authorization: Bearer …" (OpenAI SDKs),
// "x-api-key" (Anthropic SDKs) or "api-key" (Azure-style clients).
func clientKey(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		if scheme, key, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(key)
		}
	}
	if k := r.Header.Get("X-Api-Key"); k != "" {
		return k
	}
	return r.Header.Get("Api-Key")
}

// identify maps a presented key to its client's identity. The key's SHA-256 indexes the table
// and is then compared in constant time, so neither the lookup nor the comparison depends on
// the key's bytes in a way a caller could time.
func (a *active) identify(key string) (string, bool) {
	sum := sha256.Sum256([]byte(key))
	c, ok := a.clients[sum]
	if !ok || subtle.ConstantTimeCompare(c.KeySHA256[:], sum[:]) != 1 {
		return "", false
	}
	return c.Identity, true
}

// authenticate resolves the caller: a known key gives its identity; no key gives Anonymous
// when allowed (rate-limited per remote address); anything else is refused with 401.
func (x *exchange) authenticate() (identity, limitKey string, ok bool) {
	id, lk, ok := x.a.authenticate(x.r)
	if !ok {
		x.refusal = "unauthenticated"
		x.fail(api.Error{Kind: api.Unauthenticated, Code: "invalid_api_key", Message: "missing or unknown API key"})
	}
	return id, lk, ok
}

func (a *active) authenticate(r *http.Request) (identity, limitKey string, ok bool) {
	key := clientKey(r)
	if key == "" {
		if !a.rt.AllowAnonymous {
			return "", "", false
		}
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		return Anonymous, "anon:" + host, true
	}
	id, ok := a.identify(key)
	if !ok {
		return "", "", false
	}
	return id, "id:" + id, true
}
