package proxy

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/store"
)

// audit records the exchange: an input event always (a request refused before inspection is
// recorded as a block with the reason as its finding), and an output event when a response was
// inspected. Both carry the request id, so `guard events` can pair them.
func (x *exchange) audit() {
	if x.s.events == nil {
		return
	}
	now := x.s.now()
	base := store.Event{Time: now, RequestID: x.id, Identity: x.identity, Route: x.sf.String(),
		Status: x.status, LatencyMS: now.Sub(x.start).Milliseconds()}
	if x.up != nil {
		base.Upstream = x.up.Name
	}
	in := base
	if x.req != nil {
		base.Model, base.Stream, base.PromptHash = x.req.Model, x.req.Stream, promptHash(x.req.Segments)
		in = base
		if x.rt.StorePrompts {
			in.Prompt = x.storedPrompt()
		}
	}
	in.ID, in.Direction = store.NewID(), "input"
	in.Action = string(engine.Allow)
	if x.in != nil {
		in.Action, in.Flagged, in.Findings = string(x.in.Action), x.in.Flagged, findings(x.in.Hits, x.in.Errors)
	}
	if x.refusal != "" {
		in.Action, in.Flagged = string(engine.Block), true
		in.Findings = append(in.Findings, store.Finding{Rule: "guard", Kind: x.refusal, Action: string(engine.Block)})
	}
	x.write(in)
	if !x.outInspected {
		return
	}
	out := base
	out.ID, out.Direction = store.NewID(), "output"
	out.Action, out.Flagged = string(x.outAction), len(x.outHits) > 0
	out.Findings = findings(x.outHits, x.outErrors)
	x.write(out)
}

// storedPrompt is the prompt as kept when prompts are stored: after redaction and
// anonymisation when the input rules changed it, so that the values they took out of the
// model's sight do not land in the audit log either.
func (x *exchange) storedPrompt() string {
	if x.in == nil || x.in.Sanitized == nil {
		return x.req.Text()
	}
	return strings.Join(x.in.Sanitized, "\n")
}

// promptHash is the hex SHA-256 of the prompt as api.Request.Text joins it (segments separated
// by newlines), hashed segment by segment so that the joined copy is never built.
func promptHash(segs []scanners.Segment) string {
	h := sha256.New()
	for i, s := range segs {
		if i > 0 {
			_, _ = io.WriteString(h, "\n")
		}
		_, _ = io.WriteString(h, s.Text)
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

func (x *exchange) write(e store.Event) {
	if !x.s.events.Write(e) {
		x.s.log.Warn("audit event dropped", "request_id", e.RequestID, "direction", e.Direction)
	}
}

// findings converts hits and scanner errors to audit findings; excerpts are the scanners'
// masked ones, never the matched text.
func findings(hits []engine.Hit, errs []engine.RuleError) []store.Finding {
	if len(hits)+len(errs) == 0 {
		return nil
	}
	out := make([]store.Finding, 0, len(hits)+len(errs))
	for _, h := range hits {
		out = append(out, store.Finding{Rule: h.Rule, Kind: h.Kind, Score: h.Score, Action: string(h.Action), Excerpt: h.Excerpt})
	}
	for _, e := range errs {
		kind := "error"
		if e.Timeout {
			kind = "timeout"
		}
		out = append(out, store.Finding{Rule: e.Rule, Kind: kind, Action: string(e.Action)})
	}
	return out
}
