package template

import (
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/format/jinja"
)

// chains classifies every access chain: the best evidence, since it shows the path taken.
func (h *hits) chains(a *jinja.Analysis) {
	for _, c := range a.Chains {
		h.chain(c)
	}
}

func (h *hits) chain(c jinja.Chain) {
	names := []string{c.Root}
	for _, s := range c.Segs {
		if s.Kind == jinja.Attr || s.Kind == jinja.Item || s.Kind == jinja.AttrFilter {
			names = append(names, s.Name)
		}
	}
	var escape, dunder, module, exec, near bool
	for _, n := range names {
		escape = escape || escapes[n]
		dunder = dunder || jinja.IsDunder(n)
		module = module || modules[n]
		exec = exec || execAlways[n]
		near = near || execNear[n]
	}
	gadget := gadgets[c.Root] && dunder
	ev := c.String()
	if escape || gadget {
		h.add(&RuleInternals, ev)
	}
	if exec || (near && (dunder || module || gadget)) {
		h.add(&RuleExec, ev)
	}
	if dunder {
		h.add(&RuleDunder, ev)
	}
	h.computed(c, ev)
	for _, s := range c.Segs {
		switch {
		case s.Kind == jinja.AttrFilter && (s.Name == "" || s.Computed) && !interesting(s.Name):
			h.add(&RuleObfuscation, ev+" (attr name computed at render time)")
		case (s.Built || s.Escaped) && interesting(s.Name):
			h.add(&RuleObfuscation, fmt.Sprintf("%q %s", s.Name, how(s.Escaped)))
		}
	}
}

// computed reports a subscript whose key is only known at render time on a Jinja global or
// gadget: Jinja's getitem falls back to getattr for string keys, so lipsum[x] is lipsum|attr(x),
// a name hidden from static analysis. Going on from there (a call, another computed key) is
// walking Python objects by hidden names: critical.
func (h *hits) computed(c jinja.Chain, ev string) {
	if !gadgets[c.Root] && !indexRoots[c.Root] {
		return
	}
	hidden := false
	for _, s := range c.Segs {
		step := s.Computed && (s.Kind == jinja.Index || s.Name == "")
		switch {
		case hidden && (step || s.Kind == jinja.Call):
			h.add(&RuleInternals, ev+" (names computed at render time)")
			return
		case step:
			hidden = true
			h.add(&RuleObfuscation, ev+" (item name computed at render time)")
		}
	}
}

// flat is the backstop over every identifier, literal and computed string, whatever the
// chain walk made of the structure. It adds evidence only for rules the chains did not fire.
func (h *hits) flat(a *jinja.Analysis) {
	chained := h.has(&RuleInternals)
	for _, id := range a.Idents {
		h.word(id.Name, "identifier "+id.Name, chained, true)
	}
	for _, s := range a.Strings {
		ws := words(s.Value)
		// A dunder inside prose ("Python's __init__ method") is not an access; a string that is
		// only a name, or that swallowed template code (a lexer differential), is.
		access := len(ws) == 1 || jinja.Looks(s.Value)
		for _, w := range ws {
			if escapes[w] || access {
				h.word(w, fmt.Sprintf("string %q", clip(s.Value, 60)), chained, false)
			}
			if s.Escaped && interesting(w) {
				h.add(&RuleObfuscation, fmt.Sprintf("%q %s", w, how(true)))
			}
		}
	}
	for _, b := range a.Built {
		if interesting(b.Value) {
			h.word(b.Value, fmt.Sprintf("computed string %q", b.Value), chained, false)
			h.add(&RuleObfuscation, fmt.Sprintf("%q %s", b.Value, how(b.Escaped)))
		}
	}
}

// word reports one name seen outside a chain: escape names, dunders, and for identifiers in
// code the exec names no template uses. Exec words inside strings are not reported: strings
// hold prose (a system prompt may mention subprocess).
func (h *hits) word(w, ev string, chained, ident bool) {
	switch {
	case escapes[w] && !chained:
		h.add(&RuleInternals, ev)
	case execAlways[w] && (ident || jinja.IsDunder(w)):
		h.add(&RuleExec, ev)
	case jinja.IsDunder(w):
		h.add(&RuleDunder, ev)
	}
}

// raw reports names from the raw-text scan (a lexer error, or bytes past the analysed prefix).
func (h *hits) raw(a *jinja.Analysis) {
	for _, n := range a.Raw {
		ev := "raw text " + n.Name
		switch {
		case escapes[n.Name]:
			h.add(&RuleInternals, ev)
		case execAlways[n.Name]:
			h.add(&RuleExec, ev)
		case jinja.IsDunder(n.Name):
			h.add(&RuleDunder, ev)
		}
	}
}

// words splits s into identifier-like words.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	})
}

func how(escaped bool) string {
	if escaped {
		return "written with escape sequences"
	}
	return "built from pieces"
}
