// Package ratelimit enforces per-identity request and token budgets for the guard proxy.
//
// Each identity owns two token buckets: one counted in requests, one counted in model tokens.
// A bucket holds at most its burst and refills continuously at its per-minute rate, so a quiet
// client may send a burst and a busy one settles at the configured rate. Allow checks both
// buckets and takes from both only when both suffice (one atomic step, so a refused request
// costs nothing). Charge settles the difference between the tokens estimated before the call
// and the tokens the model actually used; it may push the token bucket below zero, and the
// debt is repaid by refill before the identity is admitted again.
//
// Two implementations share these semantics: Memory (one process) and Redis (several guard
// replicas sharing one budget).
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"time"
)

// Reasons a Decision refuses a request.
const (
	// ReasonRequests means the request bucket is empty.
	ReasonRequests = "requests"
	// ReasonTokens means the token bucket cannot cover the request's tokens (or is in debt).
	ReasonTokens = "tokens"
)

// Limits configures both buckets of every identity. A zero rate means "unlimited" for that
// bucket; when both rates are zero the limiter admits everything without keeping state.
type Limits struct {
	// RequestsPerMinute is the request bucket's refill rate.
	RequestsPerMinute int `yaml:"requests_per_minute" json:"requests_per_minute"`
	// TokensPerMinute is the token bucket's refill rate.
	TokensPerMinute int `yaml:"tokens_per_minute" json:"tokens_per_minute"`
	// Burst is the request bucket's capacity (default RequestsPerMinute: a full minute's worth).
	Burst int `yaml:"burst" json:"burst"`
	// TokenBurst is the token bucket's capacity (default TokensPerMinute).
	TokenBurst int `yaml:"token_burst" json:"token_burst"`
}

// Validate rejects negative values, which would otherwise read as "unlimited".
func (l Limits) Validate() error {
	if l.RequestsPerMinute < 0 || l.TokensPerMinute < 0 || l.Burst < 0 || l.TokenBurst < 0 {
		return errors.New("rate limits must not be negative (0 means unlimited)")
	}
	return nil
}

// Unlimited reports whether neither bucket is limited.
func (l Limits) Unlimited() bool {
	return l.RequestsPerMinute <= 0 && l.TokensPerMinute <= 0
}

// Decision is the outcome of one Allow call.
type Decision struct {
	// Allowed is true when the request was admitted and both buckets were charged.
	Allowed bool `json:"allowed"`
	// Reason is ReasonRequests or ReasonTokens when refused (the bucket needing the longer wait).
	Reason string `json:"reason,omitempty"`
	// RetryAfter is how long until the same request would be admitted, assuming no other
	// traffic for the identity; round it up to whole seconds for a Retry-After header.
	RetryAfter time.Duration `json:"retry_after,omitempty"`
	// Remaining is the whole number of requests left in the request bucket after this call,
	// or -1 when requests are unlimited.
	Remaining int `json:"remaining"`
	// RemainingTokens is the token bucket's level after this call (negative while in debt),
	// or -1 when tokens are unlimited.
	RemainingTokens int `json:"remaining_tokens"`
}

// Limiter admits requests per identity key. Implementations are safe for concurrent use.
type Limiter interface {
	// Allow checks, and on success takes, one request and tokens (the estimate known before
	// the call, e.g. prompt tokens plus max_tokens) from key's buckets. An error means the
	// state could not be reached (Redis down); the caller decides whether to fail open.
	Allow(ctx context.Context, key string, tokens int) (Decision, error)
	// Charge takes tokens from key's token bucket without checking it, typically the actual
	// usage minus the estimate passed to Allow. A negative value refunds, up to the capacity.
	Charge(ctx context.Context, key string, tokens int) error
}

// maxKeyLen bounds the identity keys stored, because identities can come from client-supplied
// headers; longer keys are replaced by their SHA-256.
const maxKeyLen = 128

