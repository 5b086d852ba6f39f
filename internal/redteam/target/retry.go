package target

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// retryStatus reports whether an HTTP status is transient: rate limits and overloaded or
// failing upstreams (529 is Anthropic-style "overloaded").
func retryStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout, 529:
		return true
	}
	return false
}

// do sends the request, retrying transient failures. It returns the last reply (nil when
// none came), the number of retries made, and an error when the last attempt failed at the
// transport level or with a transient status. Other statuses are for the caller to judge.
func (c *caller) do(ctx context.Context, method, contentType string, body []byte) (*reply, int, error) {
	for retries := 0; ; retries++ {
		r, err := c.once(ctx, method, contentType, body)
		if ctx.Err() != nil {
			return r, retries, fmt.Errorf("unable to query %s: %w", c.ep.display, ctx.Err())
		}
		if !c.transient(r, err) {
			if err != nil {
				return r, retries, fmt.Errorf("unable to query %s: %s", c.ep.display, c.redact(err.Error()))
			}
			return r, retries, nil
		}
		if retries >= c.retries {
			return r, retries, c.exhausted(r, err, retries)
		}
		if err := c.sleep(ctx, c.delay(retries, r)); err != nil {
			return r, retries, fmt.Errorf("unable to query %s: %w", c.ep.display, err)
		}
	}
}

// transient reports whether an attempt's outcome is worth retrying.
func (c *caller) transient(r *reply, err error) bool {
	var ne *netErr
	if errors.As(err, &ne) {
		return true
	}
	return err == nil && retryStatus(r.status) && !slices.Contains(c.blocked, r.status)
}

// exhausted describes the last failure once the retries are spent.
func (c *caller) exhausted(r *reply, err error, retries int) error {
	what := ""
	if err != nil {
		what = c.redact(err.Error())
	} else {
		what = fmt.Sprintf("HTTP %d", r.status)
		if ex := c.excerpt(r.body); ex != "" {
			what += ": " + ex
		}
	}
	return fmt.Errorf("unable to query %s after %d retries: %s", c.ep.display, retries, what)
}

// delay is the wait before retry n+1: the server's Retry-After when it gave one, else the
// exponential backoff with "equal jitter" (half fixed, half random) so that 64 workers hit
// by the same 429 do not come back in lockstep.
func (c *caller) delay(n int, r *reply) time.Duration {
	if r != nil {
		if d, ok := retryAfter(r.header, time.Now()); ok {
			return d
		}
	}
	d := c.backoff
	for i := 0; i < n && d < MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, MaxBackoff)
	half := d / 2
	return half + rand.N(d-half+1) //nolint:gosec // jitter, not a secret
}

// retryAfter reads retry-after-ms (OpenAI, Azure) or Retry-After (seconds or an HTTP
// date), capped at MaxRetryAfter.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if h == nil {
		return 0, false
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && ms < 1e12 {
			return min(time.Duration(ms*float64(time.Millisecond)), MaxRetryAfter), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		return min(time.Duration(min(s, 1<<30))*time.Second, MaxRetryAfter), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), MaxRetryAfter), true
	}
	return 0, false
}
