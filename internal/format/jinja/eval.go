package jinja

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nikolalohinski/gonja/v2/tokens"
)

// valueKind says what is statically known about an expression's value.
type valueKind int

const (
	vUnknown valueKind = iota
	vStr
	vNum
	vList
	vBool // the result of == or != on constants (num 1 or 0)
	vDict // a dict literal: items holds key, value, key, value…
	vNS   // a namespace(...) object: attrs is shared by every copy, as the object is
	vRef  // an object named by a bare identifier (str): {% set g = lipsum %} aliases lipsum
)

// value is what static evaluation knows about an expression: a string, an integer or a list
// of such values. Anything else is unknown.
type value struct {
	kind  valueKind
	str   string
	num   int64
	items []value
	attrs map[string]value
	built bool // computed rather than written as one literal
	esc   bool // derived from a literal written with escape sequences
	kwarg bool // a keyword argument name used as a string (dict(__class__=1))
	lit   bool // written as a string literal right there, not reached through a name or computed
}

func (v value) known() bool { return v.kind != vUnknown }

func str(s string, esc bool) value {
	if len(s) > MaxBuiltLen {
		return value{}
	}
	return value{kind: vStr, str: s, esc: esc}
}

func num(n int64) value { return value{kind: vNum, num: n} }

func list(items []value) value { return value{kind: vList, items: items} }

func boolean(b bool) value {
	if b {
		return value{kind: vBool, num: 1}
	}
	return value{kind: vBool}
}

// dict builds a dict literal's value from its alternating keys and values.
func dict(items []value) value {
	if len(items)%2 != 0 {
		return value{}
	}
	return value{kind: vDict, items: items}
}

// get looks a constant key up in a dict literal.
func (v value) get(k value) value {
	for i := 0; i+1 < len(v.items); i += 2 {
		if it := v.items[i]; it.kind == k.kind && it.str == k.str && it.num == k.num {
			return v.items[i+1]
		}
	}
	return value{}
}

// same reports whether two constants are equal (strings, numbers); ok is false when unknown.
func same(a, b value) (eq, ok bool) {
	if (a.kind != vStr && a.kind != vNum) || (b.kind != vStr && b.kind != vNum) {
		return false, false
	}
	return a.kind == b.kind && a.str == b.str && a.num == b.num, true
}

// elems returns what a for loop over v binds in turn: the items of a list, the characters of a
// string, the keys of a dict. nil when unknown.
func elems(v value) []value {
	switch v.kind {
	case vList:
		return v.items
	case vStr:
		return applyFilter("list", v, nil).items
	case vDict:
		keys := make([]value, 0, len(v.items)/2)
		for i := 0; i < len(v.items); i += 2 {
			keys = append(keys, v.items[i])
		}
		return keys
	}
	return nil
}

// dictMethod evaluates items(), keys() and values() on a dict literal.
func dictMethod(name string, d value) value {
	var out []value
	for i := 0; i+1 < len(d.items); i += 2 {
		switch name {
		case "items":
			out = append(out, list([]value{d.items[i], d.items[i+1]}))
		case "keys":
			out = append(out, d.items[i])
		case "values":
			out = append(out, d.items[i+1])
		default:
			return value{}
		}
	}
	return list(out)
}

// text returns the string form of a string or number, as Jinja's ~ and str() produce it.
func (v value) text() (string, bool) {
	switch v.kind {
	case vStr:
		return v.str, true
	case vNum:
		return strconv.FormatInt(v.num, 10), true
	}
	return "", false
}

func concat(a, b value) value {
	x, ok1 := a.text()
	y, ok2 := b.text()
	if !ok1 || !ok2 {
		return value{}
	}
	return str(x+y, a.esc || b.esc)
}

// applyOp folds ~, +, * and % over constants.
func applyOp(t tokens.Type, a, b value) value {
	switch t {
	case tokens.Equals, tokens.Ne:
		if eq, ok := same(a, b); ok {
			return boolean(eq == (t == tokens.Equals))
		}
	case tokens.Tilde:
		return concat(a, b)
	case tokens.Addition:
		if a.kind == vNum && b.kind == vNum {
			return num(a.num + b.num)
		}
		if a.kind == vStr && b.kind == vStr {
			return concat(a, b)
		}
		if a.kind == vList && b.kind == vList && len(a.items)+len(b.items) <= MaxRecords {
			return list(append(slices.Clip(a.items), b.items...))
		}
	case tokens.Multiply:
		switch {
		case a.kind == vStr && b.kind == vNum:
			return repeat(a, b.num)
		case a.kind == vNum && b.kind == vStr:
			return repeat(b, a.num)
		case a.kind == vNum && b.kind == vNum && a.num < 1<<31 && b.num < 1<<31 && a.num > -1<<31 && b.num > -1<<31:
			return num(a.num * b.num)
		}
	case tokens.Modulo:
		if a.kind == vStr {
			args := []value{b}
			if b.kind == vList {
				args = b.items
			}
			return percent(a, args)
		}
	}
	return value{}
}

func repeat(v value, n int64) value {
	if n <= 0 || n > MaxBuiltLen || int64(len(v.str))*n > MaxBuiltLen {
		return value{}
	}
	return str(strings.Repeat(v.str, int(n)), v.esc)
}

