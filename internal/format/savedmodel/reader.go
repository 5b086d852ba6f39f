package savedmodel

import (
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protowire"
)

// windowSize is the read window of a source. Protobuf structure (tags, lengths, names) is read
// through it; weights and other bulk payloads are skipped by offset arithmetic, never read.
const windowSize = 64 << 10

// maxTagBytes covers a tag (at most 5 bytes) plus a varint (at most 10).
const maxTagBytes = 15

// maxGroupDepth bounds nested (deprecated) groups, which are skipped without decoding.
// TensorFlow's protos have none; a hostile file could nest them to exhaust a recursive skipper.
const maxGroupDepth = 64

var (
	// errTruncated means a field runs past the end of its message or of the file.
	errTruncated = errors.New("field runs past the end of its message")
	// errMalformed means bytes that are not a protobuf field.
	errMalformed = errors.New("malformed protobuf field")
)

// source is a bounds-checked view of the input through a small window, so walking a
// multi-gigabyte frozen graph reads only the bytes of its structure.
type source struct {
	r    io.ReaderAt
	size int64
	buf  []byte
	off  int64 // file offset of buf[0]
	n    int   // valid bytes in buf
}

func newSource(r io.ReaderAt, size int64) *source {
	return &source{r: r, size: size, buf: make([]byte, min(int64(windowSize), max(size, 1)))}
}

// peek returns up to n (<= window) bytes at off, fewer at the end of the input. The slice is
// valid until the next call.
func (s *source) peek(off int64, n int) ([]byte, error) {
	if off < 0 || off > s.size {
		return nil, fmt.Errorf("offset %d outside the input of %d bytes: %w", off, s.size, errTruncated)
	}
	n = int(min(int64(n), s.size-off))
	if off >= s.off && off+int64(n) <= s.off+int64(s.n) {
		return s.buf[off-s.off : off-s.off+int64(n)], nil
	}
	want := int(min(int64(len(s.buf)), s.size-off))
	got, err := s.r.ReadAt(s.buf[:want], off)
	if got < n && err != nil && !errors.Is(err, io.EOF) {
		s.n = 0
		return nil, fmt.Errorf("unable to read at offset %d: %w", off, err)
	}
	s.off, s.n = off, got
	return s.buf[:min(n, got)], nil
}

// bytes copies n bytes at off into a new slice. The caller has capped n.
func (s *source) bytes(off, n int64) ([]byte, error) {
	if off < 0 || n < 0 || off+n > s.size {
		return nil, fmt.Errorf("%d bytes at offset %d outside the input: %w", n, off, errTruncated)
	}
	if n <= int64(len(s.buf)) {
		p, err := s.peek(off, int(n))
		if err != nil {
			return nil, err
		}
		if int64(len(p)) < n {
			return nil, fmt.Errorf("short read of %d bytes at offset %d: %w", n, off, errTruncated)
		}
		return append([]byte(nil), p...), nil
	}
	out := make([]byte, n)
	got, err := s.r.ReadAt(out, off)
	if int64(got) < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = errTruncated
		}
		return nil, fmt.Errorf("unable to read %d bytes at offset %d: %w", n, off, err)
	}
	return out, nil
}

// field is one protobuf field located in the input. Values of length-delimited fields are
// described by offsets, not read.
type field struct {
	num protowire.Number
	typ protowire.Type
	tag int64  // offset of the tag
	val int64  // offset of the value (first content byte of a length-delimited field)
	end int64  // offset just past the field
	v   uint64 // value of a varint or fixed field
}

// size is the length of a length-delimited field's content.
func (f field) size() int64 { return f.end - f.val }

// isBytes reports whether f is length-delimited (a string, bytes or message).
func (f field) isBytes() bool { return f.typ == protowire.BytesType }

// next decodes the field at off inside a message that ends at limit. A field whose declared
// end passes limit is an error wrapping errTruncated.
func (s *source) next(off, limit int64) (field, error) {
	p, err := s.peek(off, int(min(maxTagBytes, limit-off)))
	if err != nil {
		return field{}, err
	}
	num, typ, n := protowire.ConsumeTag(p)
	if n < 0 {
		return field{}, tagError(off, n, len(p) < maxTagBytes)
	}
	f := field{num: num, typ: typ, tag: off, val: off + int64(n)}
	rest := p[n:]
	switch typ {
	case protowire.VarintType:
		v, m := protowire.ConsumeVarint(rest)
		if m < 0 {
			return f, tagError(f.val, m, len(p) < maxTagBytes)
		}
		f.v, f.end = v, f.val+int64(m)
	case protowire.Fixed32Type:
		f.end = f.val + 4
	case protowire.Fixed64Type:
		f.end = f.val + 8
	case protowire.BytesType:
		l, m := protowire.ConsumeVarint(rest)
		if m < 0 {
			return f, tagError(f.val, m, len(p) < maxTagBytes)
		}
		f.val += int64(m)
		f.end = s.size + 1 // a length that does not fit the input
		if l <= uint64(s.size) {
			f.end = f.val + int64(l)
		}
	case protowire.StartGroupType:
		end, err := s.skipGroup(f.val, limit, num)
		if err != nil {
			return f, err
		}
		f.end = end
	default:
		return f, fmt.Errorf("wire type %d at offset %d: %w", typ, off, errMalformed)
	}
	if f.end > limit {
		return f, fmt.Errorf("field %d at offset %d ends at %d, past %d: %w", num, off, f.end, limit, errTruncated)
	}
	return f, nil
}

// skipGroup returns the offset just past the end-group tag closing group num, skipping nested
// groups iteratively.
func (s *source) skipGroup(off, limit int64, num protowire.Number) (int64, error) {
	open := []protowire.Number{num}
	for off < limit {
		p, err := s.peek(off, int(min(maxTagBytes, limit-off)))
		if err != nil {
			return 0, err
		}
		n, typ, m := protowire.ConsumeTag(p)
		if m < 0 {
			return 0, tagError(off, m, len(p) < maxTagBytes)
		}
		switch typ {
		case protowire.EndGroupType:
			if n != open[len(open)-1] {
				return 0, fmt.Errorf("end of group %d at offset %d closes group %d: %w", n, off, open[len(open)-1], errMalformed)
			}
			open = open[:len(open)-1]
			off += int64(m)
			if len(open) == 0 {
				return off, nil
			}
			continue
		case protowire.StartGroupType:
			if len(open) >= maxGroupDepth {
				return 0, fmt.Errorf("groups nested deeper than %d at offset %d: %w", maxGroupDepth, off, errMalformed)
			}
			open = append(open, n)
			off += int64(m)
			continue
		}
		f, err := s.next(off, limit)
		if err != nil {
			return 0, err
		}
		off = f.end
	}
	return 0, fmt.Errorf("group %d is not closed before offset %d: %w", num, limit, errTruncated)
}

func tagError(off int64, code int, short bool) error {
	err := protowire.ParseError(code)
	if short && errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("at offset %d: %v: %w", off, err, errTruncated)
	}
	return fmt.Errorf("at offset %d: %v: %w", off, err, errMalformed)
}
