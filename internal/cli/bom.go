package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/discover"
	"github.com/aisecops/aisec/internal/config"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/report/bomtext"
	"github.com/aisecops/aisec/internal/report/cyclonedx"
	"github.com/aisecops/aisec/internal/report/spdx"
	"github.com/aisecops/aisec/internal/source"
	"github.com/aisecops/aisec/internal/vuln"
)

const bomExamples = `  # An AI-BOM of a repository as CycloneDX 1.6 JSON (the default when not on a terminal)
  aisec bom . -o aibom.cdx.json

  # A summary table on the terminal; markdown for a pull-request comment
  aisec bom ./my-rag-app
  aisec bom . -f markdown > AIBOM.md

  # CycloneDX 1.7, CycloneDX XML, or SPDX 3.0.1 JSON-LD with the AI and Dataset profiles
  aisec bom . --spec-version 1.7 -o aibom.cdx.json
  aisec bom . -f cyclonedx-xml -o aibom.cdx.xml
  aisec bom . -f spdx -o aibom.spdx.json

  # Every model in the Hugging Face cache, with purls pkg:huggingface/<org>/<name>@<commit>
  aisec bom ~/.cache/huggingface/hub

  # Match pinned packages against an offline OSV database (or --vuln-db https://api.osv.dev)
  aisec bom . --vuln-db ./osv/PyPI-all.zip --fail-on high

  # Reproducible output: the timestamp comes from SOURCE_DATE_EPOCH when it is set
  SOURCE_DATE_EPOCH=1700000000 aisec bom . -o aibom.cdx.json`

// bomFormats are the formats of `aisec bom`.
var bomFormats = []string{"cyclonedx", "cyclonedx-xml", "spdx", "table", "markdown"}

// bomOptions are the flags of `aisec bom`.
type bomOptions struct {
	input       inputOptions
	format      string
	output      string
	specVersion string
	vulnDB      string
	allPackages bool
	failOn      string
	quiet       bool
	noColor     bool
}

func (o *bomOptions) addFlags(fs *pflag.FlagSet) {
	o.input.addFlags(fs)
	fs.StringVarP(&o.format, "format", "f", "", "output format: "+strings.Join(bomFormats, ", ")+" (default: table on a terminal, cyclonedx otherwise, or from the -o extension)")
	fs.StringVarP(&o.output, "output", "o", "", "write the BOM to this file instead of standard output")
	fs.StringVar(&o.specVersion, "spec-version", "1.6", "CycloneDX specification version: 1.6 or 1.7")
	fs.StringVar(&o.vulnDB, "vuln-db", "", "OSV advisories to match pinned packages against: a directory or zip of OSV JSON files (e.g. osv.dev's <ecosystem>/all.zip), or an OSV API URL such as https://api.osv.dev")
	fs.BoolVar(&o.allPackages, "all-packages", false, "list every locked and installed package, not only direct dependencies and AI packages")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a vulnerability at or above this severity is found (critical, high, medium, low); off by default")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar and no warnings on standard error")
	fs.BoolVar(&o.noColor, "no-color", false, "disable colours in table output")
}

func (e *env) bomCommand() *cobra.Command {
	var o bomOptions
	cmd := &cobra.Command{
		Use:   "bom PATH...",
		Short: "Write an AI Bill of Materials (CycloneDX or SPDX) of a repository, model folder or cache",
		Long: `Inventory every AI asset under the given paths and write an AI-BOM: models (format, size, sha256,
architecture, parameters, dtype/quantisation, license, base models, datasets and metrics from the model
card, Hugging Face purls, model_signing signatures and a completeness score), datasets, AI libraries
from dependency manifests and from code (Python, JS/TS, Go, Java, notebooks), hosted models and AI API
endpoints named in code, and MCP servers from client configurations.

Formats: CycloneDX 1.6 JSON (default; --spec-version 1.7), CycloneDX XML, SPDX 3.0.1 JSON-LD with the
AI and Dataset profiles, and a table or markdown summary. Nothing is imported, loaded or run.

Exit codes: 0 done, 1 a vulnerability at or above --fail-on, 2 usage error, 3 some input could not be
fully analysed (the BOM lists it under aisec:incomplete).

Every flag can also be set with an environment variable AISEC_<FLAG>, e.g. AISEC_VULN_DB=./osv.zip.
docs/bom.md describes every field and the completeness score.`,
		Example: bomExamples,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runBOM(cmd.Context(), o, args)
		},
	}
	o.addFlags(cmd.Flags())
	return cmd
}

