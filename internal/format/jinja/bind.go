package jinja

import (
	"slices"

	"github.com/nikolalohinski/gonja/v2/tokens"
)

// Bounds on walking loop and macro bodies again with their names bound. A payload can take its
// pieces from a loop over a list literal or from macro defaults instead of {% set %}, so those
// bodies are walked once per binding; the budget keeps nested loops and many call sites linear
// in practice and bounded in the worst case.
const (
	maxSteps   = 1 << 17 // tokens walked again (and scanned for block ends) per template
	maxPasses  = 256     // bindings followed per loop
	maxNest    = 16      // loop and macro bodies walked again inside each other
	maxTargets = 64      // names bound by one statement
)

// target is one assignment target: name, ns.attr, or a parenthesised tuple of targets.
type target struct {
	name, attr string
	sub        []target // the targets of a tuple, unpacked even when there is one: (a,)
}

// saved is a name's binding before a statement replaced it.
type saved struct {
	name string
	v    value
	ok   bool
}

// macro is a {% macro %} definition: its parameters, their defaults and its body's tokens.
type macro struct {
	params     []string
	defaults   []value
	start, end int
	active     bool // being walked: a recursive call is not expanded again
}

// targets reads assignment targets: name, ns.attr, a, b and (a, (b, c)). tuple reports a
// comma at the top level, which makes even one target unpack.
func (w *walker) targets() (ts []target, tuple, ok bool) {
	if !w.enter() {
		return nil, false, false
	}
	defer w.leave()
	var out []target
	for len(out) < maxTargets {
		t := w.cur()
		switch {
		case t == nil:
			return nil, false, false
		case t.Type == tokens.LeftParenthesis:
			w.i++
			sub, tup, ok := w.targets()
			if c := w.cur(); !ok || c == nil || c.Type != tokens.RightParenthesis {
				return nil, false, false
			}
			w.i++
			if !tup && len(sub) == 1 {
				out = append(out, sub[0]) // (a) is a
			} else {
				out = append(out, target{sub: sub})
			}
		case t.Type == tokens.Name && t.Val != "in":
			w.i++
			tg := target{name: t.Val}
			if d, n := w.at(0), w.at(1); d != nil && n != nil && d.Type == tokens.Dot && n.Type == tokens.Name {
				tg.attr = n.Val
				w.i += 2
			}
			out = append(out, tg)
		default:
			return nil, false, false
		}
		if c := w.cur(); c == nil || c.Type != tokens.Comma {
			return out, tuple, true
		}
		w.i++
		tuple = true
		if c := w.cur(); c != nil && (c.Type == tokens.RightParenthesis || c.Type == tokens.In ||
			c.Type == tokens.Assign || (c.Type == tokens.Name && c.Val == "in")) {
			return out, tuple, true // a trailing comma: (a,) is a one-element tuple
		}
	}
	return nil, false, false
}

// bind assigns v to targets, unpacking a known list (or string) over a tuple of targets the
// way Python does; what cannot be unpacked leaves the names unknown.
func (w *walker) bind(ts []target, v value, tuple bool) {
	if len(ts) == 1 && !tuple {
		w.assign(ts[0], v)
		return
	}
	items := elems(v)
	if v.kind == vDict || len(items) != len(ts) {
		items = make([]value, len(ts))
	}
	for k, t := range ts {
		w.assign(t, items[k])
	}
}

func (w *walker) assign(t target, v value) {
	switch {
	case t.sub != nil:
		w.bind(t.sub, v, true)
	case t.attr != "":
		// {% set ns.attr = v %}: namespaces are the one object a template can mutate.
		if ns := w.vars[t.name]; ns.kind == vNS && (len(ns.attrs) < MaxRecords || ns.attrs != nil) {
			if _, ok := ns.attrs[t.attr]; ok || len(ns.attrs) < MaxRecords {
				ns.attrs[t.attr] = v
			}
		}
	case v.known() && len(w.vars) < MaxRecords:
		w.vars[t.name] = v
	default:
		delete(w.vars, t.name)
	}
}

