package jinja

import (
	"strconv"

	"github.com/nikolalohinski/gonja/v2/tokens"
)

// constants that are not variables.
var literalNames = map[string]bool{"true": true, "false": true, "none": true, "True": true, "False": true, "None": true}

// primary reads an identifier, literal, or parenthesised/list/dict expression. It returns the
// statically known value and the chain its trailers extend (nil for true/false/none).
func (w *walker) primary() (value, *Chain) {
	t := w.cur()
	if ends(t) {
		return value{}, nil
	}
	switch t.Type {
	case tokens.Name:
		w.i++
		if literalNames[t.Val] {
			return value{}, nil
		}
		v, ok := w.vars[t.Val]
		switch {
		case !ok:
			v = value{kind: vRef, str: t.Val}
		case v.kind == vRef:
			// An alias: the chain goes on from the object it names.
			return v, &Chain{Root: v.str, Pos: t.Pos}
		}
		v.lit = false
		return v, &Chain{Root: t.Val, Pos: t.Pos}
	case tokens.String:
		v := w.stringLit()
		if v.built {
			v = w.builtValue(v, t.Pos)
		}
		v.lit = !v.built
		return v, &Chain{Root: "''", Pos: t.Pos}
	case tokens.Integer:
		w.i++
		n, err := strconv.ParseInt(t.Val, 0, 64)
		if err != nil {
			return value{}, &Chain{Root: "0", Pos: t.Pos}
		}
		return num(n), &Chain{Root: "0", Pos: t.Pos}
	case tokens.Float:
		w.i++
		return value{}, &Chain{Root: "0", Pos: t.Pos}
	case tokens.LeftParenthesis:
		w.i++
		items, comma := w.sequence(tokens.RightParenthesis)
		if len(items) == 1 && !comma {
			return items[0], &Chain{Root: "()", Pos: t.Pos}
		}
		return list(items), &Chain{Root: "()", Pos: t.Pos}
	case tokens.LeftBracket:
		w.i++
		items, _ := w.sequence(tokens.RightBracket)
		return list(items), &Chain{Root: "[]", Pos: t.Pos}
	case tokens.LeftBrace:
		w.i++
		items, _ := w.sequence(tokens.RightBrace)
		return dict(items), &Chain{Root: "{}", Pos: t.Pos}
	}
	return value{}, nil
}

// stringLit reads one string literal and any adjacent ones (Jinja2 joins 'a' 'b' into 'ab').
// Once the joined value passes MaxBuiltLen it is unknown and the rest are only skipped.
func (w *walker) stringLit() value {
	var v value
	for n := 0; ; n++ {
		t := w.cur()
		if t == nil || t.Type != tokens.String {
			return v
		}
		w.i++
		switch s, esc := Unescape(t.Val); {
		case n == 0:
			v = str(s, esc)
		case v.kind == vStr:
			v = concat(v, str(s, esc))
			v.built = v.kind == vStr
		}
	}
}

// sequence reads comma-separated items up to closer (arguments, tuples, lists, dicts).
// Keyword argument names are returned as string items too: dict(__globals__=1)|join is a way
// to spell a name without writing it as a string.
func (w *walker) sequence(closer tokens.Type) (items []value, comma bool) {
	if !w.enter() {
		return nil, false
	}
	defer w.leave()
	for {
		t := w.cur()
		switch {
		case ends(t):
			return items, comma
		case t.Type == closer:
			w.i++
			return items, comma
		case t.Type == tokens.Comma:
			comma = true
			w.i++
			continue
		case t.Type == tokens.Colon:
			w.i++
			continue
		case t.Type == tokens.Name && w.at(1) != nil && w.at(1).Type == tokens.Assign:
			items = append(items, value{kind: vStr, str: t.Val, kwarg: true})
			w.i += 2
			continue
		case t.Type == tokens.RightParenthesis || t.Type == tokens.RightBracket || t.Type == tokens.RightBrace:
			return items, comma // unbalanced closer: leave it to the caller
		}
		start := w.i
		items = append(items, w.expr())
		if w.i == start {
			w.i++
		}
	}
}

