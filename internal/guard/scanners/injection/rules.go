package injection

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// literalDef is a literal string looked for in the normalised text (markup tokens, jailbreak
// tags). Its match is a finding on its own.
type literalDef struct {
	text   string
	kind   string
	weight float64
}

// ruleSet is the compiled rule base: word grammar, literal automaton and finding kinds.
type ruleSet struct {
	g        *grammar
	lit      *literals
	litKinds []int     // literal pattern -> kind id, -1 for CJK word literals
	litWords []uint16  // literal pattern -> vocabulary id (CJK word literals)
	litW     []float64 // literal pattern -> weight
	kinds    []string  // kind id -> name
	patKind  []int     // grammar pattern -> kind id
	urlKind  int       // kind id of kindExfilURL
	// markOf maps a kind id to its marker index, -1 for kinds that are evidence. Markers
	// (markerKinds) are phrases that only count in a context the scanner checks afterwards
	// (a promise about every reply counts inside a forged assistant turn): their hits go to
	// scratch.marks, never into the evidence.
	markOf []int
}

// markerKinds are the pattern kinds recorded as markers; their index is the marker's.
var markerKinds = [...]string{kindCommitment, kindContinue}

const (
	markCommitment = iota
	markContinue
)

// hit is the best evidence found for one kind.
type hit struct {
	weight     float64
	start, end int // byte span in the analysed text
}

// Bounds on the work one analysed text may cause.
const (
	maxLiteralHits   = 512
	maxPatternTrials = 8192
)

func compileRules(classes []classDef, pats []patternDef, lits []literalDef) (*ruleSet, error) {
	g, err := compileGrammar(classes, pats, reversedWords)
	if err != nil {
		return nil, err
	}
	for _, w := range reversedWords {
		if e := g.voc.lookup([]byte(w), fnv(w)); e != nil {
			e.rev = true
		}
	}
	rs := &ruleSet{g: g}
	kindID := map[string]int{}
	id := func(k string) int {
		if i, ok := kindID[k]; ok {
			return i
		}
		kindID[k] = len(rs.kinds)
		rs.kinds = append(rs.kinds, k)
		return len(rs.kinds) - 1
	}
	for _, p := range g.patterns {
		rs.patKind = append(rs.patKind, id(p.kind))
	}
	var texts []string
	for _, l := range lits {
		if l.weight <= 0 || l.weight > 1 || l.text == "" || l.kind == "" {
			return nil, fmt.Errorf("bad literal %+v", l)
		}
		texts = append(texts, l.text)
		rs.litKinds = append(rs.litKinds, id(l.kind))
		rs.litWords = append(rs.litWords, 0)
		rs.litW = append(rs.litW, l.weight)
	}
	// Vocabulary words in scripts without spaces are found by the automaton.
	for i := 1; i < len(g.voc.entries); i++ {
		e := &g.voc.entries[i]
		if hasCJK(e.word) {
			texts = append(texts, e.word)
			rs.litKinds = append(rs.litKinds, -1)
			rs.litWords = append(rs.litWords, e.id)
			rs.litW = append(rs.litW, 0)
		}
	}
	rs.urlKind = id(kindExfilURL)
	rs.markOf = make([]int, len(rs.kinds))
	for k, name := range rs.kinds {
		rs.markOf[k] = -1
		for m, mk := range markerKinds {
			if name == mk {
				rs.markOf[k] = m
			}
		}
	}
	if rs.lit, err = buildLiterals(texts); err != nil {
		return nil, err
	}
	return rs, nil
}

func hasCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// scratch holds the per-call buffers; it is pooled by the scanner.
type scratch struct {
	toks, words, cjk []token
	sents            []int32
	lits             []litHit
	howto, question  []bool
	best             []hit
	marks            [len(markerKinds)]hit // marker hits (markerKinds), by marker index
	turns            []turn
	replies          []uint64 // reply hashes of the transcript rules
	reversed         int      // tokens that are trigger words spelled backwards
	// norm is the memory of the window's mapped normalisation; the offsets it holds are
	// only used while that window is scanned.
	norm textnorm.MapBuffers
}

