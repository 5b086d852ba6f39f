package pbwire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/encoding/protowire"
)

// MaxTagBytes is the longest a tag plus a varint can be: 10 bytes each, since protowire
// accepts non-minimal varints, which a hostile file may use to pad a tag.
const MaxTagBytes = 2 * binary.MaxVarintLen64

// MaxGroupDepth bounds nested (deprecated) proto2 groups, which are skipped without decoding.
// ONNX and TensorFlow define none; a hostile file could nest them to exhaust a recursive
// skipper, so groups are skipped iteratively up to this depth.
const MaxGroupDepth = 64

// Field is one protobuf field located in the input. Values of length-delimited fields are
// described by offsets, not read.
type Field struct {
	Num  protowire.Number
	Type protowire.Type
	Tag  int64  // offset of the tag
	Val  int64  // offset of the value (the first content byte of a length-delimited field)
	End  int64  // offset just past the field as declared, which may exceed its message
	V    uint64 // the value of a varint or fixed field
	Cut  bool   // a length-delimited field whose declared end passes its message's end
}

// Size is the declared length of a length-delimited field's content.
func (f Field) Size() int64 { return f.End - f.Val }

// IsBytes reports whether f is length-delimited (a string, bytes or message).
func (f Field) IsBytes() bool { return f.Type == protowire.BytesType }

// Next decodes the field at off inside a message ending at limit (clamped to the input's
// size). A length-delimited field whose declared end passes limit is returned with Cut set
// and an error wrapping ErrTruncated, so that the caller can still walk the part in
// [Val, limit). Any other error leaves the field unusable: ErrTruncated for a tag or varint
// cut by limit or a group left open, ErrMalformed for bytes that are not a field, or the
// ReaderAt's error.
func (s *Reader) Next(off, limit int64) (Field, error) {
	limit = min(limit, s.size)
	if off >= limit {
		return Field{}, fmt.Errorf("no field at offset %d: %w", off, ErrTruncated)
	}
	p, err := s.Peek(off, int(min(MaxTagBytes, limit-off)))
	if err != nil {
		return Field{}, err
	}
	num, typ, n := protowire.ConsumeTag(p)
	if n < 0 {
		return Field{}, tagError(off, n, len(p) < MaxTagBytes)
	}
	f := Field{Num: num, Type: typ, Tag: off, Val: off + int64(n)}
	if err := s.value(&f, p[n:], limit, len(p) < MaxTagBytes); err != nil {
		return f, err
	}
	if f.End > limit {
		f.Cut = typ == protowire.BytesType
		return f, fmt.Errorf("field %d at offset %d ends at %d, past %d: %w", num, off, f.End, limit, ErrTruncated)
	}
	if typ == protowire.Fixed32Type || typ == protowire.Fixed64Type {
		q, err := s.Peek(f.Val, int(f.End-f.Val))
		if err != nil {
			return f, err
		}
		if int64(len(q)) < f.End-f.Val {
			return f, fmt.Errorf("fixed field %d at offset %d: %w", num, off, ErrTruncated)
		}
		f.V = fixedValue(q)
	}
	return f, nil
}

// value sets f.End (and f.V for a varint, f.Val past the length of a length-delimited
// field) from rest, the bytes after the tag; short says rest may be cut by the peek.
func (s *Reader) value(f *Field, rest []byte, limit int64, short bool) error {
	switch f.Type {
	case protowire.VarintType:
		v, m := protowire.ConsumeVarint(rest)
		if m < 0 {
			return tagError(f.Val, m, short)
		}
		f.V, f.End = v, f.Val+int64(m)
	case protowire.Fixed32Type:
		f.End = f.Val + 4
	case protowire.Fixed64Type:
		f.End = f.Val + 8
	case protowire.BytesType:
		l, m := protowire.ConsumeVarint(rest)
		if m < 0 {
			return tagError(f.Val, m, short)
		}
		f.Val += int64(m)
		f.End = s.size + 1 // past any limit: the declared length does not fit the input
		if l <= uint64(s.size) {
			f.End = f.Val + int64(l) // no overflow: both terms are at most size+MaxTagBytes
		}
	case protowire.StartGroupType:
		end, err := s.skipGroup(f.Val, limit, f.Num)
		if err != nil {
			return err
		}
		f.End = end
	default:
		return fmt.Errorf("wire type %d at offset %d: %w", f.Type, f.Tag, ErrMalformed)
	}
	return nil
}

// skipGroup returns the offset just past the end-group tag that closes group num, skipping
// nested groups iteratively.
func (s *Reader) skipGroup(off, limit int64, num protowire.Number) (int64, error) {
	open := []protowire.Number{num}
	for off < limit {
		p, err := s.Peek(off, int(min(MaxTagBytes, limit-off)))
		if err != nil {
			return 0, err
		}
		n, typ, m := protowire.ConsumeTag(p)
		if m < 0 {
			return 0, tagError(off, m, len(p) < MaxTagBytes)
		}
		switch typ {
		case protowire.EndGroupType:
			if n != open[len(open)-1] {
				return 0, fmt.Errorf("end of group %d at offset %d closes group %d: %w", n, off, open[len(open)-1], ErrMalformed)
			}
			open = open[:len(open)-1]
			off += int64(m)
			if len(open) == 0 {
				return off, nil
			}
			continue
		case protowire.StartGroupType:
			if len(open) >= MaxGroupDepth {
				return 0, fmt.Errorf("groups nested deeper than %d at offset %d: %w", MaxGroupDepth, off, ErrMalformed)
			}
			open = append(open, n)
			off += int64(m)
			continue
		}
		f, err := s.Next(off, limit)
		if err != nil {
			return 0, err
		}
		off = f.End
	}
	return 0, fmt.Errorf("group %d is not closed before offset %d: %w", num, limit, ErrTruncated)
}

// tagError wraps a protowire parse error at off. A varint cut by the end of the peeked bytes
// is a truncation when the peek was short (it reached the message's end), else malformed.
func tagError(off int64, code int, short bool) error {
	err := protowire.ParseError(code)
	if short && errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("at offset %d: %v: %w", off, err, ErrTruncated)
	}
	return fmt.Errorf("at offset %d: %v: %w", off, err, ErrMalformed)
}

// fixedValue decodes a little-endian fixed32 or fixed64 value.
func fixedValue(q []byte) uint64 {
	var v uint64
	for i := len(q) - 1; i >= 0; i-- {
		v = v<<8 | uint64(q[i])
	}
	return v
}
