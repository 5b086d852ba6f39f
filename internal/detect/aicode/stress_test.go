package aicode

import (
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/format/code"
)

// TestAnalyzeLinear checks that inputs built to make the taint analysis quadratic are
// analysed quickly.
func TestAnalyzeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 64 << 10
	head := "from openai import OpenAI\nx = OpenAI().chat.completions.create(m)\n"
	inputs := map[string]string{
		"wide values":  head + strings.Repeat("x = f("+strings.Repeat("x, g(x), ", 40)+")\n", n/400),
		"many sinks":   head + strings.Repeat("eval(x, x, x, x)\nos.system(x)\n", n/30),
		"assign chain": head + strings.Repeat("x = x + x\n", n/10),
		"reverse":      head + strings.Repeat("a = b\nb = c\nc = d\nd = x\n", n/24),
		"nested calls": head + "eval(" + strings.Repeat("f(x, ", n/6) + strings.Repeat(")", n/6) + ")\n",
		"idents":       head + "y = [" + strings.Repeat("x, ", n/3) + "]\neval(y)\n",
		"self fields":  head + strings.Repeat("self.a = self.a + x\n", n/20) + "eval(self.a)\n",
		"round trips":  "import pickle\n" + strings.Repeat("s = 1\n", n/12) + strings.Repeat("pickle.loads(s)\n", n/32),
	}
	for name, src := range inputs {
		for _, lang := range []code.Lang{code.Python, code.JavaScript} {
			start := time.Now()
			Analyze(code.Parse(lang, []byte(src)))
			if d := time.Since(start); d > 2*time.Second || testing.Verbose() && d > 200*time.Millisecond {
				t.Errorf("%s in %s took %v", name, lang, d)
			}
		}
	}
}
