package safetensors

import (
	"fmt"
	"slices"
)

// span is a byte range of the data section [lo, hi) attributed to a tensor.
type span struct {
	lo, hi uint64
	name   string
	off    int64 // file offset of the tensor's entry
}

// checkLayout compares the tensors' byte ranges with the data section the way the reference
// loader validates them (sorted by offsets: contiguous from 0, no gaps, ending at the end of
// the file, each range exactly dtype × shape bytes) and records every difference: inverted or
// out-of-bounds offsets, size mismatches, overlaps, and the regions no tensor accounts for.
func checkLayout(f *File) {
	dataLen := uint64(max(f.DataLen, 0))
	var declared, used []span
	for i := range f.Tensors {
		t := &f.Tensors[i]
		if !t.Valid {
			continue
		}
		if t.Begin > t.End {
			addAnomaly(f, Anomaly{Kind: InvertedOffsets, Tensor: t.Name, Offset: t.Offset,
				Detail: fmt.Sprintf("data_offsets [%d, %d] end before they begin", t.Begin, t.End)})
			continue
		}
		checkSize(f, t, dataLen)
		lo, hi := min(t.Begin, dataLen), min(t.End, dataLen)
		declared = append(declared, span{lo, hi, t.Name, t.Offset})
		if t.SizeKnown && t.Bytes < t.End-t.Begin {
			hi = min(t.Begin+t.Bytes, dataLen) // Begin+Bytes < End: no overflow
		}
		used = append(used, span{lo, hi, t.Name, t.Offset})
	}
	sortSpans(declared)
	sortSpans(used)
	checkOverlap(f, declared)
	uncovered(f, declared, merge(used), dataLen)
}

// checkSize compares dtype × shape with the byte range and the range with the data section.
func checkSize(f *File, t *Tensor, dataLen uint64) {
	if t.End > dataLen {
		addAnomaly(f, Anomaly{Kind: OutOfBounds, Tensor: t.Name, Offset: t.Offset,
			Detail: fmt.Sprintf("data_offsets [%d, %d] reach past the %d-byte data section", t.Begin, t.End, dataLen)})
	}
	if !t.SizeKnown || t.Bytes == t.End-t.Begin {
		return
	}
	addAnomaly(f, Anomaly{Kind: SizeMismatch, Tensor: t.Name, Offset: t.Offset,
		Detail: fmt.Sprintf("%s %s needs %d bytes but data_offsets [%d, %d] hold %d", quote(t.DType), shapeText(t.Shape), t.Bytes, t.Begin, t.End, t.End-t.Begin)})
	if t.End <= dataLen && t.Bytes > dataLen-t.Begin {
		addAnomaly(f, Anomaly{Kind: OutOfBounds, Tensor: t.Name, Offset: t.Offset,
			Detail: fmt.Sprintf("%s %s (%d bytes from offset %d) reaches past the %d-byte data section", quote(t.DType), shapeText(t.Shape), t.Bytes, t.Begin, dataLen)})
	}
}

func sortSpans(s []span) {
	slices.SortFunc(s, func(a, b span) int {
		if a.lo != b.lo {
			return cmpU(a.lo, b.lo)
		}
		return cmpU(a.hi, b.hi)
	})
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkOverlap reports tensors whose declared ranges share bytes (empty ranges never do).
func checkOverlap(f *File, s []span) {
	var reach uint64
	owner := ""
	for _, x := range s {
		if x.lo == x.hi {
			continue
		}
		if x.lo < reach {
			addAnomaly(f, Anomaly{Kind: Overlap, Tensor: x.name, Offset: x.off,
				Detail: fmt.Sprintf("bytes [%d, %d) of %s are also inside %s", x.lo, min(x.hi, reach), quote(x.name), quote(owner))})
		}
		if x.hi > reach {
			reach, owner = x.hi, x.name
		}
	}
}

// merge joins sorted spans into disjoint ranges.
func merge(s []span) []span {
	var out []span
	for _, x := range s {
		if x.lo == x.hi {
			continue
		}
		if n := len(out); n > 0 && x.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, x.hi)
			continue
		}
		out = append(out, x)
	}
	return out
}

// uncovered records the complement of the used ranges in the data section, split into slack
// (inside some tensor's declared range), gaps (between tensors) and trailing bytes.
func uncovered(f *File, declared, used []span, dataLen uint64) {
	decl := merge(declared)
	var declEnd uint64
	if n := len(decl); n > 0 {
		declEnd = decl[n-1].hi
	}
	var pos uint64
	last := "" // the tensor whose used bytes end at pos: slack after it is its own
	for _, u := range append(used, span{lo: dataLen, hi: dataLen}) {
		if u.lo > pos {
			splitHole(f, decl, pos, u.lo, declEnd, last)
		}
		if u.hi > pos {
			pos, last = u.hi, u.name
		}
	}
	if f.UncoveredBytes > 0 {
		addAnomaly(f, Anomaly{Kind: Uncovered, Offset: -1,
			Detail: fmt.Sprintf("%d bytes of the data section are not covered by any tensor", f.UncoveredBytes)})
	}
}

// splitHole classifies the hole [lo, hi) against the merged declared ranges.
func splitHole(f *File, decl []span, lo, hi, declEnd uint64, owner string) {
	for lo < hi {
		i, _ := slices.BinarySearchFunc(decl, lo, func(s span, v uint64) int {
			if s.hi <= v {
				return -1
			}
			if s.lo > v {
				return 1
			}
			return 0
		})
		switch {
		case i < len(decl) && decl[i].lo <= lo: // inside a declared range
			end := min(hi, decl[i].hi)
			addRegion(f, RegionSlack, lo, end, owner)
			lo = end
		case lo >= declEnd:
			addRegion(f, RegionTrailing, lo, hi, "")
			return
		default:
			end := hi
			if i < len(decl) {
				end = min(hi, decl[i].lo)
			}
			addRegion(f, RegionGap, lo, end, "")
			lo = end
		}
	}
}

func addRegion(f *File, k RegionKind, lo, hi uint64, tensor string) {
	f.UncoveredBytes += int64(hi - lo)
	if len(f.Regions) >= MaxRegions {
		f.MoreRegions++
		return
	}
	f.Regions = append(f.Regions, Region{Kind: k, Start: f.DataStart + int64(lo), End: f.DataStart + int64(hi), Tensor: tensor})
}

// shapeText renders a shape for anomaly text, at most eight dimensions.
func shapeText(shape []uint64) string {
	if len(shape) > 8 {
		return fmt.Sprintf("%v…", shape[:8])
	}
	return fmt.Sprint(shape)
}
