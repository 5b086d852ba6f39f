package proxy

import (
	"sort"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// window is the part of a key's text one scan looked at.
type window struct {
	kt    *keyText
	start int
}

// scan inspects the keys that have enough new text (any new text when scanning every event,
// at the end, or for a closed key) in one engine call.
func (g *streamGuard) scan() {
	var segs []scanners.Segment
	var wins []window
	for _, kt := range g.order {
		fresh := len(kt.text) - kt.scanned
		if fresh == 0 || !(g.scanEach || g.ending || kt.closed || fresh >= g.tail) {
			continue
		}
		start := runeStart(kt.text, max(0, kt.scanned-g.tail))
		segs = append(segs, scanners.Segment{Role: scanners.RoleAssistant, Index: kt.key.Choice, Text: string(kt.text[start:])})
		wins = append(wins, window{kt, start})
		kt.scanned = len(kt.text)
	}
	if len(segs) == 0 {
		return
	}
	x := g.x
	t0 := time.Now()
	v := x.rt.Engine.Inspect(x.r.Context(), &scanners.Request{Direction: scanners.Output, Segments: segs,
		System: x.req.System, Canary: x.token, Identity: x.identity})
	x.s.metrics.inspectOut.Observe(time.Since(t0).Seconds())
	g.record(v, wins)
	if v.Action == engine.Block || v.Action == engine.Abort {
		rule := blockingRule(v.Hits, v.Errors)
		g.end(api.Blocked, rule, "the model's response was blocked by guard rule "+rule)
		return
	}
	for i, w := range wins {
		if v.Sanitized != nil && v.Sanitized[i] != segs[i].Text {
			g.redact(w, segs[i].Text, v.Sanitized[i], v.Hits, i)
		}
		g.markPlanted(w, segs[i].Text)
	}
}

// record keeps the window's new findings and errors (a finding in the overlap of two windows
// is reported once) and counts them.
func (g *streamGuard) record(v *engine.Verdict, wins []window) {
	m := g.x.s.metrics
	for _, e := range v.Errors {
		if !g.errs[e.Rule] {
			g.errs[e.Rule] = true
			g.errors = append(g.errors, e)
			m.scannerErrors.WithLabelValues(e.Rule).Inc()
		}
		if e.Action.Stronger(g.action) {
			g.action = e.Action
		}
	}
	for _, h := range v.Hits {
		if h.Segment < 0 || h.Segment >= len(wins) {
			continue
		}
		w := wins[h.Segment]
		k := hitKey{rule: h.Rule, kind: h.Kind, key: w.kt.key}
		if h.End > h.Start { // a whole-text finding (no span) is the same finding in every window
			k.start, k.end = w.start+h.Start, w.start+h.End
		}
		if g.seen[k] {
			continue
		}
		g.seen[k] = true
		h.Start, h.End, h.Segment = k.start, k.end, w.kt.key.Choice
		g.hits = append(g.hits, h)
		m.verdicts.WithLabelValues("output", h.Rule, string(h.Action)).Inc()
		if h.Action.Stronger(g.action) {
			g.action = h.Action
		}
	}
}

// redact turns the engine's sanitized window into replacement spans. The engine keeps the
// original text between the spans it replaces, so each replacement can be read off the
// sanitized text; markers never contain ']' before their end. When the sanitized text does
// not have that shape, the whole changed middle of the window becomes one span.
func (g *streamGuard) redact(w window, orig, sanitized string, hits []engine.Hit, seg int) {
	if reps, ok := replacements(orig, sanitized, hits, seg); ok {
		for _, r := range reps {
			g.addSpan(w.kt, rspan{start: w.start + r.start, end: w.start + r.end, repl: r.repl})
		}
		return
	}
	lo, hi := 0, len(orig)
	for lo < len(orig) && lo < len(sanitized) && orig[lo] == sanitized[lo] {
		lo++
	}
	for hi > lo && len(sanitized)-(len(orig)-hi) > lo && orig[hi-1] == sanitized[len(sanitized)-(len(orig)-hi)-1] {
		hi--
	}
	g.overrideSpans(w.kt, w.start+lo, w.start+hi)
	g.addSpan(w.kt, rspan{start: w.start + lo, end: w.start + hi, repl: sanitized[lo : len(sanitized)-(len(orig)-hi)]})
}

// replacements reconstructs the engine's per-hit replacements of segment seg.
func replacements(orig, sanitized string, hits []engine.Hit, seg int) ([]rspan, bool) {
	var applied []engine.Hit
	for _, h := range hits {
		if h.Segment == seg && (h.Action == engine.Redact || h.Action == engine.Anonymize) && h.End > h.Start && h.End <= len(orig) {
			applied = append(applied, h)
		}
	}
	sort.SliceStable(applied, func(i, j int) bool { return applied[i].Start < applied[j].Start })
	var out []rspan
	ps, po := 0, 0
	for k, h := range applied {
		if h.Start < po {
			continue // the engine skips a span overlapping the previous one
		}
		gap := orig[po:h.Start]
		if !strings.HasPrefix(sanitized[ps:], gap) {
			return nil, false
		}
		ps += len(gap)
		end := len(sanitized) - (len(orig) - h.End)
		if k < len(applied)-1 {
			j := strings.IndexByte(sanitized[ps:], ']')
			if ps >= len(sanitized) || sanitized[ps] != '[' || j < 0 {
				return nil, false
			}
			end = ps + j + 1
		}
		if end < ps {
			return nil, false
		}
		out = append(out, rspan{start: h.Start, end: h.End, repl: sanitized[ps:end]})
		ps, po = end, h.End
	}
	return out, sanitized[ps:] == orig[po:]
}

// overrideSpans drops the unreleased spans inside [start,end), which a new span replaces.
func (g *streamGuard) overrideSpans(kt *keyText, start, end int) {
	keep := kt.spans[:0]
	for _, s := range kt.spans {
		if s.start >= start && s.end <= end && s.start >= kt.released {
			continue
		}
		keep = append(keep, s)
	}
	kt.spans = keep
}

// markPlanted finds, in a window, what the guard itself planted: the canary token (removed) and
// the placeholders of anonymised values (restored).
func (g *streamGuard) markPlanted(w window, text string) {
	x := g.x
	if x.token != "" {
		for _, at := range indexAll(text, x.token) {
			g.addSpan(w.kt, rspan{start: w.start + at, end: w.start + at + len(x.token)})
		}
	}
	if x.restorer == nil {
		return
	}
	for _, p := range x.restorer.holders {
		for _, at := range indexAll(text, p) {
			g.addSpan(w.kt, rspan{start: w.start + at, end: w.start + at + len(p), repl: x.restorer.value(p, w.kt.json)})
		}
	}
}

func indexAll(s, sub string) []int {
	var out []int
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return out
		}
		out = append(out, off+i)
		off += i + len(sub)
	}
}

// addSpan adds a replacement span, keeping the list sorted and non-overlapping: the parts of
// s already covered by earlier spans are left to them, and the replacement goes with the
// first uncovered part only if that part starts s. Text already released cannot be taken back,
// so a span reaching into it is cut at the release point.
func (g *streamGuard) addSpan(kt *keyText, s rspan) {
	s.start = max(s.start, kt.released)
	if s.start >= s.end {
		return
	}
	var pieces []rspan
	cur, first := s.start, true
	for _, e := range kt.spans {
		if e.end <= cur {
			continue
		}
		if e.start >= s.end {
			break
		}
		if e.start > cur {
			pieces = append(pieces, rspan{start: cur, end: e.start, repl: pick(first, s.repl)})
		}
		first = false
		cur = max(cur, e.end)
	}
	if cur < s.end {
		pieces = append(pieces, rspan{start: cur, end: s.end, repl: pick(first, s.repl)})
	}
	if len(pieces) == 0 {
		return
	}
	kt.spans = append(kt.spans, pieces...)
	sort.Slice(kt.spans, func(i, j int) bool { return kt.spans[i].start < kt.spans[j].start })
}

func pick(first bool, repl string) string {
	if first {
		return repl
	}
	return ""
}
