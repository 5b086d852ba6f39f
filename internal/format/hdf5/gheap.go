package hdf5

import (
	"fmt"
)

// Bounds on global heaps: collections decoded per file and objects indexed per collection
// (object indexes are 16-bit, so a collection cannot name more).
const (
	maxCollections       = 4096
	maxCollectionObjects = 1 << 16
	maxHeapObjects       = 1 << 20 // over all collections: bounds the index held in memory
)

// span is a run of bytes at an absolute file offset.
type span struct {
	at, n int64
}

// globalCollection indexes the objects of one global heap collection ("GCOL").
type globalCollection struct {
	objects map[uint32]span
}

// globalObject returns the bytes of object idx of the collection at rel, and their offset.
func (p *parser) globalObject(rel uint64, idx uint32) ([]byte, int64, error) {
	at, err := p.abs(rel)
	if err != nil {
		return nil, 0, fmt.Errorf("unable to locate global heap collection: %w", err)
	}
	col, ok := p.gcols[at]
	if !ok {
		if p.ncols >= maxCollections {
			return nil, 0, fmt.Errorf("more than %d global heap collections", maxCollections)
		}
		p.ncols++
		col, err = p.readCollection(at)
		p.gcols[at] = col // nil after an error, so a broken collection is read once
		if err != nil {
			return nil, 0, err
		}
	}
	if col == nil {
		return nil, 0, fmt.Errorf("global heap collection at %d is unreadable", at)
	}
	s, ok := col.objects[idx]
	if !ok {
		return nil, 0, fmt.Errorf("global heap collection at %d has no object %d", at, idx)
	}
	if err := p.spendValue(s.n); err != nil {
		return nil, 0, err
	}
	b, err := p.readAt(s.at, s.n)
	if err != nil {
		return nil, 0, fmt.Errorf("unable to read global heap object %d: %w", idx, err)
	}
	return b, s.at, nil
}

// readCollection walks the object headers of a collection: "GCOL", version 1, 3 reserved
// bytes, the collection size, then objects (index, reference count, reserved, size, data
// padded to 8 bytes) until index 0, which is the free space. Both headers are padded to a
// multiple of 8 bytes, which matters when lengths are 2 or 4 bytes.
func (p *parser) readCollection(at int64) (*globalCollection, error) {
	hdrLen := int64(pad8(8 + p.lenSize))
	b, err := p.readAt(at, hdrLen)
	if err != nil {
		return nil, fmt.Errorf("unable to read global heap collection: %w", err)
	}
	if string(b[:4]) != "GCOL" {
		return nil, fmt.Errorf("no global heap collection at %d", at)
	}
	size := leUint(b[8 : 8+p.lenSize])
	if size < uint64(hdrLen) || size > uint64(p.size-at) {
		return nil, fmt.Errorf("global heap collection at %d claims %d bytes", at, size)
	}
	end := at + int64(size)
	col := &globalCollection{objects: map[uint32]span{}}
	for pos := at + hdrLen; pos+hdrLen <= end && len(col.objects) < maxCollectionObjects; {
		h, err := p.readAt(pos, hdrLen)
		if err != nil {
			return nil, fmt.Errorf("unable to read global heap object header: %w", err)
		}
		idx, n := uint32(leUint(h[:2])), leUint(h[8:8+p.lenSize])
		data := pos + hdrLen
		if idx == 0 {
			break
		}
		if n > uint64(end-data) {
			p.gap("global heap object %d at %d runs past its collection", idx, pos)
			break
		}
		if p.nheap++; p.nheap > maxHeapObjects {
			return col, fmt.Errorf("more than %d global heap objects", maxHeapObjects)
		}
		col.objects[idx] = span{at: data, n: int64(n)}
		pos = data + int64(pad8(int(n)))
	}
	return col, nil
}
