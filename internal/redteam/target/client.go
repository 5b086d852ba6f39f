package target

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// NewClient returns the HTTP client targets use by default. It pools connections
// generously (a run talks to one host with 64+ requests in flight, and a small idle pool
// would reconnect on every burst), has no client-wide timeout (each attempt sets its own)
// and does not follow redirects: a redirected POST would silently become a GET, and the
// bearer token must not travel to another URL.
func NewClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          1024,
		MaxIdleConnsPerHost:   256,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		// A prompt plus headers fits one write with room to spare.
		WriteBufferSize: 32 << 10,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// caller sends HTTP requests to one endpoint with retries. It is immutable after
// newCaller and so safe for concurrent use.
type caller struct {
	ep      endpoint
	client  *http.Client
	apiKey  string
	headers map[string]string
	timeout time.Duration
	retries int
	backoff time.Duration
	// blocked are the configured "blocked by a filter" statuses (rest targets).
	blocked []int
	// secrets are redacted from every error message.
	secrets []string
	// sleep waits between attempts; tests replace it to observe the delays.
	sleep func(context.Context, time.Duration) error
}

// newCaller applies the option defaults.
func newCaller(ep endpoint, opts Options) *caller {
	c := &caller{ep: ep, client: opts.Client, apiKey: opts.APIKey, timeout: opts.Timeout,
		retries: opts.Retries, backoff: opts.Backoff, sleep: sleepCtx}
	if c.client == nil {
		c.client = NewClient()
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.retries == 0 {
		c.retries = DefaultRetries
	} else if c.retries < 0 {
		c.retries = 0
	}
	if c.backoff <= 0 {
		c.backoff = DefaultBackoff
	}
	if opts.REST != nil {
		c.blocked = append([]int(nil), opts.REST.BlockedStatuses...)
	}
	c.headers = make(map[string]string, len(opts.Headers))
	for k, v := range opts.Headers {
		c.headers[k] = v
		if len(v) >= 8 { // short values (json, 1) are not secrets and redacting them garbles messages
			c.secrets = append(c.secrets, v)
		}
	}
	if c.apiKey != "" {
		c.secrets = append(c.secrets, c.apiKey)
	}
	return c
}

// reply is one HTTP answer with its body read.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// errTooLarge marks a body over MaxBodyBytes; retrying would not shrink it.
var errTooLarge = fmt.Errorf("response body exceeds %d MiB", MaxBodyBytes>>20)

// once makes one HTTP attempt under the per-attempt timeout, body read included.
func (c *caller) once(ctx context.Context, method, contentType string, body []byte) (*reply, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.ep.url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("unable to build the request: %w", unwrapURL(err))
	}
	c.setHeaders(req, contentType)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, c.netError(ctx, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	r := &reply{status: resp.StatusCode, header: resp.Header, body: data}
	if err != nil {
		return r, c.netError(ctx, err)
	}
	if len(data) > MaxBodyBytes {
		return r, errTooLarge
	}
	return r, nil
}

// setHeaders sets the defaults, the bearer token, then the configured headers, which win.
func (c *caller) setHeaders(req *http.Request, contentType string) {
	if len(contentType) > 0 && req.Method != http.MethodGet {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "aisec-redteam")
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	for k, v := range c.headers {
		if strings.EqualFold(k, "Host") {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
}

// netError describes a transport failure without the URL (its query may hold a key).
func (c *caller) netError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &netErr{fmt.Errorf("no answer within %s", c.timeout)}
	}
	return &netErr{unwrapURL(err)}
}

// netErr marks a transport failure, which is retried.
type netErr struct{ err error }

func (e *netErr) Error() string { return e.err.Error() }
func (e *netErr) Unwrap() error { return e.err }

// unwrapURL strips the *url.Error wrapper, which repeats the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redact removes every secret from s.
func (c *caller) redact(s string) string {
	for _, k := range c.secrets {
		s = strings.ReplaceAll(s, k, "[redacted]")
	}
	return s
}

// excerpt is a redacted, clipped, single-line view of a body for error messages.
func (c *caller) excerpt(body []byte) string {
	s := c.redact(string(body)) // before clipping, so no partial secret survives the cut
	s = strings.Join(strings.Fields(s), " ")
	return textclip.Ellipsis(s, 200)
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
