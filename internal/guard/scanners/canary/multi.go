package canary

import (
	"bytes"
	"encoding/binary"
)

// matcher finds many needles in one pass (Wu–Manber): a table of 2-byte blocks says how far
// the window may jump, and only windows whose block ends a needle prefix are compared, after
// a hash of their first 8 bytes picks the candidate needles. A token has 20-odd searched forms;
// a bytes.Index per form cost about a microsecond each on a 4 KiB answer. The tables live in
// the pooled skeleton, so a scan allocates nothing for them.
type matcher struct {
	// less holds m-1 minus the jump for each block, so that clearing the table (a fast memclr)
	// sets every block to the longest jump.
	less [4096]uint8
	pre  [64]uint32 // bit k: needle k's first 8 bytes hash to the bucket
}

// find returns the index into ns of the strongest needle found in hay — the lowest index,
// since needles come strongest first — and where it starts; best is -1 when none is found.
// Only needles with exact == want are considered.
func (w *matcher) find(hay []byte, ns []needle, want bool) (best, at int) {
	best, m, any := -1, 16, false
	for k, n := range ns {
		if n.exact == want && k < 32 {
			m, any = min(m, len(n.b)), true
		}
	}
	if !any {
		return -1, 0
	}
	if m < 8 { // short tokens: few forms, search them one by one
		for k, n := range ns {
			if n.exact == want {
				if i := bytes.Index(hay, n.b); i >= 0 {
					return k, i
				}
			}
		}
		return -1, 0
	}
	w.prepare(ns, want, m)
	for i := m - 1; i < len(hay); {
		if s := m - 1 - int(w.less[block(hay[i-1], hay[i])]); s > 0 {
			i += s
			continue
		}
		start := i - m + 1
		for mask := w.pre[bucket(binary.LittleEndian.Uint64(hay[start:]))]; mask != 0; mask &= mask - 1 {
			k := trailingZeros(mask)
			if (best < 0 || k < best) && bytes.HasPrefix(hay[start:], ns[k].b) {
				best, at = k, start
			}
		}
		if best == 0 {
			break
		}
		i++
	}
	return best, at
}

// prepare fills the tables for the needles with exact == want, all at least m ≥ 8 bytes long.
func (w *matcher) prepare(ns []needle, want bool, m int) {
	w.less = [4096]uint8{}
	w.pre = [64]uint32{}
	for k, n := range ns {
		if n.exact != want || k >= 32 {
			continue
		}
		for j := 2; j <= m; j++ {
			h := block(n.b[j-2], n.b[j-1])
			w.less[h] = max(w.less[h], uint8(j-1))
		}
		w.pre[bucket(binary.LittleEndian.Uint64(n.b))] |= 1 << k
	}
}

// block hashes two bytes into the shift table; collisions only shorten jumps.
func block(a, b byte) int { return int(a&63)<<6 | int(b&63) }

func bucket(v uint64) uint64 { return (v * 0x9E3779B97F4A7C15) >> 58 }

func trailingZeros(m uint32) int {
	n := 0
	for m&1 == 0 {
		m >>= 1
		n++
	}
	return n
}