// boundKey returns key, or a fixed-size digest of it when it is too long to store as is.
func boundKey(key string) string {
	if len(key) <= maxKeyLen {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// spec is Limits turned into bucket arithmetic: capacities and refill rates per minute. Rates
// stay per minute (and durations are computed as amount×minute/rate) so that round
// configurations give exact durations rather than float noise. A zero capacity marks an
// unlimited bucket.
type spec struct {
	rcap, rrate float64
	tcap, trate float64
}

// minute is time.Minute in the nanoseconds the bucket arithmetic uses.
const minute = float64(time.Minute)

func newSpec(l Limits) spec {
	var s spec
	if l.RequestsPerMinute > 0 {
		s.rcap = float64(max(l.Burst, 0))
		if s.rcap == 0 {
			s.rcap = float64(l.RequestsPerMinute)
		}
		s.rrate = float64(l.RequestsPerMinute)
	}
	if l.TokensPerMinute > 0 {
		s.tcap = float64(max(l.TokenBurst, 0))
		if s.tcap == 0 {
			s.tcap = float64(l.TokensPerMinute)
		}
		s.trate = float64(l.TokensPerMinute)
	}
	return s
}

// refill returns a bucket level after elapsed nanoseconds, capped at the capacity.
func refill(level, capacity, rate float64, elapsed int64) float64 {
	if elapsed > 0 {
		level += float64(elapsed) * rate / minute
	}
	if level > capacity { // not math.Min: its NaN handling costs on the hot path
		return capacity
	}
	return level
}

// admit decides one Allow against levels already refilled to now and returns the levels to
// store. A request asking for more tokens than the capacity needs a full bucket and then runs
// the bucket into debt, so that it is not refused forever.
func (s spec) admit(r, t float64, tokens int) (Decision, float64, float64) {
	cost := float64(max(tokens, 0))
	var d Decision
	var wait float64
	if s.rcap > 0 && r < 1 {
		d.Reason, wait = ReasonRequests, (1-r)*minute/s.rrate
	}
	if s.tcap > 0 {
		if need := min(cost, s.tcap); t < need {
			if w := (need - t) * minute / s.trate; d.Reason == "" || w > wait {
				d.Reason, wait = ReasonTokens, w
			}
		}
	}
	if d.Reason != "" {
		d.RetryAfter = retryAfter(math.Ceil(wait - 1e-3)) // ignore sub-picosecond float noise
		d.Remaining, d.RemainingTokens = s.remaining(r, t)
		return d, r, t
	}
	if s.rcap > 0 {
		r--
	}
	if s.tcap > 0 {
		t -= cost
	}
	d.Allowed = true
	d.Remaining, d.RemainingTokens = s.remaining(r, t)
	return d, r, t
}

// maxRetryAfter caps RetryAfter (about 146 years) so that a huge debt cannot overflow it.
const maxRetryAfter = time.Duration(1 << 62)

// retryAfter converts a wait in nanoseconds to a Duration, saturating at maxRetryAfter.
func retryAfter(ns float64) time.Duration {
	if !(ns < float64(maxRetryAfter)) { // also NaN
		return maxRetryAfter
	}
	return time.Duration(max(ns, 0))
}

// remaining converts levels to the whole numbers reported in a Decision.
func (s spec) remaining(r, t float64) (int, int) {
	req, tok := -1, -1
	if s.rcap > 0 {
		req = int(math.Floor(r))
	}
	if s.tcap > 0 {
		tok = int(math.Floor(t))
	}
	return req, tok
}

// fullAfter is how many nanoseconds until both buckets are full again, i.e. until the state
// carries no information and can be dropped.
func (s spec) fullAfter(r, t float64) float64 {
	var d float64
	if s.rcap > 0 {
		d = (s.rcap - r) * minute / s.rrate
	}
	if s.tcap > 0 {
		d = math.Max(d, (s.tcap-t)*minute/s.trate)
	}
	return d
}

// unlimited is what every limiter returns when nothing is limited.
func unlimited() Decision {
	return Decision{Allowed: true, Remaining: -1, RemainingTokens: -1}
}
