package proxy

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/extraction"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/canary"
	"github.com/aisecops/aisec/internal/store"
)

// exchange is one proxied request, from the client's bytes to the audit events.
type exchange struct {
	s     *Server
	a     *active
	rt    *Runtime
	sf    api.Surface
	w     http.ResponseWriter
	r     *http.Request
	start time.Time
	id    string

	identity string
	limitKey string
	req      *api.Request
	estimate int
	in       *engine.Verdict
	// token is the canary planted in this request and suffix the instruction carrying it.
	token, suffix string
	restorer      *restorer
	up            *Upstream
	usage         api.Usage

	// outcome of the output side
	outInspected bool
	outHits      []engine.Hit
	outErrors    []engine.RuleError
	outAction    engine.Mode
	streamed     bool

	status int
	// refusal records why the guard refused before the upstream (rate limit, extraction, …).
	refusal string
}

func newExchange(s *Server, a *active, sf api.Surface, w http.ResponseWriter, r *http.Request) *exchange {
	x := &exchange{s: s, a: a, rt: a.rt, sf: sf, w: w, r: r, start: s.now(), id: store.NewID()}
	w.Header().Set("X-Guard-Request-Id", x.id)
	return x
}

// fail answers with the guard's own error. A refusal before the input was inspected is
// recorded with its code as the reason.
func (x *exchange) fail(e api.Error) {
	if x.refusal == "" && x.in == nil {
		x.refusal = e.Code
	}
	x.status = e.Status()
	writeError(x.w, x.sf, e)
}

// run is the request's path through the guard; every step that refuses answers the client
// itself and returns false.
func (x *exchange) run() {
	var ok bool
	if x.identity, x.limitKey, ok = x.authenticate(); !ok {
		return
	}
	body, ok := x.readBody()
	if !ok {
		return
	}
	req, err := api.ParseRequest(x.sf, body)
	if err != nil {
		x.fail(api.Error{Kind: api.InvalidRequest, Code: "invalid_request", Message: err.Error()})
		return
	}
	x.req = req
	x.estimate = estimateTokens(req)
	if req.Opaque > 0 && !x.rt.AllowOpaqueInput {
		x.fail(api.Error{Kind: api.InvalidRequest, Code: "uninspectable_input",
			Message: "the guard cannot inspect token-id inputs or deeply nested content; send text"})
		return
	}
	if !x.rateLimit() || !x.inspectInput() {
		return
	}
	out, err := x.rewriteRequest()
	if err != nil {
		x.fail(api.Error{Kind: api.InvalidRequest, Code: "rewrite_failed", Message: err.Error()})
		return
	}
	if x.up = x.a.upstreamFor(x.sf, req.Model); x.up == nil {
		x.fail(api.Error{Kind: api.NotFound, Code: "model_not_found",
			Message: fmt.Sprintf("no upstream serves model %q on %s", req.Model, x.sf.Path())})
		return
	}
	x.forward(out)
}

// readBody reads the request body within the runtime's limit.
func (x *exchange) readBody() ([]byte, bool) {
	limit := x.rt.maxRequest()
	if x.r.ContentLength > limit {
		x.fail(tooLarge(limit))
		return nil, false
	}
	body, err := readAll(http.MaxBytesReader(x.w, x.r.Body, limit), x.r.ContentLength, limit)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		x.fail(tooLarge(limit))
		return nil, false
	case err != nil:
		x.fail(api.Error{Kind: api.InvalidRequest, Code: "unreadable_body", Message: "unable to read the request body"})
		return nil, false
	}
	return body, true
}

func tooLarge(limit int64) api.Error {
	return api.Error{Kind: api.TooLarge, Code: "request_too_large",
		Message: "request body exceeds " + strconv.FormatInt(limit, 10) + " bytes"}
}

// estimateTokens guesses a request's tokens before the model counts them: about four bytes a
// token for text, a flat cost per attachment, plus the output budget asked for.
func estimateTokens(r *api.Request) int {
	n := 0
	for _, s := range r.Segments {
		n += len(s.Text)
	}
	return (n+3)/4 + 256*r.Attachments + r.MaxTokens*max(1, r.N)
}

// rateLimit consults the limiter; a limiter error fails closed unless configured otherwise.
func (x *exchange) rateLimit() bool {
	if x.rt.Limiter == nil {
		return true
	}
	d, err := x.rt.Limiter.Allow(x.r.Context(), x.limitKey, x.estimate)
	if err != nil {
		x.s.log.Warn("rate limiter failed", "err", err, "fail_open", x.rt.FailOpenRateLimit)
		if x.rt.FailOpenRateLimit {
			return true
		}
		x.refusal = "limiter_error"
		x.s.metrics.rateLimited.WithLabelValues("limiter_error").Inc()
		x.fail(api.Error{Kind: api.Unavailable, Code: "rate_limiter_unavailable", Message: "rate limiter unavailable"})
		return false
	}
	if d.Allowed {
		return true
	}
	x.refusal = "rate_limit:" + d.Reason
	x.s.metrics.rateLimited.WithLabelValues(d.Reason).Inc()
	setRetryAfter(x.w, d.RetryAfter)
	x.fail(api.Error{Kind: api.RateLimited, Code: "rate_limited", Message: "rate limit exceeded (" + d.Reason + ")"})
	return false
}