// analyze runs every rule over the normalised text s and leaves, in sc.best, the strongest
// hit per kind (weight 0 when the kind did not fire).
func (rs *ruleSet) analyze(s string, sc *scratch) {
	if cap(sc.best) < len(rs.kinds) {
		sc.best = make([]hit, len(rs.kinds))
	}
	sc.best = sc.best[:len(rs.kinds)]
	clear(sc.best)
	sc.marks = [len(markerKinds)]hit{}
	sc.words, sc.sents, sc.question = rs.g.tokenize(s, sc.words[:0], sc.sents[:0], sc.question[:0])
	sc.lits = rs.lit.scan(s, sc.lits[:0], maxLiteralHits)
	sc.cjk = sc.cjk[:0]
	for _, h := range sc.lits {
		if k := rs.litKinds[h.pat]; k >= 0 {
			if !midWord(s, h.start) {
				sc.note(k, rs.litW[h.pat], h.start, h.end)
			}
			continue
		}
		e := &rs.g.voc.entries[rs.litWords[h.pat]]
		sc.cjk = append(sc.cjk, token{start: int32(h.start), end: int32(h.end), cls: e.cls, id: e.id,
			sent: sentenceOf(sc.sents, int32(h.start)), cjk: true})
	}
	toks := sc.words
	if len(sc.cjk) > 0 {
		sc.toks = mergeTokens(sc.toks, sc.words, sc.cjk)
		toks = sc.toks
	}
	sc.howto = rs.g.howToSentences(toks, sc.howto)
	rs.matchPatterns(toks, sc)
	if w, a, b := exfilURL(s); w > 0 {
		sc.note(rs.urlKind, w, a, b)
	}
}

// midWord reports a literal that starts with a letter right after another letter ("jordan:"
// does not contain the tag "dan:").
func midWord(s string, start int) bool {
	return start > 0 && isWordByteStart(s[start]) && s[start] < utf8.RuneSelf && isWordByteStart(s[start-1]) && s[start-1] < utf8.RuneSelf
}

func (sc *scratch) note(kind int, w float64, start, end int) {
	if w > sc.best[kind].weight {
		sc.best[kind] = hit{weight: w, start: start, end: end}
	}
}

// matchPatterns tries, at every token, the patterns that can start with it.
func (rs *ruleSet) matchPatterns(toks []token, sc *scratch) {
	g := rs.g
	trials := 0
	sc.reversed = 0
	for i := range toks {
		if toks[i].id == 0 {
			continue
		}
		e := &g.voc.entries[toks[i].id]
		if e.rev {
			sc.reversed++
		}
		for _, pi := range e.starts {
			p := &g.patterns[pi]
			k := rs.patKind[pi]
			best := &sc.best[k]
			if m := rs.markOf[k]; m >= 0 {
				best = &sc.marks[m]
			}
			if p.weight <= best.weight {
				continue
			}
			if trials++; trials > maxPatternTrials {
				return
			}
			last, ok := g.matchAt(toks, i, p)
			if !ok || g.blocked(toks, i, last, p) {
				continue
			}
			w := p.weight
			if p.flags&flagHowTo != 0 && sc.howto[toks[i].sent] || (toks[i].quoted || p.flags&flagStatement != 0) && sc.question[toks[i].sent] {
				w /= 2 // a how-to question, or a quoted phrase being asked about: a mention, not a use
			}
			if w > best.weight {
				*best = hit{weight: w, start: int(toks[i].start), end: int(toks[last].end)}
			}
		}
	}
}

// score combines the kinds that fired with a noisy-OR: independent pieces of evidence
// reinforce each other, one strong piece is enough.
func score(best []hit) float64 {
	miss := 1.0
	for _, h := range best {
		miss *= 1 - h.weight
	}
	return 1 - miss
}

// checkRules validates the rule tables: every literal is already normalised, so that it can
// match normalised text.
func checkRules(lits []literalDef, norm func(string) string) error {
	for _, l := range lits {
		if n := norm(l.text); n != l.text {
			return fmt.Errorf("literal %q is not normalised (%q)", l.text, n)
		}
		if !utf8.ValidString(l.text) || strings.TrimSpace(l.text) != l.text {
			return fmt.Errorf("literal %q has invalid UTF-8 or outer space", l.text)
		}
	}
	return nil
}
