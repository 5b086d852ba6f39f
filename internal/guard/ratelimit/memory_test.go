package ratelimit

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a settable clock shared by a test and the limiter it drives.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestMemory(l Limits, c *fakeClock) *Memory {
	return NewMemoryWith(l, MemoryOptions{Now: c.Now})
}

// allowN calls Allow n times and returns how many were admitted and the last decision.
func allowN(t *testing.T, l Limiter, key string, tokens, n int) (int, Decision) {
	t.Helper()
	ok := 0
	var last Decision
	for range n {
		d, err := l.Allow(context.Background(), key, tokens)
		if err != nil {
			t.Fatalf("Allow: %v", err)
		}
		if d.Allowed {
			ok++
		}
		last = d
	}
	return ok, last
}

func TestMemoryRequestBurstAndRefill(t *testing.T) {
	c := newClock()
	m := newTestMemory(Limits{RequestsPerMinute: 60, Burst: 5}, c)
	ok, last := allowN(t, m, "alice", 0, 8)
	if ok != 5 {
		t.Fatalf("burst: admitted %d of 8, want 5", ok)
	}
	if last.Allowed || last.Reason != ReasonRequests || last.Remaining != 0 || last.RemainingTokens != -1 {
		t.Fatalf("refusal = %+v", last)
	}
	if last.RetryAfter != time.Second {
		t.Fatalf("RetryAfter = %v, want 1s at 60/min", last.RetryAfter)
	}
	c.Advance(500 * time.Millisecond)
	if ok, last = allowN(t, m, "alice", 0, 1); ok != 0 || last.RetryAfter != 500*time.Millisecond {
		t.Fatalf("half refilled: ok=%d %+v", ok, last)
	}
	c.Advance(500 * time.Millisecond)
	if ok, _ = allowN(t, m, "alice", 0, 2); ok != 1 {
		t.Fatalf("after 1s: admitted %d, want 1", ok)
	}
	c.Advance(time.Hour) // refill stops at the burst
	if ok, _ = allowN(t, m, "alice", 0, 10); ok != 5 {
		t.Fatalf("after an hour: admitted %d, want the burst of 5", ok)
	}
	if ok, _ = allowN(t, m, "bob", 0, 5); ok != 5 {
		t.Fatalf("identities must not share buckets: bob admitted %d", ok)
	}
}

func TestMemoryDefaultBurstIsOneMinute(t *testing.T) {
	m := newTestMemory(Limits{RequestsPerMinute: 30}, newClock())
	if ok, _ := allowN(t, m, "k", 0, 40); ok != 30 {
		t.Fatalf("admitted %d, want 30", ok)
	}
}

func TestMemoryTokens(t *testing.T) {
	c := newClock()
	m := newTestMemory(Limits{RequestsPerMinute: 1000, TokensPerMinute: 6000}, c)
	ctx := context.Background()
	d, _ := m.Allow(ctx, "k", 5000)
	if !d.Allowed || d.RemainingTokens != 1000 || d.Remaining != 999 {
		t.Fatalf("first = %+v", d)
	}
	d, _ = m.Allow(ctx, "k", 2000)
	if d.Allowed || d.Reason != ReasonTokens || d.RetryAfter != 10*time.Second {
		t.Fatalf("over budget = %+v, want tokens refusal retrying in 10s (1000 missing at 100/s)", d)
	}
	if d.Remaining != 999 {
		t.Fatalf("a refused request must not take from the request bucket: %+v", d)
	}
	c.Advance(10 * time.Second)
	if d, _ = m.Allow(ctx, "k", 2000); !d.Allowed {
		t.Fatalf("after RetryAfter = %+v", d)
	}
}

func TestMemoryReasonIsTheLongerWait(t *testing.T) {
	m := newTestMemory(Limits{RequestsPerMinute: 60, Burst: 1, TokensPerMinute: 60}, newClock())
	allowN(t, m, "k", 60, 1)
	_, d := allowN(t, m, "k", 30, 1)
	if d.Reason != ReasonTokens || d.RetryAfter != 30*time.Second {
		t.Fatalf("both empty: %+v, want tokens/30s (requests need only 1s)", d)
	}
}

