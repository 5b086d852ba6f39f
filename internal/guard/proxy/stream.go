package proxy

import (
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
)

// Streams are inspected as they flow. Every text the response grows (each choice's content,
// each tool call's arguments, each Responses part, each Anthropic block) accumulates per key;
// the output rules scan windows of it: the text not yet scanned plus a tail of already
// scanned text, so that a match split across events is whole in some window as long as it is
// no longer than the tail.
//
// What happens to events depends on the output rules' modes:
//   - hold (some rule blocks, redacts or anonymises, or placeholders must be restored or the
//     canary removed): an event is released only when all its text lies before the scanned
//     frontier minus the tail, i.e. when no later window can still find a match starting in
//     it. A block ends the stream with the surface's error event; nothing unscanned or dirty
//     was sent. Redactions rewrite the held events (the replacement in the first event the span
//     touches, the rest of the span removed from the following ones).
//   - abort (no hold, some rule aborts): each event is scanned before it is released; a hit
//     ends the stream with the error event. The client has the text up to the match.
//   - log only: events are released at once and scanned in batches for the record.

// errStopStream stops the SSE parser once the stream has been ended.
var errStopStream = errors.New("stream stopped")

// rspan is a replacement of [start,end) of a key's text by repl.
type rspan struct {
	start, end int
	repl       string
}

// keyText is one growing text of the stream.
type keyText struct {
	key     api.Key
	text    []byte
	scanned int // the scanned frontier
	closed  bool
	spans   []rspan // sorted, non-overlapping
	out     []byte  // the text as released to the client
	// released is how much of text has been released (in upstream bytes).
	released int
	json     bool // tool arguments: restored values are JSON-escaped
}

// textRange is where a delta lives in its key's text.
type textRange struct {
	kt         *keyText
	start, end int
}

// held is an event waiting for release.
type held struct {
	ev     api.Event
	chunk  api.Chunk
	ranges []textRange // per Delta ref
	drop   bool        // the usage chunk the guard asked for and the client did not
}

// hitKey identifies a finding across overlapping windows.
type hitKey struct {
	rule, kind string
	key        api.Key
	start, end int
}

// streamGuard inspects one streamed response.
type streamGuard struct {
	x        *exchange
	rc       *http.ResponseController
	parser   *api.Parser
	hold     bool
	scanEach bool
	tail     int
	keys     map[api.Key]*keyText
	order    []*keyText
	queue    []*held
	state    api.StreamState
	ending   bool
	stopped  bool
	// forcedUsage is true when the guard, not the client, asked for the usage chunk.
	forcedUsage bool

	seen   map[hitKey]bool
	errs   map[string]bool
	hits   []engine.Hit
	errors []engine.RuleError
	action engine.Mode
}

func newStreamGuard(x *exchange) *streamGuard {
	m := x.a.outModes
	g := &streamGuard{x: x, rc: http.NewResponseController(x.w), keys: map[api.Key]*keyText{},
		seen: map[hitKey]bool{}, errs: map[string]bool{}, action: engine.Allow,
		parser: api.NewParser(int(min(x.rt.maxResponse(), math.MaxInt32)))}
	g.hold = m[engine.Block] || m[engine.Redact] || m[engine.Anonymize] || x.restorer != nil || x.token != ""
	g.scanEach = !g.hold && m[engine.Abort]
	g.tail = x.rt.streamTail()
	if x.restorer != nil {
		g.tail = max(g.tail, x.restorer.longest)
	}
	g.tail = max(g.tail, len(x.token))
	g.forcedUsage = x.rt.Limiter != nil && !x.req.IncludeUsage
	return g
}

