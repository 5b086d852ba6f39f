package cli

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/redteam/report"
)

func (e *env) redteamDiffCommand() *cobra.Command {
	var (
		format    string
		tolerance float64
	)
	cmd := &cobra.Command{
		Use:   "diff BASELINE.jsonl CURRENT.jsonl",
		Short: "Compare two runs' journals: pass rates per family and probe; exit 1 on a regression",
		Long: `Compare a run with a baseline run (the previous release, the model being replaced). A family or
probe whose pass rate dropped by more than --tolerance, or a probe that had no hit and now has one, is a
regression. Runs with the same --seed and probes compare attempt for attempt.

Exit codes: 0 no regression, 1 regression, 2 usage error.`,
		Example: `  aisec redteam diff main.jsonl pr.jsonl
  aisec redteam diff --tolerance 0.02 -f json last-release.jsonl candidate.jsonl`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageError("--format %q: want table or json", format)
			}
			if tolerance < 0 || tolerance > 1 {
				return usageError("--tolerance %v: want a pass-rate fraction between 0 and 1", tolerance)
			}
			var sums [2]*report.Summary
			for i, path := range args {
				s, err := summaryFromJournal(path)
				if err != nil {
					return err
				}
				sums[i] = s
			}
			d := report.Compare(sums[0], sums[1], tolerance)
			var err error
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				err = enc.Encode(d)
			} else {
				err = report.WriteDiffTable(e.stdout, d)
			}
			if err != nil {
				return err
			}
			if d.Regressed {
				return withCode(ExitFindings)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	cmd.Flags().Float64Var(&tolerance, "tolerance", 0.05, "pass-rate drop tolerated before a family or probe counts as regressed")
	return cmd
}

// summaryFromJournal rebuilds a run's summary (without a gate) from its journal.
func summaryFromJournal(path string) (*report.Summary, error) {
	start, attempts, err := readJournal(path)
	if err != nil {
		return nil, err
	}
	return report.Build(*start, attempts, report.Options{}), nil
}
