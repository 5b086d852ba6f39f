package limits

import "sync/atomic"

// Counter is a shared allowance of bytes (e.g. decompressed bytes for one top-level input).
// It is safe for concurrent use.
type Counter struct {
	left atomic.Int64
	max  int64
	what string
}

// NewCounter returns a counter allowing n bytes in total.
func NewCounter(what string, n int64) *Counter {
	c := &Counter{max: n, what: what}
	c.left.Store(n)
	return c
}

// Take consumes n bytes of allowance, returning an *ExceededError when none is left.
func (c *Counter) Take(n int64) error {
	if c.left.Add(-n) < 0 {
		return Exceeded(c.what, c.max)
	}
	return nil
}
