package cli

import (
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress draws a bar on standard error while a long scan runs, only for a person at a
// terminal: CI logs and pipes stay clean.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
	on  bool
	e   *env
}

func (e *env) newProgress(quiet bool) *progress {
	return &progress{e: e, on: !quiet && e.isTerminal(e.stderr)}
}

func (p *progress) total(n int) {
	if !p.on || n < 2 {
		return
	}
	p.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(p.e.stderr), progressbar.OptionSetDescription("scanning"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
}

func (p *progress) done(string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