// streamResponse relays an event stream, inspecting it on the way.
func (x *exchange) streamResponse(resp *http.Response, idle *time.Timer) {
	x.streamed = true
	g := newStreamGuard(x)
	h := x.w.Header()
	copyHeaders(h, resp.Header, dropResponse)
	h.Set("X-Accel-Buffering", "no") // a buffering proxy in front would defeat the release policy
	x.status = resp.StatusCode
	x.w.WriteHeader(resp.StatusCode)
	_ = g.rc.Flush()
	g.pump(resp.Body, idle)
	x.outInspected = true
	x.outHits, x.outErrors, x.outAction = g.hits, g.errors, g.action
	x.charge()
}

// pump reads the upstream body to its end (or until the stream is stopped).
func (g *streamGuard) pump(body io.Reader, idle *time.Timer) {
	buf := make([]byte, 32<<10)
	var total int64
	limit := g.x.rt.maxResponse()
	for !g.stopped {
		n, err := body.Read(buf)
		if n > 0 {
			if idle != nil {
				idle.Reset(g.x.up.timeout())
			}
			if total += int64(n); total > limit {
				g.end(api.UpstreamFailed, "upstream_response_invalid", "the upstream stream exceeds the guard's limit")
				return
			}
			if ferr := g.parser.Feed(buf[:n], g.onEvent); ferr != nil {
				g.badStream(ferr)
				return
			}
		}
		switch {
		case err == io.EOF:
			if cerr := g.parser.Close(g.onEvent); cerr != nil {
				g.badStream(cerr)
				return
			}
			g.finish()
			return
		case err != nil:
			if g.x.r.Context().Err() != nil {
				return // the client left; nothing more to say
			}
			g.x.s.metrics.upstreamErrs.WithLabelValues(g.x.up.Name).Inc()
			g.finish()
			g.end(api.UpstreamFailed, "upstream_interrupted", "the upstream stream was interrupted")
			return
		}
	}
}

func (g *streamGuard) badStream(err error) {
	if g.stopped || errors.Is(err, errStopStream) {
		return
	}
	g.x.s.metrics.upstreamErrs.WithLabelValues(g.x.up.Name).Inc()
	g.end(api.UpstreamFailed, "upstream_response_invalid", "the upstream stream could not be read")
}

// onEvent takes one event from the parser.
func (g *streamGuard) onEvent(ev api.Event) error {
	if g.stopped {
		return errStopStream
	}
	c, err := api.DecodeChunk(g.x.sf, &ev)
	if err != nil {
		return err
	}
	g.track(&c)
	h := &held{ev: ev, chunk: c, ranges: make([]textRange, len(c.Refs))}
	for i, ref := range c.Refs {
		if ref.Kind != api.Delta {
			continue
		}
		kt := g.keyText(ref.Key)
		start := len(kt.text)
		kt.text = append(kt.text, ref.Text...)
		h.ranges[i] = textRange{kt, start, len(kt.text)}
	}
	for _, k := range c.Closes {
		g.close(k)
	}
	h.drop = c.UsageOnly && g.forcedUsage
	g.queue = append(g.queue, h)
	if c.Done || c.Error {
		g.ending = true
	}
	g.scan()
	if g.stopped {
		return errStopStream
	}
	g.release()
	return nil
}

// track keeps what an error event needs (Responses ids and sequence numbers) and the usage.
func (g *streamGuard) track(c *api.Chunk) {
	if c.Seq >= 0 {
		g.state.NextSeq = c.Seq + 1
	}
	if c.ResponseID != "" {
		g.state.ResponseID = c.ResponseID
	}
	if c.Model != "" {
		g.state.Model = c.Model
	}
	if c.Usage.Known {
		u := &g.x.usage
		u.Known = true
		u.Input, u.Output = max(u.Input, c.Usage.Input), max(u.Output, c.Usage.Output)
	}
}

func (g *streamGuard) keyText(k api.Key) *keyText {
	kt := g.keys[k]
	if kt == nil {
		kt = &keyText{key: k, json: k.Kind == api.ToolArgs}
		g.keys[k] = kt
		g.order = append(g.order, kt)
	}
	return kt
}

