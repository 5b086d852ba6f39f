package engine

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// result is one scanner's answer.
type result struct {
	findings []scanners.Finding
	err      error
}

// inspection is the shared state of one Inspect call between the caller (the watchdog) and the
// worker goroutine that runs the scanners.
//
// The scanners run one after another on a single worker, not one goroutine each: on a loaded
// proxy the cores are busy anyway, so parallel scanners buy no throughput, and a goroutine,
// a context, a timer and a channel hand-off per scanner cost more than the small scanners
// themselves. The caller sleeps until the worker is done, waking only when the running
// scanner's own rule timeout may have passed; a scanner that overran it is abandoned (its
// context is cancelled and its late answer ignored), counts as a timeout, and the remaining
// scanners continue on a fresh worker. A scanner that ignores its context thus delays the
// verdict by its timeout, never more.
type inspection struct {
	active []entry
	req    *scanners.Request
	done   chan struct{} // receives once, from the worker that finishes the list

	mu      sync.Mutex
	gen     int       // the current worker's generation; an abandoned worker's is older
	next    int       // index of the scanner running (or about to run)
	since   time.Time // when active[next] started
	results []result
}

// run executes the active scanners and folds their results into v in list order.
func run(ctx context.Context, active []entry, req *scanners.Request, v *Verdict) {
	in := &inspection{active: active, req: req, done: make(chan struct{}, 1),
		since: time.Now(), results: make([]result, len(active))}
	stop := in.start(ctx)
	timer := time.NewTimer(in.wait())
	for finished := false; !finished; {
		select {
		case <-in.done:
			finished = true
		case <-timer.C:
			var wait time.Duration
			if wait, finished = in.check(); wait > 0 {
				timer.Reset(wait)
				continue
			}
			stop()
			if !finished {
				stop = in.start(ctx)
				timer.Reset(in.wait())
			}
		case <-ctx.Done():
			in.abandonRest(ctx.Err())
			finished = true
		}
	}
	timer.Stop()
	stop()
	for i, en := range active {
		v.add(en, in.results[i], req.Direction)
	}
}

// start runs the scanners from the current position on a new worker with a context of its
// own, and returns the function that cancels it.
func (in *inspection) start(ctx context.Context) context.CancelFunc {
	wctx, cancel := context.WithCancel(ctx)
	in.mu.Lock()
	gen := in.gen
	in.mu.Unlock()
	go in.work(wctx, gen)
	return cancel
}

// work runs scanners until the list ends or the watchdog abandons this worker.
func (in *inspection) work(ctx context.Context, gen int) {
	in.mu.Lock()
	// A worker whose context ended stops: the caller gave up (it records the rest as failed)
	// or the watchdog retired it.
	for in.gen == gen && in.next < len(in.active) && ctx.Err() == nil {
		i := in.next
		in.mu.Unlock()
		r := call(ctx, in.active[i].scanner, in.req)
		in.mu.Lock()
		if in.gen != gen {
			break // abandoned while scanning: the watchdog already recorded the timeout
		}
		in.results[i] = r
		in.next, in.since = i+1, time.Now()
		if in.next == len(in.active) {
			in.done <- struct{}{}
		}
	}
	in.mu.Unlock()
}

// check is called when the running scanner's timeout may have passed. It returns how much
// longer to wait when it has not (the worker moved on to a scanner that started later);
// otherwise it records the timeout, retires the worker and reports whether that was the last
// scanner.
func (in *inspection) check() (wait time.Duration, finished bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.next == len(in.active) {
		return 0, true // finished just now; done is buffered, nothing to drain
	}
	en := in.active[in.next]
	if time.Since(in.since) < en.rule.Timeout {
		return in.waitLocked(), false
	}
	in.results[in.next] = failed(en, context.DeadlineExceeded)
	in.gen++
	in.next, in.since = in.next+1, time.Now()
	return 0, in.next == len(in.active)
}

// abandonRest marks every scanner that has not answered as failed with err (the caller gave
// up) and retires the worker.
func (in *inspection) abandonRest(err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i := in.next; i < len(in.active); i++ {
		in.results[i] = failed(in.active[i], err)
	}
	in.gen++
	in.next = len(in.active)
}

// wait is how long the watchdog may sleep before some scanner can have overrun: the running
// scanner's time left, or the shortest timeout of those after it (they may start at once).
func (in *inspection) wait() time.Duration {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.waitLocked()
}

func (in *inspection) waitLocked() time.Duration {
	if in.next >= len(in.active) {
		return time.Hour // finished: done is already sent
	}
	d := in.active[in.next].rule.Timeout - time.Since(in.since)
	for _, en := range in.active[in.next+1:] {
		d = min(d, en.rule.Timeout)
	}
	return max(d, time.Millisecond)
}

func failed(en entry, err error) result {
	return result{err: fmt.Errorf("scanner %s: %w", en.scanner.Name(), err)}
}
