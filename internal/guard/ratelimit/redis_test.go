package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/aisecops/aisec/internal/xtest"
)

// redisPrefix returns a prefix no other test run uses and deletes its keys when t ends.
func redisPrefix(t testing.TB, client *redis.Client) string {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	prefix := "aisec:test:rl:" + hex.EncodeToString(b) + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		keys, err := client.Keys(ctx, prefix+"*").Result()
		if err == nil && len(keys) > 0 {
			client.Del(ctx, keys...)
		}
	})
	return prefix
}

// newRedisPair returns two limiters with their own connection pools (as two guard replicas
// would have) sharing one prefix, plus an admin client.
func newRedisPair(t testing.TB, l Limits) (*Redis, *Redis, *redis.Client) {
	t.Helper()
	url := xtest.RedisURL(t)
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	admin := redis.NewClient(opt)
	t.Cleanup(func() { _ = admin.Close() })
	prefix := redisPrefix(t, admin)
	var pair [2]*Redis
	for i := range pair {
		lim, err := NewRedis(context.Background(), url, l, prefix)
		if err != nil {
			t.Fatalf("NewRedis: %v", err)
		}
		pair[i] = lim.(*Redis)
		t.Cleanup(func() { _ = pair[i].Close() })
	}
	return pair[0], pair[1], admin
}

