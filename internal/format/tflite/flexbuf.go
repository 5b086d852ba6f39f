package tflite

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// The Flex delegate (tensorflow/lite/delegates/flex/kernel.cc, OpNode::InitializeNodeDef)
// reads an operator's custom_options as a FlexBuffer whose root is a vector: v[0] is the name
// of the TensorFlow op it runs and v[1] the serialized NodeDef whose attributes it applies.
// Only that shape is decoded here; anything else is reported as undecodable.

// FlexBuffer types used (flatbuffers/flexbuffers.h, enum Type).
const (
	fbtKey    = 4
	fbtString = 5
	fbtMap    = 9
	fbtVector = 10
	fbtBlob   = 25
)

// nodeDefOp is the field number of NodeDef.op (tensorflow/core/framework/node_def.proto).
const nodeDefOp = 2

// errFlex is wrapped by every FlexBuffer that does not have the shape the delegate reads.
var errFlex = errors.New("malformed FlexBuffer")

// fbRef is a FlexBuffer value: where it is stored, the width of that slot (parent width),
// and its type and byte width from its packed type byte.
type fbRef struct {
	pos         int
	parentWidth int
	width       int
	typ         int
}

func newFBRef(pos, parentWidth int, packed byte) fbRef {
	return fbRef{pos: pos, parentWidth: parentWidth, width: 1 << (packed & 3), typ: int(packed >> 2)}
}

// flexPair decodes custom_options as the delegate does and returns v[0] and v[1] of the root
// vector. A missing element is returned as nil, as the delegate then sees an empty string.
func flexPair(b []byte) (name, nodeDef []byte, err error) {
	if len(b) < 3 {
		return nil, nil, fmt.Errorf("%d bytes: %w", len(b), errFlex)
	}
	rw := int(b[len(b)-1])
	if !validWidth(rw) || len(b)-2-rw < 0 {
		return nil, nil, fmt.Errorf("root byte width %d: %w", rw, errFlex)
	}
	root := newFBRef(len(b)-2-rw, rw, b[len(b)-2])
	if root.typ != fbtVector && root.typ != fbtMap {
		return nil, nil, fmt.Errorf("root of type %d instead of a vector: %w", root.typ, errFlex)
	}
	start, n, err := fbVector(b, root)
	if err != nil {
		return nil, nil, err
	}
	if n == 0 {
		return nil, nil, fmt.Errorf("empty root vector: %w", errFlex)
	}
	out := make([][]byte, 2)
	for i := range min(n, 2) {
		el := newFBRef(start+i*root.width, root.width, b[start+n*root.width+i])
		if out[i], err = fbBytes(b, el); err != nil {
			return nil, nil, fmt.Errorf("element %d: %w", i, err)
		}
	}
	return out[0], out[1], nil
}

func validWidth(w int) bool { return w == 1 || w == 2 || w == 4 || w == 8 }

// fbUint reads an unsigned integer of width w at pos.
func fbUint(b []byte, pos, w int) (uint64, error) {
	if !validWidth(w) || pos < 0 || pos > len(b)-w {
		return 0, fmt.Errorf("%d bytes at %d of %d: %w", w, pos, len(b), errFlex)
	}
	var v uint64
	for i := w - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[pos+i])
	}
	return v, nil
}

// indirect follows r's offset, which points backwards from r's slot.
func (r fbRef) indirect(b []byte) (int, error) {
	off, err := fbUint(b, r.pos, r.parentWidth)
	if err != nil {
		return 0, err
	}
	if off > uint64(r.pos) {
		return 0, fmt.Errorf("offset %d at %d points before the start: %w", off, r.pos, errFlex)
	}
	return r.pos - int(off), nil
}

// fbVector returns the first element and the length of the untyped vector (or map values) r,
// checked so that the elements and their type bytes lie inside b.
func fbVector(b []byte, r fbRef) (start, n int, err error) {
	p, err := r.indirect(b)
	if err != nil {
		return 0, 0, err
	}
	l, err := fbUint(b, p-r.width, r.width)
	if err != nil {
		return 0, 0, err
	}
	if l > uint64(len(b)-p)/uint64(r.width+1) {
		return 0, 0, fmt.Errorf("vector of %d elements at %d does not fit: %w", l, p, errFlex)
	}
	return p, int(l), nil
}

// fbBytes returns the bytes of a string, blob or key. The delegate reads strings; keys and
// blobs are accepted too so that a look-alike is not missed.
func fbBytes(b []byte, r fbRef) ([]byte, error) {
	switch r.typ {
	case fbtString, fbtBlob:
		p, err := r.indirect(b)
		if err != nil {
			return nil, err
		}
		l, err := fbUint(b, p-r.width, r.width)
		if err != nil {
			return nil, err
		}
		if l > uint64(len(b)-p) {
			return nil, fmt.Errorf("string of %d bytes at %d does not fit: %w", l, p, errFlex)
		}
		return b[p : p+int(l)], nil
	case fbtKey:
		p, err := r.indirect(b)
		if err != nil {
			return nil, err
		}
		end := bytes.IndexByte(b[p:], 0)
		if end < 0 {
			return nil, fmt.Errorf("unterminated key at %d: %w", p, errFlex)
		}
		return b[p : p+end], nil
	}
	return nil, fmt.Errorf("value of type %d instead of a string: %w", r.typ, errFlex)
}

// nodeDefOpName returns the op field of a serialized tensorflow.NodeDef (the last occurrence,
// as protobuf parsers keep), or an error when the message does not parse.
func nodeDefOpName(b []byte) (string, error) {
	var op []byte
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return "", fmt.Errorf("NodeDef: %w", protowire.ParseError(n))
		}
		b = b[n:]
		if num == nodeDefOp && typ == protowire.BytesType {
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return "", fmt.Errorf("NodeDef op: %w", protowire.ParseError(m))
			}
			op, b = v, b[m:]
			continue
		}
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return "", fmt.Errorf("NodeDef field %d: %w", num, protowire.ParseError(m))
		}
		b = b[m:]
	}
	return string(op), nil
}

// cString returns s up to its first NUL, as C code that reads it with c_str() sees it.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}
