package injection

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Kinds that do not come from the rule tables.
const (
	kindClassifier   = "classifier"
	kindTagSmuggling = "smuggling:unicode-tags"
	kindZeroWidth    = "smuggling:zero-width"
	kindEncoded      = "encoded:"
	kindObfuscated   = "obfuscated:"
	indirectPrefix   = "indirect:"
	excerptRunes     = 60
	// kindZeroWidthSplit: an invisible character after every letter, which reads the same
	// to a model and matches no filter (textnorm.InterleavedInvisible).
	kindZeroWidthSplit = "smuggling:zero-width-split"
	wZeroWidthSplit    = 0.6
	// encodedPrior is the evidence that an instruction was hidden in an encoding at all; it
	// is combined with what the decoded text scores.
	encodedPrior = 0.5
	// minDecodedScore is what a decoded text must score before its encoding counts.
	minDecodedScore = 0.3
	// hiddenProse is the weight of readable prose (three words or more) hidden in an
	// encoding that people do not normally paste (base64, hex, binary, Morse, tags, …).
	hiddenProse = 0.35
	// obfuscatedPrior is the weight of a phrase that only matches once leetspeak, split
	// words, letter spacing or reversal is undone.
	obfuscatedPrior = 0.45
)

// evidence is the strongest sign of one kind in a segment.
type evidence struct {
	kind       string
	weight     float64
	start, end int    // byte span in the segment text
	excerpt    string // overrides the span text (decoded or invisible content)
}

// segResult gathers the evidence for one segment across windows and variants.
type segResult struct {
	ev  []evidence
	clf float64 // calibrated classifier score, max over windows
}

// weight returns the weight of kind so far (0 when absent).
func (r *segResult) weight(kind string) float64 {
	for _, e := range r.ev {
		if e.kind == kind {
			return e.weight
		}
	}
	return 0
}

func (r *segResult) add(e evidence) {
	for i := range r.ev {
		if r.ev[i].kind == e.kind {
			if e.weight > r.ev[i].weight {
				r.ev[i] = e
			}
			return
		}
	}
	r.ev = append(r.ev, e)
}

// scanText scans one segment text within max bytes of work.
func (s *Scanner) scanText(ctx context.Context, text string, max int, sc *scratch) (segResult, int, error) {
	var res segResult
	used := 0
	for _, w := range windows(text, max) {
		if err := ctx.Err(); err != nil {
			return res, used, fmt.Errorf("injection scan interrupted: %w", err)
		}
		s.scanWindow(text[w[0]:w[1]], w[0], &res, sc)
		used += w[1] - w[0]
	}
	return res, used, nil
}

// windows splits a text longer than max into a head (half the budget), a tail (a quarter)
// and four chunks spread evenly over the middle (the last quarter), on rune boundaries.
func windows(text string, max int) [][2]int {
	n := len(text)
	if n <= max {
		return [][2]int{{0, n}}
	}
	head, tail := max/2, max/4
	out := [][2]int{{0, runeStart(text, head)}}
	const chunks = 4
	chunk := (max - head - tail) / chunks
	span := n - tail - head
	for k := 0; k < chunks; k++ {
		at := head + span*(2*k+1)/(2*chunks) - chunk/2
		out = append(out, [2]int{runeStart(text, at), runeStart(text, at+chunk)})
	}
	out = append(out, [2]int{runeStart(text, n-tail), n})
	return out
}

// runeStart moves i back to the start of the rune it points into.
func runeStart(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for k := 0; i > 0 && k < utf8.UTFMax && !utf8.RuneStart(s[i]); k++ {
		i--
	}
	return i
}

