package gguf

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	ggufparser "github.com/gpustack/gguf-parser-go"
)

// TypeName returns the GGML name of a tensor type id, e.g. "Q4_K".
func TypeName(t uint32) string { return ggufparser.GGMLType(t).String() }

// typeTrait returns the block size and bytes per block of a GGML type; ok is false for unknown
// and deprecated types (which have no layout).
func typeTrait(t uint32) (block, size uint64, ok bool) {
	tt, ok := ggufparser.GGMLType(t).Trait()
	if !ok || tt.BlockSize == 0 || tt.TypeSize == 0 {
		return 0, 0, false
	}
	return tt.BlockSize, tt.TypeSize, true
}

// readTensor reads one tensor info and computes its data size.
func (f *File) readTensor(rd *reader) (Tensor, error) {
	t := Tensor{InfoOffset: rd.pos}
	name, n, _, err := f.readString(rd, MaxNameLen, false)
	if err != nil {
		return t, err
	}
	if n > MaxNameLen {
		f.anomaly(LongKey, t.InfoOffset, "tensor name of %d bytes", n)
		return t, errStructure
	}
	if err := f.keepName(n); err != nil {
		return t, err
	}
	t.Name = name
	if n == 0 || n >= ggmlMaxName {
		f.anomaly(LongName, t.InfoOffset, "tensor name %q is %d bytes (llama.cpp allows 1-%d)", clip(name), n, ggmlMaxName-1)
	}
	nd, err := rd.u32()
	if err != nil {
		return t, err
	}
	if nd == 0 || nd > ggmlMaxDims {
		f.anomaly(BadDims, t.InfoOffset, "tensor %q has %d dimensions (GGML allows 1-%d)", clip(name), nd, ggmlMaxDims)
		if nd > MaxDims {
			return t, errStructure
		}
	}
	t.Dims = make([]uint64, nd)
	for i := range t.Dims {
		if t.Dims[i], err = rd.length(f.Version == 1); err != nil {
			return t, err
		}
	}
	typ, err := rd.u32()
	if err != nil {
		return t, err
	}
	t.Type = typ
	if t.Offset, err = rd.u64(); err != nil {
		return t, err
	}
	f.sizeTensor(&t)
	return t, nil
}

// sizeTensor computes ggml_nbytes for t, recording overflow, unknown types and rows that are
// not whole blocks (all refused by llama.cpp; the overflows were CVE-2024-21802 territory).
func (f *File) sizeTensor(t *Tensor) {
	elems := uint64(1)
	for _, d := range t.Dims {
		hi, lo := bits.Mul64(elems, d)
		if hi != 0 || lo > math.MaxInt64 || d > math.MaxInt64 {
			f.anomaly(DimsOverflow, t.InfoOffset, "tensor %q dimensions %v overflow int64", clip(t.Name), t.Dims)
			return
		}
		elems = lo
	}
	block, size, ok := typeTrait(t.Type)
	if !ok {
		f.anomaly(UnknownTensorType, t.InfoOffset, "tensor %q has unknown GGML type %d", clip(t.Name), t.Type)
		return
	}
	if len(t.Dims) > 0 && t.Dims[0]%block != 0 {
		f.anomaly(BadDims, t.InfoOffset, "tensor %q row of %d elements is not a multiple of the %s block size %d",
			clip(t.Name), t.Dims[0], TypeName(t.Type), block)
		return
	}
	hi, lo := bits.Mul64(elems/block, size)
	if hi != 0 || lo > math.MaxInt64 {
		f.anomaly(DimsOverflow, t.InfoOffset, "tensor %q of %d elements overflows int64 bytes as %s", clip(t.Name), elems, TypeName(t.Type))
		return
	}
	t.Bytes, t.SizeKnown = lo, true
}

// span is the data range of one tensor.
type span struct {
	lo, hi uint64
	i      int
}