func TestMemoryChargeDebt(t *testing.T) {
	c := newClock()
	m := newTestMemory(Limits{TokensPerMinute: 600}, c)
	ctx := context.Background()
	if d, _ := m.Allow(ctx, "k", 100); !d.Allowed || d.Remaining != -1 {
		t.Fatalf("allow = %+v", d)
	}
	if err := m.Charge(ctx, "k", 900); err != nil { // actual usage was 1000
		t.Fatal(err)
	}
	d, _ := m.Allow(ctx, "k", 0)
	if d.Allowed || d.Reason != ReasonTokens || d.RemainingTokens != -400 || d.RetryAfter != 40*time.Second {
		t.Fatalf("in debt = %+v, want refused with -400 tokens and 40s to repay", d)
	}
	c.Advance(40 * time.Second)
	if d, _ = m.Allow(ctx, "k", 0); !d.Allowed {
		t.Fatalf("debt repaid = %+v", d)
	}
	if err := m.Charge(ctx, "k", -10_000); err != nil { // a refund never exceeds the capacity
		t.Fatal(err)
	}
	if d, _ = m.Allow(ctx, "k", 0); d.RemainingTokens != 600 {
		t.Fatalf("after refund = %+v", d)
	}
}

func TestMemoryOversizedRequestRunsIntoDebt(t *testing.T) {
	c := newClock()
	m := newTestMemory(Limits{TokensPerMinute: 1000}, c)
	if ok, last := allowN(t, m, "k", 5000, 1); ok != 1 || last.RemainingTokens != -4000 {
		t.Fatalf("a request above the capacity must pass when the bucket is full: %+v", last)
	}
	if _, last := allowN(t, m, "k", 5000, 1); last.Allowed || last.RetryAfter != 5*time.Minute {
		t.Fatalf("then wait for a full bucket: %+v", last)
	}
}

func TestMemoryUnlimited(t *testing.T) {
	m := newTestMemory(Limits{}, newClock())
	if ok, d := allowN(t, m, "k", 1<<30, 100); ok != 100 || d.Remaining != -1 || d.RemainingTokens != -1 {
		t.Fatalf("unlimited: ok=%d %+v", ok, d)
	}
	if m.Len() != 0 {
		t.Fatalf("unlimited limiter keeps %d keys", m.Len())
	}
}

func TestMemoryEvictionBound(t *testing.T) {
	c := newClock()
	m := NewMemoryWith(Limits{RequestsPerMinute: 1}, MemoryOptions{Now: c.Now, MaxKeys: 100})
	for i := range 1000 {
		allowN(t, m, fmt.Sprintf("id-%d", i), 0, 1)
	}
	if n := m.Len(); n != 100 {
		t.Fatalf("tracked %d keys, want the cap of 100", n)
	}
	// The most recent identities are remembered (still empty), the oldest were forgotten.
	if ok, _ := allowN(t, m, "id-999", 0, 1); ok != 0 {
		t.Fatal("recent identity forgot its state")
	}
	if ok, _ := allowN(t, m, "id-0", 0, 1); ok != 1 {
		t.Fatal("evicted identity should start with a full bucket")
	}
	// Buckets that are full again are dropped as new keys arrive.
	c.Advance(2 * time.Minute)
	for i := range 60 {
		allowN(t, m, fmt.Sprintf("new-%d", i), 0, 1)
	}
	if n := m.Len(); n > 100 {
		t.Fatalf("tracked %d keys", n)
	}
}

func TestMemoryShardedBound(t *testing.T) {
	m := NewMemoryWith(Limits{RequestsPerMinute: 1}, MemoryOptions{Now: newClock().Now, MaxKeys: 10_000})
	if len(m.shards) < 2 {
		t.Fatalf("%d shards for 10k keys", len(m.shards))
	}
	for i := range 50_000 {
		allowN(t, m, fmt.Sprintf("id-%d", i), 0, 1)
	}
	if n := m.Len(); n > 10_000 || n < 9_000 {
		t.Fatalf("tracked %d keys, want ≤ 10000 and close to it", n)
	}
}

