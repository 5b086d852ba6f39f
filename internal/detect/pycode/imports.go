package pycode

import "strings"

// importState reads one import statement: "import a.b as c, d" or "from m import (x as y, z)".
type importState struct {
	active    bool
	from      bool
	gotModule bool // the "import" of a from-import was seen
	module    string
	cur       string
	alias     string
	wantAlias bool
}

// maxStars bounds the modules star-imported.
const maxStars = 32

// importToken consumes a token of an import statement, binding names as they complete. It
// returns false for the token that ends the statement, which the caller then handles.
func (a *analyzer) importToken(t Token) bool {
	s := &a.imp
	switch {
	case t.Kind == TokNewline || t.Kind == TokOp && t.Text == ";":
		return false
	case t.Kind == TokName && t.Text == "import" && s.from && !s.gotModule:
		s.module, s.cur, s.gotModule = s.cur, "", true
	case t.Kind == TokName && t.Text == "as":
		s.wantAlias = true
	case t.Kind == TokName && s.wantAlias:
		s.alias, s.wantAlias = t.Text, false
	case t.Kind == TokName:
		if s.cur != "" && !strings.HasSuffix(s.cur, ".") {
			a.bindImport()
		}
		s.cur += t.Text
	case t.Kind == TokOp && (t.Text == "." || t.Text == "..."):
		s.cur += t.Text
	case t.Kind == TokOp && t.Text == "*":
		s.cur = "*"
	case t.Kind == TokOp && t.Text == ",":
		a.bindImport()
	}
	return true // brackets and anything else inside an import are ignored
}

// bindImport binds the name just read: "import a.b" binds a, "import a.b as c" binds c to a.b,
// "from m import x as y" binds y to m.x and "from m import *" makes m's dangerous names bare.
func (a *analyzer) bindImport() {
	s := &a.imp
	name, alias := s.cur, s.alias
	s.cur, s.alias, s.wantAlias = "", "", false
	if name == "" || len(a.aliases) >= maxAliases || (s.from && !s.gotModule) {
		return
	}
	switch {
	case s.from && name == "*":
		if len(a.stars) < maxStars {
			a.stars = append(a.stars, s.module)
		}
	case s.from:
		local := name
		if alias != "" {
			local = alias
		}
		a.aliases[local] = s.module + "." + name
	case alias != "":
		a.aliases[alias] = name
	default:
		top, _, _ := strings.Cut(name, ".")
		a.aliases[top] = top
	}
}
