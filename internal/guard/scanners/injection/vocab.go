package injection

import (
	"fmt"
	"strings"
)

// classSet is a bit set of word classes (at most 64 classes).
type classSet uint64

// entry is what the vocabulary knows about one word.
type entry struct {
	word string
	hash uint64
	cls  classSet
	id   uint16
	// starts lists the patterns whose first element this word can match, so that matching
	// only looks at patterns that can begin at a token.
	starts []uint16
	// rev marks trigger words spelled backwards (see reversedWords).
	rev bool
}

// vocab is an open-addressing hash table from word to entry, keyed by FNV-1a. It is built
// once in New and read-only afterwards.
type vocab struct {
	slots   []int32 // index into entries, -1 when empty
	mask    uint64
	entries []entry
	classes map[string]int // class name -> bit (build time only)
	index   map[string]int // word -> entry (build time only)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// newVocab registers the word classes. Words may use brace expansion: "ignor{e,es,ed,ing}".
// A class may be defined more than once (one definition per language): the words merge.
func newVocab(defs []classDef) (*vocab, error) {
	v := &vocab{classes: make(map[string]int, len(defs)), entries: []entry{{}}, index: map[string]int{}} // id 0 = unknown
	index := v.index
	for _, d := range defs {
		bit, ok := v.classes[d.name]
		if !ok {
			bit = len(v.classes)
			if bit >= 64 {
				return nil, fmt.Errorf("too many word classes: %s is the 65th", d.name)
			}
			v.classes[d.name] = bit
		}
		for _, w := range expandWords(d.words) {
			i, ok := index[w]
			if !ok {
				i = len(v.entries)
				index[w] = i
				v.entries = append(v.entries, entry{word: w, hash: fnv(w), id: uint16(i)})
			}
			v.entries[i].cls |= 1 << uint(bit)
		}
	}
	return v, nil
}

// word returns the id of w, adding it as a class-less word when it is new (literal words in
// patterns).
func (v *vocab) word(w string) uint16 {
	if i, ok := v.index[w]; ok {
		return uint16(i)
	}
	i := len(v.entries)
	v.index[w] = i
	v.entries = append(v.entries, entry{word: w, hash: fnv(w), id: uint16(i)})
	return uint16(i)
}

// seal builds the hash table; no words may be added afterwards.
func (v *vocab) seal() error {
	if len(v.entries) >= 1<<16 {
		return fmt.Errorf("vocabulary too large: %d words", len(v.entries))
	}
	size := 1
	for size < 4*len(v.entries) {
		size <<= 1
	}
	v.slots = make([]int32, size)
	for i := range v.slots {
		v.slots[i] = -1
	}
	v.mask = uint64(size - 1)
	for i := 1; i < len(v.entries); i++ {
		j := v.entries[i].hash & v.mask
		for v.slots[j] >= 0 {
			j = (j + 1) & v.mask
		}
		v.slots[j] = int32(i)
	}
	v.classes, v.index = nil, nil
	return nil
}

// lookup finds the entry of the word w with hash h (nil when unknown).
func (v *vocab) lookup(w []byte, h uint64) *entry {
	for j := h & v.mask; ; j = (j + 1) & v.mask {
		k := v.slots[j]
		if k < 0 {
			return nil
		}
		e := &v.entries[k]
		if e.hash == h && e.word == string(w) {
			return e
		}
	}
}

// expandWords splits a space-separated word list and expands braces: "rule{,s}" gives
// "rule" and "rules"; one brace group per word.
func expandWords(list string) []string {
	var out []string
	for _, w := range strings.Fields(list) {
		open := strings.IndexByte(w, '{')
		closing := strings.IndexByte(w, '}')
		if open < 0 || closing < open {
			out = append(out, w)
			continue
		}
		for _, alt := range strings.Split(w[open+1:closing], ",") {
			out = append(out, w[:open]+alt+w[closing+1:])
		}
	}
	return out
}
