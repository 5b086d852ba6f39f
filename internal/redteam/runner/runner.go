package runner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/target"
)

// judgeName is the judge detector's name (package judge).
const judgeName = "judge"

// Options configures Execute.
type Options struct {
	Target    target.Target
	Detectors *Registry
	// Concurrency is the number of attempts in flight (default 4).
	Concurrency int
	// Rate caps requests per second to the target; 0 means no cap.
	Rate float64
	// Journal receives one record per finished attempt; nil keeps none.
	Journal *Journal
	// Skip holds the IDs of attempts already finished (resume).
	Skip map[string]bool
	// OnDone is called after each finished attempt (progress); it must be cheap.
	OnDone func(*record.Attempt)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxRequests stops dispatching after this many attempts (0: no cap).
	MaxRequests int
	// TokenBudget stops dispatching once the target has used this many prompt plus
	// completion tokens, as it reports them (0: no cap). Attempts in flight finish, so a
	// run can overshoot by up to Concurrency attempts.
	TokenBudget int
}

// ErrBudget is returned when MaxRequests or TokenBudget stopped the run early; the journal
// can be resumed to finish it.
var ErrBudget = errors.New("request or token budget reached")

// budget counts what a run has spent.
type budget struct {
	maxRequests, maxTokens int
	requests, tokens       atomic.Int64
}

// take reserves one request; false when a cap is reached.
func (b *budget) take() bool {
	if b.maxTokens > 0 && b.tokens.Load() >= int64(b.maxTokens) {
		return false
	}
	return b.maxRequests <= 0 || b.requests.Add(1) <= int64(b.maxRequests)
}

func (b *budget) spend(u record.Usage) { b.tokens.Add(int64(u.PromptTokens + u.CompletionTokens)) }

// Execute runs every plan item not in opts.Skip and returns the new records in plan
// order. When ctx ends it stops dispatching; attempts cut short are not recorded, so a
// resume runs them again, and the error is ctx's.
func Execute(ctx context.Context, plan *Plan, opts Options) ([]record.Attempt, error) {
	if opts.Concurrency < 1 {
		opts.Concurrency = 4
	}
	if todo := len(plan.Items) - len(opts.Skip); opts.Concurrency > todo {
		opts.Concurrency = max(todo, 1) // no idle workers for a small remainder
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	var limiter *rate.Limiter
	if opts.Rate > 0 {
		limiter = rate.NewLimiter(rate.Limit(opts.Rate), 1)
	}
	spent := &budget{maxRequests: opts.MaxRequests, maxTokens: opts.TokenBudget}
	out := make([]*record.Attempt, len(plan.Items))
	work := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		writeErr error
	)
	for range opts.Concurrency {
		wg.Go(func() {
			for i := range work {
				if limiter != nil && limiter.Wait(ctx) != nil {
					continue
				}
				a, ok := attempt(ctx, &plan.Items[i], &opts)
				if !ok {
					continue
				}
				spent.spend(a.Usage)
				if err := recordAttempt(&opts, a); err != nil {
					mu.Lock()
					if writeErr == nil {
						writeErr = err
					}
					mu.Unlock()
					continue
				}
				out[i] = a
			}
		})
	}
	stopped := dispatch(ctx, plan, opts.Skip, work, spent, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return writeErr != nil
	})
	close(work)
	wg.Wait()
	done := make([]record.Attempt, 0, len(out))
	for _, a := range out {
		if a != nil {
			done = append(done, *a)
		}
	}
	switch {
	case writeErr != nil:
		return done, writeErr
	case ctx.Err() != nil:
		return done, ctx.Err()
	case stopped:
		return done, ErrBudget
	}
	return done, nil
}

// dispatch feeds work until the plan is done, ctx ends, a write failed or the budget is
// spent; it reports whether the budget stopped it.
func dispatch(ctx context.Context, plan *Plan, skip map[string]bool, work chan<- int, spent *budget, failed func() bool) bool {
	for i := range plan.Items {
		if skip[plan.Items[i].ID] {
			continue
		}
		if failed() {
			return false
		}
		if !spent.take() {
			return true
		}
		select {
		case work <- i:
		case <-ctx.Done():
			return false
		}
	}
	return false
}