// scanWindow runs every layer over one window of raw text that starts at base.
func (s *Scanner) scanWindow(raw string, base int, res *segResult, sc *scratch) {
	norm := ""
	if s.useRules {
		m := sc.norm.NormalizeMap(raw)
		norm = m.Text
		mapped := func(a, b int) (int, int) { a, b = m.Span(a, b); return base + a, base + b }
		s.rules.analyze(m.Text, sc)
		reversed := sc.reversed
		s.collect(sc, res, mapped)
		s.scanTurns(raw, base, sc, res, mapped)
		if w, a, b := delimiterEscape(raw); w > 0 {
			res.add(evidence{kind: kindDelimiterEscape, weight: w, start: base + a, end: base + b})
		}
		if a, b, ok := textnorm.InterleavedInvisible(raw); ok {
			res.add(evidence{kind: kindZeroWidthSplit, weight: wZeroWidthSplit, start: base + a, end: base + b})
		}
		if d := textnorm.Deleet(m.Text); d != m.Text {
			s.rules.analyze(d, sc)
			s.collectHidden(sc, res, "leetspeak", mapped)
		}
		if v, ok := joinedVariant(m.Text); ok {
			s.rules.analyze(v.text, sc)
			s.collectHidden(sc, res, "split-words", func(a, b int) (int, int) { return mapped(v.orig(a), v.orig(b)) })
		}
		if v, ok := spacedVariant(raw, m.Text); ok {
			vm := textnorm.NormalizeMap(v.text)
			s.rules.analyze(vm.Text, sc)
			s.collectHidden(sc, res, "letter-spacing", func(a, b int) (int, int) {
				a, b = vm.Span(a, b)
				return base + v.orig(a), base + v.orig(b)
			})
		}
		if reversed >= 2 {
			s.rules.analyze(reverseRunes(m.Text), sc)
			s.collectHidden(sc, res, "reversed", func(int, int) (int, int) { return base, base + len(raw) })
		}
		if s.decode {
			s.scanDecodings(raw, base, res, sc)
		}
	}
	if s.model != nil {
		res.clf = max(res.clf, s.calibrate(s.modelScore(raw, norm, s.useRules)))
	}
}

// modelScore is s.model.Score(raw); when normalised (norm is textnorm.Normalize(raw)) and the
// model can take it, the model does not normalise raw again.
func (s *Scanner) modelScore(raw, norm string, normalised bool) float64 {
	if ns, ok := s.model.(normalizedScorer); ok && normalised {
		return ns.ScoreNormalized(raw, norm)
	}
	return s.model.Score(raw)
}

// collect copies the rule hits left in sc into res, mapping spans to the segment.
func (s *Scanner) collect(sc *scratch, res *segResult, mapped func(a, b int) (int, int)) {
	for k, h := range sc.best {
		if h.weight <= 0 {
			continue
		}
		a, b := mapped(h.start, h.end)
		res.add(evidence{kind: s.rules.kinds[k], weight: h.weight, start: a, end: b})
	}
}

// collectHidden collects the hits of an obfuscation variant. A phrase that only appears once
// the text is de-obfuscated was hidden on purpose, which is evidence of its own
// ("obfuscated:<how>").
func (s *Scanner) collectHidden(sc *scratch, res *segResult, how string, mapped func(a, b int) (int, int)) {
	for k, h := range sc.best {
		if h.weight < minDecodedScore {
			continue
		}
		kind := s.rules.kinds[k]
		if h.weight > res.weight(kind) {
			a, b := mapped(h.start, h.end)
			res.add(evidence{kind: kindObfuscated + how, weight: obfuscatedPrior, start: a, end: b})
		}
	}
	s.collect(sc, res, mapped)
}

