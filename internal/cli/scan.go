package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/config"
	"github.com/aisecops/aisec/internal/detect/list"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/report"
	"github.com/aisecops/aisec/internal/scan"
)

const scanExamples = `  # Scan a directory of models (a table on a terminal)
  aisec scan ./models

  # Scan one checkpoint and fail the CI job on anything high or worse
  aisec scan pytorch_model.bin --fail-on high

  # Scan every model in the Hugging Face cache (findings name the model id and revision)
  aisec scan ~/.cache/huggingface/hub

  # SARIF for GitHub code scanning, JSON for scripts
  aisec scan . -f sarif -o aisec.sarif
  aisec scan . -f json | jq '.findings[] | select(.severity=="critical")'

  # Application code too: unsafe model loading, LLM output reaching eval/shell/SQL, AI secrets,
  # MCP configs, and pinned dependencies checked against an offline OSV database
  aisec scan ./my-rag-app --vuln-db ./osv/PyPI-all.zip

  # A Hugging Face cache, eight files at a time, with a config file
  aisec scan ~/.cache/huggingface/hub -j 8 --config ci/aisec.yaml`

type scanOptions struct {
	input  inputOptions
	output outputOptions
	gate   gateOptions
	vulnDB string
}

func (e *env) scanCommand() *cobra.Command {
	var o scanOptions
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Find code-execution payloads in model files without loading them",
		Long: `Scan model files and directories for hidden code: pickle payloads (raw pickle, PyTorch zip and
legacy checkpoints, TorchScript, NumPy .npy/.npz, joblib, dill, cloudpickle), Keras .h5/.keras
Lambda layers and config gadgets, TensorFlow SavedModel/GraphDef/.pbtxt ops, TFLite custom and Flex
ops, ONNX external data and Python ops, GGUF structure, safetensors layout, chat-template injection
(GGUF, tokenizer_config.json, .jinja), Hugging Face repositories (auto_map, shipped Python, pickle
twins, hub cache model ids) and secrets, URLs and payloads in metadata; also inside zip, tar, 7z and
compressed streams. Files are identified by content, never by extension, and are never executed,
deserialised or rendered.

Application code is checked too: unsafe model loading in Python and JS/TS (torch.load without
weights_only=True, pickle, numpy allow_pickle, yaml.load, trust_remote_code, LangChain
allow_dangerous_*, Keras safe_mode=False), model output reaching eval, a shell or SQL, AI secrets in
code, notebooks and .env files, MCP configurations (unpinned servers, plain-text secrets, plain-HTTP
remotes, tool poisoning), and with --vuln-db pinned dependencies against OSV advisories.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 some input could not be fully
analysed (and nothing else failed).

Every flag can also be set with an environment variable AISEC_<FLAG>, e.g. AISEC_FAIL_ON=critical;
configuration file keys are documented in docs/configuration.md, rules in docs/rules.md (aisec rules).`,
		Example: scanExamples,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runScan(cmd.Context(), o, args)
		},
	}
	o.input.addFlags(cmd.Flags())
	o.output.addFlags(cmd.Flags())
	o.gate.addFlags(cmd.Flags())
	cmd.Flags().StringVar(&o.vulnDB, "vuln-db", "", "OSV advisories to match pinned dependencies against (AISEC-DEP-001): a directory or zip of OSV JSON files, or an OSV API URL such as https://api.osv.dev; without it dependency manifests are skipped")
	return cmd
}

func (e *env) runScan(ctx context.Context, o scanOptions, targets []string) error {
	if err := o.input.validate(); err != nil {
		return err
	}
	cfg, err := config.Load(o.input.config, configDir(targets))
	if err != nil {
		return usageError("%v", err)
	}
	threshold, gated, err := o.gate.threshold(cfg.FailOn)
	if err != nil {
		return err
	}
	format := o.output.resolveFormat(e.isTerminal(e.stdout))
	writer, err := report.New(format, report.Options{Color: e.color(o.output), Verbose: o.output.verbose})
	if err != nil {
		return usageError("%v", err)
	}
	for _, t := range targets {
		if _, err := os.Lstat(t); err != nil {
			return usageError("unable to scan %s: %v", t, err)
		}
	}
	matcher, err := openVulnDB(o.vulnDB)
	if err != nil {
		return err
	}
	progress := e.newProgress(o.output.quiet)
	s := scan.New(scan.Options{
		Vulns: matcher,
		Jobs:  o.input.jobs, Hash: scan.HashMode(o.input.hash), FollowSymlinks: o.input.followSymlinks,
		Exclude: append(cfg.Exclude, o.input.exclude...), Budget: cfg.Budgets.Apply(limits.Default()),
		OnTotal: progress.total, OnDone: progress.doneOne,
	}, list.Default(list.Options{AllowGlobals: cfg.AllowGlobals}))
	rep, err := s.Run(ctx, targets)
	progress.finish()
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{code: ExitIncomplete, err: err} // interrupted: nothing can be vouched for
		}
		return err
	}
	rep.Tool = finding.Tool{Name: "aisec", Version: version()}
	for _, w := range cfg.Apply(rep, time.Now()) {
		if !o.output.quiet {
			fmt.Fprintln(e.stderr, "aisec: warning: "+w)
		}
	}
	if err := e.writeReport(writer, rep, o.output.output); err != nil {
		return err
	}
	return withCode(exitCode(rep, threshold, gated))
}

// exitCode applies the DESIGN.md exit-code contract to a finished report.
func exitCode(rep *finding.Report, threshold finding.Severity, gated bool) int {
	if m, ok := rep.Max(); ok && gated && m >= threshold {
		return ExitFindings
	}
	if rep.Incomplete() {
		return ExitIncomplete
	}
	return ExitOK
}

func (e *env) writeReport(w report.Writer, rep *finding.Report, path string) error {
	var out io.Writer = e.stdout
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return usageError("unable to create report file: %v", err)
		}
		if err := w.Write(f, rep); err != nil {
			f.Close()
			return fmt.Errorf("unable to write report: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("unable to write report: %w", err)
		}
		return nil
	}
	if err := w.Write(out, rep); err != nil {
		return fmt.Errorf("unable to write report: %w", err)
	}
	return nil
}

func (e *env) color(o outputOptions) bool {
	return !o.noColor && o.output == "" && e.getenv("NO_COLOR") == "" && e.isTerminal(e.stdout)
}

// configDir is where .aisec.yaml is looked up: the first target if it is a directory, else
// the directory holding it.
func configDir(targets []string) string {
	if fi, err := os.Stat(targets[0]); err == nil && fi.IsDir() {
		return targets[0]
	}
	return filepath.Dir(targets[0])
}