func TestMemoryLongKeysAreBounded(t *testing.T) {
	m := newTestMemory(Limits{RequestsPerMinute: 1}, newClock())
	long := strings.Repeat("x", 10_000)
	allowN(t, m, long, 0, 1)
	if ok, _ := allowN(t, m, long, 0, 1); ok != 0 {
		t.Fatal("a long key must map to a stable bucket")
	}
	for i := range m.shards {
		for k := range m.shards[i].buckets {
			if len(k) > maxKeyLen {
				t.Fatalf("stored a %d-byte key", len(k))
			}
		}
	}
}

func TestMemoryConcurrent(t *testing.T) {
	m := NewMemoryWith(Limits{RequestsPerMinute: 1, Burst: 500, TokensPerMinute: 1, TokenBurst: 1 << 40},
		MemoryOptions{Now: newClock().Now})
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				d, _ := m.Allow(context.Background(), "shared", 1)
				if d.Allowed {
					admitted.Add(1)
				}
				_ = m.Charge(context.Background(), "shared", 1)
				_, _ = m.Allow(context.Background(), fmt.Sprintf("g%d-%d", g, i), 1)
			}
		})
	}
	wg.Wait()
	if got := admitted.Load(); got != 500 {
		t.Fatalf("admitted %d of 1600 concurrent requests, want exactly the burst of 500", got)
	}
}

func TestLimitsValidate(t *testing.T) {
	if err := (Limits{RequestsPerMinute: -1}).Validate(); err == nil {
		t.Fatal("negative limit accepted")
	}
	if err := (Limits{RequestsPerMinute: 10, TokensPerMinute: 1000}).Validate(); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkMemoryAllow(b *testing.B) {
	m := NewMemoryWith(benchLimits, MemoryOptions{})
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = fmt.Sprintf("client-%d", i)
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _ = m.Allow(ctx, keys[i&1023], 100)
		i++
	}
}

func BenchmarkMemoryAllowParallel(b *testing.B) {
	m := NewMemoryWith(benchLimits, MemoryOptions{})
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = fmt.Sprintf("client-%d", i)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			_, _ = m.Allow(ctx, keys[i&1023], 100)
			i += 7
		}
	})
}

// benchLimits are realistic rates with bursts so large that nothing is refused: the benchmarks
// measure the admission path, not refusals.
var benchLimits = Limits{RequestsPerMinute: 600, Burst: 1 << 30, TokensPerMinute: 1_000_000, TokenBurst: 1 << 40}

// BenchmarkMemoryAllowFixedClock isolates the limiter from the cost of reading the clock.
func BenchmarkMemoryAllowFixedClock(b *testing.B) {
	c := newClock()
	m := NewMemoryWith(benchLimits, MemoryOptions{Now: c.Now})
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = fmt.Sprintf("client-%d", i)
	}
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _ = m.Allow(ctx, keys[i&1023], 100)
		i++
	}
}

// FuzzMemory drives a limiter with arbitrary keys, costs and clock steps and checks the
// invariants a proxy relies on: no panic, remaining requests within the burst, and a refusal
// always carries a reason and a positive, finite RetryAfter.
func FuzzMemory(f *testing.F) {
	f.Add("alice", 100, int64(time.Second), -50)
	f.Add("", -1<<40, int64(-time.Hour), 1<<40)
	f.Fuzz(func(t *testing.T, key string, tokens int, step int64, charge int) {
		c := newClock()
		m := newTestMemory(Limits{RequestsPerMinute: 10, Burst: 3, TokensPerMinute: 1000}, c)
		ctx := context.Background()
		for range 5 {
			d, _ := m.Allow(ctx, key, tokens)
			if d.Remaining > 3 || d.Remaining < 0 {
				t.Fatalf("remaining %d outside [0, burst]", d.Remaining)
			}
			if !d.Allowed && (d.Reason == "" || d.RetryAfter <= 0 || d.RetryAfter > 1<<62) {
				t.Fatalf("refusal without a usable reason or RetryAfter: %+v", d)
			}
			_ = m.Charge(ctx, key, charge)
			c.Advance(time.Duration(step % int64(time.Hour)))
		}
	})
}
