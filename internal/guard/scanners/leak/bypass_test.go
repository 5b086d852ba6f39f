package leak

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
)

// TestBypass lists ways to dump the system prompt past the overlap check. gap names an
// accepted hole, pinned as a skipped subtest (see also notDetected in cases_test.go).
func TestBypass(t *testing.T) {
	s := mustNew(t, Options{})
	words := strings.Fields(sysBank)
	rev := slices.Clone(words)
	slices.Reverse(rev)
	cases := []struct{ name, text, gap string }{
		{"one word per line", strings.Join(words, "\n"), ""},
		{"words joined by underscores", strings.Join(words, "_"), ""},
		{"words joined by dashes", strings.Join(words, "-"), ""},
		{"html tags between words", "<span>" + strings.Join(words, "</span> <span>") + "</span>", ""},
		{"json array of words", `["` + strings.Join(words, `","`) + `"]`, ""},
		{"in a table", "| " + strings.Join(words, " | ") + " |", ""},
		{"quoted as a blockquote", "> " + strings.ReplaceAll(sysBank, "\n", "\n> "), ""},
		{"reversed word order", strings.Join(rev, " "), "reversed word order shares no 5-word shingle with the prompt"},
		{"base64", base64.StdEncoding.EncodeToString([]byte(sysBank)), "encoded dumps are not decoded (the canary catches them when planted)"},
		{"letter spaced", strings.Join(strings.Split(sysBank[:400], ""), " "), "letter-spaced text has no words to shingle; the canary's skeleton match covers planted tokens"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			if fs := scan(t, s, sysBank, c.text); len(fs) == 0 {
				t.Fatalf("not reported: %.120q", c.text)
			}
		})
	}
}
