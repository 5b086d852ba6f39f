package cli

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/redteam/config"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
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
	reg      *runner.Registry
	judge    *record.Judge
	start    *record.Start
	previous []record.Attempt
	journal  *runner.Journal
	path     string
}

func (e *env) runRedteam(cmd *cobra.Command, o *redteamFlags) error {
	c, err := o.merge(cmd)
	if err != nil {
		return err
	}
	s, err := e.prepareRedteam(c, o)
	if err != nil {
		return err
	}
	if o.dryRun {
		if s.journal != nil {
			_ = s.journal.Close()
		}
		return e.printDryRun(s, o)
	}
	tgt, err := e.newTarget(&c.Target, "target")
	if err != nil {
		return err
	}
	if err := s.openJournal(tgt.Endpoint(), c); err != nil {
		return err
	}
	if s.start.Target != tgt.Endpoint() {
		_ = s.journal.Close()
		return usageError("the journal's target is %s %s (%s), not %s %s: resume against the same endpoint and model",
			s.start.Target.Kind, s.start.Target.URL, s.start.Target.Model, tgt.Endpoint().URL, tgt.Endpoint().Model)
	}
	skip := finished(s.previous)
	bar := e.newProgress(o.quiet)
	bar.label = "probing"
	bar.total(len(s.plan.Items) - len(skip))
	fresh, runErr := runner.Execute(cmd.Context(), s.plan, runner.Options{
		Target: tgt, Detectors: s.reg, Concurrency: c.Run.Concurrency, Rate: c.Run.Rate,
		Journal: s.journal, Skip: skip, OnDone: func(*record.Attempt) { bar.doneOne("") },
		MaxRequests: c.Run.MaxRequests, TokenBudget: c.Run.BudgetTokens,
	})
	bar.finish()
	if err := s.journal.Close(); err != nil && runErr == nil {
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
	if runErr != nil {
		fmt.Fprintf(e.stderr, "aisec: run stopped early (%v); continue it with --resume %s\n", runErr, s.path)
		if code == ExitFindings { // the gate failed on what did run: that outranks incomplete
			return withCode(code)
		}
		if errors.Is(runErr, context.Canceled) || errors.Is(runErr, context.DeadlineExceeded) {
			return withCode(ExitIncomplete)
		}
		return &exitError{code: ExitIncomplete, err: runErr}
	}
	fmt.Fprintf(e.stderr, "aisec: journal %s\n", s.path)
	return withCode(code)
}

// prepareRedteam selects probes, resolves detectors, reads a resumed journal and plans.
func (e *env) prepareRedteam(c *config.Config, o *redteamFlags) (*redteamSession, error) {
	probes, err := loadProbes(c)
	if err != nil {
		return nil, err
	}
	reg, judge, err := e.newRegistry(c)
	if err != nil {
		return nil, err
	}
	probes = e.runnable(probes, reg)
	if len(probes) == 0 {
		return nil, usageError("none of the selected probes can run with the configured detectors")
	}
	system, err := systemPrompt(c)
	if err != nil {
		return nil, err
	}
	s := &redteamSession{cfg: c, reg: reg, judge: judge, path: c.Output.Journal}
	seed, err := s.seed(o.resume, c)
	if err != nil {
		return nil, err
	}
	s.plan, err = runner.NewPlan(runner.PlanOptions{Probes: probes, Generations: c.Run.Generations, Seed: seed, SystemPrompt: system})
	if err != nil {
		return nil, usageError("%v", err)
	}
	if s.start != nil && s.start.PlanHash != s.plan.Hash {
		_ = s.journal.Close()
		return nil, usageError("the plan differs from the one in %s: resume with the same probes, transforms, generations, system prompt and probe files", o.resume)
	}
	return s, nil
}

// seed opens a resumed journal (and takes its seed) or picks the configured or a random one.
func (s *redteamSession) seed(resume string, c *config.Config) (uint64, error) {
	if resume != "" {
		j, start, prev, err := runner.Resume(resume)
		if err != nil {
			return 0, usageError("%v", err)
		}
		if c.Run.Seed != nil && *c.Run.Seed != start.Seed {
			_ = j.Close()
			return 0, usageError("--seed %d differs from the journal's seed %d", *c.Run.Seed, start.Seed)
		}
		s.journal, s.start, s.previous, s.path = j, start, prev, resume
		return start.Seed, nil
	}
	if c.Run.Seed != nil {
		return *c.Run.Seed, nil
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.BigEndian.Uint64(b[:]) >> 1, nil // fits in a JSON number without loss
}

// runnable drops probes none of whose detectors is available, with a note.
func (e *env) runnable(ps []probe.Probe, reg *runner.Registry) []probe.Probe {
	out := ps[:0:0]
	for _, p := range ps {
		ds, missing := reg.For(&p)
		switch {
		case len(ds) == 0:
			fmt.Fprintf(e.stderr, "aisec: skipping %s: needs %s (see docs/redteam.md)\n", p.ID, strings.Join(missing, ", "))
			continue
		case len(missing) > 0:
			fmt.Fprintf(e.stderr, "aisec: %s runs without %s\n", p.ID, strings.Join(missing, ", "))
		}
		out = append(out, p)
	}
	return out
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
		Target: ep, Generations: c.Run.Generations, Transforms: c.Probes.Transforms,
		SystemPrompt: s.plan.System, Probes: s.plan.Records(), Attempts: len(s.plan.Items), PlanHash: s.plan.Hash,
	}
	s.start.Judge = s.judge
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
		if a.Status != record.StatusError {
			done[a.ID] = true
		}
	}
	return done
}
