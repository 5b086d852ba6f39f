package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnhide(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sk-ab\u200bcd", "sk-abcd"},
		{"４１１１\u3000１１", "4111 11"},
		{"jane＠corp.com", "jane@corp.com"},
		{"soft\u00adhyphen", "softhyphen"},
	}
	for _, tt := range tests {
		if !MayHide(tt.in) {
			t.Errorf("MayHide(%q) = false", tt.in)
		}
		u, ok := Unhide(tt.in)
		if !ok || u.Text != tt.want {
			t.Fatalf("Unhide(%q) = %q, %v", tt.in, u.Text, ok)
		}
		if s, e := u.Span(0, len(u.Text)); s != 0 || e != len(tt.in) {
			t.Errorf("Span of all of %q = [%d,%d)", tt.in, s, e)
		}
	}
	for _, plain := range []string{"plain ascii", "“quotes” — dashes", "日本語"} {
		if MayHide(plain) {
			t.Errorf("MayHide(%q) = true", plain)
		}
		if _, ok := Unhide(plain); ok {
			t.Errorf("Unhide(%q) changed it", plain)
		}
	}
}

// TestInterleavedInvisible: an invisible character after every letter is reported; emoji
// joined by ZWJ, the ZWNJ of Persian, a single zero-width space and soft hyphens at
// syllable breaks are not.
func TestInterleavedInvisible(t *testing.T) {
	split := func(s, sep string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString(sep)
		}
		return b.String()
	}
	for _, c := range []struct {
		text string
		want string // the run, "" for none
	}{
		{"Summarise: " + split("Reply with X", "\u200b") + " thanks", split("Reply with X", "\u200b")},
		{split("ignore all", "\u2060"), split("ignore all", "\u2060")},
		{split("say hello", "\u00ad"), split("say hello", "\u00ad")},
		{split("héllo wörld", "\ufeff"), split("héllo wörld", "\ufeff")},
		{split("abc", "\u200b"), ""},
		{split("12345678", "\u200b"), ""},
		{"👨\u200d👩\u200d👧\u200d👦 👨\u200d👩\u200d👧\u200d👦", ""},
		{"می\u200cخواهم این کتاب را بخوانم", ""},
		{"@\u200beveryone", ""},
		{"Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesell\u00adschaft", ""},
		{"plain text", ""},
	} {
		a, b, ok := InterleavedInvisible(c.text)
		got := ""
		if ok {
			got = c.text[a:b]
		}
		if got != c.want {
			t.Errorf("%q: run %q, want %q", c.text, got, c.want)
		}
	}
}

// FuzzInterleavedInvisible: any input gives an in-range span (on rune boundaries when the
// input is valid UTF-8) that holds an invisible character, never a panic.
func FuzzInterleavedInvisible(f *testing.F) {
	for _, s := range []string{"a\u200bb\u200bc\u200bd\u200be\u200bf\u200bg\u200bh\u200b", "👨\u200d👩", "\xff\u200b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, b, ok := InterleavedInvisible(s)
		if !ok {
			return
		}
		if a < 0 || b > len(s) || a >= b || utf8.ValidString(s) && (!utf8.RuneStart(s[a]) || b < len(s) && !utf8.RuneStart(s[b])) {
			t.Fatalf("bad span [%d,%d) of %d bytes", a, b, len(s))
		}
		if !MayHide(s[a:b]) {
			t.Fatalf("run %q holds no invisible character", s[a:b])
		}
	})
}
