package pycode

import "strings"

// chain is the attribute chain being read: a name, then ".attr", calls and subscripts. Its
// value is the qualified name it resolves to ("os.system", "requests.get().text").
type chain struct {
	live     bool
	val      string
	start    int
	level    int    // index of the frame the chain belongs to
	wantName bool   // the last token was "."
	called   bool   // the chain's last step was a call
	bare     string // the single name the chain consists of, before any "." or call
	builtin  bool   // val came from a builtin's bare name (exec, eval…), which a def can shadow
	afterIn  bool   // the chain follows "in" (a membership test reads no values)
	tricky   bool   // the value was reached through getattr, __import__, sys.modules or a subscript
}

type frameKind uint8

const (
	frameRoot  frameKind = iota // the statement itself
	frameGroup                  // (…), […], {…} that is not a call or subscript, and f-string fields
	frameCall                   // name(…)
	frameSub                    // name[…]
)

// flags summarise what an expression contains; they propagate from inner brackets outwards.
type flags uint16

const (
	fNet     flags = 1 << iota // a network call
	fDecode                    // a decoder call (base64, hex, zlib, codecs)
	fChr                       // chr(): code built from character codes
	fEnv                       // os.environ / os.getenv values
	fEnvDump                   // the whole environment
	fURL                       // a literal URL or IP address
	fCred                      // a credential file path
)

// argState tracks one argument of a frame: whether it is only string literals (and their
// concatenation), or exactly one attribute chain.
type argState struct {
	strs   int
	other  int
	chains int
	chain  string // value of the last chain completed in the argument
	bare   string // that chain when it was a single uncalled name
	bareAt int
	buf    []byte // the literal's text, for the first two arguments
}

func (s *argState) literal() (string, bool) {
	return string(s.buf), s.strs > 0 && s.other == 0 && s.chains == 0
}

func (s *argState) soleChain() (string, bool) {
	return s.chain, s.chains == 1 && s.other == 0 && s.strs == 0
}

// kwargs holds the keyword arguments whose values change what a call does.
type kwargs struct {
	weightsOnly, allowPickle, loader, trustRemote string
}

type frame struct {
	kind   frameKind
	open   string
	callee string // qualified callee (frameCall) or subscripted value (frameSub)
	start  int
	saved  chain // the chain that opened a call or subscript, resumed when it closes
	arg    int
	args   [2]argState
	extra  argState // arguments after the second, tracked only for their shape
	kwWait string   // a keyword argument whose value comes next
	kw     kwargs
	flags  flags
	url    string // the first URL or address literal inside
}

func newFrame(kind frameKind, start int) frame {
	return frame{kind: kind, start: start}
}

func (f *frame) cur() *argState {
	if f.arg < len(f.args) {
		return &f.args[f.arg]
	}
	return &f.extra
}

func (f *frame) setKw(v string) {
	switch f.kwWait {
	case "weights_only":
		f.kw.weightsOnly = v
	case "allow_pickle":
		f.kw.allowPickle = v
	case "Loader":
		f.kw.loader = v
	case "trust_remote_code":
		f.kw.trustRemote = v
	}
	f.kwWait = ""
}

func (a *analyzer) top() *frame { return &a.frames[len(a.frames)-1] }

func (a *analyzer) frameAt(level int) *frame {
	if level >= 0 && level < len(a.frames) {
		return &a.frames[level]
	}
	return a.top()
}

// push opens a call or subscript on the live chain.
func (a *analyzer) push(kind frameKind) {
	ch := a.ch
	a.ch.live = false
	if len(a.frames) >= maxFrames {
		a.overflow++
		return
	}
	f := newFrame(kind, ch.start)
	f.callee, f.saved = ch.val, ch
	a.frames = append(a.frames, f)
}

// pushGroup opens a bracket that is not a call or subscript: a tuple, list, dict, set,
// parenthesised expression or f-string field.
func (a *analyzer) pushGroup(open string, at int) {
	a.other()
	if len(a.frames) >= maxFrames {
		a.overflow++
		return
	}
	f := newFrame(frameGroup, at)
	f.open = open
	a.frames = append(a.frames, f)
}

