package jinja

import (
	"slices"
	"strings"
	"testing"
)

func chains(a *Analysis) []string {
	var out []string
	for _, c := range a.Chains {
		out = append(out, c.String())
	}
	return out
}

func values(ls []Literal) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Value)
	}
	return out
}

func names(ns []Name) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}

func TestChains(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"{{ cycler.__init__.__globals__.os.popen('id').read() }}", []string{"cycler.__init__.__globals__.os.popen().read()"}},
		{"{{ x['a'][0][y] }}", []string{"y", `x["a"][…][…]`}},
		{"{{ ''|attr('__class__')|upper }}", []string{`''|attr("__class__")|upper`}},
		{"{% for m in messages[1:] %}{{ m.content }}{% endfor %}", []string{"messages[…]", "m.content"}},
		{"{{ a if b.c else d }}", []string{"a", "b.c", "d"}},
		{"{{ x is not defined and y.z is string }}", []string{"x", "y.z"}},
		{"{{ x.0 }}{{ true }}{{ none }}", []string{"x.0"}},
		{"{{ f(a=b.c, d=1) }}", []string{"b.c", "f()"}},
		{"{% set k = '__glo' ~ 'bals__' %}{{ x[k] }}", []string{"k", `x["__globals__"]`}},
	}
	for _, tc := range tests {
		a := Analyze(tc.src)
		if got := chains(a); !slices.Equal(got, tc.want) {
			t.Errorf("%s\nchains %q\nwant   %q", tc.src, got, tc.want)
		}
		if a.LexError != "" || len(a.Gaps) > 0 {
			t.Errorf("%s: lex error %q gaps %q", tc.src, a.LexError, a.Gaps)
		}
	}
}

func TestStaticStrings(t *testing.T) {
	tests := []struct {
		src  string
		want string // a value that must be among Built
	}{
		{"{{ '__glo' ~ 'bals__' }}", "__globals__"},
		{"{{ '__glo' + 'bals__' }}", "__globals__"},
		{"{{ '_' * 2 + 'class' + '_' * 2 }}", "__class__"},
		{"{{ 'x' ~ '_' * 2 }}", "x__"},
		{"{{ ['__', 'mro', '__']|join }}", "__mro__"},
		{"{{ ['_', 'mro']|join('_') }}", "__mro"},
		{"{{ ''.join(['__', 'base', '__']) }}", "__base__"},
		{"{{ '__ssalc__'|reverse }}", "__class__"},
		{"{{ '__ssalc__'[::-1] }}", "__class__"},
		{"{{ '%c%cinit%c%c'|format(95, 95, 95, 95) }}", "__init__"},
		{"{{ '%s%s' % ('__imp', 'ort__') }}", "__import__"},
		{"{{ '{}{}dict{}{}'.format('_', '_', '_', '_') }}", "__dict__"},
		{"{{ '{0}{0}code{0}{0}'.format('_') }}", "__code__"},
		{"{{ '{:c}'.format(95) }}", "_"},
		{"{{ chr(95) ~ chr(95) }}", "__"},
		{"{{ dict(__subclasses__=1)|join }}", "__subclasses__"},
		{"{{ (dict(__self__=1)|list)|first }}", "__self__"},
		{"{{ '__GLOBALS__'|lower }}", "__globals__"},
		{"{{ '__gXobals__'.replace('X', 'l') }}", "__globals__"},
		{"{{ 'ab' 'cd' }}", "abcd"},
	}
	for _, tc := range tests {
		a := Analyze(tc.src)
		if !slices.Contains(values(a.Built), tc.want) {
			t.Errorf("%s: built %q, want %q among them", tc.src, values(a.Built), tc.want)
		}
	}
}

func TestNotEvaluated(t *testing.T) {
	for _, src := range []string{
		"{{ 'a' * 100000 }}",
		"{{ 'x' ~ message.role }}",
		"{{ '%s' % message }}",
		"{{ '{}'.format(m) }}",
		"{{ 'abc'[1:] }}",
	} {
		for _, b := range Analyze(src).Built {
			if len(b.Value) > MaxBuiltLen || strings.Contains(src, "message") {
				t.Errorf("%s: unexpected built value %.40q", src, b.Value)
			}
		}
	}
}

