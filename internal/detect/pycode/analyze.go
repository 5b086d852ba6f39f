package pycode

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
)

// Hit is one dangerous use found in Python source: the first occurrence of a rule for one name.
type Hit struct {
	Rule   finding.Rule
	Name   string // what was used: a qualified name ("os.system") or an idiom ("shell command")
	What   string // short description for evidence, e.g. "calls os.system"
	Offset int    // byte offset of the first occurrence
	Count  int    // occurrences in the file
	Line   int    // 1-based line of Offset
	Text   string // that source line, trimmed and cut
}

// Evidence renders the hit for a finding.
func (h Hit) Evidence() string {
	s := fmt.Sprintf("%s at line %d: %s", h.What, h.Line, h.Text)
	if h.Count > 1 {
		s += fmt.Sprintf(" (%d times)", h.Count)
	}
	return s
}

// maxNested bounds how deep exec("…") literals are analysed as code themselves.
const maxNested = 2

// maxNestedRuns bounds how many exec("…") literals of one file are analysed as code; a file
// with more is reported as dynamic execution instead.
const maxNestedRuns = 256

// maxFrames bounds tracked bracket nesting (f-string fields count as brackets here). CPython
// refuses source nested deeper than 200 brackets or 150 f-string levels, so nothing that
// imports can hide a call below this.
const maxFrames = 512

// maxName bounds qualified names kept while resolving attribute chains.
const maxName = 256

// Analyze finds dangerous calls and idioms in Python source. It reads the source once as a
// token stream (bounded memory whatever the size), resolves imports, aliases, getattr and
// __import__ tricks to qualified names, and reports each rule once per name, with the count.
func Analyze(src string) []Hit {
	runs := maxNestedRuns
	a := newAnalyzer(src, 0, map[string]string{}, &runs)
	a.run()
	return a.result()
}

type hitKey struct{ rule, name string }

// fileFacts are file-wide observations combined at the end (two-step payloads).
type fileFacts struct {
	net, decode, envDump, cred, socket int // offset of the first occurrence, -1 if none
	execPending                        []pending
	dup2                               []int
}

type analyzer struct {
	src        string
	nest       int
	aliases    map[string]string // local name -> qualified name (imports and simple assignments)
	stars      []string          // modules imported with "from m import *"
	defs       map[string]bool   // module-level names bound by def, class or assignment
	frames     []frame
	overflow   int
	ch         chain
	strPending bool
	imp        importState
	prevText   string // text of the previous token ("\n" for NEWLINE)
	prevStart  int    // offset of the previous token
	assignTo   string // root-level "name =" target of the current statement
	hits       map[hitKey]*Hit
	shadow     map[hitKey]string // hits found through a bare builtin name that a def may shadow
	file       fileFacts
	runs       *int // nested analyses left for the whole file (shared with nested analyzers)
}

func newAnalyzer(src string, nest int, aliases map[string]string, runs *int) *analyzer {
	a := &analyzer{src: src, nest: nest, aliases: aliases, defs: map[string]bool{}, runs: runs,
		hits: map[hitKey]*Hit{}, shadow: map[hitKey]string{}, prevText: "\n"}
	a.file = fileFacts{net: -1, decode: -1, envDump: -1, cred: -1, socket: -1}
	a.frames = append(a.frames, newFrame(frameRoot, 0))
	return a
}

func (a *analyzer) run() {
	lx := NewLexer(a.src)
	for t, ok := lx.Next(); ok; t, ok = lx.Next() {
		a.feed(t)
		switch {
		case t.Kind == TokNewline:
			a.prevText, a.prevStart = "\n", t.Start
		case t.Kind == TokString:
			a.prevText, a.prevStart = `"`, t.Start
		case !t.Synthetic:
			a.prevText, a.prevStart = t.Text, t.Start
		}
	}
	if a.ch.live {
		a.endChain()
	}
	a.endStatement()
	a.combine()
}

func (a *analyzer) feed(t Token) {
	if a.imp.active && a.importToken(t) {
		return
	}
	if a.ch.live && a.continueChain(t) {
		return
	}
	if a.strPending {
		a.strPending = false
		if t.Kind == TokOp && t.Text == "." && !t.Synthetic {
			// "".join(…), "…".decode(…): a method call on a literal is an expression.
			a.top().cur().other++
			a.ch = chain{live: true, val: "str", start: t.Start, level: len(a.frames) - 1, wantName: true}
			return
		}
	}
	switch t.Kind {
	case TokName:
		a.name(t)
	case TokString:
		a.str(t)
	case TokNumber:
		a.other()
	case TokNewline:
		a.endStatement()
	case TokOp:
		a.op(t)
	}
}

// continueChain extends a live attribute chain with ".name", "(" or "[", or ends it. It
// returns true when the token was consumed.
func (a *analyzer) continueChain(t Token) bool {
	if a.ch.wantName {
		a.ch.wantName = false
		if t.Kind == TokName && !keywords[t.Text] {
			a.ch.val = extend(a.ch.val, t.Text)
			a.ch.called, a.ch.bare, a.ch.builtin = false, "", false
			return true
		}
		a.endChain()
		return false
	}
	if t.Kind == TokOp && !t.Synthetic {
		switch t.Text {
		case ".":
			a.ch.wantName = true
			return true
		case "(":
			a.push(frameCall)
			return true
		case "[":
			a.push(frameSub)
			return true
		}
	}
	a.endChain()
	return false
}

