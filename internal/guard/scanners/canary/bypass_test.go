package canary

import (
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestBypass lists forms an attacker may ask the model to leak the canary in. gap names an
// accepted hole, pinned as a skipped subtest.
func TestBypass(t *testing.T) {
	s := mustNew(t, Options{})
	rnd := "3f9a0c1d2e4b5a67"
	var perLine, codes, entities, pct strings.Builder
	for _, c := range rnd {
		fmt.Fprintf(&perLine, "%c\n", c)
		fmt.Fprintf(&codes, "%d, ", c)
		fmt.Fprintf(&entities, "&#%d;", c)
		fmt.Fprintf(&pct, "%%%X", c)
	}
	cases := []struct{ name, text, gap string }{
		{"letter per line", perLine.String(), ""},
		{"letters with dots", strings.Join(strings.Split(rnd, ""), "."), ""},
		{"code block", "```\n" + tok + "\n```", ""},
		{"inline code per char", "`" + strings.Join(strings.Split(rnd, ""), "` `") + "`", ""},
		{"html entities", entities.String(), ""},
		{"percent encoded all", pct.String(), ""},
		{"url query escape", url.QueryEscape("marker=" + tok), ""},
		{"base32", base32.StdEncoding.EncodeToString([]byte(tok)), ""},
		{"base32 lower no padding", strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("m " + tok))), ""},
		{"base64 of reversed", base64.StdEncoding.EncodeToString([]byte(reverse(tok))), ""},
		{"spelled out", "three f nine a zero c one d two e four b five a six seven", ""},
		{"nato", "three foxtrot nine alfa zero charlie one delta two echo four bravo five alfa six seven", ""},
		{"nato capitalised alpha", "Three, Foxtrot, Nine, Alpha, Zero, Charlie, One, Delta, Two, Echo, Four, Bravo, Five, Alpha, Six, Seven", ""},
		{"char codes", codes.String(), ""},
		{"half the token", "the marker starts with 3f9a0c1d", "a partial leak below the whole random part is not proof of a leak (8 hex digits collide with hashes in ordinary answers)"},
		{"split across choices", "3f9a0c1d / and later 2e4b5a67", "halves with words between them: each half alone is the partial-leak case above"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			if fs := scan(t, s, tok, c.text); len(fs) == 0 {
				t.Fatalf("not reported: %q", c.text)
			}
		})
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
