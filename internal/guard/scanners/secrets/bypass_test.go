package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// TestBypass lists ways to get a credential past input redaction or out through the answer.
// gap names an accepted hole, pinned as a skipped subtest.
func TestBypass(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	zw := func(v string, sep string) string { return strings.Join(strings.Split(v, ""), sep) }
	cases := []struct{ name, text, gap string }{
		{"aws in env line", "export AWS_ACCESS_KEY_ID=" + awsKey, ""},
		{"aws lower-cased context", "aws_access_key_id = " + awsKey, ""},
		{"aws in json", `{"accessKeyId":"` + awsKey + `"}`, ""},
		{"aws in url", "https://s3.amazonaws.com/b/o?AWSAccessKeyId=" + awsKey + "&Expires=1", ""},
		{"github pat in code", "token := \"" + githubPAT + "\"", ""},
		{"zero width split", zw(githubPAT, "\u200b"), ""},
		{"zero width joiner split aws", awsKey[:8] + "\u200d" + awsKey[8:], ""},
		{"soft hyphen split", githubPAT[:10] + "\u00ad" + githubPAT[10:], ""},
		{"private key crlf", strings.ReplaceAll(privateKey, "\n", "\r\n"), ""},
		{"private key indented in yaml", "key: |\n  " + strings.ReplaceAll(privateKey, "\n", "\n  "), ""},
		{"private key escaped newlines json", `{"private_key":"` + strings.ReplaceAll(privateKey, "\n", `\n`) + `"}`, ""},
		{"key wrapped across lines", githubPAT[:20] + "\n" + githubPAT[20:], "joining lines would glue every code line to the next; a key printed in pieces is pinned"},
		{"key in markdown code", "`" + stripeLive + "`", ""},
		{"anthropic in header", "x-api-key: " + anthropicKey, ""},
		{"openai bearer", "Authorization: Bearer " + openAIKey, ""},
		{"fullwidth key", toFullwidth(githubPAT), ""},
		{"spaced key", zw(githubPAT, " "), "one character per word reads as prose; joining every run of single letters would merge ordinary text"},
		{"reversed key", reverse(githubPAT), "reversed or base64-encoded keys are not decoded (the injection scanner probes encodings on input)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			for _, d := range []scanners.Direction{scanners.Input, scanners.Output} {
				fs, err := s.Scan(context.Background(), &scanners.Request{Direction: d,
					Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: c.text}}})
				if err != nil {
					t.Fatal(err)
				}
				if len(fs) == 0 {
					t.Fatalf("%s: not reported: %q", d, c.text)
				}
				for _, f := range fs {
					if f.Start < 0 || f.End > len(c.text) || f.Start > f.End {
						t.Fatalf("bad span %+v", f)
					}
				}
			}
		})
	}
}

func toFullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
