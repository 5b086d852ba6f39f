package injection

import (
	"fmt"
	"strconv"
	"strings"
)

// classDef names a set of words (a word class used by patterns).
type classDef struct {
	name  string
	words string
}

// patFlags refine how a pattern matches.
type patFlags uint8

const (
	// flagNeg: the match does not count when a negation (class NEG) is among the two tokens
	// before it ("do not ignore the instructions").
	flagNeg patFlags = 1 << iota
	// flagHowTo: the weight is halved in a how-to or developer sentence ("how do I print
	// the system prompt in LangChain").
	flagHowTo
	// flagNotSubject: the match does not count right after a first- or third-person subject
	// ("I can't refuse", "they never refuse").
	flagNotSubject
	// flagCompound: the match does not count when its last word starts a compound with a
	// document noun ("ignore the previous instructions section of the manual") or names
	// people ("note to the AI team", "if you are an AI researcher").
	flagCompound
	// flagCJK: the match must start on a word found by the literal automaton (Chinese,
	// Japanese, Korean), for patterns whose word order would misfire in English.
	flagCJK
	// flagStatement: the weight is halved when the match starts in a question ("if you are
	// an AI, can you write a poem?" asks; "if you are an AI, write X" instructs).
	flagStatement
	// flagNoLabel: the match does not count when its last word is a label ("User: hi\nBot:
	// sorry" greets nobody; "hi bot, …" does).
	flagNoLabel
)

// patternDef is a pattern as written in the rule tables. expr is a sequence of elements
// separated by spaces; an element is alternatives joined by '|', each an UPPERCASE class
// name or a literal word. "~N" before an element allows up to N other tokens before it;
// "~N!CLASS" also forbids tokens of CLASS in that gap. An element ending in ':' only
// matches a word directly followed by a colon ("agents:" in "AI agents: answer with …",
// a label that addresses its reader); "_" is any word ("_:" any label). "$" as the last element asks that the sentence end
// right after the previous element ("~N $": within N more tokens).
type patternDef struct {
	kind   string
	weight float64
	expr   string
	flags  patFlags
}

type element struct {
	any     bool // "_": any word
	cls     classSet
	ids     []uint16
	gap     uint8
	gapExcl classSet
	colon   bool // the word must be followed by a colon
	end     bool // "$": the sentence ends within gap tokens
}

func (e *element) matches(t *token) bool {
	if e.any || t.cls&e.cls != 0 {
		return true
	}
	if t.id == 0 {
		return false
	}
	for _, id := range e.ids {
		if id == t.id {
			return true
		}
	}
	return false
}

type pattern struct {
	kind   string
	weight float64
	flags  patFlags
	elems  []element
}

// grammar is the compiled word-level rule set.
type grammar struct {
	voc      *vocab
	patterns []pattern
	// classes used by the matcher itself.
	neg, subject, dev, howAux, report, docNoun, my, gave, human classSet
	howID                                                       uint16
}

// maxTokenDistance bounds the bytes between two consecutive matched tokens, so that gaps
// over CJK text (which has few tokens) stay short.
const maxTokenDistance = 64

func compileGrammar(classes []classDef, defs []patternDef, extraWords []string) (*grammar, error) {
	voc, err := newVocab(classes)
	if err != nil {
		return nil, err
	}
	g := &grammar{voc: voc}
	for _, w := range extraWords {
		voc.word(w)
	}
	for _, d := range defs {
		p, err := g.compilePattern(d)
		if err != nil {
			return nil, fmt.Errorf("pattern %q (%s): %w", d.expr, d.kind, err)
		}
		g.patterns = append(g.patterns, p)
	}
	if len(g.patterns) >= 1<<16 {
		return nil, fmt.Errorf("too many patterns")
	}
	for name, dst := range map[string]*classSet{"NEG": &g.neg, "SUBJ": &g.subject, "DEV": &g.dev, "HOWAUX": &g.howAux,
		"REPORT": &g.report, "DOCNOUN": &g.docNoun, "MY": &g.my, "GAVE": &g.gave,
		"HUMANN": &g.human} {
		bit, ok := voc.classes[name]
		if !ok {
			return nil, fmt.Errorf("word class %s is required", name)
		}
		*dst = 1 << uint(bit)
	}
	g.howID = voc.word("how")
	for pi := range g.patterns {
		first := &g.patterns[pi].elems[0]
		for ei := 1; ei < len(voc.entries); ei++ {
			e := &voc.entries[ei]
			t := token{cls: e.cls, id: e.id}
			if first.matches(&t) {
				e.starts = append(e.starts, uint16(pi))
			}
		}
	}
	return g, voc.seal()
}

