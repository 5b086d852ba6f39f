package injection

import "fmt"

// literals is an Aho-Corasick automaton over bytes, compiled to a full transition table
// with byte classes (only the bytes that occur in some pattern get their own class), so
// matching costs two table reads per input byte whatever the number of patterns.
type literals struct {
	class  [256]uint8
	nclass int
	delta  []uint16  // state*nclass + class -> state
	idle   [256]bool // bytes that leave the start state where it is: skipped in a tight loop
	out    [][]int   // state -> patterns ending here (including via suffix links)
	lens   []int     // pattern -> length in bytes
}

// litHit is one literal match: pattern index and byte span.
type litHit struct {
	pat        int
	start, end int
}

func buildLiterals(pats []string) (*literals, error) {
	m := &literals{lens: make([]int, len(pats))}
	if err := m.assignClasses(pats); err != nil {
		return nil, err
	}
	trie := m.buildTrie(pats)
	if len(trie) >= 1<<16 {
		return nil, fmt.Errorf("literal automaton too large: %d states", len(trie))
	}
	completeTrie(trie, m.nclass)
	m.delta = make([]uint16, len(trie)*m.nclass)
	m.out = make([][]int, len(trie))
	for s, n := range trie {
		for c, t := range n.next {
			m.delta[s*m.nclass+c] = uint16(t)
		}
		m.out[s] = n.out
	}
	for c := range m.idle {
		m.idle[c] = m.delta[m.class[c]] == 0
	}
	return m, nil
}

// assignClasses gives every byte used by a pattern its own class; class 0 is "any byte no
// pattern uses".
func (m *literals) assignClasses(pats []string) error {
	for _, p := range pats {
		if p == "" {
			return fmt.Errorf("empty literal")
		}
		for i := 0; i < len(p); i++ {
			if m.class[p[i]] == 0 {
				m.nclass++
				if m.nclass > 255 {
					return fmt.Errorf("too many byte classes")
				}
				m.class[p[i]] = uint8(m.nclass)
			}
		}
	}
	m.nclass++
	return nil
}

// trieNode is a build-time state: goto edges (-1: none yet) and the patterns ending here.
type trieNode struct {
	next []int32
	out  []int
}

func (m *literals) buildTrie(pats []string) []trieNode {
	newNode := func() trieNode {
		n := trieNode{next: make([]int32, m.nclass)}
		for i := range n.next {
			n.next[i] = -1
		}
		return n
	}
	trie := []trieNode{newNode()}
	for pi, p := range pats {
		s := 0
		for i := 0; i < len(p); i++ {
			c := m.class[p[i]]
			if trie[s].next[c] < 0 {
				trie[s].next[c] = int32(len(trie))
				trie = append(trie, newNode())
			}
			s = int(trie[s].next[c])
		}
		trie[s].out = append(trie[s].out, pi)
		m.lens[pi] = len(p)
	}
	return trie
}

// completeTrie turns the trie into a full automaton, breadth first: a missing edge goes
// where the failure state's edge goes, and outputs of failure states are merged in.
func completeTrie(trie []trieNode, nclass int) {
	fail := make([]int32, len(trie))
	queue := make([]int32, 0, len(trie))
	for c := 0; c < nclass; c++ {
		if t := trie[0].next[c]; t < 0 {
			trie[0].next[c] = 0
		} else {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		trie[s].out = append(trie[s].out, trie[fail[s]].out...)
		for c := 0; c < nclass; c++ {
			t := trie[s].next[c]
			f := trie[fail[s]].next[c]
			if t < 0 {
				trie[s].next[c] = f
				continue
			}
			fail[t] = f
			queue = append(queue, t)
		}
	}
}

// scan appends every match in s to hits (bounded by limit matches).
func (m *literals) scan(s string, hits []litHit, limit int) []litHit {
	state := 0
	for i := 0; i < len(s); i++ {
		if state == 0 { // most text is far from any literal: skip it without the automaton
			for i < len(s) && m.idle[s[i]] {
				i++
			}
			if i == len(s) {
				break
			}
		}
		state = int(m.delta[state*m.nclass+int(m.class[s[i]])])
		if state == 0 {
			continue
		}
		for _, p := range m.out[state] {
			if len(hits) >= limit {
				return hits
			}
			hits = append(hits, litHit{pat: p, start: i + 1 - m.lens[p], end: i + 1})
		}
	}
	return hits
}
