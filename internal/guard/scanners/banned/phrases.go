package banned

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// phrase is one folded phrase to find: a banned substring (topic < 0) or keyword kw of
// topic.
type phrase struct {
	text      string
	wholeWord bool
	substring int // index in Options.Substrings, or -1
	name      string
	topic     int // index in Options.Topics, or -1
	kw        int // keyword index within the topic
}

// phraseIndex finds many phrases in one pass over folded text. Phrases are indexed by their
// first two bytes, so each text position costs one table load; the (rare) candidates are
// then compared in full.
type phraseIndex struct {
	phrases []phrase
	pair    map[uint16][]int32 // first two bytes → phrases
	filter  [1 << 16 / 64]uint64
	single  [256][]int32 // one-byte phrases
	singles bool
}

func newPhraseIndex(subs []Substring, topics []Topic) (*phraseIndex, error) {
	ix := &phraseIndex{pair: map[uint16][]int32{}}
	for i, s := range subs {
		f := textnorm.Normalize(s.Text)
		if f == "" {
			return nil, fmt.Errorf("unable to ban substring %q: it is empty once normalised", s.Text)
		}
		name := s.Name
		if name == "" {
			name = s.Text
		}
		ix.add(phrase{text: f, wholeWord: s.WholeWord, substring: i, name: name, topic: -1})
	}
	for t, tp := range topics {
		for k, kw := range tp.Keywords {
			f := textnorm.Normalize(kw)
			if f == "" {
				return nil, fmt.Errorf("unable to use keyword %q of topic %q: it is empty once normalised", kw, tp.Name)
			}
			ix.add(phrase{text: f, wholeWord: !tp.Partial, substring: -1, topic: t, kw: k})
		}
	}
	return ix, nil
}

func (ix *phraseIndex) add(p phrase) {
	id := int32(len(ix.phrases))
	ix.phrases = append(ix.phrases, p)
	if len(p.text) == 1 {
		ix.single[p.text[0]] = append(ix.single[p.text[0]], id)
		ix.singles = true
		return
	}
	k := uint16(p.text[0])<<8 | uint16(p.text[1])
	ix.pair[k] = append(ix.pair[k], id)
	ix.filter[k>>6] |= 1 << (k & 63)
}

func (ix *phraseIndex) size() int { return len(ix.phrases) }

// each calls hit for every occurrence of a phrase in the folded text t (respecting
// whole-word constraints), in text order.
func (ix *phraseIndex) each(t string, hit func(p *phrase, start, end int) bool) {
	for i := 0; i < len(t); i++ {
		if ix.singles {
			for _, id := range ix.single[t[i]] {
				if !ix.try(t, i, id, hit) {
					return
				}
			}
		}
		if i+1 >= len(t) {
			break
		}
		k := uint16(t[i])<<8 | uint16(t[i+1])
		if ix.filter[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, id := range ix.pair[k] {
			if !ix.try(t, i, id, hit) {
				return
			}
		}
	}
}

func (ix *phraseIndex) try(t string, i int, id int32, hit func(*phrase, int, int) bool) bool {
	p := &ix.phrases[id]
	end := i + len(p.text)
	if end > len(t) || t[i:end] != p.text {
		return true
	}
	if p.wholeWord && !(wordBoundary(t, i) && wordBoundary(t, end)) {
		return true
	}
	return hit(p, i, end)
}

// wordBoundary reports whether position i of t is not inside a word: the characters on
// both sides are not both letters or digits.
func wordBoundary(t string, i int) bool {
	if i == 0 || i == len(t) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(t[:i])
	after, _ := utf8.DecodeRuneInString(t[i:])
	return !isWord(before) || !isWord(after)
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// matchPhrases reports banned substrings and topics found in the folded text m.
func (sc *Scanner) matchPhrases(seg int, s string, m textnorm.Mapped, out []scanners.Finding) []scanners.Finding {
	var tally *topicTally
	if len(sc.topics) > 0 {
		tally = newTopicTally(sc.topics)
	}
	sc.phrases.each(m.Text, func(p *phrase, start, end int) bool {
		if p.topic >= 0 {
			tally.hit(p.topic, p.kw, start, end)
			return true
		}
		if len(out) >= maxFindings {
			return tally != nil // keep counting topic keywords
		}
		os, oe := m.Span(start, end)
		out = append(out, finding(seg, "substring:"+p.name, 1, s, os, oe, true))
		return true
	})
	if tally != nil {
		out = tally.findings(sc.topics, seg, s, m, out)
	}
	return out
}