// close marks a key (or, for AllKinds, every key of a choice) complete.
func (g *streamGuard) close(k api.Key) {
	for _, kt := range g.order {
		if kt.key == k || (k.Kind == api.AllKinds && kt.key.Choice == k.Choice) {
			kt.closed = true
		}
	}
}

// finish ends a stream that ran to its end: the rest is scanned and released.
func (g *streamGuard) finish() {
	g.ending = true
	g.scan()
	if !g.stopped {
		g.release()
	}
}

// end stops the stream with the surface's error event; held events are dropped.
func (g *streamGuard) end(kind api.ErrorKind, code, msg string) {
	if g.stopped {
		return
	}
	g.stopped = true
	g.queue = nil
	g.x.s.metrics.streamAborts.Inc()
	_, _ = g.x.w.Write(api.ErrorEvent(g.x.sf, api.Error{Kind: kind, Code: code, Message: msg}, g.state))
	_ = g.rc.Flush()
}

// limit is how far into kt's text events may be released.
func (g *streamGuard) limit(kt *keyText) int {
	switch {
	case !g.hold && !g.scanEach:
		return math.MaxInt
	case !g.hold || g.ending || kt.closed:
		return kt.scanned
	}
	return kt.scanned - g.tail
}

// release writes out the held events, in order, as far as the policy allows.
func (g *streamGuard) release() {
	for len(g.queue) > 0 && !g.stopped {
		h := g.queue[0]
		for i, ref := range h.chunk.Refs {
			if r := h.ranges[i]; ref.Kind == api.Delta && r.end > g.limit(r.kt) {
				return
			}
		}
		g.queue[0] = nil
		g.queue = g.queue[1:]
		g.emit(h)
	}
}

// emit writes one event, rewritten when the client must see other text than the upstream's.
func (g *streamGuard) emit(h *held) {
	var reps []api.Replacement
	for i, ref := range h.chunk.Refs {
		want := ref.Text
		switch ref.Kind {
		case api.Delta:
			r := h.ranges[i]
			want = r.kt.render(r.start, r.end)
			r.kt.out = append(r.kt.out, want...)
			r.kt.released = r.end
		case api.Snapshot:
			want = ""
			if kt := g.keys[ref.Key]; kt != nil {
				want = string(kt.out)
			}
		case api.Echo:
			if g.x.suffix != "" {
				want = strings.ReplaceAll(want, g.x.suffix, "")
			}
			if g.x.token != "" {
				want = strings.ReplaceAll(want, g.x.token, "")
			}
		}
		if want != ref.Text {
			reps = append(reps, api.Replacement{Ref: i, Text: want})
		}
	}
	if h.drop {
		return
	}
	out := h.ev.Raw
	if len(reps) > 0 {
		b, err := h.chunk.Encode(h.ev.Name, reps)
		if err != nil {
			g.end(api.UpstreamFailed, "upstream_response_invalid", "a stream event could not be rewritten")
			return
		}
		out = b
	}
	if _, err := g.x.w.Write(out); err != nil {
		g.stopped = true // the client is gone
		return
	}
	_ = g.rc.Flush()
}

// render returns kt's text [start,end) with its replacement spans applied: a span's
// replacement is written where the span starts, and the rest of the span is left out.
func (kt *keyText) render(start, end int) string {
	var b strings.Builder
	pos := start
	for _, s := range kt.spans {
		if s.end <= start || s.start >= end {
			continue
		}
		if s.start > pos {
			b.Write(kt.text[pos:s.start])
		}
		if s.start >= start {
			b.WriteString(s.repl)
		}
		pos = max(pos, min(s.end, end))
	}
	if pos < end {
		b.Write(kt.text[pos:end])
	}
	return b.String()
}

// runeStart moves i back to the start of the UTF-8 sequence it falls in.
func runeStart(b []byte, i int) int {
	for k := 0; k < utf8.UTFMax && i > 0 && i < len(b) && !utf8.RuneStart(b[i]); k++ {
		i--
	}
	return i
}
