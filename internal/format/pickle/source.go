package pickle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aisecops/aisec/internal/limits"
)

// bufSize is the read buffer of one source. It bounds the longest argument that is handed to
// the walker without copying; larger arguments are skipped or read in pieces.
const bufSize = 64 << 10

// discardCheck is how many skipped bytes may pass between two context checks.
const discardCheck = 64 << 20

// source is a buffered reader over the input with its own buffer, so that the walker can look
// at argument bytes in place, skip large payloads with Seek when r allows it, and always know
// the input offset of the next byte.
type source struct {
	ctx  context.Context
	r    io.Reader
	sk   io.Seeker // nil when r cannot seek
	buf  []byte
	pos  int   // next unread byte in buf
	end  int   // end of valid data in buf
	base int64 // input offset of buf[0]; base+end is the offset of r's next byte
	size int64 // input length from the start position, -1 when unknown
	max  int64 // MaxFileBytes
	eof  bool
	err  error // sticky error of r (or a budget error), never io.EOF

	scratch []byte // long lines and in-memory constants
}

// errNoProgress stops a reader that keeps returning (0, nil).
var errNoProgress = errors.New("reader returned no data repeatedly")

func newSource(ctx context.Context, r io.Reader, maxBytes int64) (*source, error) {
	return newSourceSize(ctx, r, maxBytes, bufSize)
}

// newSourceSize is newSource with a buffer of n bytes (at least 2*sniffLen), for small inputs.
// A seekable input smaller than that gets a buffer of its own size: thousands of small pickles
// in a directory should not each allocate the full buffer.
func newSourceSize(ctx context.Context, r io.Reader, maxBytes int64, n int) (*source, error) {
	s := &source{ctx: ctx, r: r, size: -1, max: maxBytes}
	size, sk, err := seekableSize(r)
	if err != nil {
		return nil, err
	}
	if sk != nil {
		s.sk, s.size = sk, size
		n = int(min(size, int64(n)))
	}
	s.buf = make([]byte, max(n, 2*sniffLen))
	return s, nil
}

// seekableSize returns the bytes left in r and r as a Seeker, or a nil Seeker when r cannot
// seek (a pipe, a decompressor), which is then read as a plain stream.
func seekableSize(r io.Reader) (int64, io.Seeker, error) {
	sk, ok := r.(io.Seeker)
	if !ok {
		return 0, nil, nil
	}
	cur, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, nil, nil
	}
	end, err := sk.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, nil, nil
	}
	if _, err := sk.Seek(cur, io.SeekStart); err != nil {
		return 0, nil, fmt.Errorf("unable to seek back to the start of the pickle: %w", err)
	}
	return end - cur, sk, nil
}

// offset is the input offset of the next unread byte.
func (s *source) offset() int64 { return s.base + int64(s.pos) }

// avail is the number of buffered unread bytes.
func (s *source) avail() int { return s.end - s.pos }

// left returns the bytes remaining in the input, or -1 when unknown.
func (s *source) left() int64 {
	if s.size < 0 {
		return -1
	}
	return s.size - s.offset()
}

// fill makes at least n (<= len(buf)) bytes available and reports whether it could.
func (s *source) fill(n int) bool {
	if s.end-s.pos >= n {
		return true
	}
	if s.pos > 0 {
		copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.end -= s.pos
		s.pos = 0
	}
	zero := 0
	for s.end < n && !s.eof && s.err == nil {
		m, err := s.r.Read(s.buf[s.end:])
		s.end += m
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
		case err != nil:
			s.err = err
		case m == 0:
			if zero++; zero > 100 {
				s.err = errNoProgress
			}
		}
		if over := s.base + int64(s.end) - s.max; over > 0 {
			s.end -= int(over) // bytes past the budget are never handed out
			s.err = limits.Exceeded("pickle input bytes", s.max)
		}
	}
	return s.end-s.pos >= n
}

// peek returns up to n (<= len(buf)) buffered bytes without consuming them.
func (s *source) peek(n int) []byte {
	s.fill(n)
	return s.buf[s.pos:min(s.end, s.pos+n)]
}

// skip consumes n bytes, seeking when possible, and reports whether they all existed.
func (s *source) skip(n int64) bool {
	if a := int64(s.end - s.pos); n <= a {
		s.pos += int(n)
		return true
	}
	n -= int64(s.end - s.pos)
	s.base += int64(s.end)
	s.pos, s.end = 0, 0
	if s.base+n > s.max && s.err == nil {
		s.err = limits.Exceeded("pickle input bytes", s.max)
		return false
	}
	if s.sk != nil {
		return s.seekForward(n)
	}
	return s.discard(n)
}

func (s *source) seekForward(n int64) bool {
	if rest := s.size - s.base; n > rest {
		n, s.eof = rest, true
	}
	if _, err := s.sk.Seek(n, io.SeekCurrent); err != nil {
		s.err = fmt.Errorf("unable to skip %d bytes: %w", n, err)
		return false
	}
	s.base += n
	return !s.eof
}

func (s *source) discard(n int64) bool {
	var since int64
	for n > 0 && !s.eof && s.err == nil {
		m, err := s.r.Read(s.buf[:min(n, int64(len(s.buf)))])
		s.base += int64(m)
		n -= int64(m)
		if since += int64(m); since > discardCheck {
			since = 0
			if err := s.ctx.Err(); err != nil {
				s.err = err
			}
		}
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else if err != nil {
			s.err = err
		}
	}
	return n == 0
}

// readLine consumes a line ending in '\n' and returns its bytes without the newline, keeping
// at most maxKeep of them; total is the full length and last its final byte. ok is false when
// the input ended first. The result is valid until the next call on s.
func (s *source) readLine(maxKeep int) (line []byte, total int64, last byte, ok bool) {
	if i := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); i >= 0 && i <= maxKeep {
		line = s.buf[s.pos : s.pos+i]
		s.pos += i + 1
		if i > 0 {
			last = line[i-1]
		}
		return line, int64(i), last, true
	}
	s.scratch = s.scratch[:0]
	for {
		if s.pos >= s.end && !s.fill(1) {
			return s.scratch, total, last, false
		}
		chunk := s.buf[s.pos:s.end]
		i := bytes.IndexByte(chunk, '\n')
		part := chunk
		if i >= 0 {
			part = chunk[:i]
		}
		if room := maxKeep - len(s.scratch); room > 0 {
			s.scratch = append(s.scratch, part[:min(room, len(part))]...)
		}
		total += int64(len(part))
		if len(part) > 0 {
			last = part[len(part)-1]
		}
		if i >= 0 {
			s.pos += i + 1
			return s.scratch, total, last, true
		}
		s.pos = s.end
	}
}

// ioErr returns the sticky error of r that is not a budget error.
func (s *source) ioErr() error {
	if s.err != nil && !errors.Is(s.err, limits.ErrExceeded) {
		return s.err
	}
	return nil
}
