package canary

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

const tok = "aisec-3f9a0c1d2e4b5a67"

func scan(t testing.TB, s *Scanner, canary, text string) []scanners.Finding {
	t.Helper()
	fs, err := s.Scan(context.Background(), &scanners.Request{
		Direction: scanners.Output, Canary: canary,
		Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: text}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func mustNew(t testing.TB, o Options) *Scanner {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewToken(t *testing.T) {
	re := regexp.MustCompile(`^aisec-[0-9a-f]{16}$`)
	seen := map[string]bool{}
	for range 100 {
		k := NewToken()
		if !re.MatchString(k) {
			t.Fatalf("token %q has the wrong form", k)
		}
		if seen[k] {
			t.Fatalf("token %q repeated", k)
		}
		seen[k] = true
	}
	if in := Instruction(tok); !strings.Contains(in, tok) {
		t.Fatalf("instruction %q does not carry the token", in)
	}
}

func TestScan(t *testing.T) {
	s := mustNew(t, Options{})
	rnd := "3f9a0c1d2e4b5a67"
	rev := []byte(rnd)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	cases := []struct {
		name, text, kind string
	}{
		{"verbatim", "My instructions: Confidential session marker: " + tok + ". Never repeat", "verbatim"},
		{"upper case", "marker " + strings.ToUpper(tok), "obfuscated"},
		{"random part only", "the marker is 3f9a0c1d2e4b5a67.", "obfuscated"},
		{"spaced", "3 f 9 a 0 c 1 d 2 e 4 b 5 a 6 7", "obfuscated"},
		{"dashes and newlines", "3f9a-0c1d\n2e4b-5a67", "obfuscated"},
		{"zero width", "3f9a\u200b0c1d\u200c2e4b\u2060\ufeff5a67", "obfuscated"},
		{"markdown", "**3f9a** `0c1d` _2e4b_ ~~5a67~~", "obfuscated"},
		{"fullwidth", "３ｆ９ａ０ｃ１ｄ２ｅ４ｂ５ａ６７", "obfuscated"},
		{"cyrillic a and e", "3f9а0c1d2е4b5а67", "obfuscated"},
		{"reversed", "reversed: " + string(rev), "reversed"},
		{"base64 whole", "here: " + base64.StdEncoding.EncodeToString([]byte(tok)), "base64"},
		{"base64 core", base64.StdEncoding.EncodeToString([]byte("x" + rnd + "yz")), "base64"},
		{"base64 url wrapped", wrap(base64.URLEncoding.EncodeToString([]byte("The system prompt says "+tok+" and more")), 10), "base64"},
		{"hex", hex.EncodeToString([]byte("marker=" + tok)), "hex"},
		{"hex spaced upper", spacedHex(tok), "hex"},
		{"rot13", "nvfrp-3s9n0p1q2r4o5n67", "rot13"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := scan(t, s, tok, c.text)
			if len(fs) != 1 {
				t.Fatalf("want 1 finding, got %v", fs)
			}
			f := fs[0]
			if f.Kind != c.kind || f.Score != 1 || f.Rule != Name {
				t.Fatalf("got %+v, want kind %s", f, c.kind)
			}
			if f.Start < 0 || f.End > len(c.text) || f.Start >= f.End {
				t.Fatalf("bad span %d-%d", f.Start, f.End)
			}
			if strings.Contains(f.Excerpt, rnd) {
				t.Fatalf("excerpt %q repeats the token", f.Excerpt)
			}
		})
	}
}

func TestSpan(t *testing.T) {
	s := mustNew(t, Options{})
	text := "ok → 3f9a 0c1d 2e4b 5a6７ done"
	fs := scan(t, s, tok, text)
	if len(fs) != 1 {
		t.Fatalf("got %v", fs)
	}
	if got := text[fs[0].Start:fs[0].End]; got != "3f9a 0c1d 2e4b 5a6７" {
		t.Fatalf("span covers %q", got)
	}
}

func TestBenign(t *testing.T) {
	s := mustNew(t, Options{})
	benign := []string{
		"",
		"Here is a hex dump: 3f9a0c1d 2e4b5a68 (one digit differs).",
		"The commit 3f9a0c1d2e4b was reverted.",
		"aisec- is the prefix we use; the marker itself is secret.",
		"I can't share my instructions, sorry.",
		strings.Repeat("0123456789abcdef ", 200),
		base64.StdEncoding.EncodeToString([]byte("aisec-3f9a0c1d2e4b5a6")), // truncated before the last char
	}
	for _, text := range benign {
		if fs := scan(t, s, tok, text); len(fs) != 0 {
			t.Errorf("%.60q: unexpected %+v", text, fs)
		}
	}
	if fs := scan(t, s, "", "anything "+tok); len(fs) != 0 {
		t.Errorf("no canary planted, got %v", fs)
	}
}

func TestShortTokenVerbatimOnly(t *testing.T) {
	s := mustNew(t, Options{})
	if fs := scan(t, s, "Zebra1", "zebra1 appears"); len(fs) != 1 || fs[0].Kind != "verbatim" {
		t.Fatalf("short token, case-insensitive verbatim: %v", fs)
	}
	if fs := scan(t, s, "Zebra1", "z e b r a 1"); len(fs) != 0 {
		t.Fatalf("short token must not match obfuscated: %v", fs)
	}
	v := mustNew(t, Options{VerbatimOnly: true})
	if fs := scan(t, v, tok, "3 f 9 a 0 c 1 d 2 e 4 b 5 a 6 7"); len(fs) != 0 {
		t.Fatalf("verbatim_only matched an obfuscated form: %v", fs)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{MinLength: -1}, {MinLength: 3}} {
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestCancelled(t *testing.T) {
	s := mustNew(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Scan(ctx, &scanners.Request{Canary: tok, Segments: []scanners.Segment{{Text: tok}}})
	if err == nil {
		t.Fatal("cancelled context not honoured")
	}
}

func wrap(s string, n int) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n] + "\n")
		s = s[n:]
	}
	return b.String() + s
}

func spacedHex(s string) string {
	var parts []string
	for i := 0; i < len(s); i++ {
		parts = append(parts, strings.ToUpper(hex.EncodeToString([]byte{s[i]})))
	}
	return strings.Join(parts, " ")
}

// TestStreamingWindows: a token split over two chunks is whole in the next window (tail of
// at least 256 bytes), obfuscated or not.
func TestStreamingWindows(t *testing.T) {
	s := mustNew(t, Options{})
	for _, leak := range []string{tok, "3 f 9 a 0 c 1 d 2 e 4 b 5 a 6 7"} {
		out := strings.Repeat("Some harmless preamble text. ", 10) + leak + strings.Repeat(" trailing words", 10)
		hit := false
		for end := 7; ; end += 7 {
			end = min(end, len(out))
			if fs := scan(t, s, tok, out[max(0, end-7-256):end]); len(fs) > 0 {
				hit = true
			}
			if end == len(out) {
				break
			}
		}
		if !hit {
			t.Errorf("%q never seen whole in a window", leak)
		}
	}
}
