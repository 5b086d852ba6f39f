package text_test

import (
	"flag"
	"testing"

	"github.com/aisecops/aisec/internal/report/text"
)

// Accepted so that `go test ./internal/report/... -update` runs this package too.
var _ = flag.Bool("update", false, "unused here: this package has no golden files")

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":       "plain text",
		"a\nb\r\tc":        `a\nb\r\tc`,
		"\x1b[2J":          `\x1b[2J`,
		"\x00\x7f":         `\x00\x7f`,
		"\xff ok":          `\xff ok`,
		"caf\u00e9 ümlaut": "caf\u00e9 ümlaut",
		"rtl\u202eevil":    `rtl\u202eevil`,
		"\u0085next":       `\u0085next`,
		"zero\u200bwidth":  `zero\u200bwidth`,
	} {
		if got := text.OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"this is too long", 10, "this is..."},
		{"ééééééééééé", 5, "éé..."},
		{"abcdef", 3, "abc"},
		{"abcdef", 0, ""},
	} {
		if got := text.Truncate(tc.in, tc.limit); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\x1b[31m", "\xff", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := text.OneLine(s)
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("OneLine(%q) = %q keeps control rune %U", s, out, r)
			}
		}
		if n := len([]rune(text.Truncate(out, 7))); n > 7 {
			t.Fatalf("Truncate gave %d runes", n)
		}
	})
}

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"line one\nline two\tend": "line one\nline two\tend",
		"a\x1b[2Jb\r\n":           "a\\x1b[2Jb\\r\n",
		"bidi \u202e":             "bidi \\u202e",
	} {
		if got := text.Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}
