// Package links finds URLs in model output that can carry data out of the conversation:
// markdown images (inline and reference-style), auto-loading HTML (<img src>, iframes,
// CSS url()) and links or plain URLs whose query, path or host holds encoded or personal
// data. An attacker who controls part of the context (a document, a web page, a tool
// result) asks the model to append the conversation to such a URL; an image renders, and
// so fetches, without a click. With an allowlist of domains, every URL outside it is
// reported as well.
//
// Hosts are compared the way a browser resolves them: userinfo ("https://allowed.com@evil.com"),
// backslashes, percent-encoding, case, trailing dots, fullwidth characters and IDNA
// ("xn--") labels do not fool the allowlist. Findings are redactable: replacing the span
// (the whole image, or the URL) removes the channel.
package links

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Name is the rule key.
const Name = "links"

// Kinds of findings.
const (
	KindMarkdownImage  = "markdown-image"
	KindHTMLImage      = "html-image"
	KindExfilURL       = "exfil-url"
	KindUnlistedDomain = "unlisted-domain"
)

// Options configures the links scanner. The zero value reports only exfiltration-shaped URLs.
type Options struct {
	// AllowedDomains lists the domains (and their subdomains) output may link to. When set,
	// every other URL is reported (kind unlisted-domain, or markdown-image/html-image for
	// images) and URLs on these domains are never reported. Entries are host names
	// ("example.com", "*.example.com", "bücher.de"); a scheme or path is ignored.
	AllowedDomains []string `yaml:"allowed_domains"`
}

// Scanner is the links rule. It holds only read-only state after New.
type Scanner struct {
	allow []string // canonical domains
}

// New validates opts and returns a scanner.
func New(opts Options) (*Scanner, error) {
	s := &Scanner{}
	for _, d := range opts.AllowedDomains {
		c, err := allowEntry(d)
		if err != nil {
			return nil, err
		}
		s.allow = append(s.allow, c)
	}
	return s, nil
}

// allowEntry canonicalises one allowlist entry.
func allowEntry(d string) (string, error) {
	raw := d
	d = strings.TrimSpace(d)
	if i := strings.Index(d, "://"); i >= 0 {
		d = d[i+3:]
	}
	if i := strings.IndexAny(d, "/?#"); i >= 0 {
		d = d[:i]
	}
	d = strings.TrimPrefix(strings.TrimPrefix(d, "*"), ".")
	c := canonicalHost(stripPort(d))
	if c == "" || strings.HasPrefix(c, ".") || strings.Contains(c, "..") {
		return "", fmt.Errorf("links: allowed domain %q is not a host name", raw)
	}
	return c, nil
}

// Name returns "links".
func (s *Scanner) Name() string { return Name }

// Directions returns Output.
func (s *Scanner) Directions() scanners.Direction { return scanners.Output }

// Scan reports every dangerous URL of every segment.
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil {
		return nil, nil
	}
	var out []scanners.Finding
	for i, seg := range req.Segments {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the links scan: %w", err)
		}
		cands, truncated := extract(seg.Text)
		for _, c := range cands {
			if f, ok := s.judge(c); ok {
				f.Segment = i
				out = append(out, f)
			}
		}
		if truncated {
			out = append(out, scanners.Finding{Rule: Name, Kind: KindExfilURL, Score: 0.7, Segment: i,
				Excerpt: fmt.Sprintf("more than %d URLs in one segment; the rest was not inspected", maxCandidates)})
		}
	}
	return out, nil
}

// judge decides whether one candidate is reported, and how.
func (s *Scanner) judge(c candidate) (scanners.Finding, bool) {
	t, ok := parseTarget(c.url)
	if !ok {
		return scanners.Finding{}, false
	}
	image := c.where == markdownImage || c.where == htmlImage
	listed := len(s.allow) > 0
	var nested []target
	reason, data := carriesData(t, image, &nested)
	if !data {
		reason, data = nestedData(nested)
	}
	switch {
	case listed && !s.allowed(t.host):
		reason = firstNonEmpty(reason, "host not in allowlist")
	case listed:
		n, bad := s.unlistedNested(nested)
		if !bad {
			return scanners.Finding{}, false
		}
		reason = "redirect to " + n
	case !data:
		return scanners.Finding{}, false
	}
	f := scanners.Finding{Rule: Name, Start: c.start, End: c.end, Redactable: true, Score: 0.6, Kind: KindUnlistedDomain}
	switch {
	case image:
		f.Kind, f.Score = KindMarkdownImage, 0.7
		if c.where == htmlImage {
			f.Kind = KindHTMLImage
		}
		if data {
			f.Score = 0.95
		}
	case data:
		f.Kind, f.Score = KindExfilURL, 0.9
	}
	if t.userinfo {
		reason += ", credentials before the host"
	}
	f.Excerpt = excerpt(t, reason)
	return f, true
}

func (s *Scanner) allowed(host string) bool {
	for _, d := range s.allow {
		if domainMatch(host, d) {
			return true
		}
	}
	return false
}

// unlistedNested returns the first redirect target outside the allowlist.
func (s *Scanner) unlistedNested(ns []target) (string, bool) {
	for _, n := range ns {
		if !s.allowed(n.host) {
			return n.host, true
		}
	}
	return "", false
}

// nestedData judges redirect targets found in query values (one level deep).
func nestedData(ns []target) (string, bool) {
	var deeper []target
	for _, n := range ns {
		if reason, ok := carriesData(n, false, &deeper); ok {
			return "redirect target: " + reason, true
		}
	}
	return "", false
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// excerpt names the host and the reason, never the query or path (they hold the data).
func excerpt(t target, reason string) string {
	scheme := t.scheme
	if scheme == "" {
		scheme = "//"
	} else {
		scheme += "://"
	}
	host := t.host
	if len(host) > 80 {
		host = host[:40] + "…" + host[len(host)-20:]
	}
	return strings.ToValidUTF8(scheme+host+"/… ("+reason+")", "?")
}

var _ scanners.Scanner = (*Scanner)(nil)
