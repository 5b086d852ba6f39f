package jinja

import (
	"slices"
	"strings"
	"testing"
)

// TestBindings: names bound by for, macro (defaults and call-site arguments), call blocks, with,
// tuple set and namespace attributes reach the lookups that use them.
func TestBindings(t *testing.T) {
	tests := []struct {
		name, src, want string // want: a chain that must be recorded
	}{
		{"loop unpack", "{% for u, p in [['_', 'popen']] %}{{ x[u ~ u ~ 'g' ~ u ~ u][p] }}{% endfor %}", `x["__g__"]["popen"]`},
		{"loop nested tuple", "{% for a, (b, (c,)) in [['_', ['os', ['popen']]]] %}{{ x[a][b][c] }}{% endfor %}", `x["_"]["os"]["popen"]`},
		{"loop string", "{% for c in '_' %}{{ x[c * 2] }}{% endfor %}", `x["__"]`},
		{"loop dict keys", "{% for k in {'__class__': 1} %}{{ x[k] }}{% endfor %}", `x["__class__"]`},
		{"loop dict items", "{% for k, v in {'a': 'os'}.items() %}{{ x[v] }}{% endfor %}", `x["os"]`},
		{"nested loops", "{% for a in ['_'] %}{% for b in ['mro'] %}{{ x[a ~ a ~ b ~ a ~ a] }}{% endfor %}{% endfor %}", `x["__mro__"]`},
		{"loop else", "{% for a in ['os'] %}{{ x[a] }}{% else %}{{ y }}{% endfor %}{{ z[a] }}", `x["os"]`},
		{"macro default", "{% macro f(a='os') %}{{ x[a] }}{% endmacro %}", `x["os"]`},
		{"macro positional", "{% macro f(a, b='q') %}{{ x[a][b] }}{% endmacro %}{{ f('os', 'popen') }}", `x["os"]["popen"]`},
		{"macro keyword", "{% macro f(a, b) %}{{ x[a][b] }}{% endmacro %}{{ f(b='popen', a='os') }}", `x["os"]["popen"]`},
		{"call block", "{% macro f(a) %}{{ x[a] }}{{ caller() }}{% endmacro %}{% call f('os') %}hi{% endcall %}", `x["os"]`},
		{"with", "{% with a = '_', b = 'os' %}{{ x[a ~ a][b] }}{% endwith %}", `x["__"]["os"]`},
		{"set tuple", "{% set a, b = '_', 'os' %}{{ x[a][b] }}", `x["_"]["os"]`},
		{"join variable", "{% set parts = ['__glo', 'bals__'] %}{{ x[parts|join] }}", `x["__globals__"]`},
		{"namespace", "{% set ns = namespace(k='os') %}{{ x[ns.k] }}", `x["os"]`},
		{"namespace loop", "{% set ns = namespace(s='') %}{% for c in 'xay' %}{% set ns.s = ns.s ~ (c if c != 'x' else '_') %}{% endfor %}{{ x[ns.s] }}", `x["_ay"]`},
		{"alias", "{% set g = lipsum %}{{ g.__globals__ }}", `lipsum.__globals__`},
		{"translate", "{{ x['..g..'.translate({46: 95})] }}", `x["__g__"]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Analyze(tc.src)
			if got := chains(a); !slices.Contains(got, tc.want) {
				t.Errorf("chains %q, want %q among them", got, tc.want)
			}
			if a.LexError != "" || len(a.Gaps) > 0 {
				t.Errorf("lex error %q gaps %q", a.LexError, a.Gaps)
			}
		})
	}
}

// TestScopes: bindings end with their block, and loops over unknown values leave names unknown.
func TestScopes(t *testing.T) {
	for _, src := range []string{
		"{% with a = 'os' %}{% endwith %}{{ x[a] }}",
		"{% for a in ['os'] %}{% endfor %}{{ x[a] }}",
		"{% macro f(a='os') %}{% endmacro %}{{ x[a] }}",
		"{% set a = 'os' %}{% for a in messages %}{{ x[a] }}{% endfor %}",
	} {
		for _, c := range chains(Analyze(src)) {
			if strings.Contains(c, `"os"`) {
				t.Errorf("%s: chain %s uses a binding out of scope", src, c)
			}
		}
	}
}

func TestComputedIndex(t *testing.T) {
	a := Analyze("{{ m[0] }}{{ m[1:] }}{{ m[k] }}{{ m|attr(k) }}{{ m|attr('a') }}")
	var got []bool
	for _, c := range a.Chains {
		for _, s := range c.Segs {
			got = append(got, s.Computed)
		}
	}
	if want := []bool{false, false, true, true, false}; !slices.Equal(got, want) {
		t.Errorf("computed %v, want %v", got, want)
	}
}

// TestRewalkBounds: loops and macros cannot make the walk quadratic or unbounded.
func TestRewalkBounds(t *testing.T) {
	t.Run("nested loops", func(t *testing.T) {
		src := strings.Repeat("{% for a in '"+strings.Repeat("x", 200)+"' %}", 10) + "{{ x[a] }}" + strings.Repeat("{% endfor %}", 10)
		a := Analyze(src)
		if len(a.Gaps) == 0 || len(a.Chains) > MaxRecords {
			t.Fatalf("gaps %q, %d chains", a.Gaps, len(a.Chains))
		}
	})
	t.Run("many call sites", func(t *testing.T) {
		src := "{% macro f(a) %}" + strings.Repeat("{{ x[a] }}", 200) + "{% endmacro %}" + strings.Repeat("{{ f('y') }}", 5000)
		if a := Analyze(src); len(a.Gaps) == 0 {
			t.Fatalf("no gap after %d expansions", 5000)
		}
	})
	t.Run("recursive macro", func(t *testing.T) {
		a := Analyze("{% macro f(a) %}{{ f(a ~ 'x') }}{{ x[a] }}{% endmacro %}{{ f('y') }}")
		if len(a.Chains) > 10 {
			t.Fatalf("%d chains: %q", len(a.Chains), chains(a))
		}
	})
	t.Run("unterminated loops", func(t *testing.T) {
		src := strings.Repeat("{% for a in 'x' %}{{ a }}", 5000)
		if a := Analyze(src); len(a.Chains) > MaxRecords {
			t.Fatalf("%d chains", len(a.Chains))
		}
	})
}