func (e *env) runBOM(ctx context.Context, o bomOptions, targets []string) error {
	if err := o.input.validate(); err != nil {
		return err
	}
	format, err := o.resolveFormat(e.isTerminal(e.stdout))
	if err != nil {
		return err
	}
	threshold, gated, err := o.threshold()
	if err != nil {
		return err
	}
	stamp, err := e.timestamp()
	if err != nil {
		return err
	}
	cfg, err := config.Load(o.input.config, configDir(targets))
	if err != nil {
		return usageError("%v", err)
	}
	for _, t := range targets {
		if _, err := os.Lstat(t); err != nil {
			return usageError("unable to read %s: %v", t, err)
		}
	}
	matcher, err := openVulnDB(o.vulnDB)
	if err != nil {
		return err
	}
	progress := e.newProgress(o.quiet)
	b, err := discover.Build(ctx, targets, discover.Options{
		Walk: source.WalkOptions{FollowSymlinks: o.input.followSymlinks, Exclude: append(cfg.Exclude, o.input.exclude...)},
		Jobs: o.input.jobs, Hash: o.input.hash != "never", Budget: cfg.Budgets.Apply(limits.Default()),
		Vulns: matcher, AllPackages: o.allPackages, Tool: bom.Tool{Name: "aisec", Version: version()}, Timestamp: stamp,
		OnTotal: progress.total, OnDone: progress.doneOne,
	})
	progress.finish()
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{code: ExitIncomplete, err: err}
		}
		return usageError("%v", err)
	}
	if err := e.writeBOM(b, format, o); err != nil {
		return err
	}
	return withCode(bomExitCode(b, threshold, gated))
}

// openVulnDB opens the advisory source named by --vuln-db, if any.
func openVulnDB(spec string) (vuln.Matcher, error) {
	if spec == "" {
		return nil, nil
	}
	m, err := vuln.Open(spec, vuln.Options{})
	if err != nil {
		return nil, usageError("unable to open the vulnerability database: %v", err)
	}
	return m, nil
}

// bomExitCode: vulnerabilities at the threshold fail, then incomplete analysis.
func bomExitCode(b *bom.BOM, threshold finding.Severity, gated bool) int {
	if gated {
		for _, v := range b.Vulnerabilities {
			if s, err := finding.ParseSeverity(v.Severity); err == nil && s >= threshold {
				return ExitFindings
			} else if err != nil && threshold <= finding.High {
				return ExitFindings // unknown severity: counted as high, failing closed
			}
		}
	}
	if len(b.Incomplete) > 0 {
		return ExitIncomplete
	}
	return ExitOK
}

// threshold parses --fail-on; gated is false when it is not set.
func (o bomOptions) threshold() (s finding.Severity, gated bool, err error) {
	if o.failOn == "" {
		return s, false, nil
	}
	if s, err = finding.ParseSeverity(o.failOn); err != nil {
		return s, false, usageError("--fail-on: %v", err)
	}
	return s, true, nil
}

// resolveFormat picks the output format: explicit, else from the output file's extension, else
// a table for a person at a terminal and CycloneDX JSON for a pipe.
func (o bomOptions) resolveFormat(stdoutIsTerminal bool) (string, error) {
	if o.specVersion != "1.6" && o.specVersion != "1.7" {
		return "", usageError("--spec-version must be 1.6 or 1.7, not %q", o.specVersion)
	}
	if o.format != "" {
		for _, f := range bomFormats {
			if o.format == f {
				return f, nil
			}
		}
		return "", usageError("unknown format %q (want one of %s)", o.format, strings.Join(bomFormats, ", "))
	}
	name := strings.ToLower(o.output)
	switch {
	case strings.HasSuffix(name, ".spdx.json") || strings.HasSuffix(name, ".jsonld"):
		return "spdx", nil
	case strings.HasSuffix(name, ".json"):
		return "cyclonedx", nil
	case strings.HasSuffix(name, ".xml"):
		return "cyclonedx-xml", nil
	case strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown"):
		return "markdown", nil
	case o.output == "" && stdoutIsTerminal:
		return "table", nil
	case o.output != "" && filepath.Ext(name) == ".txt":
		return "table", nil
	}
	return "cyclonedx", nil
}

// timestamp honours SOURCE_DATE_EPOCH (reproducible builds); zero means now.
func (e *env) timestamp() (time.Time, error) {
	v := e.getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, usageError("SOURCE_DATE_EPOCH must be seconds since 1970, not %q", v)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// writeBOM writes b in format to the output file or standard output.
func (e *env) writeBOM(b *bom.BOM, format string, o bomOptions) error {
	write := func(w io.Writer) error {
		switch format {
		case "cyclonedx", "cyclonedx-xml":
			return cyclonedx.Write(w, b, cyclonedx.Options{SpecVersion: o.specVersion, XML: format == "cyclonedx-xml"})
		case "spdx":
			return spdx.Write(w, b)
		case "markdown":
			return bomtext.Markdown(w, b)
		}
		return bomtext.Table(w, b, !o.noColor && o.output == "" && e.getenv("NO_COLOR") == "" && e.isTerminal(e.stdout))
	}
	if o.output == "" {
		if err := write(e.stdout); err != nil {
			return fmt.Errorf("unable to write the BOM: %w", err)
		}
		return nil
	}
	f, err := os.Create(o.output)
	if err != nil {
		return usageError("unable to create %s: %v", o.output, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("unable to write the BOM: %w", err)
	}
	return f.Close()
}