// postfix reads the trailers after a primary: .attr, [key], (args), |filter(args).
func (w *walker) postfix(v value, c *Chain) value {
	if c == nil {
		return v
	}
	var recv value // the value a method is looked up on
	for {
		t := w.cur()
		if ends(t) {
			w.addChain(c)
			return v
		}
		switch t.Type {
		case tokens.Dot:
			n := w.at(1)
			if n == nil || (n.Type != tokens.Name && n.Type != tokens.Integer) {
				w.i++
				continue
			}
			w.i += 2
			c.Segs = append(c.Segs, Seg{Kind: Attr, Name: n.Val})
			recv, v = v, member(v, n.Val)
		case tokens.LeftBracket:
			w.i++
			v = w.subscript(c, v)
		case tokens.LeftParenthesis:
			w.i++
			args, _ := w.sequence(tokens.RightParenthesis)
			v = w.call(c, recv, args, t.Pos)
			c.Segs = append(c.Segs, Seg{Kind: Call})
		case tokens.Pipe:
			v = w.filter(c, v)
		default:
			w.addChain(c)
			return v
		}
	}
}

// subscript reads [key] or a slice. A key that is a known string is an item lookup by name;
// [::-1] on a known string reverses it.
func (w *walker) subscript(c *Chain, v value) value {
	slice, reverse := w.sliceShape()
	if !slice {
		key := w.expr()
		if t := w.cur(); t != nil && t.Type == tokens.RightBracket {
			w.i++
		}
		if key.kind == vStr {
			c.Segs = append(c.Segs, Seg{Kind: Item, Name: key.str, Built: key.built, Escaped: key.esc})
			return member(v, key.str)
		}
		c.Segs = append(c.Segs, Seg{Kind: Index, Computed: key.kind != vNum})
		if v.kind == vList && key.kind == vNum && key.num >= 0 && key.num < int64(len(v.items)) {
			return v.items[key.num]
		}
		return value{}
	}
	w.sequence(tokens.RightBracket)
	c.Segs = append(c.Segs, Seg{Kind: Index})
	if reverse {
		return w.builtValue(reversed(v), c.Pos)
	}
	return value{}
}

// sliceShape looks ahead (without consuming) for a colon at the top level of the brackets and
// for the exact shape [::-1].
func (w *walker) sliceShape() (slice, reverse bool) {
	shape := ""
	depth := 0
	for k := 0; k < maxLookahead; k++ {
		t := w.at(k)
		if ends(t) {
			return slice, false
		}
		switch t.Type {
		case tokens.LeftBracket, tokens.LeftParenthesis, tokens.LeftBrace:
			depth++
		case tokens.RightParenthesis, tokens.RightBrace:
			depth--
		case tokens.RightBracket:
			if depth == 0 {
				return slice, shape == "::-1"
			}
			depth--
		case tokens.Colon:
			if depth == 0 {
				slice = true
			}
		}
		if depth == 0 && len(shape) < 8 {
			shape += t.Val
		}
	}
	return slice, false
}

// maxLookahead bounds the scan for a slice colon so that nested brackets stay linear.
const maxLookahead = 64

// filter reads |name or |name(args).
func (w *walker) filter(c *Chain, v value) value {
	n := w.at(1)
	if n == nil || n.Type != tokens.Name {
		w.i++
		return value{}
	}
	w.i += 2
	var args []value
	if t := w.cur(); t != nil && t.Type == tokens.LeftParenthesis {
		w.i++
		args, _ = w.sequence(tokens.RightParenthesis)
	}
	w.addName(&w.a.Filters, n.Val, n.Pos)
	if n.Val == "attr" {
		seg := Seg{Kind: AttrFilter, Computed: len(args) == 0 || !args[0].lit}
		if len(args) > 0 && args[0].kind == vStr {
			seg.Name, seg.Built, seg.Escaped = args[0].str, args[0].built, args[0].esc
		}
		c.Segs = append(c.Segs, seg)
		return value{}
	}
	c.Segs = append(c.Segs, Seg{Kind: Filter, Name: n.Val})
	return w.builtValue(applyFilter(n.Val, v, args), n.Pos)
}

