// Package pbwire reads protobuf wire format from an io.ReaderAt through a small window, so
// that a multi-gigabyte model is walked by reading only its structure (tags, lengths, small
// headers) while bulk payloads such as weights are skipped by arithmetic on offsets.
//
// It is shared by the ONNX and TensorFlow parsers, which walk their messages field by field
// with Reader.Next. Every length read from the input is checked against the enclosing
// message and the input's size; a field running past its message is reported with
// ErrTruncated (and Field.Cut when its content can still be walked), bytes that are not a
// protobuf field with ErrMalformed.
package pbwire

import (
	"errors"
	"fmt"
	"io"
)

// WindowSize is the read window of a Reader. Protobuf structure is read through it; bulk
// payloads are skipped and never read.
const WindowSize = 64 << 10

var (
	// ErrTruncated means a field runs past the end of its message or of the input.
	ErrTruncated = errors.New("field runs past the end of its message")
	// ErrMalformed means bytes that are not a protobuf field.
	ErrMalformed = errors.New("malformed protobuf field")
)

// Reader is a bounds-checked view of size bytes of an io.ReaderAt through a window of at most
// WindowSize bytes. It is not safe for concurrent use.
type Reader struct {
	r     io.ReaderAt
	size  int64
	buf   []byte
	off   int64 // input offset of buf[0]
	n     int   // valid bytes in buf
	reads int64 // ReadAt calls, for tests and benchmarks
}

// NewReader returns a Reader over the first size bytes of r. A negative size is read as 0.
func NewReader(r io.ReaderAt, size int64) *Reader {
	size = max(size, 0)
	return &Reader{r: r, size: size, buf: make([]byte, min(int64(WindowSize), max(size, 1)))}
}

// Size is the length of the input.
func (s *Reader) Size() int64 { return s.size }

// Reads is the number of ReadAt calls made so far, so that tests and benchmarks can check
// that payloads are skipped rather than read.
func (s *Reader) Reads() int64 { return s.reads }

// Peek returns up to n bytes at off: fewer at the end of the input, and at most the window
// (n is clamped to it). The slice aliases the window and is valid until the next call.
func (s *Reader) Peek(off int64, n int) ([]byte, error) {
	if off < 0 || off > s.size {
		return nil, fmt.Errorf("offset %d outside the input of %d bytes: %w", off, s.size, ErrTruncated)
	}
	n = int(min(int64(max(n, 0)), int64(len(s.buf)), s.size-off))
	if off >= s.off && off+int64(n) <= s.off+int64(s.n) {
		return s.buf[off-s.off : off-s.off+int64(n)], nil
	}
	want := int(min(int64(len(s.buf)), s.size-off))
	got, err := s.r.ReadAt(s.buf[:want], off)
	s.reads++
	got = min(max(got, 0), want) // a misbehaving ReaderAt must not move the window past buf
	if got < n && err != nil && !errors.Is(err, io.EOF) {
		s.n = 0 // the window holds bytes of a failed read; do not serve them later
		return nil, fmt.Errorf("unable to read at offset %d: %w", off, err)
	}
	s.off, s.n = off, got
	return s.buf[:min(n, got)], nil
}

// Bytes copies n bytes at off into a new slice. The caller caps n: Bytes allocates n bytes
// when n exceeds the window.
func (s *Reader) Bytes(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off > s.size || n > s.size-off {
		return nil, fmt.Errorf("%d bytes at offset %d outside the input: %w", n, off, ErrTruncated)
	}
	if n <= int64(len(s.buf)) {
		p, err := s.Peek(off, int(n))
		if err != nil {
			return nil, err
		}
		if int64(len(p)) < n {
			return nil, fmt.Errorf("short read of %d bytes at offset %d: %w", n, off, ErrTruncated)
		}
		return append([]byte(nil), p...), nil
	}
	out := make([]byte, n)
	got, err := s.r.ReadAt(out, off)
	s.reads++
	if int64(got) < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = ErrTruncated
		}
		return nil, fmt.Errorf("unable to read %d bytes at offset %d: %w", n, off, err)
	}
	return out, nil
}
