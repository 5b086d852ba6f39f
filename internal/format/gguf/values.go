package gguf

import (
	"errors"
	"math"
	"strings"
)

// errStructure ends the walk at a structure that cannot be followed; the anomaly saying why has
// already been recorded.
var errStructure = errors.New("structure cannot be followed")

// readKV reads one metadata key/value pair.
func (f *File) readKV(rd *reader) (KV, error) {
	kv := KV{Offset: rd.pos}
	key, n, _, err := f.readString(rd, MaxKeyLen, false)
	if err != nil {
		return kv, err
	}
	if n > MaxKeyLen {
		f.anomaly(LongKey, kv.Offset, "metadata key of %d bytes (keys are short ASCII paths)", n)
		return kv, errStructure
	}
	if err := f.keepName(n); err != nil {
		return kv, err
	}
	kv.Key = key
	f.checkKey(key, kv.Offset)
	t, err := rd.u32()
	if err != nil {
		return kv, err
	}
	kv.Type = ValueType(t)
	if kv.Type >= typeCount {
		f.anomaly(BadValueType, rd.pos-4, "metadata key %q has unknown value type %d", clip(key), t)
		return kv, errStructure
	}
	kv.ValueOffset = rd.pos
	return kv, f.readValue(rd, &kv)
}

// keepName charges n bytes of key or tensor name to MaxNameBytes.
func (f *File) keepName(n uint64) error {
	f.names += int64(n)
	if f.names > MaxNameBytes {
		f.gap("metadata keys and tensor names exceed %d bytes: the rest of the header not read", MaxNameBytes)
		return errStop
	}
	return nil
}

// readValue reads the value of kv according to kv.Type.
func (f *File) readValue(rd *reader, kv *KV) error {
	switch kv.Type {
	case TypeString:
		s, n, off, err := f.readString(rd, MaxStringKeep, true)
		kv.Str, kv.StrLen, kv.ValueOffset = s, n, off
		if err == nil && n > uint64(len(s)) {
			f.gap("value of %q kept to %d of %d bytes", clip(kv.Key), len(s), n)
		}
		return err
	case TypeArray:
		a, err := f.readArray(rd, kv.Key, 1)
		kv.Array = a
		return err
	}
	u, err := f.readScalar(rd, kv.Type)
	if err != nil {
		return err
	}
	switch kv.Type {
	case TypeInt8:
		kv.Int = int64(int8(u))
	case TypeInt16:
		kv.Int = int64(int16(u))
	case TypeInt32:
		kv.Int = int64(int32(u))
	case TypeInt64:
		kv.Int = int64(u)
	case TypeFloat32:
		kv.Float = float64(math.Float32frombits(uint32(u)))
	case TypeFloat64:
		kv.Float = math.Float64frombits(u)
	default:
		kv.Uint = u
	}
	return nil
}

// readScalar reads a fixed-size value as raw bits.
func (f *File) readScalar(rd *reader, t ValueType) (uint64, error) {
	switch t.size() {
	case 1:
		v, err := rd.u8()
		return uint64(v), err
	case 2:
		v, err := rd.u16()
		return uint64(v), err
	case 4:
		v, err := rd.u32()
		return uint64(v), err
	default:
		return rd.u64()
	}
}

// readString reads a length-prefixed string, keeping at most keep bytes (and, when meta is
// set, no more than what is left of MaxMetaKeep); the rest is skipped. It returns the kept
// text, the declared length and the offset of the first byte.
func (f *File) readString(rd *reader, keep uint64, meta bool) (string, uint64, int64, error) {
	at := rd.pos
	n, err := rd.length(f.Version == 1)
	if err != nil {
		return "", 0, at, err
	}
	off := rd.pos
	if n > uint64(rd.remaining()) {
		f.anomaly(LengthTooLarge, at, "string length %d runs past the end of the file (%d bytes remain)", n, rd.remaining())
		return "", n, off, errStructure
	}
	k := min(n, keep)
	if meta {
		k = min(k, uint64(max(0, MaxMetaKeep-f.kept)))
		f.kept += int64(k)
	}
	b, err := rd.bytes(k)
	if err != nil {
		return "", n, off, err
	}
	return string(b), n, off, rd.skip(n - k)
}

// readArray reads an array header and walks its elements, keeping leading strings of arrays
// that are not part of the tokenizer vocabulary.
func (f *File) readArray(rd *reader, key string, depth int) (*Array, error) {
	at := rd.pos
	et, err := rd.u32()
	if err != nil {
		return nil, err
	}
	a := &Array{Elem: ValueType(et), Depth: depth}
	if a.Elem >= typeCount {
		f.anomaly(BadValueType, at, "array %q has unknown element type %d", clip(key), et)
		return a, errStructure
	}
	if a.Len, err = rd.length(f.Version == 1); err != nil {
		return a, err
	}
	if a.Len > uint64(rd.remaining())/f.minElem(a.Elem) {
		f.anomaly(LengthTooLarge, at, "array %q of %d %s elements cannot fit in the %d bytes that remain",
			clip(key), a.Len, a.Elem, rd.remaining())
		return a, errStructure
	}
	switch a.Elem {
	case TypeString:
		return a, f.readStrings(rd, key, a, depth == 1 && !strings.HasPrefix(key, vocabPrefix))
	case TypeArray:
		return a, f.readNested(rd, key, a, depth)
	}
	return a, rd.skip(a.Len * a.Elem.size())
}

// minElem is the smallest encoded size of one array element of type t.
func (f *File) minElem(t ValueType) uint64 {
	lenSize := pick(f.Version == 1, 4, 8)
	switch t {
	case TypeString:
		return lenSize
	case TypeArray:
		return 4 + lenSize
	}
	return t.size()
}

// readStrings walks the elements of a string array, keeping the leading ones when keep is set.
func (f *File) readStrings(rd *reader, key string, a *Array, keep bool) error {
	for i := uint64(0); i < a.Len; i++ {
		limit := uint64(0)
		if keep && i < MaxArrayKeep {
			limit = MaxStringKeep
		}
		s, n, off, err := f.readString(rd, limit, limit > 0)
		if err != nil {
			return err
		}
		if limit > 0 {
			a.Strings = append(a.Strings, s)
			a.Offsets = append(a.Offsets, off)
			if n > uint64(len(s)) {
				f.gap("element %d of %q kept to %d of %d bytes", i, clip(key), len(s), n)
			}
		}
	}
	if keep && a.Len > MaxArrayKeep {
		f.gap("only the first %d of %d strings of %q kept", MaxArrayKeep, a.Len, clip(key))
	}
	return nil
}

// readNested walks an array of arrays. llama.cpp refuses them; the walk continues only to
// reach the metadata and tensor infos after it.
func (f *File) readNested(rd *reader, key string, a *Array, depth int) error {
	f.anomaly(NestedArray, rd.pos, "array %q holds arrays (depth %d)", clip(key), depth+1)
	if depth >= MaxArrayDepth {
		return errStructure
	}
	for i := uint64(0); i < a.Len; i++ {
		if _, err := f.readArray(rd, key, depth+1); err != nil {
			return err
		}
	}
	return nil
}
