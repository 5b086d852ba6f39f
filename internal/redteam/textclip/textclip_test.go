package textclip

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		fn   func(string, int) string
		name string
		in   string
		n    int
		want string
	}{
		{Prefix, "prefix short", "abc", 5, "abc"},
		{Prefix, "prefix rune", "aé", 2, "a"},
		{Ellipsis, "ellipsis", "abcdef", 4, "a…"},
		{Ellipsis, "ellipsis tiny", "abcdef", 2, "ab"},
		{Ellipsis, "ellipsis rune", "ééé", 5, "é…"},
		{Marked, "marked", strings.Repeat("x", 100), 40, strings.Repeat("x", 17) + " … [83 bytes clipped]"},
		{Marked, "marked no room", "abcdefghij", 6, "abc…"},
		{Marked, "fits", "abc", 3, "abc"},
	} {
		if got := tc.fn(tc.in, tc.n); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestClipBound(t *testing.T) {
	in := strings.Repeat("aé€😀", 50)
	for n := range len(in) + 2 {
		for _, fn := range []func(string, int) string{Prefix, Ellipsis, Marked} {
			got := fn(in, n)
			if len(got) > max(n, 0) || !utf8.ValidString(got) {
				t.Fatalf("clip to %d: %d bytes, valid %v", n, len(got), utf8.ValidString(got))
			}
		}
	}
}

func TestMarked(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"fits", "hello", 5, "hello"},
		{"empty", "", 0, ""},
		{"marker counts the cut", strings.Repeat("a", 40), 30, strings.Repeat("a", 7) + " … [33 bytes clipped]"},
		// Cutting one more byte adds a digit to the count: the marker must still fit.
		{"marker grows a digit", strings.Repeat("a", 109), 30, strings.Repeat("a", 6) + " … [103 bytes clipped]"},
		{"rune boundary", "a" + strings.Repeat("é", 20), 31, "aééé … [34 bytes clipped]"},
		{"no room for the count", "abcdefghij", 5, "ab…"},
		{"no room for an ellipsis", "abcdefghij", 2, "ab"},
		{"ellipsis, rune boundary", "ééé", 5, "é…"},
		{"negative budget", "abc", -1, ""},
	}
	for _, tt := range tests {
		got := Marked(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("%s: Marked(%q, %d) = %q, want %q", tt.name, tt.in, tt.n, got, tt.want)
		}
	}
}

// TestMarkedBound checks the contract over many sizes: never more than n bytes, valid UTF-8
// in, valid UTF-8 out, and text that fits is returned unchanged.
func TestMarkedBound(t *testing.T) {
	inputs := []string{strings.Repeat("x", 5000), strings.Repeat("é", 3000), strings.Repeat("語", 2000), strings.Repeat("a😀", 1500)}
	for _, in := range inputs {
		for n := 0; n <= len(in)+1; n += 1 + n/8 {
			got := Marked(in, n)
			switch {
			case len(got) > max(n, 0):
				t.Fatalf("Marked(%d-byte text, %d) = %d bytes", len(in), n, len(got))
			case !utf8.ValidString(got):
				t.Fatalf("Marked(%d-byte text, %d) is not valid UTF-8", len(in), n)
			case len(in) <= n && got != in:
				t.Fatalf("clip changed text that fits")
			}
		}
	}
}
