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
	for _, h := range v.Hits {
		if h.Replacement != "" {
			w := wins[h.Segment]
			g.addSpan(w.kt, rspan{start: w.start + h.Start, end: w.start + h.End, repl: h.Replacement})
		}
	}
	for i, w := range wins {
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
