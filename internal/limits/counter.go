package limits

import (
	"io"
	"sync/atomic"
)

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

// Reader returns r limited by the counter: reading past the allowance fails with ErrExceeded
// instead of returning more data.
func (c *Counter) Reader(r io.Reader) io.Reader { return &countingReader{r: r, c: c} }

type countingReader struct {
	r io.Reader
	c *Counter
}

func (cr *countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	if n > 0 {
		if terr := cr.c.Take(int64(n)); terr != nil {
			return n, terr
		}
	}
	return n, err
}