// save returns the current bindings of the plain names among ts, for restore.
func (w *walker) save(ts []target) []saved {
	var out []saved
	for _, t := range ts {
		switch {
		case t.sub != nil:
			out = append(out, w.save(t.sub)...)
		case t.attr == "":
			v, ok := w.vars[t.name]
			out = append(out, saved{t.name, v, ok})
		}
	}
	return out
}

func (w *walker) restore(old []saved) {
	for _, s := range slices.Backward(old) {
		if s.ok {
			w.vars[s.name] = s.v
		} else {
			delete(w.vars, s.name)
		}
	}
}

// set reads {% set targets = expr %}. A block set ({% set x %}…{% endset %}) binds nothing.
func (w *walker) set() {
	start := w.i
	ts, tuple, ok := w.targets()
	if c := w.cur(); !ok || c == nil || c.Type != tokens.Assign {
		w.i = start
		return
	}
	w.i++
	v := w.expr()
	if c := w.cur(); c != nil && c.Type == tokens.Comma {
		// An unparenthesised tuple: set a, b = x, y.
		items := []value{v}
		for c := w.cur(); c != nil && c.Type == tokens.Comma && len(items) < maxTargets; c = w.cur() {
			w.i++
			if ends(w.cur()) {
				break
			}
			items = append(items, w.expr())
		}
		v = list(items)
	}
	w.bind(ts, v, tuple)
}

// with reads {% with a = x, b = y %}; the names are restored at {% endwith %}.
func (w *walker) with() {
	var old []saved
	for len(old) < maxTargets {
		n, eq := w.at(0), w.at(1)
		if n == nil || eq == nil || n.Type != tokens.Name || eq.Type != tokens.Assign {
			break
		}
		w.i += 2
		v := w.expr()
		old = append(old, w.save([]target{{name: n.Val}})...)
		w.assign(target{name: n.Val}, v)
		if c := w.cur(); c == nil || c.Type != tokens.Comma {
			break
		}
		w.i++
	}
	if len(w.scopes) < MaxRecords {
		w.scopes = append(w.scopes, old)
	}
}

// loop reads {% for targets in iterable %}. Over a list, string or dict literal the body is
// walked once per element with the targets bound to it; otherwise the targets are unknown and
// the body is walked once by the ordinary walk.
func (w *walker) loop() {
	ts, tuple, ok := w.targets()
	if t := w.cur(); !ok || t == nil || (t.Type != tokens.In && !(t.Type == tokens.Name && t.Val == "in")) {
		w.exprsUntil()
		return
	}
	w.i++
	items := elems(w.expr())
	w.exprsUntil() // a loop filter (if …) or recursive
	start := w.i
	if len(items) > 0 {
		if end := w.bodyEnd(start, "for", "endfor"); end >= 0 {
			old := w.save(ts)
			done := w.again(len(items), start, end, func(k int) { w.bind(ts, items[k], tuple) })
			w.restore(old)
			if done {
				w.i = end
				return
			}
			w.i = start
		}
	}
	w.bind(ts, value{}, tuple)
}

// macro reads {% macro name(params) %}: the body is walked with the parameters bound to their
// defaults, and again at each later call site that passes arguments (expand).
func (w *walker) macro() {
	n, p := w.at(0), w.at(1)
	if n == nil || p == nil || n.Type != tokens.Name || p.Type != tokens.LeftParenthesis {
		w.exprsUntil()
		return
	}
	w.i += 2
	m := &macro{}
	for len(m.params) < maxTargets {
		t := w.cur()
		if t == nil || t.Type != tokens.Name {
			break
		}
		w.i++
		def := value{}
		if c := w.cur(); c != nil && c.Type == tokens.Assign {
			w.i++
			def = w.expr()
		}
		m.params, m.defaults = append(m.params, t.Val), append(m.defaults, def)
		if c := w.cur(); c == nil || c.Type != tokens.Comma {
			break
		}
		w.i++
	}
	w.exprsUntil()
	m.start = w.i
	if m.end = w.bodyEnd(m.start, "macro", "endmacro"); m.end < 0 {
		return
	}
	if len(w.macros) < MaxRecords {
		w.macros[n.Val] = m
	}
	if w.expand(m, nil) {
		w.i = m.end
		return
	}
	w.i = m.start
	for _, t := range paramTargets(m.params) {
		w.assign(t, value{})
	}
}

