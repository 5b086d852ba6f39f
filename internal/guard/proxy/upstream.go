package proxy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
)

// DefaultAnthropicVersion is sent when an Anthropic client did not name an API version.
const DefaultAnthropicVersion = "2023-06-01"

// forward sends the (rewritten) body upstream and hands the response to the right path:
// errors pass through, streams are inspected event by event, bodies as a whole.
func (x *exchange) forward(body []byte) {
	// Derived from the client's context: a client that leaves cancels the upstream call.
	var (
		ctx    context.Context
		cancel context.CancelFunc
		idle   *time.Timer
	)
	if x.req.Stream {
		// A stream may run for long; what is bounded is the silence between two reads.
		ctx, cancel = context.WithCancel(x.r.Context())
		idle = time.AfterFunc(x.up.timeout(), cancel)
		defer idle.Stop()
	} else {
		ctx, cancel = context.WithTimeout(x.r.Context(), x.up.timeout())
	}
	defer cancel()
	ureq, err := x.upstreamRequest(ctx, http.MethodPost, x.sf.Path(), body)
	if err != nil {
		x.fail(api.Error{Kind: api.UpstreamFailed, Code: "upstream_error", Message: "unable to build the upstream request"})
		return
	}
	t0 := time.Now()
	resp, err := x.s.client.Do(ureq)
	x.s.metrics.upstream.WithLabelValues(x.up.Name).Observe(time.Since(t0).Seconds())
	if err != nil {
		x.upstreamFailed(err)
		return
	}
	defer func() { _ = resp.Body.Close() }()
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		x.passError(resp)
	case isEventStream(resp.Header.Get("Content-Type")):
		x.streamResponse(resp, idle)
	default:
		x.bufferedResponse(resp)
	}
}

// upstreamFailed answers a transport failure; a client that went away gets nothing.
func (x *exchange) upstreamFailed(err error) {
	if x.r.Context().Err() != nil {
		x.status = 499 // client closed request (nginx's convention, for the record only)
		return
	}
	x.s.metrics.upstreamErrs.WithLabelValues(x.up.Name).Inc()
	x.s.log.Warn("upstream request failed", "upstream", x.up.Name, "err", err)
	msg := "the upstream could not be reached"
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		msg = "the upstream did not answer in time"
	}
	x.fail(api.Error{Kind: api.UpstreamFailed, Code: "upstream_unavailable", Message: msg})
}

// isEventStream reports whether a Content-Type names an event stream; parameters are ignored.
func isEventStream(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/event-stream")
}

// upstreamRequest builds the request to x.up for route path: the client's headers minus
// credentials and hop-by-hop fields, the upstream's own credential and headers.
func (x *exchange) upstreamRequest(ctx context.Context, method, route string, body []byte) (*http.Request, error) {
	return buildUpstreamRequest(ctx, x.up, x.r, method, route, body)
}

func buildUpstreamRequest(ctx context.Context, up *Upstream, in *http.Request, method, route string, body []byte) (*http.Request, error) {
	target := *up.BaseURL
	target.Path = joinRoute(up.BaseURL.Path, route)
	target.RawPath = ""
	target.RawQuery = in.URL.RawQuery
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target.String(), rd)
	if err != nil {
		return nil, err
	}
	copyHeaders(req.Header, in.Header, dropRequest)
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	switch up.Format {
	case api.Anthropic:
		if up.APIKey != "" {
			req.Header.Set("X-Api-Key", up.APIKey)
		}
		if req.Header.Get("Anthropic-Version") == "" {
			req.Header.Set("Anthropic-Version", DefaultAnthropicVersion)
		}
	default:
		if up.APIKey != "" {
			req.Header.Set("Authorization", "Bearer "+up.APIKey)
		}
	}
	for k, v := range up.Headers {
		req.Header.Set(k, v)
	}
	return req, nil
}

// joinRoute appends a route ("/v1/chat/completions") to a base path, dropping the route's
// "/v1" when the base already ends with it.
func joinRoute(base, route string) string {
	base = strings.TrimSuffix(base, "/")
	if strings.HasSuffix(base, "/v1") {
		route = strings.TrimPrefix(route, "/v1")
	}
	return base + route
}

// dropRequest names the headers never copied from the client to the upstream: the client's
// own credentials (the upstream's replace them), cookies, and fields that would let a client
// pick another organisation or encoding than the guard's.
func dropRequest(k string) bool {
	switch k {
	case "Authorization", "X-Api-Key", "Api-Key", "Proxy-Authorization", "Cookie", "Host",
		"Content-Length", "Accept-Encoding", "Openai-Organization", "Openai-Project",
		"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto":
		return true
	}
	return false
}