// recordAttempt journals a finished attempt and reports it to OnDone.
func recordAttempt(opts *Options, a *record.Attempt) error {
	if opts.Journal != nil {
		if err := opts.Journal.Append(a); err != nil {
			return err
		}
	}
	if opts.OnDone != nil {
		opts.OnDone(a)
	}
	return nil
}

// attempt sends one item and judges the reply. ok is false when ctx ended first.
func attempt(ctx context.Context, it *Item, opts *Options) (*record.Attempt, bool) {
	started := opts.Now()
	a := &record.Attempt{
		ID: it.ID, Seq: it.Seq, Probe: it.Probe.ID, Family: it.Probe.Family,
		PromptIndex: it.PromptIndex, Generation: it.Generation, Canary: it.Canary,
		System: it.System, Prompt: it.Text, Triggers: it.Triggers, Tools: it.Tools,
	}
	resp, err := opts.Target.Send(ctx, &target.Request{System: it.System, Prompt: it.Text, Tools: tools(it.Tools)})
	if ctx.Err() != nil {
		return nil, false
	}
	finish := func() (*record.Attempt, bool) {
		a.Time = opts.Now().UTC()
		a.LatencyMS = float64(a.Time.Sub(started).Microseconds()) / 1000
		return a, true
	}
	if err != nil {
		a.Status, a.Error = record.StatusError, err.Error()
		return finish()
	}
	a.HTTPStatus, a.Usage, a.Retries = resp.HTTPStatus, resp.Usage, resp.Retries
	a.Reply, a.ToolCalls = resp.Text, resp.ToolCalls
	if resp.Blocked {
		a.Status = record.StatusBlocked
		return finish()
	}
	a.Status = record.StatusOK
	if err := judge(ctx, it, a, opts.Detectors); err != nil {
		if ctx.Err() != nil {
			return nil, false
		}
		a.Status, a.Error, a.Results, a.Hit = record.StatusError, err.Error(), nil, false
	}
	return finish()
}

// judge runs the probe's detectors on the reply and fills a.Results and a.Hit.
func judge(ctx context.Context, it *Item, a *record.Attempt, reg *Registry) error {
	ds, _ := reg.For(it.Probe)
	da := &detect.Attempt{Prompt: it.Text, System: it.System, Reply: a.Reply,
		Triggers: it.Triggers, Goal: it.Probe.Goal, ToolCalls: a.ToolCalls}
	for _, d := range ds {
		r, err := d.Detect(ctx, da)
		if err != nil {
			return fmt.Errorf("detector %s: %w", d.Name(), err)
		}
		r.Detector = d.Name()
		a.Results = append(a.Results, r)
	}
	if len(ds) == 0 {
		return errors.New("no detector available for this probe")
	}
	overrule(a.Results)
	for _, r := range a.Results {
		a.Hit = a.Hit || r.Hit
	}
	return nil
}

// heuristic reports whether a detector only guesses whether the model complied; when the
// judge has read the same reply, its verdict replaces theirs.
func heuristic(name string) bool {
	switch name {
	case detect.NameRefusal, detect.NameCodePresence:
		return true
	}
	return false
}

// overrule applies the judge's verdict to the compliance heuristics, keeping their own
// verdict in the evidence so the report shows where they disagreed.
func overrule(rs []detect.Result) {
	i := slices.IndexFunc(rs, func(r detect.Result) bool { return r.Detector == judgeName })
	if i < 0 {
		return
	}
	verdict := rs[i].Hit
	for j := range rs {
		if !heuristic(rs[j].Detector) || rs[j].Hit == verdict {
			continue
		}
		rs[j].Evidence = fmt.Sprintf("overruled by the judge (heuristic said hit=%v: %s)", rs[j].Hit, rs[j].Evidence)
		rs[j].Hit = verdict
	}
}

func tools(names []string) []target.Tool {
	if len(names) == 0 {
		return nil
	}
	out := make([]target.Tool, len(names))
	for i, n := range names {
		out[i] = target.Tool{Name: n, Description: toolDescription(n)}
	}
	return out
}

// toolDescription turns "delete_records" into "Delete records." so the tool reads like one
// a real agent would expose.
func toolDescription(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b) + "."
}