// scanDecodings scans what encoded runs decode to.
func (s *Scanner) scanDecodings(raw string, base int, res *segResult, sc *scratch) {
	for _, d := range textnorm.Decode(raw) {
		a, b := base+d.Start, base+d.End
		switch d.Method {
		case "unicode-tags":
			res.add(evidence{kind: kindTagSmuggling, weight: 0.9, start: a, end: b, excerpt: "tags: " + excerpt(d.Text)})
		case "zero-width":
			res.add(evidence{kind: kindZeroWidth, weight: 0.85, start: a, end: b, excerpt: "zero-width: " + excerpt(d.Text)})
		}
		norm := textnorm.Normalize(d.Text)
		s.rules.analyze(norm, sc)
		r := score(sc.best)
		if s.model != nil {
			r = 1 - (1-r)*(1-s.calibrate(s.modelScore(d.Text, norm, true)))
		}
		w := 1 - (1-r)*(1-encodedPrior)
		if r < minDecodedScore {
			if !isProse(d) {
				continue
			}
			w = hiddenProse
		}
		res.add(evidence{kind: kindEncoded + d.Method, weight: w, start: a, end: b, excerpt: d.Method + ": " + excerpt(d.Text)})
	}
}

// isProse reports decoded text of several words from an encoding that ordinary text does
// not use (percent-encoding and HTML entities are common in benign input; rot13 is only
// decoded when the text says so or looks like it).
func isProse(d textnorm.Decoded) bool {
	switch d.Method {
	case "percent", "html-entities":
		return false
	}
	return strings.Count(strings.TrimSpace(d.Text), " ") >= 2
}

// calibrate maps a model probability so that the model's own threshold lands on the
// scanner's threshold (piecewise linear), keeping the model's operating point.
func (s *Scanner) calibrate(p float64) float64 {
	t, T := s.modelThresh, s.threshold
	if p <= t {
		return max(0, p/t*T)
	}
	return min(1, T+(p-t)/(1-t)*(1-T))
}

// findings turns a segment's evidence into findings when the combined score reaches the
// threshold: every kind that passes on its own, the classifier when it does, or else one
// finding for the combination, named after its strongest part.
func (s *Scanner) findings(res segResult, idx int, seg *scanners.Segment) []scanners.Finding {
	prefix := ""
	if seg.Role == scanners.RoleTool || seg.Role == scanners.RoleDocument {
		prefix = indirectPrefix
		// A document or tool result has no reason to address the model at all, so rule
		// evidence found there counts more: w → 1-(1-w)^1.5 (0.55 → 0.70, 0.7 → 0.84).
		for i := range res.ev {
			res.ev[i].weight = 1 - math.Pow(1-res.ev[i].weight, 1.5)
		}
	}
	miss := 1 - res.clf
	for _, e := range res.ev {
		miss *= 1 - e.weight
	}
	total := 1 - miss
	if total < s.threshold {
		return nil
	}
	whole := evidence{kind: kindClassifier, weight: res.clf, start: 0, end: len(seg.Text)}
	sort.SliceStable(res.ev, func(a, b int) bool { return res.ev[a].weight > res.ev[b].weight })
	var out []scanners.Finding
	for _, e := range append(res.ev, whole) {
		if e.weight >= s.threshold && len(out) < maxFindingsPerSeg {
			out = append(out, s.finding(e, e.weight, prefix, idx, seg.Text))
		}
	}
	if len(out) == 0 {
		top := whole
		if len(res.ev) > 0 && res.ev[0].weight >= res.clf {
			top = res.ev[0]
		}
		out = append(out, s.finding(top, total, prefix, idx, seg.Text))
	}
	return out
}

func (s *Scanner) finding(e evidence, score float64, prefix string, idx int, text string) scanners.Finding {
	ex := e.excerpt
	if ex == "" {
		ex = excerpt(text[e.start:e.end])
	}
	return scanners.Finding{Rule: Name, Kind: prefix + e.kind, Score: score, Segment: idx,
		Start: e.start, End: e.end, Excerpt: ex}
}

// excerpt quotes up to excerptRunes characters of s for the audit log, without control or
// invisible characters.
func excerpt(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			r = ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) || r == utf8.RuneError:
			continue
		case r >= 0xe0000 && r <= 0xe007f:
			continue
		}
		if n == excerptRunes {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