func setRetryAfter(w http.ResponseWriter, d time.Duration) {
	secs := int64((d + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(max(1, secs), 10))
}

// inspectInput runs the input rules, then the extraction tracker, and refuses when either
// says so.
func (x *exchange) inspectInput() bool {
	v := x.s.inspect(x.r.Context(), x.rt.Engine, &scanners.Request{Direction: scanners.Input,
		Segments: x.req.Segments, System: x.req.System, Identity: x.identity})
	x.in = v
	blocked := v.Action == engine.Block
	if x.rt.Extraction != nil {
		as := x.rt.Extraction.Observe(x.signals(v, blocked), x.s.now())
		if !blocked && as.Action != extraction.ActionAllow {
			return x.refuseExtraction(as)
		}
	}
	if blocked {
		rule := blockingRule(v.Hits, v.Errors)
		x.fail(api.Error{Kind: api.Blocked, Code: rule, Message: "request blocked by guard rule " + rule})
		return false
	}
	return true
}

func (x *exchange) signals(v *engine.Verdict, blocked bool) extraction.Signals {
	temp := 1.0 // the APIs' default, so that unset and explicit 1.0 count as one value
	if x.req.HasTemperature {
		temp = x.req.Temperature
	}
	var prompt strings.Builder
	probe := false
	for _, s := range x.req.Segments {
		if s.Role == scanners.RoleUser {
			prompt.WriteString(s.Text)
		}
	}
	for _, h := range v.Hits {
		if strings.Contains(h.Kind, "system-prompt") || h.Rule == "leak" {
			probe = true
		}
	}
	return extraction.Signals{Identity: x.identity, Prompt: prompt.String(), Tokens: x.estimate,
		Logprobs: x.req.Logprobs, TopLogprobs: x.req.TopLogprobs, N: x.req.N, Temperature: temp,
		SystemProbe: probe, Blocked: blocked}
}

func (x *exchange) refuseExtraction(as extraction.Assessment) bool {
	x.refusal = "extraction:" + as.Action
	x.s.metrics.rateLimited.WithLabelValues("extraction_" + as.Action).Inc()
	msg := "unusual request pattern (" + strings.Join(as.Reasons, ", ") + ")"
	if as.Action == extraction.ActionBlock {
		if !as.Until.IsZero() {
			setRetryAfter(x.w, as.Until.Sub(x.s.now()))
		}
		x.fail(api.Error{Kind: api.Blocked, Code: "extraction", Message: msg})
		return false
	}
	setRetryAfter(x.w, 10*time.Second)
	x.fail(api.Error{Kind: api.RateLimited, Code: "extraction_throttle", Message: msg})
	return false
}

// blockingRule names the rule behind a block: the first blocking hit, else the first error
// that failed closed.
func blockingRule(hits []engine.Hit, errs []engine.RuleError) string {
	for _, h := range hits {
		if h.Action == engine.Block || h.Action == engine.Abort {
			return h.Rule
		}
	}
	for _, e := range errs {
		if e.Action == engine.Block {
			return e.Rule
		}
	}
	return "guard"
}

// rewriteRequest applies redaction, anonymisation and the canary, and asks streams for usage.
func (x *exchange) rewriteRequest() ([]byte, error) {
	if x.rt.Canary && (x.sf == api.ChatCompletions || x.sf == api.Responses || x.sf == api.Messages) {
		x.token = canary.NewToken()
		x.suffix = "\n\n" + canary.Instruction(x.token)
	}
	x.restorer = newRestorer(x.in.Vault)
	return x.req.Rewrite(api.RewriteOptions{Sanitized: x.in.Sanitized, SystemSuffix: x.suffix,
		ForceUsage: x.rt.Limiter != nil})
}

// inspect runs the engine and records its metrics.
func (s *Server) inspect(ctx context.Context, e *engine.Engine, req *scanners.Request) *engine.Verdict {
	t0 := time.Now()
	v := e.Inspect(ctx, req)
	s.metrics.inspectSeconds(req.Direction).Observe(time.Since(t0).Seconds())
	if len(v.Hits)+len(v.Errors) == 0 {
		return v
	}
	dir := req.Direction.String()
	for _, h := range v.Hits {
		s.metrics.verdicts.WithLabelValues(dir, h.Rule, string(h.Action)).Inc()
	}
	for _, e := range v.Errors {
		s.metrics.scannerErrors.WithLabelValues(e.Rule).Inc()
	}
	return v
}
