package injection

import "strings"

// kindExfilURL marks URLs built to carry data out: placeholders to fill, an empty query
// value at the end, or an auto-loading image.
const kindExfilURL = "markup:exfil-url"

// urlStops ends a URL in normalised text.
const urlStops = " \"'`)]>|"

// exfilURL scores the most suspicious URL in the normalised text s and returns its span.
// Placeholders ({…}, <…>, $x, %s, […], "...") and a trailing "=" suggest a template the
// model is asked to fill with data; markdown images and <img> tags load without a click.
func exfilURL(s string) (w float64, start, end int) {
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "http")
		if k < 0 {
			break
		}
		a := i + k
		b := len(s)
		if e := strings.IndexAny(s[a:], urlStops); e >= 0 {
			b = a + e
		}
		u := s[a:b]
		i = b + 1
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			continue
		}
		miss := 1.0
		if strings.ContainsAny(u, "{}<$[") || strings.Contains(u, "%s") || strings.Contains(u, "...") || strings.Contains(u, "…") {
			miss *= 0.5
		}
		if strings.HasSuffix(u, "=") {
			miss *= 0.6
		}
		before := s[max(0, a-200):a]
		if strings.HasSuffix(before, "](") && strings.Contains(before, "![") || strings.HasSuffix(before, "src=\"") ||
			strings.HasSuffix(before, "src='") || strings.HasSuffix(before, "src=") {
			miss *= 0.7
		}
		if v := min(0.85, 1-miss); v > w {
			w, start, end = v, a, b
		}
	}
	return w, start, end
}
