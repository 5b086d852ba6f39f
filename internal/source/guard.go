package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"sync"

	"github.com/aisecops/aisec/internal/limits"
)

const (
	// ratioFloor is the output size below which the compression ratio is not judged: small
	// members (configs, zero-filled tensors) legitimately compress far beyond any bomb ratio.
	ratioFloor = 1 << 20
	// ctxCheckEvery bounds how much is read between cancellation checks.
	ctxCheckEvery = 4 << 20
)

var (
	errExpired    = errors.New("member reader requested after its Expand callback returned")
	errReopen     = errors.New("streaming member opened again after more than 64 KiB of it was read")
	errSuperseded = errors.New("streaming member reader superseded by a later Open")
)

// countReader counts the compressed bytes a decompressor consumes, for the ratio check.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// guardConfig says what a guard enforces for one member.
type guardConfig struct {
	ctx     context.Context
	col     *collector
	member  string
	counter *limits.Counter // charged per byte read; nil when the bytes are not decompressed here
	src     *countReader    // compressed input consumed; nil disables the ratio check
	ratio   int64           // largest output:input ratio once past ratioFloor
	max     int64           // MaxFileBytes
	want    int64           // declared size: reading stops there; -1 when unknown
	crc     *uint32         // expected CRC-32, checked when exactly want bytes were read
	closers []io.Closer     // closed (in reverse) by Close
}

// guard wraps a member's reader and enforces the budgets while the caller reads, so a bomb
// stops after a bounded amount of work whatever the caller's parser does.
type guard struct {
	guardConfig
	r        io.Reader
	out      int64
	nextCtx  int64
	h        hash.Hash32
	err      error // sticky: a budget error must not be retried past
	finished bool
	once     sync.Once
	closeErr error
}

func newGuard(r io.Reader, cfg guardConfig) *guard {
	g := &guard{guardConfig: cfg, r: r}
	if cfg.crc != nil {
		g.h = crc32.NewIEEE()
	}
	return g
}

// Read implements io.Reader.
func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if g.want >= 0 {
		left := g.want - g.out
		if left <= 0 {
			g.finish()
			return 0, io.EOF
		}
		if int64(len(p)) > left {
			p = p[:left]
		}
	}
	if g.out >= g.nextCtx {
		if err := g.ctx.Err(); err != nil {
			g.err = err
			return 0, err
		}
		g.nextCtx = g.out + ctxCheckEvery
	}
	n, err := g.r.Read(p)
	if n > 0 {
		g.out += int64(n)
		if g.h != nil {
			_, _ = g.h.Write(p[:n])
		}
		if berr := g.check(n); berr != nil {
			g.err = berr
			return n, berr
		}
		if g.want >= 0 && g.out >= g.want {
			g.finish() // callers that stop at the declared size still get the CRC checked
		}
	}
	switch {
	case errors.Is(err, io.EOF):
		g.finish()
		return n, io.EOF
	case err != nil:
		g.err = g.readErr(err)
		return n, g.err
	}
	return n, nil
}

// recorded marks an error a guard has already turned into an anomaly, so the guards of
// enclosing or nested members pass it on without reporting it again.
type recorded struct{ err error }

func (r *recorded) Error() string { return r.err.Error() }
func (r *recorded) Unwrap() error { return r.err }

// readErr records a decoding failure as the anomaly it amounts to.
func (g *guard) readErr(err error) error {
	var done *recorded
	switch {
	case errors.As(err, &done), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, limits.ErrExceeded):
		g.col.budget(Budget, g.member, err.Error(), err, false)
	case errors.Is(err, errUnsupported):
		g.col.add(Unscannable, g.member, err.Error())
	case errors.Is(err, io.ErrUnexpectedEOF):
		g.col.add(Truncated, g.member, fmt.Sprintf("data ends unexpectedly after %d bytes", g.out))
	default:
		g.col.add(Malformed, g.member, fmt.Sprintf("unreadable after %d bytes: %v", g.out, err))
	}
	return &recorded{err: fmt.Errorf("unable to read %s: %w", g.member, err)}
}