// pop closes the innermost bracket: a call is evaluated, a subscript resolved, and a
// parenthesised single chain ("(os).system") resumes as a chain.
func (a *analyzer) pop() {
	if a.overflow > 0 {
		a.overflow--
		return
	}
	if len(a.frames) <= 1 {
		return // unbalanced closer
	}
	f := a.frames[len(a.frames)-1]
	a.frames = a.frames[:len(a.frames)-1]
	parent := a.top()
	parent.flags |= f.flags
	if parent.url == "" {
		parent.url = f.url
	}
	switch f.kind {
	case frameCall:
		res, fl := a.call(&f)
		parent.flags |= fl
		a.resume(f.saved, res, true, res != f.callee+"()")
	case frameSub:
		res := a.subscript(f.callee, &f.args[0])
		a.resume(f.saved, res, false, !strings.HasSuffix(res, "[]"))
	case frameGroup:
		if v, ok := f.args[0].soleChain(); ok && f.open == "(" && f.arg == 0 {
			a.ch = chain{live: true, val: v, start: f.start, level: len(a.frames) - 1}
		}
	}
}

func (a *analyzer) resume(ch chain, val string, called, tricky bool) {
	ch.live, ch.val, ch.called, ch.wantName, ch.bare, ch.builtin = true, cutText(val, maxName), called, false, "", false
	ch.tricky = ch.tricky || tricky
	a.ch = ch
}

// subscript resolves name lookups through mappings: sys.modules["os"], __builtins__["exec"],
// globals()["__builtins__"], vars(os)["system"].
func (a *analyzer) subscript(base string, arg *argState) string {
	key, ok := arg.literal()
	if !ok {
		return base + "[]"
	}
	switch {
	case base == "sys.modules":
		return key
	case base == "globals()" && key == "__builtins__":
		return "builtins"
	case base == "globals()":
		v, _ := a.resolve(key)
		return v
	case base == "builtins" || base == "builtins.__dict__":
		return "builtins." + key
	case len(base) > len(".__dict__") && base[len(base)-len(".__dict__"):] == ".__dict__":
		return base[:len(base)-len(".__dict__")] + "." + key
	}
	return base + "[]"
}

func (a *analyzer) op(t Token) {
	switch t.Text {
	case "(", "[", "{", "f(":
		a.pushGroup(t.Text, t.Start)
	case ")", "]", "}", "f)":
		a.pop()
	case ",":
		f := a.top()
		f.arg++
		f.kwWait = ""
		if f.arg >= len(f.args) {
			f.extra = argState{}
		}
	case "=":
		a.assign()
	case ";":
		a.endStatement()
	case "+":
		// concatenation keeps an argument literal: "o" + "s"
	default:
		a.other()
	}
}

// maxAliases bounds the names tracked from imports and assignments.
const maxAliases = 10_000

// assign handles "=": a keyword argument inside a call, or "name = …" at statement level
// (a simple alias such as "sp = subprocess" or "run = os.system").
func (a *analyzer) assign() {
	f := a.top()
	arg := f.cur()
	single := arg.bare != "" && arg.chains == 1 && arg.other == 0 && arg.strs == 0
	switch {
	case single && f.kind == frameCall:
		f.kwWait = arg.bare
		arg.other++
	case single && f.kind == frameRoot && f.arg == 0:
		a.assignTo = arg.bare
		if a.column0(arg.bareAt) {
			a.defs[arg.bare] = true
		}
		f.args[0] = argState{}
	default:
		a.other()
	}
}

// endStatement records a simple alias and resets statement-level state.
func (a *analyzer) endStatement() {
	if a.imp.active {
		a.bindImport()
	}
	root := &a.frames[0]
	if a.assignTo != "" && len(a.frames) == 1 {
		if v, ok := root.args[0].soleChain(); ok && v != a.assignTo && len(a.aliases) < maxAliases {
			a.aliases[a.assignTo] = v
		} else {
			delete(a.aliases, a.assignTo)
		}
	}
	a.assignTo = ""
	a.imp = importState{}
	*root = newFrame(frameRoot, 0)
}

// str accounts a string literal in the current argument and checks its text.
func (a *analyzer) str(t Token) {
	f := a.top()
	arg := f.cur()
	arg.strs++
	if f.arg < len(f.args) && arg.other == 0 && arg.chains == 0 && len(arg.buf) < MaxLiteral {
		arg.buf = append(arg.buf, t.Text[:min(len(t.Text), MaxLiteral-len(arg.buf))]...)
	}
	if f.kwWait != "" {
		f.setKw(t.Text)
	}
	a.strPending = true
	if !t.Stmt {
		a.literal(t, f)
	}
}
