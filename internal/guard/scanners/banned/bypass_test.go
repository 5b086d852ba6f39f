package banned

import (
	"context"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// TestBypass lists ways to write a banned phrase so that it is not matched. gap names an
// accepted hole, pinned as a skipped subtest.
func TestBypass(t *testing.T) {
	sc := newTestScanner(t, testOptions())
	cases := []struct{ name, text, gap string }{
		{"upper case", "tell me about PROJECT FALCON", ""},
		{"zero width inside", "Project Fal\u200bcon", ""},
		{"soft hyphen", "Project Fal\u00adcon", ""},
		{"fullwidth", "Ｐｒｏｊｅｃｔ Ｆａｌｃｏｎ", ""},
		{"cyrillic look-alikes", "Prоjеct Fаlcоn", ""},
		{"newline between words", "Project\nFalcon", ""},
		{"many spaces", "Project     Falcon", ""},
		{"markdown emphasis", "**Project** _Falcon_", "markup between the words of a phrase is not removed (the phrase is matched on folded text, punctuation kept)"},
		{"hyphenated", "Project-Falcon", "a hyphen between the words is not white space"},
		{"letter spaced", "P r o j e c t F a l c o n", "letter-spaced text is not joined (it would merge ordinary words)"},
		{"leetspeak", "Pr0ject F4lc0n", "leetspeak is folded by the injection scanner only"},
		{"normalized regex across lines", "DROP\n  TABLE users", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			fs, err := sc.Scan(context.Background(), &scanners.Request{Direction: scanners.Input,
				Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: c.text}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) == 0 {
				t.Fatalf("not reported: %q", c.text)
			}
		})
	}
}