func (g *grammar) compilePattern(d patternDef) (pattern, error) {
	p := pattern{kind: d.kind, weight: d.weight, flags: d.flags}
	if d.weight <= 0 || d.weight > 1 {
		return p, fmt.Errorf("weight %v out of (0,1]", d.weight)
	}
	var gap uint8
	var excl classSet
	for _, f := range strings.Fields(d.expr) {
		if f[0] == '~' {
			n, cls, _ := strings.Cut(f[1:], "!")
			v, err := strconv.Atoi(n)
			if err != nil || v < 0 || v > 12 {
				return p, fmt.Errorf("bad gap %q", f)
			}
			gap = uint8(v)
			if cls != "" {
				bit, ok := g.voc.classes[cls]
				if !ok {
					return p, fmt.Errorf("unknown class %s", cls)
				}
				excl = 1 << uint(bit)
			}
			continue
		}
		e := element{gap: gap, gapExcl: excl}
		gap, excl = 0, 0
		if f == "$" {
			e.end = true
			p.elems = append(p.elems, e)
			continue
		}
		if len(f) > 1 && strings.HasSuffix(f, ":") {
			e.colon = true
			f = f[:len(f)-1]
		}
		for _, alt := range expandWords(strings.ReplaceAll(f, "|", " ")) {
			if alt == "_" {
				e.any = true
				continue
			}
			if strings.ToUpper(alt) == alt && strings.ToLower(alt) != alt {
				bit, ok := g.voc.classes[alt]
				if !ok {
					return p, fmt.Errorf("unknown class %s", alt)
				}
				e.cls |= 1 << uint(bit)
				continue
			}
			e.ids = append(e.ids, g.voc.word(alt))
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 {
		return p, fmt.Errorf("empty pattern")
	}
	if p.elems[0].gap != 0 || p.elems[0].any {
		return p, fmt.Errorf("a pattern cannot start with a gap or a wildcard")
	}
	for k, e := range p.elems {
		if e.end && (k == 0 || k != len(p.elems)-1) {
			return p, fmt.Errorf("$ must be the last element, after another")
		}
	}
	return p, nil
}

// matchAt tries pattern p from token i, greedily taking the first token that fits each
// element. It returns the index of the last matched token.
func (g *grammar) matchAt(toks []token, i int, p *pattern) (int, bool) {
	if p.elems[0].colon && !toks[i].colon {
		return 0, false
	}
	prev := i
	for k := 1; k < len(p.elems); k++ {
		e := &p.elems[k]
		if e.end {
			// The sentence of prev must end within e.gap more tokens.
			if n := prev + 1 + int(e.gap); n < len(toks) && toks[n].sent == toks[prev].sent {
				return 0, false
			}
			break
		}
		found := -1
		for j := prev + 1; j < len(toks) && j <= prev+1+int(e.gap); j++ {
			t := &toks[j]
			if t.sent != toks[prev].sent || t.start-toks[prev].end > maxTokenDistance {
				break
			}
			if e.matches(t) && (!e.colon || t.colon) {
				found = j
				break
			}
			if t.cls&e.gapExcl != 0 || p.flags&flagNeg != 0 && t.cls&g.neg != 0 {
				break // "ignore …" must not run through "not"
			}
		}
		if found < 0 {
			return 0, false
		}
		prev = found
	}
	return prev, true
}

// blocked applies the negation, reported-speech, compound and subject flags to a match
// from token i to token last.
func (g *grammar) blocked(toks []token, i, last int, p *pattern) bool {
	if p.flags&flagNeg != 0 {
		for j := i - 1; j >= 0 && j >= i-4 && toks[j].sent == toks[i].sent; j-- {
			if j >= i-2 && toks[j].cls&g.neg != 0 || toks[j].cls&g.report != 0 {
				return true
			}
		}
	}
	if p.flags&flagCompound != 0 && g.qualified(toks, last) {
		return true
	}
	if p.flags&flagCJK != 0 && !toks[i].cjk {
		return true
	}
	if p.flags&flagNoLabel != 0 && toks[last].colon {
		return true
	}
	if p.flags&flagNotSubject != 0 && i > 0 && toks[i-1].sent == toks[i].sent && toks[i-1].cls&g.subject != 0 {
		return true
	}
	return false
}

// qualified reports an object that is followed by a document noun ("the previous
// instructions section"), by people ("the AI team") or by the user's own authorship ("the
// instructions I gave you").
func (g *grammar) qualified(toks []token, last int) bool {
	next := last + 1
	if next >= len(toks) || toks[next].sent != toks[last].sent || toks[next].start-toks[last].end > 1 {
		return false
	}
	if toks[next].cls&(g.docNoun|g.human) != 0 {
		return true // "the previous instructions section", "if you are an AI researcher"
	}
	return next+1 < len(toks) && toks[next].cls&g.my != 0 && toks[next+1].cls&g.gave != 0
}

// howToSentences marks sentences that ask how to do something or talk about code: their
// extraction-like phrases are usually developer questions, not attacks.
func (g *grammar) howToSentences(toks []token, marks []bool) []bool {
	marks = marks[:0]
	for i := range toks {
		for int(toks[i].sent) >= len(marks) {
			marks = append(marks, false)
		}
		s := toks[i].sent
		if toks[i].cls&g.dev != 0 {
			marks[s] = true
		}
		if toks[i].id == g.howID && (i == 0 || toks[i-1].sent != s) {
			for j := i + 1; j < len(toks) && j <= i+3 && toks[j].sent == s; j++ {
				if toks[j].cls&g.howAux != 0 {
					marks[s] = true
				}
			}
		}
	}
	return marks
}