func TestRedisTwoReplicasShareOneBudget(t *testing.T) {
	// A refill of 1/min makes the expected count exact: the test takes far less than a minute.
	a, b, _ := newRedisPair(t, Limits{RequestsPerMinute: 1, Burst: 40})
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		lim := a
		if g%2 == 1 {
			lim = b
		}
		wg.Go(func() {
			for range 25 {
				d, err := lim.Allow(context.Background(), "team-a", 0)
				if err != nil {
					t.Error(err)
					return
				}
				if d.Allowed {
					admitted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if got := admitted.Load(); got != 40 {
		t.Fatalf("two replicas admitted %d of 200 requests, want exactly the shared burst of 40", got)
	}
	d, err := b.Allow(context.Background(), "team-a", 0)
	if err != nil || d.Allowed || d.Reason != ReasonRequests {
		t.Fatalf("after the budget: %+v %v", d, err)
	}
	if d.RetryAfter <= 55*time.Second || d.RetryAfter > time.Minute {
		t.Fatalf("RetryAfter = %v, want just under a minute at 1/min", d.RetryAfter)
	}
}

func TestRedisTokensAcrossReplicas(t *testing.T) {
	a, b, _ := newRedisPair(t, Limits{TokensPerMinute: 1, TokenBurst: 1000})
	ctx := context.Background()
	ok := 0
	for i := range 150 {
		lim := a
		if i%3 == 0 {
			lim = b
		}
		d, err := lim.Allow(ctx, "k", 10)
		if err != nil {
			t.Fatal(err)
		}
		if d.Allowed {
			ok++
		}
		if d.Remaining != -1 {
			t.Fatalf("requests are unlimited, Remaining = %d", d.Remaining)
		}
	}
	if ok != 100 {
		t.Fatalf("admitted %d requests of 10 tokens from a 1000-token bucket, want 100", ok)
	}
}

func TestRedisChargeDebtAndRefund(t *testing.T) {
	a, b, _ := newRedisPair(t, Limits{TokensPerMinute: 600, RequestsPerMinute: 100})
	ctx := context.Background()
	if d, err := a.Allow(ctx, "k", 100); err != nil || !d.Allowed {
		t.Fatalf("allow: %+v %v", d, err)
	}
	if err := b.Charge(ctx, "k", 900); err != nil {
		t.Fatal(err)
	}
	d, err := a.Allow(ctx, "k", 0)
	if err != nil || d.Allowed || d.Reason != ReasonTokens {
		t.Fatalf("in debt: %+v %v", d, err)
	}
	// -400 tokens at 10/s: about 40s to repay (less what refilled during the test).
	if d.RemainingTokens > -399 || d.RetryAfter < 39*time.Second || d.RetryAfter > 40*time.Second {
		t.Fatalf("debt: %+v", d)
	}
	if err := a.Charge(ctx, "k", -1_000_000); err != nil {
		t.Fatal(err)
	}
	if d, err = b.Allow(ctx, "k", 600); err != nil || !d.Allowed || d.RemainingTokens != 0 {
		t.Fatalf("after refund: %+v %v", d, err)
	}
}

func TestRedisKeyExpires(t *testing.T) {
	a, _, admin := newRedisPair(t, Limits{RequestsPerMinute: 60, Burst: 10, TokensPerMinute: 6000})
	ctx := context.Background()
	if _, err := a.Allow(ctx, "k", 3000); err != nil {
		t.Fatal(err)
	}
	ttl, err := admin.PTTL(ctx, a.Key("k")).Result()
	if err != nil {
		t.Fatal(err)
	}
	// Tokens are the slower bucket: 3000 at 100/s refill in 30s, plus the 1s margin.
	if ttl < 30*time.Second || ttl > 31*time.Second {
		t.Fatalf("PTTL = %v, want about 31s (time until both buckets are full again)", ttl)
	}
}

func TestRedisUnlimitedTouchesNothing(t *testing.T) {
	a, _, admin := newRedisPair(t, Limits{})
	d, err := a.Allow(context.Background(), "k", 1<<20)
	if err != nil || !d.Allowed || d.Remaining != -1 {
		t.Fatalf("%+v %v", d, err)
	}
	if n, _ := admin.Exists(context.Background(), a.Key("k")).Result(); n != 0 {
		t.Fatal("unlimited limiter wrote a key")
	}
}

func TestRedisScriptReloaded(t *testing.T) {
	a, _, admin := newRedisPair(t, Limits{RequestsPerMinute: 10})
	ctx := context.Background()
	if _, err := a.Allow(ctx, "k", 0); err != nil {
		t.Fatal(err)
	}
	// SCRIPT FLUSH simulates a restarted server: EVALSHA fails with NOSCRIPT, EVAL recovers.
	if err := admin.ScriptFlush(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if d, err := a.Allow(ctx, "k", 0); err != nil || !d.Allowed || d.Remaining != 8 {
		t.Fatalf("after SCRIPT FLUSH: %+v %v", d, err)
	}
}

func TestRedisLongKey(t *testing.T) {
	a, _, admin := newRedisPair(t, Limits{RequestsPerMinute: 10})
	long := strings.Repeat("k", 5000)
	if _, err := a.Allow(context.Background(), long, 0); err != nil {
		t.Fatal(err)
	}
	if len(a.Key(long)) > len(a.prefix)+maxKeyLen {
		t.Fatalf("key %q is not bounded", a.Key(long))
	}
	if n, _ := admin.Exists(context.Background(), a.Key(long)).Result(); n != 1 {
		t.Fatal("bounded key not written")
	}
}

// deadAddress returns a local address on which nothing listens.
func deadAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

func TestRedisDown(t *testing.T) {
	addr := deadAddress(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := NewRedis(ctx, "redis://"+addr+"/0", Limits{RequestsPerMinute: 1}, ""); err == nil {
		t.Fatal("NewRedis succeeded against a dead server")
	}
	if _, err := NewRedis(ctx, "http://nope", Limits{RequestsPerMinute: 1}, ""); err == nil {
		t.Fatal("NewRedis accepted a non-Redis URL")
	}
	if _, err := NewRedis(ctx, "redis://"+addr, Limits{RequestsPerMinute: -1}, ""); err == nil {
		t.Fatal("NewRedis accepted negative limits")
	}

	// A limiter whose server goes away returns errors; it does not panic or hang past ctx.
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond,
		ContextTimeoutEnabled: true})
	defer client.Close()
	lim, err := NewRedisClient(client, Limits{RequestsPerMinute: 10, TokensPerMinute: 100}, "x:")
	if err != nil {
		t.Fatal(err)
	}
	callCtx, cancelCall := context.WithTimeout(context.Background(), time.Second)
	defer cancelCall()
	start := time.Now()
	d, err := lim.Allow(callCtx, "k", 1)
	if err == nil || d.Allowed {
		t.Fatalf("Allow with Redis down = %+v, %v; want an error", d, err)
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("Allow took %v with Redis down", time.Since(start))
	}
	if err := lim.Charge(callCtx, "k", 10); err == nil {
		t.Fatal("Charge with Redis down succeeded")
	}
	if _, err := NewRedisClient(nil, Limits{}, ""); err == nil {
		t.Fatal("nil client accepted")
	}
}

func BenchmarkRedisAllow(b *testing.B) {
	a, _, _ := newRedisPair(b, benchLimits)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Allow(ctx, "bench", 100); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRedisAllowParallel(b *testing.B) {
	a, _, _ := newRedisPair(b, benchLimits)
	ctx := context.Background()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := a.Allow(ctx, "bench", 100); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func TestRedisHugeDebt(t *testing.T) {
	a, _, _ := newRedisPair(t, Limits{TokensPerMinute: 1})
	ctx := context.Background()
	if err := a.Charge(ctx, "k", 1<<60); err != nil {
		t.Fatal(err)
	}
	d, err := a.Allow(ctx, "k", 1)
	if err != nil || d.Allowed || d.RetryAfter <= 0 {
		t.Fatalf("%+v %v", d, err)
	}
}
