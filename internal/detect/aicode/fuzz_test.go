package aicode

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/code"
)

// FuzzDetect checks that any input, in every language, is analysed without panicking, with
// findings that point inside the source and stay small.
func FuzzDetect(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.py")
	ts, _ := filepath.Glob("testdata/*.ts")
	for _, p := range append(files, ts...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"from openai import OpenAI\na = OpenAI().chat.completions.create(m)\nb = a.x\neval(b)\n",
		"x = llm.invoke(q)\nx += x\nos.system(x)\n", "import torch\ntorch.load(**k)\n", "a = a\nb = b\neval(a)",
		"const {exec} = require('child_process'); exec(await generateText({}))", "eval(eval(eval(",
	} {
		f.Add([]byte(s))
	}
	langs := []code.Lang{code.Python, code.JavaScript, code.TypeScript, code.Go, code.Java}
	d := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range langs {
			file := code.Parse(lang, src)
			findings := d.Detect(context.Background(), detect.Target{Model: file})
			if len(findings) > 10*len(file.Calls) {
				t.Fatalf("%d findings for %d calls", len(findings), len(file.Calls))
			}
			for _, fd := range findings {
				if fd.Offset < 0 || fd.Offset > int64(len(src)) || len(fd.Evidence) > maxEvidence+4 || fd.Rule == "" {
					t.Fatalf("bad finding %+v", fd)
				}
			}
		}
	})
}
