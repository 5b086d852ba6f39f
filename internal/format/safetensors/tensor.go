package safetensors

import (
	"fmt"
)

// maxStoredRank bounds the dimensions kept per tensor; dtype × shape is computed over all of
// them while parsing, so a shape of a million ones costs no memory.
const maxStoredRank = 64

// tensorFields tracks which fields of one entry were read and well-typed.
type tensorFields struct {
	dtype, shape, offsets bool
	shapeProduct          uint64
	shapeOverflow         bool
}

// tensor reads one tensor entry: {"dtype": str, "shape": [uint...], "data_offsets": [uint, uint]}.
// Fields the reference loader ignores (serde skips unknown fields) are noted and their strings
// collected; mistyped fields are noted and the entry left invalid.
func (h *hparser) tensor(name string, off int64) error {
	h.s.ws()
	if h.s.peek() != '{' {
		h.anomaly(BadTensor, name, "tensor entry is not an object", off)
		return h.value(name, 1)
	}
	t := Tensor{Name: name, Offset: off}
	var tf tensorFields
	err := h.object("", name, func(key string, koff int64, escaped bool) error {
		if escaped && (key == "dtype" || key == "shape" || key == "data_offsets") {
			h.anomaly(EscapedKey, name, fmt.Sprintf("field %q spelled with escape sequences", key), koff)
		}
		switch key {
		case "dtype":
			return h.dtypeField(&t, &tf, koff)
		case "shape":
			return h.shapeField(&t, &tf, koff)
		case "data_offsets":
			return h.offsetsField(&t, &tf, koff)
		}
		h.anomaly(ExtraField, name, fmt.Sprintf("field %s that loaders ignore", quote(key)), koff)
		return h.value(joinPath(name, key), 2)
	})
	if err != nil {
		return err
	}
	h.finishTensor(&t, tf)
	return nil
}

func (h *hparser) dtypeField(t *Tensor, tf *tensorFields, koff int64) error {
	h.s.ws()
	if h.s.peek() != '"' {
		h.anomaly(BadTensor, t.Name, "dtype is not a string", koff)
		tf.dtype = false
		return h.value(joinPath(t.Name, "dtype"), 2)
	}
	v, voff, _, err := h.s.str()
	if err != nil {
		return err
	}
	t.DType, tf.dtype = v, true
	if _, ok := dtypeBits[v]; !ok {
		h.anomaly(UnknownDType, t.Name, "unknown dtype "+quote(v), voff)
		if !plainName(v) {
			h.collect(joinPath(t.Name, "dtype"), v, voff)
		}
	}
	return nil
}

func (h *hparser) shapeField(t *Tensor, tf *tensorFields, koff int64) error {
	h.s.ws()
	if h.s.peek() != '[' {
		h.anomaly(BadTensor, t.Name, "shape is not an array", koff)
		tf.shape = false
		return h.value(joinPath(t.Name, "shape"), 2)
	}
	ok, product, overflow := true, uint64(1), false
	t.Shape = t.Shape[:0]
	err := h.array(func() error {
		v, good, err := h.uintValue(t.Name, "shape")
		if err != nil || !good {
			ok = false
			return err
		}
		if len(t.Shape) < maxStoredRank {
			t.Shape = append(t.Shape, v)
		}
		if !overflow {
			product, overflow = mulCheck(product, v)
		}
		return nil
	})
	tf.shape, tf.shapeProduct, tf.shapeOverflow = ok, product, overflow
	return err
}

func (h *hparser) offsetsField(t *Tensor, tf *tensorFields, koff int64) error {
	h.s.ws()
	if h.s.peek() != '[' {
		h.anomaly(BadTensor, t.Name, "data_offsets is not an array", koff)
		tf.offsets = false
		return h.value(joinPath(t.Name, "data_offsets"), 2)
	}
	var vals []uint64
	ok := true
	err := h.array(func() error {
		v, good, err := h.uintValue(t.Name, "data_offsets")
		if err != nil || !good {
			ok = false
			return err
		}
		if len(vals) < 3 {
			vals = append(vals, v)
		}
		return nil
	})
	if err == nil && ok && len(vals) != 2 {
		h.anomaly(BadTensor, t.Name, "data_offsets does not hold exactly two numbers", koff)
		ok = false
	}
	if ok && len(vals) == 2 {
		t.Begin, t.End = vals[0], vals[1]
	}
	tf.offsets = ok
	return err
}

// uintValue reads one array element that must be a non-negative integer fitting in 64 bits
// (serde's usize on 64-bit platforms). good is false, with an anomaly, for anything else.
func (h *hparser) uintValue(name, field string) (uint64, bool, error) {
	h.s.ws()
	at := h.s.off()
	c := h.s.peek()
	if c != '-' && (c < '0' || c > '9') && c != 'N' && c != 'I' {
		h.anomaly(BadTensor, name, field+" holds a value that is not a number", at)
		return 0, false, h.value(joinPath(name, field), 3)
	}
	n, err := h.s.num()
	if err != nil {
		return 0, false, err
	}
	if n.nonstd || !n.integer || n.negative || n.overflow {
		h.anomaly(BadTensor, name, fmt.Sprintf("%s holds %s, not an unsigned 64-bit integer", field, n.text), at)
		return 0, false, nil
	}
	return n.uint, true, nil
}

// finishTensor validates the entry as a whole and stores it.
func (h *hparser) finishTensor(t *Tensor, tf tensorFields) {
	var missing []string
	for _, f := range []struct {
		ok   bool
		name string
	}{{tf.dtype, "dtype"}, {tf.shape, "shape"}, {tf.offsets, "data_offsets"}} {
		if !f.ok {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		h.anomaly(BadTensor, t.Name, fmt.Sprintf("entry lacks a valid %v", missing), t.Offset)
	} else {
		t.Valid = true
		t.Bytes, t.SizeKnown = h.sizeOf(t, tf)
	}
	if len(h.f.Tensors) >= h.maxTensors {
		if !h.tooMany {
			h.tooMany = true
			h.anomaly(TooManyTensors, "", fmt.Sprintf("more than %d tensors; the rest were not analysed", h.maxTensors), t.Offset)
			h.f.gaps = append(h.f.gaps, fmt.Sprintf("more than %d tensors (the entry budget); the layout of the rest was not checked", h.maxTensors))
		}
		return
	}
	h.f.Tensors = append(h.f.Tensors, *t)
}

// sizeOf computes dtype × shape in bytes, noting overflow and sub-byte misalignment.
func (h *hparser) sizeOf(t *Tensor, tf tensorFields) (uint64, bool) {
	if tf.shapeOverflow {
		h.anomaly(SizeOverflow, t.Name, "the element count of the shape overflows 64 bits", t.Offset)
		return 0, false
	}
	n, st := tensorBytes(t.DType, []uint64{tf.shapeProduct})
	switch st {
	case sizeOverflow:
		h.anomaly(SizeOverflow, t.Name, "dtype × shape overflows 64 bits", t.Offset)
	case sizeSubByte:
		h.anomaly(SubByteMisaligned, t.Name, "sub-byte dtype × shape does not end on a byte boundary", t.Offset)
	case sizeOK:
		return n, true
	}
	return 0, false
}

func mulCheck(a, b uint64) (uint64, bool) {
	if a == 0 || b == 0 {
		return 0, false
	}
	p := a * b
	return p, p/b != a
}