func extend(val, name string) string {
	if len(val)+1+len(name) > maxName {
		return val
	}
	return val + "." + name
}

// keywords are Python's reserved words (True, False and None are values; the rest never start
// an attribute chain).
var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// builtinNames maps the builtins whose bare names matter to their qualified names.
var builtinNames = qualify("builtins.", "exec", "eval", "compile", "execfile", "__import__", "open", "getattr",
	"setattr", "delattr", "globals", "vars", "locals", "chr", "breakpoint", "input")

func qualify(prefix string, names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = prefix + n
	}
	return m
}

func (a *analyzer) name(t Token) {
	switch {
	case a.prevText == "def" || a.prevText == "class":
		if a.column0(a.prevStart) {
			a.defs[t.Text] = true
		}
		a.other()
	case t.Text == "import":
		a.imp = importState{active: true}
	case t.Text == "from" && a.stmtStart():
		a.imp = importState{active: true, from: true}
	case t.Text == "True" || t.Text == "False" || t.Text == "None":
		a.kwValue(t.Text)
		a.other()
	case keywords[t.Text] || a.prevText == ".":
		a.other() // an operator word, or an attribute of something that is not a tracked chain
	default:
		a.startChain(t)
	}
}

// column0 reports whether the token at offset at starts its line: a def, class or assignment
// there binds a module-level name (a method named eval does not shadow the builtin).
func (a *analyzer) column0(at int) bool {
	return at <= 0 || at <= len(a.src) && a.src[at-1] == '\n'
}

func (a *analyzer) stmtStart() bool {
	return len(a.frames) == 1 && (a.prevText == "\n" || a.prevText == ";" || a.prevText == ":")
}

func (a *analyzer) startChain(t Token) {
	val, builtin := a.resolve(t.Text)
	a.top().cur().chains++
	a.ch = chain{live: true, val: val, start: t.Start, level: len(a.frames) - 1, bare: t.Text, builtin: builtin,
		afterIn: a.prevText == "in"}
}

// resolve maps a bare name to the qualified name it is bound to.
func (a *analyzer) resolve(name string) (string, bool) {
	if q, ok := a.aliases[name]; ok {
		return q, false
	}
	if name == "__builtins__" || name == "__builtin__" {
		return "builtins", false
	}
	if q, ok := builtinNames[name]; ok {
		return q, true
	}
	for _, m := range a.stars {
		if Classify(m+"."+name) != None {
			return m + "." + name, false
		}
	}
	return name, false
}

// endChain completes the live chain: it is recorded in its frame (for literal, getattr and
// keyword-argument tracking) and, when not called, checked as a reference.
func (a *analyzer) endChain() {
	ch := a.ch
	a.ch.live = false
	f := a.frameAt(ch.level)
	arg := f.cur()
	arg.chain = ch.val
	arg.bare = ""
	if !ch.called && ch.bare != "" {
		arg.bare, arg.bareAt = ch.bare, ch.start
	}
	if f.kwWait != "" {
		f.setKw(ch.val)
	}
	if ch.called {
		return
	}
	switch Classify(ch.val) {
	case Decoder: // map(chr, codes), map(base64.b64decode, parts)
		if ch.val == "builtins.chr" {
			f.flags |= fChr
		} else {
			f.flags |= fDecode
		}
	case Env:
		f.flags |= fEnv
		if Canonical(ch.val) == "os.environ" && !ch.afterIn && (f.kind == frameCall || f.kind == frameGroup) {
			// The whole environment handed to a call or copied into a container.
			f.flags |= fEnvDump
			a.envDump(ch.start)
		}
	case Process:
		a.hit(RuleProcess, ch.val, "references "+nameMark, ch.start, "")
	case Loader, DeserBytes:
		a.hit(RuleDynamic, ch.val, "references "+nameMark, ch.start, "")
	case Exec, Import:
		if !ch.builtin {
			a.hit(RuleDynamic, ch.val, "references "+nameMark, ch.start, "")
		}
	}
}

func (a *analyzer) other() {
	arg := a.top().cur()
	arg.other++
	a.kwValue("")
}

// kwValue records a keyword argument's value when one is awaited at the current level.
func (a *analyzer) kwValue(v string) {
	if f := a.top(); f.kwWait != "" {
		f.setKw(v)
	}
}

// nameMark stands for the hit's name in a description; it is expanded only for the first
// occurrence, so that repeated calls cost no allocation.
const nameMark = "\x00"

// hit records one occurrence of a rule for a name; what describes it (see nameMark).
func (a *analyzer) hit(r finding.Rule, name, what string, at int, shadow string) {
	name = cutText(name, 100)
	k := hitKey{r.ID, name}
	if h, ok := a.hits[k]; ok {
		h.Count++
		return
	}
	a.hits[k] = &Hit{Rule: r, Name: name, What: strings.ReplaceAll(what, nameMark, name), Offset: at, Count: 1}
	if shadow != "" {
		a.shadow[k] = shadow
	}
}

// result returns the hits in source order, with line numbers and text, dropping hits found
// through a builtin name that the module redefines.
func (a *analyzer) result() []Hit {
	out := make([]Hit, 0, len(a.hits))
	for k, h := range a.hits {
		if s, ok := a.shadow[k]; ok && a.defs[s] {
			continue
		}
		h.Line, h.Text = Line(a.src, h.Offset)
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Offset != out[j].Offset {
			return out[i].Offset < out[j].Offset
		}
		return out[i].Rule.ID < out[j].Rule.ID
	})
	return out
}
