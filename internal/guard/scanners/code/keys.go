package code

import (
	"cmp"
	"slices"
	"strings"
)

// keyIndex finds every occurrence of every rule key in one pass over the text: a bitset of
// the keys' first two bytes rejects almost every position with one table lookup, and only
// positions that pass are compared with the keys sharing that prefix. (One strings.Index per
// key costs ~200 passes over the text instead.)
type keyIndex struct {
	pairs [1 << 16 / 64]uint64 // bit set when some key starts with these two bytes
	short [1 << 16 / 64]uint64 // bit set when a two-byte key is exactly these bytes
	// triples is a Bloom filter of the keys' first three bytes: most positions whose first
	// two bytes match ("on", "ex", "de" in ordinary prose) stop here.
	triples [1 << 16 / 64]uint64
	// prefixes are the distinct two-byte prefixes, sorted; refs[spans[i]:spans[i+1]] are the
	// keys starting with prefixes[i]. (A map costs a hash per candidate position.)
	prefixes []uint16
	spans    []int
	refs     []keyRef
	rules    int // number of rules (for grouping hits)
}

type keyRef struct {
	key  string
	rule int
}

// keyHit is one key occurrence: which rule it wakes up, and where.
type keyHit struct {
	rule int
	pos  int
}

// maxKeyHits bounds the occurrences handled at once; a longer text is processed in rounds.
const maxKeyHits = 4096

func newKeyIndex(rules []rule) *keyIndex {
	ki := &keyIndex{rules: len(rules)}
	for i, r := range rules {
		for _, k := range r.keys {
			if len(k) >= 2 { // New rejects shorter keys
				ki.refs = append(ki.refs, keyRef{k, i})
			}
		}
	}
	slices.SortFunc(ki.refs, func(a, b keyRef) int { return cmp.Compare(a.key[:2], b.key[:2]) })
	for i, ref := range ki.refs {
		p := pair(ref.key)
		ki.pairs[p/64] |= 1 << (p % 64)
		if len(ref.key) == 2 {
			ki.short[p/64] |= 1 << (p % 64)
		} else {
			t := triple(ref.key)
			ki.triples[t/64] |= 1 << (t % 64)
		}
		if i == 0 || p != ki.prefixes[len(ki.prefixes)-1] {
			ki.prefixes = append(ki.prefixes, p)
			ki.spans = append(ki.spans, i)
		}
	}
	ki.spans = append(ki.spans, len(ki.refs))
	return ki
}

func pair(s string) uint16 { return uint16(s[0])<<8 | uint16(s[1]) }

func triple(s string) uint16 { return uint16(s[0])*0x3b ^ uint16(s[1])<<7 ^ uint16(s[2])*0x2f1 }

// scan collects the (rule, position) of every key in lower from position from on, sorted by
// rule then position, each position once per rule. It stops after maxKeyHits and returns
// where to resume (len(lower) when done), so work per call stays bounded.
func (ki *keyIndex) scan(lower string, from int) ([]keyHit, int) {
	var hits []keyHit
	i := from
	for ; i+1 < len(lower) && len(hits) < maxKeyHits; i++ {
		p := pair(lower[i:])
		if ki.pairs[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		if ki.short[p/64]&(1<<(p%64)) == 0 {
			if i+2 >= len(lower) {
				continue
			}
			if t := triple(lower[i:]); ki.triples[t/64]&(1<<(t%64)) == 0 {
				continue
			}
		}
		j, _ := slices.BinarySearch(ki.prefixes, p)
		for _, ref := range ki.refs[ki.spans[j]:ki.spans[j+1]] {
			if strings.HasPrefix(lower[i:], ref.key) {
				hits = append(hits, keyHit{ref.rule, i})
			}
		}
	}
	// Group by rule keeping position order: a stable counting sort (hits arrive sorted by
	// position), then drop repeats (two keys of one rule at one position).
	counts := make([]int, ki.rules+1)
	for _, h := range hits {
		counts[h.rule+1]++
	}
	for r := 1; r < len(counts); r++ {
		counts[r] += counts[r-1]
	}
	sorted := make([]keyHit, len(hits))
	for _, h := range hits {
		sorted[counts[h.rule]] = h
		counts[h.rule]++
	}
	if i+1 >= len(lower) {
		i = len(lower)
	}
	return slices.Compact(sorted), i
}

// Window bounds around a key occurrence. Go's backtracking matcher clears a bitmap as large
// as pattern × input on every call, so the windows are kept short: a command or statement
// that matters fits in a few hundred bytes.
const (
	maxBack    = 256
	maxForward = 512
	// anchorSpan bounds an anchored match (it starts at the key).
	anchorSpan = 320
)

// lineEnd returns the end of the line `after` lines below pos, bounded by limit bytes.
func lineEnd(text string, pos, after, limit int) int {
	end, stop := pos, min(len(text), pos+limit)
	for n := 0; n <= after && end < stop; n++ {
		k := strings.IndexByte(text[end:stop], '\n')
		if k < 0 {
			return stop
		}
		end += k + 1
	}
	return end
}

// window returns the part of text a rule's pattern is run on for a key at pos: from the
// start of the line `before` lines up to the end of the line `after` lines down, bounded.
func window(text string, pos, before, after int) (int, int) {
	start, floor := pos, max(0, pos-maxBack)
	for n := 0; n <= before && start > floor; n++ {
		k := strings.LastIndexByte(text[floor:start], '\n')
		if k < 0 {
			start = floor
			break
		}
		start = floor + k
		if n < before {
			continue
		}
		start++ // just past the newline
	}
	end, limit := pos, min(len(text), pos+maxForward)
	for n := 0; n <= after && end < limit; n++ {
		k := strings.IndexByte(text[end:limit], '\n')
		if k < 0 {
			end = limit
			break
		}
		end += k + 1
	}
	return start, end
}
