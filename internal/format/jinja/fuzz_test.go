package jinja

import (
	"os"
	"path/filepath"
	"testing"
)

func FuzzAnalyze(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "detect", "template", "testdata", "*", "*.jinja"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, s := range []string{
		"{{ x|attr(['__', 'class', '__']|join)|attr('%c%c'|format(95, 95)) }}",
		"{% set a = '__glo' %}{{ x[a ~ 'bals__'][::-1] }}{{ dict(__a__=1)|list|first }}",
		`{{ '\x5f\u005f\137\N{LOW LINE}' }}{{ "a\\" }}{{ 'unterminated`,
		"{{ ((((( }}{% for %}{% endfor %}{# c #}{% raw %}{{ x }}{% endraw %}",
		"{{ '{0}{1}'.format(1) }}{{ '%s%' % 1 }}{{ 'a' * -1 }}{{ 1 * 99999999999 }}",
		"{% for a, (b, c,) in [['_', 'o' ~ 's']] %}{% for d in a %}{{ x[d][b] }}{% else %}{% endfor %}{% endfor %}",
		"{% macro f(a, b='x') %}{{ f(a) }}{{ x[a ~ b] }}{% endmacro %}{% call f('_', b=1) %}{% endcall %}{{ f() }}",
		"{% set ns = namespace(s='') %}{% with k = {'a': 1}.items() %}{% set ns.s = ns.s ~ k %}{% endwith %}{% endwith %}",
		"{% set a, b = 'x', %}{% for k in {'a': 'b'} %}{{ lipsum[k][a] if k == 'a' else not k }}{% endfor %}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		a := Analyze(src)
		if a.Size != len(src) || a.Analysed > MaxAnalysedBytes || a.Analysed > len(src) {
			t.Fatalf("size %d analysed %d of %d", a.Size, a.Analysed, len(src))
		}
		if len(a.Chains) > MaxRecords || len(a.Strings) > MaxRecords || len(a.Built) > MaxRecords ||
			len(a.Idents) > MaxRecords || len(a.Filters) > MaxRecords || len(a.Calls) > MaxRecords ||
			len(a.Tags) > MaxRecords || len(a.Raw) > maxRawHits || len(a.Gaps) > maxGaps {
			t.Fatalf("unbounded output: %d chains %d strings %d built %d raw %d gaps", len(a.Chains),
				len(a.Strings), len(a.Built), len(a.Raw), len(a.Gaps))
		}
		for _, b := range a.Built {
			if len(b.Value) > MaxBuiltLen {
				t.Fatalf("built value of %d bytes", len(b.Value))
			}
		}
		for _, c := range a.Chains {
			if c.Pos < 0 || c.Pos > len(src) {
				t.Fatalf("chain %s at %d outside the %d-byte template", c.String(), c.Pos, len(src))
			}
		}
		for _, n := range a.Raw {
			if n.Pos < 0 || n.Pos > len(src) {
				t.Fatalf("raw hit %q at %d outside the template", n.Name, n.Pos)
			}
		}
	})
}