// call evaluates a call whose result is a known string (format, join, replace, chr…) and
// records the called name.
func (w *walker) call(c *Chain, recv value, args []value, pos int) value {
	name := c.Root
	if len(c.Segs) > 0 {
		last := c.Segs[len(c.Segs)-1]
		w.addName(&w.a.Calls, last.Name, pos) // "" for a call on a call or an index
		if last.Kind != Attr {
			return value{}
		}
		return w.builtValue(applyMethod(last.Name, recv, args), pos)
	}
	w.addName(&w.a.Calls, name, pos)
	if m := w.macros[name]; m != nil && len(args) > 0 {
		w.expand(m, args)
		return value{}
	}
	return w.builtValue(applyFunc(name, args), pos)
}

// builtValue records a computed string and returns v.
func (w *walker) builtValue(v value, pos int) value {
	if v.kind == vStr {
		v.built = true
		w.addLiteral(&w.a.Built, v.str, pos, v.esc)
	}
	if v.kind == vList {
		for _, it := range v.items {
			if it.kwarg {
				w.addLiteral(&w.a.Built, it.str, pos, false)
			}
		}
	}
	return v
}

// fold applies a binary operator to constants.
func (w *walker) fold(t tokens.Type, a, b value, pos int) value {
	return w.builtValue(applyOp(t, a, b), pos)
}

func (w *walker) addChain(c *Chain) {
	if len(c.Segs) == 0 && !isIdent(c.Root) {
		return
	}
	if w.repeated('c', c.String(), c.Pos) {
		return
	}
	if len(w.a.Chains) >= MaxRecords {
		w.overflow()
		return
	}
	w.a.Chains = append(w.a.Chains, *c)
}

func (w *walker) addName(list *[]Name, name string, pos int) {
	if w.repeated(listTag(list == &w.a.Tags, list == &w.a.Calls), name, pos) {
		return
	}
	if len(*list) >= MaxRecords {
		w.overflow()
		return
	}
	*list = append(*list, Name{Name: name, Pos: pos})
}

func (w *walker) addLiteral(list *[]Literal, s string, pos int, esc bool) {
	if w.repeated('b', s, pos) {
		return
	}
	if len(*list) >= MaxRecords {
		w.overflow()
		return
	}
	*list = append(*list, Literal{Value: s, Pos: pos, Escaped: esc})
}

func (w *walker) overflow() {
	if !w.full {
		w.full = true
		w.a.gap("more than %d chains, names or literals: the rest not recorded", MaxRecords)
	}
}

// isIdent reports whether s is an identifier rather than a literal placeholder.
func isIdent(s string) bool {
	return s != "" && s != "''" && s != "()" && s != "[]" && s != "{}" && s != "0"
}

// member returns the known value of an attribute or item of a namespace or dict literal
// (Jinja's getattr and getitem fall back to each other).
func member(v value, name string) value {
	switch v.kind {
	case vNS:
		return v.attrs[name]
	case vDict:
		return v.get(str(name, false))
	}
	return value{}
}

// repeated reports whether a record was already made at the same position: a loop or macro
// body walked once per binding records what did not change only once. Past the bound on the
// set, records are kept (MaxRecords still caps them).
func (w *walker) repeated(list byte, s string, pos int) bool {
	k := record{list, s, pos}
	if w.seen[k] {
		return true
	}
	if len(w.seen) < 4*MaxRecords {
		w.seen[k] = true
	}
	return false
}

type record struct {
	list byte
	s    string
	pos  int
}

func listTag(tags, calls bool) byte {
	switch {
	case tags:
		return 't'
	case calls:
		return 'k'
	}
	return 'f'
}