// check enforces the byte allowance, the ratio and the member size after each read.
func (g *guard) check(n int) error {
	if g.counter != nil {
		if err := g.counter.Take(int64(n)); err != nil {
			g.col.budget(Budget, g.member, "decompressed bytes budget exhausted", err, true)
			return &recorded{err: fmt.Errorf("unable to read %s: %w", g.member, err)}
		}
	}
	if g.src != nil && g.out > ratioFloor && g.out/max(g.src.n, 1) > g.ratio {
		err := limits.Exceeded("compression ratio", g.ratio)
		g.col.budget(Ratio, g.member, fmt.Sprintf("%d bytes from %d compressed bytes exceeds %d:1", g.out, g.src.n, g.ratio), err, false)
		return &recorded{err: fmt.Errorf("unable to read %s: %w", g.member, err)}
	}
	if g.out > g.max {
		err := limits.Exceeded("member size", g.max)
		g.col.budget(Budget, g.member, fmt.Sprintf("member larger than %d bytes", g.max), err, false)
		return &recorded{err: fmt.Errorf("unable to read %s: %w", g.member, err)}
	}
	return nil
}

// finish runs once the data ends: a short member is truncated, a complete one has its CRC checked.
func (g *guard) finish() {
	if g.finished {
		return
	}
	g.finished = true
	if g.want >= 0 && g.out < g.want {
		g.col.add(Truncated, g.member, fmt.Sprintf("data ends after %d of %d declared bytes", g.out, g.want))
		return
	}
	if g.h != nil && g.h.Sum32() != *g.crc {
		g.col.add(CRCMismatch, g.member, fmt.Sprintf("CRC-32 is %08x, header says %08x", g.h.Sum32(), *g.crc))
	}
}

// Close implements io.Closer; it is idempotent so the expander can close whatever the caller left open.
func (g *guard) Close() error {
	g.once.Do(func() {
		for i := len(g.closers) - 1; i >= 0; i-- {
			if err := g.closers[i].Close(); err != nil && g.closeErr == nil {
				g.closeErr = err
			}
		}
	})
	return g.closeErr
}

// replayMax is how much of a streaming member is remembered so that it can be opened again
// after a sniff: the usual pattern is open, read the head, then open again to parse or expand.
const replayMax = 64 << 10

// session hands out the readers of one child and invalidates them when the callback returns,
// because streaming containers move on to the next member afterwards.
type session struct {
	mu     sync.Mutex
	closed bool
	open   []io.Closer
	st     *replay // the single stream of a streaming member
}

// wrap returns an Open function valid until end. With once (streaming members) all Opens share
// one underlying stream: a later Open replays what earlier ones consumed, as long as that was at
// most replayMax bytes, and supersedes them.
func (s *session) wrap(open func() (io.ReadCloser, error), once bool) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.closed {
			return nil, errExpired
		}
		if once && s.st != nil {
			return s.st.reopen()
		}
		rc, err := open()
		if err != nil {
			return nil, err
		}
		s.open = append(s.open, rc)
		if !once {
			return rc, nil
		}
		s.st = &replay{rc: rc}
		return s.st.reopen()
	}
}

// end closes every reader still open and refuses further Opens.
func (s *session) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for _, c := range s.open {
		_ = c.Close()
	}
	s.open = nil
}

// replay is a streaming member shared by successive Opens.
type replay struct {
	mu       sync.Mutex
	rc       io.ReadCloser
	seen     []byte // everything read from rc so far, while it fits in replayMax
	overflow bool
	gen      int
}

func (r *replay) reopen() (io.ReadCloser, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.overflow {
		return nil, errReopen
	}
	r.gen++
	return &replayHandle{r: r, gen: r.gen, head: bytes.Clone(r.seen)}, nil
}

// replayHandle is one Open of a streaming member.
type replayHandle struct {
	r    *replay
	gen  int
	head []byte // bytes still to replay
}

// Read implements io.Reader.
func (h *replayHandle) Read(p []byte) (int, error) {
	r := h.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gen != h.gen {
		return 0, errSuperseded
	}
	if len(h.head) > 0 {
		n := copy(p, h.head)
		h.head = h.head[n:]
		return n, nil
	}
	n, err := r.rc.Read(p)
	if n > 0 && !r.overflow {
		if len(r.seen)+n <= replayMax {
			r.seen = append(r.seen, p[:n]...)
		} else {
			r.overflow, r.seen = true, nil
		}
	}
	return n, err
}

// Close implements io.Closer. The stream itself is closed when the callback returns, so that a
// caller may close its sniffing reader and open the member again.
func (h *replayHandle) Close() error { return nil }

var (
	_ io.ReadCloser = (*guard)(nil)
	_ io.Reader     = (*countReader)(nil)
	_ error         = (*recorded)(nil)
	_ io.ReadCloser = (*replayHandle)(nil)
)
