package ratelimit

import (
	"context"
	_ "embed" // the bucket script
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultRedisPrefix namespaces the limiter's keys when NewRedis is given an empty prefix.
const DefaultRedisPrefix = "aisec:rl:"

//go:embed bucket.lua
var bucketScript string

// Redis is a Limiter whose buckets live in Redis, so that every guard replica pointing at the
// same server and prefix shares one budget per identity. Each call is one round trip running
// a Lua script that refills, checks and takes both buckets atomically using the server's clock.
type Redis struct {
	client redis.UniversalClient
	script *redis.Script
	spec   spec
	args   [4]string // capacities and per-minute rates, formatted once
	prefix string
	owned  bool
}

// NewRedis connects to url (redis:// or rediss://, options as query parameters, see
// redis.ParseURL; unset timeouts get the short requestPathDefaults) and checks the connection
// with a PING, so a wrong URL fails at start-up. Context deadlines bound every call. The
// returned Limiter is a *Redis; Close it to release the connections.
func NewRedis(ctx context.Context, url string, l Limits, prefix string) (Limiter, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("unable to parse the rate-limit Redis URL: %w", err)
	}
	requestPathDefaults(opt)
	client := redis.NewClient(opt)
	if err := client.Ping(ctx).Err(); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("unable to reach the rate-limit Redis at %s: %w", opt.Addr, err)
	}
	r, err := NewRedisClient(client, l, prefix)
	if err != nil {
		_ = client.Close()
		return nil, err
	}
	r.owned = true
	return r, nil
}

// requestPathDefaults shortens go-redis's defaults (3 retries, 5 s dial, 3 s read, 5 dial
// attempts) where the URL left them unset, because every call sits on a request's critical
// path: when Redis is down the proxy must learn it quickly and apply its fail-open/closed
// policy. Context deadlines always apply.
func requestPathDefaults(opt *redis.Options) {
	opt.ContextTimeoutEnabled = true
	if opt.MaxRetries == 0 {
		opt.MaxRetries = 1
	}
	if opt.DialTimeout == 0 {
		opt.DialTimeout = time.Second
	}
	if opt.ReadTimeout == 0 {
		opt.ReadTimeout = 500 * time.Millisecond
	}
	if opt.WriteTimeout == 0 {
		opt.WriteTimeout = 500 * time.Millisecond
	}
	if opt.DialerRetries == 0 {
		opt.DialerRetries = 2
	}
}

// NewRedisClient builds a limiter on an existing client (a cluster or failover client, or one
// shared with other users). Close then leaves the client open.
func NewRedisClient(client redis.UniversalClient, l Limits, prefix string) (*Redis, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	if client == nil {
		return nil, errors.New("the rate-limit Redis client is nil")
	}
	if prefix == "" {
		prefix = DefaultRedisPrefix
	}
	sp := newSpec(l)
	r := &Redis{client: client, script: redis.NewScript(bucketScript), spec: sp, prefix: prefix}
	r.args[0] = strconv.FormatFloat(sp.rcap, 'f', -1, 64)
	r.args[1] = strconv.Itoa(max(l.RequestsPerMinute, 0))
	r.args[2] = strconv.FormatFloat(sp.tcap, 'f', -1, 64)
	r.args[3] = strconv.Itoa(max(l.TokensPerMinute, 0))
	return r, nil
}

// Allow implements Limiter.
func (r *Redis) Allow(ctx context.Context, key string, tokens int) (Decision, error) {
	if r.spec.rcap == 0 && r.spec.tcap == 0 {
		return unlimited(), nil
	}
	res, err := r.run(ctx, "allow", key, max(tokens, 0))
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Allowed: res[0] == 1, RetryAfter: retryAfter(float64(res[2]) * float64(time.Microsecond))}
	switch res[1] {
	case 1:
		d.Reason = ReasonRequests
	case 2:
		d.Reason = ReasonTokens
	}
	d.Remaining, d.RemainingTokens = int(res[3]), int(res[4])
	if r.spec.rcap == 0 {
		d.Remaining = -1
	}
	if r.spec.tcap == 0 {
		d.RemainingTokens = -1
	}
	return d, nil
}

// Charge implements Limiter.
func (r *Redis) Charge(ctx context.Context, key string, tokens int) error {
	if r.spec.tcap == 0 || tokens == 0 {
		return nil
	}
	_, err := r.run(ctx, "charge", key, tokens)
	return err
}

// Close closes the connection pool when NewRedis opened it.
func (r *Redis) Close() error {
	if !r.owned {
		return nil
	}
	return r.client.Close()
}

// Key returns the Redis key holding identity key's buckets (for operators and tests).
func (r *Redis) Key(key string) string {
	return r.prefix + boundKey(key)
}

// run executes the bucket script (EVALSHA, falling back to EVAL when the server lost it) and
// decodes its five integers.
func (r *Redis) run(ctx context.Context, mode, key string, tokens int) ([5]int64, error) {
	var out [5]int64
	v, err := r.script.Run(ctx, r.client, []string{r.Key(key)},
		mode, r.args[0], r.args[1], r.args[2], r.args[3], tokens).Int64Slice()
	if err != nil {
		return out, fmt.Errorf("unable to run the rate-limit script: %w", err)
	}
	if len(v) != len(out) {
		return out, fmt.Errorf("unable to read the rate-limit script's reply: %d values, want %d", len(v), len(out))
	}
	copy(out[:], v)
	return out, nil
}

var _ Limiter = (*Redis)(nil)
