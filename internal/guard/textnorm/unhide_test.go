package textnorm

import "testing"

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
