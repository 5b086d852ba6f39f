package cli

import (
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressDelay keeps quick scans free of a flashing bar: it appears only once a scan has run
// this long.
const progressDelay = time.Second

// progress draws a bar on standard error while a long scan runs, only for a person at a
// terminal: CI logs and pipes stay clean.
type progress struct {
	mu      sync.Mutex
	e       *env
	on      bool
	started time.Time
	n, done int
	bar     *progressbar.ProgressBar
	// label describes the work, "scanning" unless set.
	label string
}

func (e *env) newProgress(quiet bool) *progress {
	return &progress{e: e, on: !quiet && e.isTerminal(e.stderr), started: time.Now(), label: "scanning"}
}

func (p *progress) total(n int) { p.n = n }

func (p *progress) doneOne(string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if !p.on || p.n < 2 {
		return
	}
	if p.bar == nil && time.Since(p.started) >= progressDelay {
		p.bar = progressbar.NewOptions(p.n, progressbar.OptionSetWriter(p.e.stderr),
			progressbar.OptionSetDescription(p.label), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	if p.bar != nil {
		_ = p.bar.Set(p.done)
	}
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
