package template

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func FuzzCheck(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.jinja"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("tokenizer.chat_template", string(data))
	}
	rules := len(New().Rules())
	f.Fuzz(func(t *testing.T, key, src string) {
		fs := Check(key, src, 7)
		if len(fs) > rules {
			t.Fatalf("%d findings for one template", len(fs))
		}
		for _, x := range fs {
			if len(x.Evidence) > maxEvidence+4 || x.Offset != 7 {
				t.Fatalf("evidence of %d bytes at %d", len(x.Evidence), x.Offset)
			}
			if utf8.ValidString(key+src) && !utf8.ValidString(x.Evidence) {
				t.Fatalf("evidence is not UTF-8: %q", x.Evidence)
			}
		}
	})
}
