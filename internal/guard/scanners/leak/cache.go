package leak

import (
	"hash/maphash"
	"sync"
)

// cache keeps the profiles of the most recent system prompts, so that the windows of one
// streamed response (and the requests of one application, which share a system prompt) hash
// the prompt once. Eviction is first-in first-out: cheap, and good enough for a working set
// of a few prompts.
type cache struct {
	seed  maphash.Seed
	size  int // capacity; 0 disables (read without the lock: immutable)
	mu    sync.Mutex
	m     map[uint64]*profile
	order []uint64 // ring of keys, oldest at next
	next  int
}

func newCache(size int) *cache {
	return &cache{seed: maphash.MakeSeed(), size: size, m: make(map[uint64]*profile, size), order: make([]uint64, 0, size)}
}

// get returns the profile of system, building it (outside the lock) when absent.
func (c *cache) get(system string, build func() *profile) *profile {
	key := maphash.String(c.seed, system)
	c.mu.Lock()
	p, ok := c.m[key]
	c.mu.Unlock()
	if ok && p.system == system {
		return p
	}
	p = build()
	if c.size == 0 {
		return p
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok {
		c.m[key] = p // collision or concurrent build: the newer one wins
		return p
	}
	if len(c.order) < c.size {
		c.order = append(c.order, key)
	} else {
		delete(c.m, c.order[c.next])
		c.order[c.next] = key
		c.next = (c.next + 1) % len(c.order)
	}
	c.m[key] = p
	return p
}