// dropResponse names the headers never copied from the upstream to the client: the body may
// change length and is already decoded, and the upstream's account details are none of the
// client's business.
func dropResponse(k string) bool {
	switch k {
	case "Content-Length", "Content-Encoding", "Set-Cookie", "Openai-Organization", "Anthropic-Organization-Id":
		return true
	}
	return false
}

// hopByHop names the fields RFC 9110 §7.6.1 says a proxy must not forward.
func hopByHop(k string) bool {
	switch k {
	case "Connection", "Proxy-Connection", "Keep-Alive", "Te", "Trailer", "Transfer-Encoding",
		"Upgrade", "Proxy-Authenticate":
		return true
	}
	return false
}

// copyHeaders copies src into dst except hop-by-hop fields (including those src's Connection
// names) and the fields drop names.
//
// Values are shared with src, clipped to their length so that an Add on dst reallocates
// instead of writing into src: neither side mutates values in place, and copying every
// header's slice was a measurable share of the proxy's allocations.
func copyHeaders(dst, src http.Header, drop func(string) bool) {
	var named map[string]bool
	for _, v := range src["Connection"] {
		for f := range strings.SplitSeq(v, ",") {
			if named == nil {
				named = map[string]bool{}
			}
			named[http.CanonicalHeaderKey(strings.TrimSpace(f))] = true
		}
	}
	for k, vs := range src {
		if hopByHop(k) || drop(k) || named[k] {
			continue
		}
		dst[k] = vs[:len(vs):len(vs)]
	}
}

// passError passes an upstream error through faithfully: status, headers and body. Only the
// canary token is taken out, in case the upstream quotes the request back.
func (x *exchange) passError(resp *http.Response) {
	body, err := readLimited(resp.Body, resp.ContentLength, x.rt.maxResponse())
	if err != nil {
		x.upstreamFailed(err)
		return
	}
	if x.token != "" {
		body = bytes.ReplaceAll(body, []byte(x.token), nil)
	}
	x.writeUpstream(resp, body)
}

// writeUpstream answers with the upstream's status and headers and body.
func (x *exchange) writeUpstream(resp *http.Response, body []byte) {
	h := x.w.Header()
	copyHeaders(h, resp.Header, dropResponse)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	x.status = resp.StatusCode
	x.w.WriteHeader(resp.StatusCode)
	_, _ = x.w.Write(body)
}

// maxPresize caps the buffer readAll allocates on the sender's word alone, so that a client
// announcing megabytes and trickling bytes cannot pin memory it has not sent.
const maxPresize = 256 << 10

// readAll reads r to the end. When the sender announced the body's size (within limit) the
// buffer is allocated once at that size, instead of io.ReadAll's doubling from 512 bytes,
// which on a 4 KiB prompt allocates four times what it keeps.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(r)
	}
	// One spare byte lets the final Read report EOF without growing the buffer.
	b := make([]byte, 0, min(size, maxPresize)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the sender lied about the size: let append grow it
		}
	}
}

// errTooLarge is returned by readLimited for a body over its limit.
var errTooLarge = errors.New("upstream response too large")

func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	b, err := readAll(io.LimitReader(r, limit+1), size, limit)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooLarge
	}
	return b, nil
}

// models passes GET /v1/models through to the first upstream of the client's family (an
// anthropic-version header means Anthropic).
func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	sf := api.ChatCompletions
	if r.Header.Get("Anthropic-Version") != "" {
		sf = api.Messages
	}
	a := s.cur.Load()
	if a == nil {
		writeError(w, sf, api.Error{Kind: api.Unavailable, Code: "not_ready", Message: "the guard has no configuration loaded"})
		return
	}
	if _, _, ok := a.authenticate(r); !ok {
		writeError(w, sf, api.Error{Kind: api.Unauthenticated, Code: "invalid_api_key", Message: "missing or unknown API key"})
		return
	}
	var up *Upstream
	for i := range a.rt.Upstreams {
		if a.rt.Upstreams[i].Format == sf.Format() {
			up = &a.rt.Upstreams[i]
			break
		}
	}
	if up == nil {
		writeError(w, sf, api.Error{Kind: api.NotFound, Code: "no_upstream", Message: "no upstream configured"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), up.timeout())
	defer cancel()
	req, err := buildUpstreamRequest(ctx, up, r, http.MethodGet, "/v1/models", nil)
	if err == nil {
		var resp *http.Response
		if resp, err = s.client.Do(req); err == nil {
			defer func() { _ = resp.Body.Close() }()
			copyHeaders(w.Header(), resp.Header, dropResponse)
			w.WriteHeader(resp.StatusCode)
			_, _ = io.Copy(w, io.LimitReader(resp.Body, a.rt.maxResponse()))
			return
		}
	}
	s.metrics.upstreamErrs.WithLabelValues(up.Name).Inc()
	writeError(w, sf, api.Error{Kind: api.UpstreamFailed, Code: "upstream_unavailable", Message: "the upstream could not be reached"})
}
