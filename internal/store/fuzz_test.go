package store

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCell checks that no input gets a control, format or invalid character into the
// terminal table, and that cells stay bounded.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred", "a\u202Eb", "\xff\xfe", strings.Repeat("é", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := cell(s, tableExcerptWidth)
		if !utf8.ValidString(got) {
			t.Fatalf("cell(%q) = %q is not valid UTF-8", s, got)
		}
		if n := utf8.RuneCountInString(got); n > tableExcerptWidth+1 {
			t.Fatalf("cell(%q) has %d runes", s, n)
		}
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("cell(%q) = %q keeps %U", s, got, r)
			}
		}
	})
}

// FuzzCleanText checks that stored text is always valid UTF-8 without NUL (what PostgreSQL
// accepts) and that clean text passes through unchanged.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "ok", "a\x00b", "\xff", "ü\x00\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := cleanText(s)
		if !utf8.ValidString(got) || strings.IndexByte(got, 0) >= 0 {
			t.Fatalf("cleanText(%q) = %q", s, got)
		}
		if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 && got != s {
			t.Fatalf("cleanText changed clean text %q to %q", s, got)
		}
	})
}
