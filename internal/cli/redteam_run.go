package cli

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/redteam/config"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/report"
	"github.com/aisecops/aisec/internal/redteam/runner"
)

func (e *env) redteamRunCommand() *cobra.Command {
	var o redteamFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Probe an LLM endpoint and report pass rates; exit 1 when a family falls below --fail-under",
		Long: `Send every selected probe to the target, judge the replies and report. Each finished attempt is
appended to the journal (JSONL) at once, so an interrupted run continues with --resume and repeats
nothing. The same --seed gives the same attempts, order and canaries.

A request refused by a guard or content filter (HTTP 400/403 with a filter error, or
finish_reason "content_filter") counts as a pass: the defence held.

Exit codes: 0 every family at or above --fail-under and nothing at --fail-on; 1 the gate failed;
2 usage or configuration error; 3 some attempts failed (network, target errors) or the run was
interrupted, and the gate did not fail.`,
		Example: `  # An OpenAI-compatible server (vLLM, Ollama, LiteLLM, OpenAI itself)
  aisec redteam run --target openai://localhost:11434/v1 --model llama3.2 --html report.html

  # OpenAI, injection and system-prompt probes only, with the deployed system prompt
  aisec redteam run --target openai://api.openai.com/v1 --model gpt-4o-mini \
    --api-key-env OPENAI_API_KEY --system-prompt prompts/support.txt --probes injection,sysprompt

  # A generic HTTP chatbot
  aisec redteam run --target rest://bot.internal/api/chat --rest-body '{"message":"$INPUT"}' \
    --rest-reply-path '$.reply'

  # CI: everything tagged OWASP LLM01, reproducible, SARIF and JUnit, gate at 95%
  aisec redteam run --config redteam.yaml --tags owasp:LLM01 --seed 7 --fail-under 0.95 \
    --sarif redteam.sarif --junit redteam.xml

  # What would run, and how many tokens, without sending anything
  aisec redteam run --config redteam.yaml --dry-run

  # Continue an interrupted run
  aisec redteam run --config redteam.yaml --resume redteam-20261123T101500Z.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.runRedteam(cmd, &o)
		},
	}
	o.register(cmd.Flags())
	return cmd
}

// redteamSession is everything a run needs, assembled from the configuration.
type redteamSession struct {
	cfg      *config.Config
	plan     *runner.Plan
	det      *detectorSetup
	skipped  []record.Skipped
	start    *record.Start
	previous []record.Attempt
	journal  *runner.Journal
	path     string
}

// close closes the journal if it is open; safe to call more than once.
func (s *redteamSession) close() error {
	if s.journal == nil {
		return nil
	}
	err := s.journal.Close()
	s.journal = nil
	return err
}

func (e *env) runRedteam(cmd *cobra.Command, o *redteamFlags) error {
	c, err := o.merge(cmd)
	if err != nil {
		return err
	}
	// Everything that can be wrong with the settings fails here, before any traffic.
	if err := checkRedteam(c, &o.out); err != nil {
		return err
	}
	s, err := e.prepareRedteam(c, o)
	if err != nil {
		return err
	}
	defer s.close()
	if o.dryRun {
		return e.printDryRun(s, o)
	}
	tgt, err := e.newTarget(&c.Target, "target")
	if err != nil {
		return err
	}
	if err := s.openJournal(tgt.Endpoint(), c); err != nil {
		return err
	}
	if err := s.sameRun(tgt.Endpoint()); err != nil {
		return err
	}
	skip := finished(s.previous)
	bar := e.newProgress(o.quiet)
	bar.label = "probing"
	bar.total(len(s.plan.Items) - len(skip))
	fresh, runErr := runner.Execute(cmd.Context(), s.plan, runner.Options{
		Target: tgt, Detectors: s.det.reg, Concurrency: c.Run.Concurrency, Rate: c.Run.Rate,
		Journal: s.journal, Skip: skip, OnDone: func(*record.Attempt) { bar.doneOne("") },
		MaxRequests: c.Run.MaxRequests, TokenBudget: c.Run.BudgetTokens,
	})
	bar.finish()
	if err := s.close(); err != nil && runErr == nil {
		runErr = err
	}
	artifact := o.config
	if artifact == "" {
		artifact = s.path
	}
	code, err := e.reportRedteam(s.start, append(s.previous, fresh...), c, &o.out, artifact)
	if err != nil {
		return err
	}
	return e.runOutcome(code, runErr, s.path)
}

// runOutcome turns the gate's code and the run's error into the exit code.
func (e *env) runOutcome(code int, runErr error, path string) error {
	if runErr == nil {
		fmt.Fprintf(e.stderr, "aisec: journal %s\n", path)
		return withCode(code)
	}
	fmt.Fprintf(e.stderr, "aisec: run stopped early (%v); continue it with --resume %s\n", runErr, path)
	switch {
	case code == ExitFindings: // the gate failed on what did run: that outranks incomplete
		return withCode(code)
	case errors.Is(runErr, context.Canceled), errors.Is(runErr, context.DeadlineExceeded), errors.Is(runErr, runner.ErrBudget):
		return withCode(ExitIncomplete)
	}
	return &exitError{code: ExitIncomplete, err: runErr}
}

// sameRun refuses to resume a journal against another endpoint or other detector settings:
// one report must never mix the verdicts of two configurations.
func (s *redteamSession) sameRun(ep record.Endpoint) error {
	if s.start.Target != ep {
		return usageError("the journal's target is %s %s (%s), not %s %s: resume against the same endpoint and model",
			s.start.Target.Kind, s.start.Target.URL, s.start.Target.Model, ep.URL, ep.Model)
	}
	if s.start.DetectorsHash != s.det.hash {
		return usageError("the detector settings differ from the journal's (refusal phrases, allowed domains, regex detectors, package lists or judge): resume with the same ones")
	}
	return nil
}

// checkRedteam validates the merged settings and the report destinations.
func checkRedteam(c *config.Config, out *redteamOutputs) error {
	if err := c.Validate(); err != nil {
		return usageError("%v", err)
	}
	if !validFormat(out.format) {
		return usageError("--format %q: want one of %v", out.format, report.Formats())
	}
	for _, p := range []string{c.Output.Journal, c.Output.HTML, c.Output.SARIF, c.Output.JUnit, c.Output.Markdown, c.Output.JSON} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
			return usageError("cannot write %s: its folder does not exist", p)
		}
	}
	return nil
}

// prepareRedteam selects probes, resolves detectors, reads a resumed journal and plans.
func (e *env) prepareRedteam(c *config.Config, o *redteamFlags) (*redteamSession, error) {
	probes, err := loadProbes(c)
	if err != nil {
		return nil, err
	}
	det, err := e.newDetectors(c)
	if err != nil {
		return nil, err
	}
	probes, skipped, err := e.runnable(probes, det.reg)
	if err != nil {
		return nil, err
	}
	system, err := systemPrompt(c)
	if err != nil {
		return nil, err
	}
	s := &redteamSession{cfg: c, det: det, skipped: skipped, path: c.Output.Journal}
	seed, err := s.seed(o.resume, o.dryRun, c)
	if err != nil {
		return nil, err
	}
	s.plan, err = runner.NewPlan(runner.PlanOptions{Probes: probes, Generations: c.Run.Generations, Seed: seed, SystemPrompt: system})
	if err != nil {
		_ = s.close()
		return nil, usageError("%v", err)
	}
	if s.start != nil && s.start.PlanHash != s.plan.Hash {
		_ = s.close()
		return nil, usageError("the plan differs from the one in %s: resume with the same probes, transforms, generations, system prompt and probe files", o.resume)
	}
	return s, nil
}

// seed reads a resumed journal (and takes its seed) or picks the configured or a random
// one. A dry run only reads the journal; a real run reopens it for appending.
func (s *redteamSession) seed(resume string, dryRun bool, c *config.Config) (uint64, error) {
	if resume != "" {
		start, prev, err := s.readJournal(resume, dryRun)
		if err != nil {
			return 0, usageError("%v", err)
		}
		if c.Run.Seed != nil && *c.Run.Seed != start.Seed {
			_ = s.close()
			return 0, usageError("--seed %d differs from the journal's seed %d", *c.Run.Seed, start.Seed)
		}
		s.start, s.previous, s.path = start, prev, resume
		return start.Seed, nil
	}
	if c.Run.Seed != nil {
		return *c.Run.Seed, nil
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.BigEndian.Uint64(b[:]) >> 1, nil // fits in a JSON number without loss
}

func (s *redteamSession) readJournal(path string, readOnly bool) (*record.Start, []record.Attempt, error) {
	if !readOnly {
		j, start, prev, err := runner.Resume(path)
		s.journal = j
		return start, prev, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return runner.Read(f)
}

// runnable drops probes that cannot be judged as written. A probe naming a regex detector
// that is not defined is a usage error (a typo must not shrink a run); a probe whose
// detectors need configuration that is absent (a package list, a judge) is skipped and
// listed in the report.
func (e *env) runnable(ps []probe.Probe, reg *runner.Registry) ([]probe.Probe, []record.Skipped, error) {
	var (
		out     []probe.Probe
		skipped []record.Skipped
	)
	for _, p := range ps {
		_, missing := reg.For(&p)
		for _, d := range p.Detectors {
			if name, ok := strings.CutPrefix(d, "regex:"); ok && slices.Contains(missing, name) {
				return nil, nil, usageError("probe %s uses detector %s, which no detectors.regex entry defines", p.ID, d)
			}
		}
		if len(missing) > 0 {
			reason := "needs " + strings.Join(missing, ", ") + " (see docs/redteam.md)"
			fmt.Fprintf(e.stderr, "aisec: skipping %s: %s\n", p.ID, reason)
			skipped = append(skipped, record.Skipped{ID: p.ID, Reason: reason})
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, nil, usageError("none of the selected probes can run with the configured detectors")
	}
	return out, skipped, nil
}

// openJournal creates the journal of a new run (a resumed one is already open).
func (s *redteamSession) openJournal(ep record.Endpoint, c *config.Config) error {
	if s.journal != nil {
		return nil
	}
	now := time.Now().UTC()
	if s.path == "" {
		s.path = "redteam-" + now.Format("20060102T150405Z") + ".jsonl"
	}
	s.start = &record.Start{
		Tool: version(), RunID: uuid.NewString(), Started: now, Seed: s.plan.Seed,
		Target: ep, Judge: s.det.judge, Generations: c.Run.Generations, Transforms: c.Probes.Transforms,
		SystemPrompt: s.plan.System, Probes: s.plan.Records(), Attempts: len(s.plan.Items), PlanHash: s.plan.Hash,
		DetectorsHash: s.det.hash, Gate: &record.Gate{FailUnder: *c.Gate.FailUnder, FailOn: c.Gate.FailOn},
		Skipped: s.skipped,
	}
	j, err := runner.Create(s.path, s.start)
	if err != nil {
		return usageError("%v", err)
	}
	s.journal = j
	return nil
}

// finished returns the IDs a resumed run need not repeat: answered or blocked attempts.
func finished(prev []record.Attempt) map[string]bool {
	done := make(map[string]bool, len(prev))
	for _, a := range prev {
		if a.Status == record.StatusOK || a.Status == record.StatusBlocked { // an unknown status runs again
			done[a.ID] = true
		}
	}
	return done
}
