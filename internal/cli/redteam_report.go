package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/redteam/config"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/report"
	"github.com/aisecops/aisec/internal/redteam/runner"
)

func (e *env) redteamReportCommand() *cobra.Command {
	var (
		out       redteamOutputs
		failUnder float64
		failOn    string
	)
	cmd := &cobra.Command{
		Use:   "report RUN.jsonl",
		Short: "Rebuild the reports of a run from its journal, with the same gate",
		Long: `Read a journal written by 'aisec redteam run' (complete or interrupted) and render its report
again, in any format. The gate is the one the run was started with (recorded in the journal) unless
--fail-under or --fail-on say otherwise; the exit code follows it as for 'run'.`,
		Example: `  aisec redteam report redteam-20261123T101500Z.jsonl --html report.html
  aisec redteam report run.jsonl -f markdown >> "$GITHUB_STEP_SUMMARY"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			start, attempts, err := readJournal(args[0])
			if err != nil {
				return err
			}
			if g := start.Gate; g != nil {
				if !cmd.Flags().Changed("fail-under") {
					failUnder = g.FailUnder
				}
				if !cmd.Flags().Changed("fail-on") {
					failOn = g.FailOn
				}
			}
			c := &config.Config{Gate: config.Gate{FailUnder: &failUnder, FailOn: failOn}}
			c.Output = config.Output{HTML: out.html, SARIF: out.sarif, JUnit: out.junit, Markdown: out.markdown, JSON: out.jsonF}
			if err := checkRedteam(c, &out); err != nil {
				return err
			}
			code, err := e.reportRedteam(start, attempts, c, &out, args[0])
			if err != nil {
				return err
			}
			return withCode(code)
		},
	}
	out.register(cmd.Flags())
	cmd.Flags().Float64Var(&failUnder, "fail-under", config.DefaultFailUnder, "exit 1 when a family's pass rate is below this (0 disables; default: the run's)")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 when a probe of this severity or higher has any hit: info, low, medium, high or critical (default: the run's)")
	return cmd
}

// reportRedteam renders the summary to standard output and every configured file, and
// returns the exit code the gate asks for.
//
// artifact is the file SARIF results point at (the configuration or the journal).
func (e *env) reportRedteam(start *record.Start, attempts []record.Attempt, c *config.Config, out *redteamOutputs, artifact string) (int, error) {
	opts := report.Options{FailUnder: *c.Gate.FailUnder, FailOn: probe.Severity(c.Gate.FailOn)}
	s := report.Build(*start, attempts, opts)
	// Standard output first: the verdict is shown even if a report file cannot be written.
	wo := report.WriteOptions{Color: out.format == "table" && e.isTerminal(e.stdout), Verbose: out.verbose, ArtifactURI: filepath.ToSlash(artifact)}
	if err := report.Write(e.stdout, s, out.format, wo); err != nil {
		return 0, err
	}
	files := []struct{ path, format string }{
		{c.Output.HTML, "html"}, {c.Output.SARIF, "sarif"}, {c.Output.JUnit, "junit"},
		{c.Output.Markdown, "markdown"}, {c.Output.JSON, "json"},
	}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		if err := writeReportFile(f.path, s, f.format, artifact); err != nil {
			return 0, err
		}
	}
	switch {
	case s.Gate.Failed:
		return ExitFindings, nil
	case s.Incomplete:
		return ExitIncomplete, nil
	}
	return ExitOK, nil
}

func validFormat(f string) bool {
	for _, v := range report.Formats() {
		if v == f {
			return true
		}
	}
	return false
}

// writeReportFile renders in memory and writes once, so a failed render never leaves a
// half-written report behind.
func writeReportFile(path string, s *report.Summary, format, artifact string) error {
	var buf bytes.Buffer
	if err := report.Write(&buf, s, format, report.WriteOptions{ArtifactURI: filepath.ToSlash(artifact)}); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil { // reports quote conversations
		return fmt.Errorf("unable to write report: %w", err)
	}
	return nil
}

// printDryRun shows what a run would send and its estimated tokens.
func (e *env) printDryRun(s *redteamSession, o *redteamFlags) error {
	completion := s.cfg.Target.MaxTokens
	if completion == 0 {
		completion = assumedReplyTokens
	}
	skip := finished(s.previous)
	est := s.plan.Estimate(runner.EstimateOptions{CompletionTokens: completion, Skip: skip, Detectors: s.det.reg})
	if o.out.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Estimate runner.Estimate `json:"estimate"`
			Requests []dryItem       `json:"requests"`
		}{est, dryItems(s.plan, skip)})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FAMILY\tATTEMPTS\tPROMPT TOKENS")
	for _, f := range est.Families {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", f.Family, f.Attempts, f.PromptTokens)
	}
	fmt.Fprintf(tw, "total\t%d\t%d\n", est.Attempts, est.PromptTokens)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n%d requests (%d already in the journal), about %d prompt and %d completion tokens (%d per reply assumed)",
		est.Attempts, est.Skipped, est.PromptTokens, est.CompletionTokens, completion)
	if est.JudgeCalls > 0 {
		fmt.Fprintf(e.stdout, ", plus %d judge requests", est.JudgeCalls)
	}
	fmt.Fprintln(e.stdout, ". Nothing was sent.")
	if n := s.cfg.Run.MaxRequests; n > 0 && n < est.Attempts {
		fmt.Fprintf(e.stdout, "--max-requests %d stops this run after %d of them; --resume continues it.\n", n, n)
	}
	if o.out.verbose {
		for _, it := range dryItems(s.plan, skip) {
			fmt.Fprintf(e.stdout, "\n# %s\n%s\n", it.ID, it.Prompt)
		}
	}
	return nil
}

// assumedReplyTokens is the reply length assumed by --dry-run when --max-tokens is unset.
const assumedReplyTokens = 256

type dryItem struct {
	ID     string   `json:"id"`
	Probe  string   `json:"probe"`
	System string   `json:"system"`
	Prompt string   `json:"prompt"`
	Tools  []string `json:"tools,omitempty"`
}

// dryItems lists the requests still to send.
func dryItems(p *runner.Plan, skip map[string]bool) []dryItem {
	out := make([]dryItem, 0, len(p.Items))
	for _, it := range p.Items {
		if !skip[it.ID] {
			out = append(out, dryItem{ID: it.ID, Probe: it.Probe.ID, System: it.System, Prompt: it.Text, Tools: it.Tools})
		}
	}
	return out
}

// readJournal reads a whole journal for reporting.
func readJournal(path string) (*record.Start, []record.Attempt, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, usageError("%v", err)
	}
	defer f.Close()
	start, attempts, err := runner.Read(f)
	if err != nil {
		return nil, nil, usageError("%s: %v", path, err)
	}
	return start, attempts, nil
}
