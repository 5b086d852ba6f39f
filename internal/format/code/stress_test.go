package code

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputs checks that inputs built to trigger quadratic behaviour parse in
// linear time: each 256 KiB input must take well under a second (quadratic work would take minutes).
func TestPathologicalInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 256 << 10
	inputs := map[string]string{
		"subscripts":        "a" + strings.Repeat("[0]", n/3),
		"calls":             "a" + strings.Repeat("()", n/2),
		"dots":              "a" + strings.Repeat(".b", n/2),
		"concatenation":     "f(" + strings.Repeat("'x' ", n/4) + ")",
		"open brackets":     strings.Repeat("(", n),
		"close brackets":    strings.Repeat(")]}", n/3),
		"regex slashes":     "x = " + strings.Repeat("(/", n/2),
		"quotes":            strings.Repeat("'\"`", n/3),
		"f-strings":         strings.Repeat("f'{", n/3),
		"templates":         strings.Repeat("`${", n/3),
		"braces":            strings.Repeat("{", n),
		"generics":          strings.Repeat("new A<", n/6),
		"destructuring":     strings.Repeat("const {a, ", n/10),
		"imports":           strings.Repeat("import {a, b, ", n/14),
		"assignments":       strings.Repeat("a = b = ", n/8),
		"tuples":            "a" + strings.Repeat(", a", n/3) + " = 1",
		"keyword args":      "f(" + strings.Repeat("a=1, ", n/5) + ")",
		"objects":           "f(" + strings.Repeat("{a: ", n/4),
		"go composites":     "package p\nimport \"x/openai\"\nvar v = " + strings.Repeat("openai.T{A: ", n/12),
		"lines":             strings.Repeat("\n", n),
		"non-utf8":          strings.Repeat("\xff\xfe(", n/3),
		"unterminated text": strings.Repeat("\"\"\"", n/3),
	}
	for name, src := range inputs {
		for _, lang := range allLangs {
			start := time.Now()
			f := Parse(lang, []byte(src))
			Usages(f)
			if d := time.Since(start); d > 2*time.Second || testing.Verbose() && d > 300*time.Millisecond {
				t.Errorf("%s in %s took %v", name, lang, d)
			}
		}
	}
}