func TestUnescape(t *testing.T) {
	tests := []struct {
		in, want string
		esc      bool
	}{
		{`plain`, "plain", false},
		{`\x5f\x5fglobals\x5f\x5f`, "__globals__", true},
		{`\u005f\u005fclass\u005f\u005f`, "__class__", true},
		{`\U0000005f_init__`, "__init__", true},
		{`\137\137mro\137\137`, "__mro__", true},
		{`\N{LOW LINE}\N{low line}dict__`, "__dict__", true},
		{`line\nbreak\t\\`, "line\nbreak\t\\", false},
		{`\\x5f`, `\x5f`, false},
		{`\xZZ \q \`, `\xZZ \q \`, false},
		{`\N{UNKNOWN NAME}`, `\N{UNKNOWN NAME}`, false},
	}
	for _, tc := range tests {
		got, esc := Unescape(tc.in)
		if got != tc.want || esc != tc.esc {
			t.Errorf("Unescape(%q) = %q, %v; want %q, %v", tc.in, got, esc, tc.want, tc.esc)
		}
	}
}

func TestSummary(t *testing.T) {
	src := "{% for message in messages %}{% generation %}{{ message['content'] | trim }}{% endgeneration %}" +
		"{{ raise_exception('x') }}{{ strftime_now('%d') }}{% set ns = namespace(found=false) %}{% include 'a' %}{% endfor %}" +
		"{# __globals__ in a comment #}"
	a := Analyze(src)
	if got := names(a.Tags); !slices.Equal(got, []string{"for", "generation", "endgeneration", "set", "include", "endfor"}) {
		t.Errorf("tags %q", got)
	}
	if got := names(a.Filters); !slices.Equal(got, []string{"trim"}) {
		t.Errorf("filters %q", got)
	}
	if got := names(a.Calls); !slices.Equal(got, []string{"raise_exception", "strftime_now", "namespace"}) {
		t.Errorf("calls %q", got)
	}
	if slices.Contains(names(a.Idents), "__globals__") {
		t.Error("comment text recorded as an identifier")
	}
	if got := values(a.Strings); !slices.Equal(got, []string{"content", "x", "%d", "a"}) {
		t.Errorf("strings %q", got)
	}
}

func TestLexErrorFallsBackToRaw(t *testing.T) {
	a := Analyze(`{{ x ] }}{{ y.__class__ }} \x5f\x5fglobals\x5f\x5f popen`)
	if a.LexError == "" {
		t.Fatal("no lexer error")
	}
	if got := names(a.Raw); !slices.Equal(got, []string{"__class__", "__globals__", "popen"}) {
		t.Errorf("raw %q", got)
	}
}

func TestBounds(t *testing.T) {
	t.Run("oversized", func(t *testing.T) {
		src := strings.Repeat("{{ message.content }}", MaxAnalysedBytes/21+1) + "{{ cycler.__init__.__globals__ }}"
		a := Analyze(src)
		if a.Analysed > MaxAnalysedBytes || len(a.Gaps) == 0 {
			t.Fatalf("analysed %d, gaps %q", a.Analysed, a.Gaps)
		}
		if got := names(a.Raw); !slices.Equal(got, []string{"__init__", "__globals__"}) {
			t.Errorf("raw scan of the tail: %q", got)
		}
	})
	t.Run("deep nesting", func(t *testing.T) {
		src := "{{ " + strings.Repeat("(", 500) + "x.__class__" + strings.Repeat(")", 500) + " }}"
		a := Analyze(src)
		if len(a.Gaps) == 0 || !slices.Contains(names(a.Idents), "__class__") {
			t.Fatalf("gaps %q idents %q", a.Gaps, names(a.Idents))
		}
	})
	t.Run("records capped", func(t *testing.T) {
		a := Analyze(strings.Repeat("{{ a.b }}", MaxRecords+10))
		if len(a.Chains) > MaxRecords || len(a.Gaps) == 0 {
			t.Fatalf("%d chains, gaps %q", len(a.Chains), a.Gaps)
		}
	})
}

func TestLooks(t *testing.T) {
	for s, want := range map[string]bool{"{{ x }}": true, "{% if %}": true, "{# c #}": true, "plain { text }": false, "": false} {
		if Looks(s) != want {
			t.Errorf("Looks(%q) = %v", s, !want)
		}
	}
}
