package bomtext_test

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/bomtest"
	"github.com/aisecops/aisec/internal/report/bomtext"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func table(t *testing.T, b *bom.BOM, color bool) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bomtext.Table(&buf, b, color); err != nil {
		t.Fatalf("Table: %v", err)
	}
	return buf.String()
}

func markdown(t *testing.T, b *bom.BOM) string {
	t.Helper()
	var buf bytes.Buffer
	if err := bomtext.Markdown(&buf, b); err != nil {
		t.Fatalf("Markdown: %v", err)
	}
	return buf.String()
}

func TestGolden(t *testing.T) {
	for name, got := range map[string]string{
		"table":          table(t, bomtest.Sample(), false),
		"table-color":    table(t, bomtest.Sample(), true),
		"table-empty":    table(t, &bom.BOM{}, false),
		"markdown":       markdown(t, bomtest.Sample()),
		"markdown-empty": markdown(t, &bom.BOM{}),
	} {
		t.Run(name, func(t *testing.T) { reporttest.Golden(t, name, []byte(got), *update) })
	}
}

func TestTableIsAlignedAndPlain(t *testing.T) {
	out := table(t, bomtest.Sample(), false)
	if strings.Contains(out, "\x1b") {
		t.Error("output without colour contains an escape sequence")
	}
	for i, line := range strings.Split(out, "\n") {
		if strings.TrimRight(line, " ") != line {
			t.Errorf("line %d has trailing spaces: %q", i+1, line)
		}
	}
	// Every row of the models table starts its PATH column at the same offset.
	var cols []int
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "models/") && strings.Contains(line, "/100") {
			cols = append(cols, strings.LastIndex(line, "  ")+2)
		}
	}
	if len(cols) != 3 || cols[0] != cols[1] || cols[1] != cols[2] {
		t.Errorf("model PATH columns start at %v, want three equal offsets", cols)
	}
}

func TestColorKeepsAlignment(t *testing.T) {
	plain := table(t, bomtest.Sample(), false)
	colored := table(t, bomtest.Sample(), true)
	if stripANSI(colored) != plain {
		t.Error("coloured table differs from the plain one once colours are removed")
	}
	if !strings.Contains(colored, "\x1b[31mcritical\x1b[0m") {
		t.Error("critical severity is not red")
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestHostileStrings feeds names and descriptions that try to forge lines, drive the terminal
// or inject Markdown.
func TestHostileStrings(t *testing.T) {
	b := bomtest.Minimal()
	b.Components[0].Name = "evil\n  FAKE  row\x1b]0;pwned\a"
	b.Components[1].Name = "x | y ![img](http://evil.example/a.png) <script>"
	b.Components[1].Category = bom.CatLLMClient
	tbl := table(t, b, false)
	if strings.ContainsAny(tbl, "\x1b\a") || strings.Contains(tbl, "\n  FAKE") {
		t.Errorf("table passed control characters through:\n%q", tbl)
	}
	md := markdown(t, b)
	for _, bad := range []string{"![img]", "<script>", "http://", "x | y"} {
		if strings.Contains(md, bad) {
			t.Errorf("Markdown contains unescaped %q:\n%s", bad, md)
		}
	}
}

func TestHumanCount(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, ""}, {-5, ""}, {999, "999"}, {1500, "1.5K"}, {124439808, "124M"},
		{8030261248, "8.0B"}, {70553706496, "70.6B"}, {405000000000, "405B"}, {1.2e12, "1.2T"},
	} {
		if got := bomtext.HumanCount(tc.n); got != tc.want {
			t.Errorf("HumanCount(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, ""}, {512, "512 B"}, {183422, "179.1 KiB"}, {4976698672, "4.6 GiB"},
	} {
		if got := bomtext.HumanBytes(tc.n); got != tc.want {
			t.Errorf("HumanBytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// FuzzSummaries checks that strings from scanned files can neither drive the terminal nor
// break a Markdown table: no control characters but newlines, and every table row has as many
// cell separators as its header.
func FuzzSummaries(f *testing.F) {
	f.Add("llama", "1.0", "https://example.com", "desc")
	f.Add("a|b", "\\|", "\n| x |", "\x1b]0;t\a")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		in := bomtest.FromFuzz(a, b, c, d)
		for name, out := range map[string]string{"table": table(t, in, false), "markdown": markdown(t, in)} {
			for _, r := range out {
				if r != '\n' && (r < ' ' || r == 0x7f || r >= 0x80 && r < 0xa0) {
					t.Fatalf("%s output contains control character %U", name, r)
				}
			}
		}
		want := 0
		for _, line := range strings.Split(markdown(t, in), "\n") {
			if !strings.HasPrefix(line, "|") {
				want = 0
				continue
			}
			n := pipes(line)
			if want == 0 {
				want = n
			} else if n != want {
				t.Fatalf("Markdown row has %d separators, header has %d: %q", n, want, line)
			}
		}
	})
}

// pipes counts the unescaped "|" in a Markdown table line.
func pipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// BenchmarkTable writes the summary of a BOM of 50,000 libraries and a model of 50,000 files.
func BenchmarkTable(b *testing.B) {
	in := bomtest.Large(50000)
	for b.Loop() {
		if err := bomtext.Table(io.Discard, in, false); err != nil {
			b.Fatal(err)
		}
	}
}