func reversed(v value) value {
	switch v.kind {
	case vStr:
		r := []rune(v.str)
		slices.Reverse(r)
		return str(string(r), v.esc)
	case vList:
		items := slices.Clone(v.items)
		slices.Reverse(items)
		return list(items)
	}
	return value{}
}

// applyFilter evaluates the filters that reshape strings (|join, |reverse, |format…).
func applyFilter(name string, v value, args []value) value {
	switch name {
	case "join":
		sep := ""
		if len(args) > 0 && args[0].kind == vStr {
			sep = args[0].str
		}
		return join(v, sep)
	case "reverse":
		return reversed(v)
	case "format":
		return percent(v, args)
	case "first", "last":
		return pick(v, name == "first")
	case "list":
		if v.kind == vStr && utf8.RuneCountInString(v.str) <= MaxRecords {
			var items []value
			for _, r := range v.str {
				items = append(items, str(string(r), v.esc))
			}
			return list(items)
		}
		return v
	case "items":
		if v.kind == vDict {
			return dictMethod("items", v)
		}
	case "string", "safe", "e", "escape", "trim", "lower", "upper", "replace", "capitalize", "title":
		return applyMethod(strMethod(name), v, args)
	}
	return value{}
}

// strMethod maps a string filter to the str method with the same effect.
func strMethod(filter string) string {
	switch filter {
	case "trim":
		return "strip"
	case "string", "safe", "e", "escape":
		return "__str__"
	}
	return filter
}

// applyMethod evaluates str methods on a known receiver.
func applyMethod(name string, recv value, args []value) value {
	if recv.kind == vDict {
		return dictMethod(name, recv)
	}
	if recv.kind != vStr {
		return value{}
	}
	s := recv.str
	switch name {
	case "__str__":
		return recv
	case "strip":
		return str(strings.TrimSpace(s), recv.esc)
	case "lower":
		return str(strings.ToLower(s), recv.esc)
	case "upper":
		return str(strings.ToUpper(s), recv.esc)
	case "capitalize", "title":
		if s == "" {
			return recv
		}
		return str(strings.ToUpper(s[:1])+strings.ToLower(s[1:]), recv.esc)
	case "join":
		if len(args) == 1 {
			return join(args[0], s)
		}
	case "format":
		return format(recv, args)
	case "translate":
		if len(args) == 1 && args[0].kind == vDict {
			return translate(recv, args[0])
		}
	case "replace":
		if len(args) >= 2 && args[0].kind == vStr && args[1].kind == vStr && args[0].str != "" {
			if out := strings.ReplaceAll(s, args[0].str, args[1].str); len(out) <= MaxBuiltLen {
				return str(out, recv.esc || args[1].esc)
			}
		}
	}
	return value{}
}

// applyFunc evaluates chr() and dict(name=…) (a list of its keyword names).
func applyFunc(name string, args []value) value {
	switch name {
	case "chr", "unichr":
		if len(args) == 1 && args[0].kind == vNum && args[0].num >= 0 && args[0].num <= utf8.MaxRune {
			return str(string(rune(args[0].num)), false)
		}
	case "namespace":
		ns := value{kind: vNS, attrs: make(map[string]value)}
		for i, a := range args {
			if a.kwarg && i+1 < len(args) {
				ns.attrs[a.str] = args[i+1]
			}
		}
		return ns
	case "dict":
		var keys []value
		for _, a := range args {
			if a.kwarg {
				keys = append(keys, a)
			}
		}
		if len(keys) > 0 {
			return list(keys)
		}
	}
	return value{}
}

// join concatenates the items of a known list (or the characters of a string).
func join(v value, sep string) value {
	switch v.kind {
	case vStr:
		return v
	case vList:
		parts := make([]string, 0, len(v.items))
		esc := false
		n := 0
		for _, it := range v.items {
			s, ok := it.text()
			if !ok {
				return value{}
			}
			if n += len(s) + len(sep); n > MaxBuiltLen {
				return value{}
			}
			parts = append(parts, s)
			esc = esc || it.esc
		}
		return str(strings.Join(parts, sep), esc)
	}
	return value{}
}

func pick(v value, first bool) value {
	switch {
	case v.kind == vList && len(v.items) > 0 && first:
		return v.items[0]
	case v.kind == vList && len(v.items) > 0:
		return v.items[len(v.items)-1]
	case v.kind == vStr && v.str != "":
		r := []rune(v.str)
		if first {
			return str(string(r[0]), v.esc)
		}
		return str(string(r[len(r)-1]), v.esc)
	}
	return value{}
}

// translate evaluates str.translate with a dict literal mapping code points to code points,
// strings or none.
func translate(recv, table value) value {
	var b strings.Builder
	for _, r := range recv.str {
		to := table.get(num(int64(r)))
		switch to.kind {
		case vNum:
			if to.num < 0 || to.num > utf8.MaxRune {
				return value{}
			}
			b.WriteRune(rune(to.num))
		case vStr:
			b.WriteString(to.str)
		case vUnknown:
			if table.has(num(int64(r))) {
				continue // mapped to None: deleted
			}
			b.WriteRune(r)
		default:
			return value{}
		}
		if b.Len() > MaxBuiltLen {
			return value{}
		}
	}
	return str(b.String(), recv.esc)
}

func (v value) has(k value) bool {
	for i := 0; i+1 < len(v.items); i += 2 {
		if it := v.items[i]; it.kind == k.kind && it.str == k.str && it.num == k.num {
			return true
		}
	}
	return false
}
