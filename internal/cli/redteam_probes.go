package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/redteam/config"
	"github.com/aisecops/aisec/internal/redteam/probe"
)

func (e *env) redteamProbesCommand() *cobra.Command {
	var (
		c      config.Config
		format string
	)
	cmd := &cobra.Command{
		Use:   "probes",
		Short: "List the probe library (embedded and --probe-file), filtered like 'run'",
		Example: `  aisec redteam probes
  aisec redteam probes --tags owasp:LLM07 -f json
  aisec redteam probes --probe-file my-probes/ --probes my-family`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if format != "table" && format != "json" {
				return usageError("--format %q: want table or json", format)
			}
			ps, err := loadProbes(&c)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(ps)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "PROBE\tSEVERITY\tPROMPTS\tDETECTORS\tTAGS")
			for _, p := range ps {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", p.ID, p.Severity, len(p.Prompts),
					strings.Join(p.Detectors, ","), strings.Join(p.Tags, " "))
			}
			fmt.Fprintf(tw, "\n%d probes in %d families\n", len(ps), len(probe.Families(ps)))
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&c.Probes.Include, "probes", nil, "families or family/probe IDs")
	f.StringSliceVar(&c.Probes.Exclude, "exclude", nil, "families or family/probe IDs to leave out")
	f.StringSliceVar(&c.Probes.Tags, "tags", nil, "only probes with one of these tags")
	f.StringSliceVar(&c.Probes.Files, "probe-file", nil, "extra probe YAML files, folders or globs")
	f.StringSliceVar(&c.Probes.Transforms, "transforms", nil, "also list the transformed copies")
	f.BoolVar(&c.Probes.NoDefault, "no-default-probes", false, "leave out the embedded library")
	f.StringVarP(&format, "format", "f", "table", "table or json")
	return cmd
}
