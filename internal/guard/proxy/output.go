package proxy

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// bufferedResponse inspects a whole (non-streamed) response. A block or abort answers 403 in
// the surface's error format (the upstream's answer is dropped, never quoted); redaction,
// anonymisation restore and canary removal rewrite the body.
func (x *exchange) bufferedResponse(resp *http.Response) {
	if enc := resp.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		x.upstreamGarbage("the upstream answered with an encoding the guard cannot inspect")
		return
	}
	body, err := readLimited(resp.Body, resp.ContentLength, x.rt.maxResponse())
	if err != nil {
		if errors.Is(err, errTooLarge) {
			x.upstreamGarbage("the upstream response exceeds the guard's limit")
			return
		}
		x.upstreamFailed(err)
		return
	}
	parsed, err := api.ParseResponse(x.sf, body)
	if err != nil {
		x.upstreamGarbage("the upstream response could not be read: " + err.Error())
		return
	}
	x.usage = parsed.Usage
	x.charge()
	var sanitized []string
	if len(parsed.Segments) > 0 {
		v := x.inspectOutput(parsed.Segments)
		if v.Action == engine.Block || v.Action == engine.Abort {
			rule := blockingRule(v.Hits, v.Errors)
			x.fail(api.Error{Kind: api.Blocked, Code: rule, Message: "the model's response was blocked by guard rule " + rule})
			return
		}
		sanitized = v.Sanitized
	}
	texts := x.finalTexts(parsed, sanitized)
	out, err := parsed.Rewrite(api.ResponseRewrite{Texts: texts, StripFromEcho: []string{x.suffix, x.token}})
	if err != nil {
		x.upstreamGarbage("the upstream response could not be rewritten: " + err.Error())
		return
	}
	x.writeUpstream(resp, out)
}

// upstreamGarbage refuses a response the guard cannot vouch for (fail closed).
func (x *exchange) upstreamGarbage(msg string) {
	x.s.metrics.upstreamErrs.WithLabelValues(x.up.Name).Inc()
	x.fail(api.Error{Kind: api.UpstreamFailed, Code: "upstream_response_invalid", Message: msg})
}

// inspectOutput runs the output rules over whole outputs.
func (x *exchange) inspectOutput(segs []scanners.Segment) *engine.Verdict {
	v := x.s.inspect(x.r.Context(), x.rt.Engine, &scanners.Request{Direction: scanners.Output,
		Segments: segs, System: x.req.System, Canary: x.token, Identity: x.identity})
	x.outInspected = true
	x.outHits, x.outErrors, x.outAction = v.Hits, v.Errors, v.Action
	return v
}

// finalTexts is what the client gets per segment: the sanitized text, with the request's
// anonymised values restored and the canary token removed; nil when nothing changes.
func (x *exchange) finalTexts(r *api.Response, sanitized []string) []string {
	if sanitized == nil && x.restorer == nil && x.token == "" {
		return nil
	}
	out := make([]string, len(r.Segments))
	changed := false
	for i, s := range r.Segments {
		t := s.Text
		if sanitized != nil {
			t = sanitized[i]
		}
		if x.restorer != nil {
			t = x.restorer.restore(t, r.IsJSON(i))
		}
		if x.token != "" {
			t = strings.ReplaceAll(t, x.token, "")
		}
		out[i] = t
		changed = changed || t != s.Text
	}
	if !changed {
		return nil
	}
	return out
}

// charge settles the rate limiter with the tokens the upstream reported.
func (x *exchange) charge() {
	if x.rt.Limiter == nil || !x.usage.Known {
		return
	}
	diff := x.usage.Total() - x.estimate
	if diff == 0 {
		return
	}
	if err := x.rt.Limiter.Charge(context.WithoutCancel(x.r.Context()), x.limitKey, diff); err != nil {
		x.s.log.Warn("rate limiter charge failed", "err", err)
	}
}

// restorer puts anonymised values back into output text. Inside JSON text (tool arguments) the
// values are JSON-escaped, so that a value cannot change the structure of a tool call.
type restorer struct {
	holders []string
	plain   map[string]string
	escaped map[string]string
	longest int
	rPlain  *strings.Replacer
	rJSON   *strings.Replacer
}

func newRestorer(v *engine.Vault) *restorer {
	if v.Len() == 0 {
		return nil
	}
	r := &restorer{holders: v.Placeholders(), plain: map[string]string{}, escaped: map[string]string{}}
	var pp, pj []string
	for _, p := range r.holders {
		val := v.Restore(p)
		r.plain[p], r.escaped[p] = val, api.JSONEscape(val)
		pp, pj = append(pp, p, val), append(pj, p, r.escaped[p])
		r.longest = max(r.longest, len(p))
	}
	r.rPlain, r.rJSON = strings.NewReplacer(pp...), strings.NewReplacer(pj...)
	return r
}

func (r *restorer) restore(s string, jsonText bool) string {
	if jsonText {
		return r.rJSON.Replace(s)
	}
	return r.rPlain.Replace(s)
}

// value is the replacement for placeholder p.
func (r *restorer) value(p string, jsonText bool) string {
	if jsonText {
		return r.escaped[p]
	}
	return r.plain[p]
}