// expand walks a macro's body with its parameters bound to the call's arguments (positional,
// then keyword) or their defaults, and returns to where the walker was.
func (w *walker) expand(m *macro, args []value) bool {
	if m.active {
		return false
	}
	vals := slices.Clone(m.defaults)
	pos := 0
	for k := 0; k < len(args); k++ {
		if a := args[k]; a.kwarg && k+1 < len(args) {
			if j := slices.Index(m.params, a.str); j >= 0 {
				vals[j] = args[k+1]
			}
			k++
			continue
		}
		if pos < len(vals) {
			vals[pos] = args[k]
		}
		pos++
	}
	ts := paramTargets(m.params)
	old, at := w.save(ts), w.i
	m.active = true
	done := w.again(1, m.start, m.end, func(int) {
		for k, t := range ts {
			w.assign(t, vals[k])
		}
	})
	m.active = false
	w.restore(old)
	w.i = at
	return done
}

func paramTargets(params []string) []target {
	ts := make([]target, len(params))
	for k, p := range params {
		ts[k] = target{name: p}
	}
	return ts
}

// again walks the tokens start..end n times, calling bind(k) before pass k. It reports whether
// at least one pass was made; budget overruns are recorded as gaps.
func (w *walker) again(n, start, end int, bind func(k int)) bool {
	if w.nest >= maxNest {
		w.a.gap("loop and macro bodies nested deeper than %d: inner ones walked unbound", maxNest)
		return false
	}
	passes := 0
	for k := 0; k < n; k++ {
		if k == maxPasses {
			w.a.gap("loop over more than %d constants: only the first %d bound", maxPasses, maxPasses)
			break
		}
		if !w.spend(end - start) {
			break
		}
		bind(k)
		depth := w.depth
		w.i, w.depth = start, 0
		w.nest++
		w.run(end)
		w.nest--
		w.depth = depth
		passes++
	}
	return passes > 0
}

// spend charges n tokens to the budget for walking bodies again.
func (w *walker) spend(n int) bool {
	if w.steps+n > maxSteps {
		w.a.gap("loop and macro bodies walked again past %d tokens: the rest walked unbound", maxSteps)
		w.steps = maxSteps // spent: later loops do not each scan up to the remainder
		return false
	}
	w.steps += n
	return true
}

// bodyEnd returns the index of the {% that ends the block whose body starts at start: the
// matching close tag, or for a loop an else at its level ({% if %} blocks have elses too).
// It returns -1 when there is none or the budget is spent.
func (w *walker) bodyEnd(start int, open, close string) int {
	depth, ifs := 0, 0
	limit := min(len(w.toks), start+maxSteps-w.steps)
	for k := start; k+1 < limit; k++ {
		if w.toks[k].Type != tokens.BlockBegin || w.toks[k+1].Type != tokens.Name {
			continue
		}
		switch w.toks[k+1].Val {
		case open:
			depth++
		case close:
			if depth == 0 {
				return w.charged(start, k)
			}
			depth--
		case "if":
			ifs++
		case "endif":
			ifs = max(ifs-1, 0)
		case "else":
			if depth == 0 && ifs == 0 && open == "for" {
				return w.charged(start, k)
			}
		}
	}
	if limit < len(w.toks) {
		w.spend(maxSteps + 1) // the scan was cut short by the budget: record the gap
	} else {
		w.spend(limit - start)
	}
	return -1
}

func (w *walker) charged(start, end int) int {
	if !w.spend(end - start) {
		return -1
	}
	return end
}