// layout places the data section and checks every tensor's range against the file: in
// bounds, aligned, not overlapping, and nothing left over after the last one.
func (f *File) layout() {
	al := f.Alignment
	start, ok := alignUp(uint64(f.HeaderEnd), al)
	if !ok {
		f.anomaly(OffsetOverflow, f.HeaderEnd, "data section start overflows with alignment %d", al)
		return
	}
	f.DataOffset = int64(start)
	spans := make([]span, 0, len(f.Tensors))
	end := start
	for i, t := range f.Tensors {
		if t.Offset%al != 0 {
			f.anomaly(Misaligned, t.InfoOffset, "tensor %q offset %d is not a multiple of %d", clip(t.Name), t.Offset, al)
		}
		lo, ok1 := add(start, t.Offset)
		hi, ok2 := add(lo, t.Bytes)
		if !ok1 || !ok2 {
			f.anomaly(OffsetOverflow, t.InfoOffset, "tensor %q offset %d + %d bytes overflows int64", clip(t.Name), t.Offset, t.Bytes)
			continue
		}
		spans = append(spans, span{lo, hi, i})
		end = max(end, hi)
	}
	f.DataEnd = int64(end)
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	f.checkOverlap(spans)
	f.checkBounds(spans, start, end)
	if !slices.ContainsFunc(f.Tensors, func(t Tensor) bool { return !t.SizeKnown }) {
		f.checkTrailing(end)
	}
}

// checkOverlap records tensors whose data ranges overlap (spans sorted by start).
func (f *File) checkOverlap(spans []span) {
	top := -1 // the span reaching furthest so far
	for k, b := range spans {
		if b.hi == b.lo {
			continue
		}
		if top >= 0 && b.lo < spans[top].hi {
			f.anomaly(Overlap, f.Tensors[b.i].InfoOffset, "tensor %q data overlaps tensor %q",
				clip(f.Tensors[b.i].Name), clip(f.Tensors[spans[top].i].Name))
		}
		if top < 0 || b.hi > spans[top].hi {
			top = k
		}
	}
}

// checkBounds records data past the end of the file. A layout packed the way writers pack it
// (each tensor at the aligned end of the previous one) that is merely cut short is a truncated
// file; anything else pointing outside the file is crafted.
func (f *File) checkBounds(spans []span, start, end uint64) {
	if end <= uint64(f.Size) || len(spans) == 0 {
		return
	}
	packed, next := true, start
	for _, s := range spans {
		packed = packed && s.lo == next
		next, _ = alignUp(s.hi, f.Alignment)
	}
	if packed {
		f.anomaly(DataTruncated, f.Size, "tensor data ends at offset %d but the file has %d bytes", end, f.Size)
		return
	}
	for _, s := range spans {
		if s.hi > uint64(f.Size) {
			t := f.Tensors[s.i]
			f.anomaly(OutOfBounds, t.InfoOffset, "tensor %q data [%d, %d) lies past the end of the %d-byte file",
				clip(t.Name), s.lo, s.hi, f.Size)
		}
	}
}

// checkTrailing records bytes after the end of the tensor data beyond alignment padding: room
// for an appended payload that no loader reads but other tools might.
func (f *File) checkTrailing(end uint64) {
	if end > uint64(f.Size) {
		return
	}
	padded, ok := alignUp(end, f.Alignment)
	if ok && padded >= uint64(f.Size) {
		return
	}
	f.anomaly(TrailingData, int64(end), "%d bytes follow the end of the tensor data at offset %d", uint64(f.Size)-end, end)
}

// add returns a+b when it fits in int64.
func add(a, b uint64) (uint64, bool) {
	s, carry := bits.Add64(a, b, 0)
	return s, carry == 0 && s <= math.MaxInt64
}

// alignUp rounds v up to a multiple of al (al > 0).
func alignUp(v, al uint64) (uint64, bool) {
	r := v % al
	if r == 0 {
		return v, true
	}
	return add(v, al-r)
}
