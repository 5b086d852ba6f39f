package ratelimit

import (
	"context"
	"hash/maphash"
	"math"
	"sync"
	"time"
)

// DefaultMaxKeys bounds the identities a Memory limiter tracks when MemoryOptions.MaxKeys is 0.
const DefaultMaxKeys = 100_000

// maxShards bounds the lock striping; more shards than cores buys little.
const maxShards = 64

// MemoryOptions tunes a Memory limiter. The zero value is ready to use.
type MemoryOptions struct {
	// Now is the clock (default time.Now); tests inject a fake one.
	Now func() time.Time
	// MaxKeys caps the identities tracked (default DefaultMaxKeys). When full, the least
	// recently used identity is forgotten; if its buckets were not full yet, it gets a fresh
	// budget, which is the price of bounded memory.
	MaxKeys int
}

// Memory is an in-process Limiter: the budget is per guard replica. Buckets refill lazily
// when touched, so idle identities cost no work, only memory until they are evicted.
type Memory struct {
	spec   spec
	now    func() int64 // Unix nanoseconds
	seed   maphash.Seed
	shards []shard
	mask   uint64
}

// shard is one lock stripe: a map of buckets plus an intrusive LRU list (head = most recent).
type shard struct {
	mu         sync.Mutex
	buckets    map[string]*bucket
	head, tail *bucket
	max        int
	_          [40]byte // keeps hot shards on separate cache lines
}

// bucket is one identity's state. Levels are in requests and tokens; times in Unix nanoseconds.
type bucket struct {
	key        string
	req, tok   float64
	last       int64
	full       int64 // when both buckets are full again (the state is then disposable)
	prev, next *bucket
}

// NewMemory returns an in-process Limiter with default options.
func NewMemory(l Limits) Limiter {
	return NewMemoryWith(l, MemoryOptions{})
}

// NewMemoryWith returns an in-process limiter with explicit options. Negative limits are
// treated as unlimited; validate configuration with Limits.Validate first.
func NewMemoryWith(l Limits, o MemoryOptions) *Memory {
	if o.MaxKeys <= 0 {
		o.MaxKeys = DefaultMaxKeys
	}
	// Small caps get few shards so that the bound stays exact (MaxKeys/shards per shard).
	n := 1
	for n < maxShards && o.MaxKeys/(n*2) >= 256 {
		n *= 2
	}
	m := &Memory{spec: newSpec(l), now: clock(o.Now), seed: maphash.MakeSeed(),
		shards: make([]shard, n), mask: uint64(n - 1)}
	for i := range m.shards {
		m.shards[i].buckets = make(map[string]*bucket)
		m.shards[i].max = o.MaxKeys / n
	}
	return m
}

// Allow implements Limiter. It never fails.
func (m *Memory) Allow(_ context.Context, key string, tokens int) (Decision, error) {
	if m.spec.rcap == 0 && m.spec.tcap == 0 {
		return unlimited(), nil
	}
	key = boundKey(key)
	now := m.now()
	s := m.shard(key)
	s.mu.Lock()
	b := s.get(key, now, m.spec)
	m.refill(b, now)
	d, r, t := m.spec.admit(b.req, b.tok, tokens)
	if d.Allowed {
		m.store(b, r, t, now)
	}
	s.mu.Unlock()
	return d, nil
}

// Charge implements Limiter. It never fails.
func (m *Memory) Charge(_ context.Context, key string, tokens int) error {
	if m.spec.tcap == 0 || tokens == 0 {
		return nil
	}
	key = boundKey(key)
	now := m.now()
	s := m.shard(key)
	s.mu.Lock()
	b := s.get(key, now, m.spec)
	m.refill(b, now)
	m.store(b, b.req, math.Min(b.tok-float64(tokens), m.spec.tcap), now)
	s.mu.Unlock()
	return nil
}

// Len returns the number of identities currently tracked.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.buckets)
		s.mu.Unlock()
	}
	return n
}

// Close releases nothing; it exists so that callers can close any Limiter through io.Closer.
func (m *Memory) Close() error { return nil }

// clock returns now as Unix nanoseconds. Without an injected clock it reads only the monotonic
// clock (time.Since a fixed start): half the cost of time.Now on some VMs, and immune to wall
// clock steps, which would otherwise refill or freeze every bucket at once.
func clock(now func() time.Time) func() int64 {
	if now != nil {
		return func() int64 { return now().UnixNano() }
	}
	start := time.Now()
	base := start.UnixNano()
	return func() int64 { return base + int64(time.Since(start)) }
}

func (m *Memory) shard(key string) *shard {
	return &m.shards[maphash.String(m.seed, key)&m.mask]
}

func (m *Memory) refill(b *bucket, now int64) {
	elapsed := now - b.last
	b.req = refill(b.req, m.spec.rcap, m.spec.rrate, elapsed)
	b.tok = refill(b.tok, m.spec.tcap, m.spec.trate, elapsed)
	if elapsed > 0 {
		b.last = now
	}
}

func (m *Memory) store(b *bucket, r, t float64, now int64) {
	b.req, b.tok, b.last = r, t, max(b.last, now)
	b.full = b.last + int64(math.Ceil(m.spec.fullAfter(r, t)))
}

// get returns key's bucket, creating a full one when absent, and marks it most recently used.
// Inserting first drops a few expired buckets from the LRU end, then the LRU bucket itself
// when the shard is at its cap; that bucket struct is reused to avoid an allocation.
func (s *shard) get(key string, now int64, sp spec) *bucket {
	if b, ok := s.buckets[key]; ok {
		s.moveToFront(b)
		return b
	}
	var b *bucket
	for i := 0; i < 2 && s.tail != nil && s.tail.full <= now; i++ {
		b = s.evictTail()
	}
	if len(s.buckets) >= s.max {
		b = s.evictTail()
	}
	if b == nil {
		b = new(bucket)
	}
	*b = bucket{key: key, req: sp.rcap, tok: sp.tcap, last: now, full: now}
	s.buckets[key] = b
	s.pushFront(b)
	return b
}

func (s *shard) evictTail() *bucket {
	b := s.tail
	s.unlink(b)
	delete(s.buckets, b.key)
	return b
}

func (s *shard) pushFront(b *bucket) {
	b.prev, b.next = nil, s.head
	if s.head != nil {
		s.head.prev = b
	}
	s.head = b
	if s.tail == nil {
		s.tail = b
	}
}

func (s *shard) unlink(b *bucket) {
	if b.prev != nil {
		b.prev.next = b.next
	} else {
		s.head = b.next
	}
	if b.next != nil {
		b.next.prev = b.prev
	} else {
		s.tail = b.prev
	}
	b.prev, b.next = nil, nil
}

func (s *shard) moveToFront(b *bucket) {
	if s.head == b {
		return
	}
	s.unlink(b)
	s.pushFront(b)
}

var _ Limiter = (*Memory)(nil)
