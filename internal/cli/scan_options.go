package cli

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/pflag"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report"
	"github.com/aisecops/aisec/internal/scan"
)

// inputOptions controls what is read and how hard aisec works at it.
type inputOptions struct {
	jobs           int
	hash           string
	exclude        []string
	followSymlinks bool
	config         string
}

func (o *inputOptions) addFlags(fs *pflag.FlagSet) {
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "files analysed in parallel")
	fs.StringVar(&o.hash, "hash", string(scan.HashAuto), "when to record sha256 of files: auto (files up to 256 MiB), always, never; members of compressed streams are not hashed")
	fs.StringSliceVar(&o.exclude, "exclude", nil, "glob of paths to skip while walking (repeatable)")
	fs.BoolVar(&o.followSymlinks, "follow-symlinks", true, "follow links to files that stay inside the scanned directory (and Hugging Face cache blob links); links out of it are never followed")
	fs.StringVarP(&o.config, "config", "c", "", "configuration file (default: .aisec.yaml in the first target directory)")
}

func (o *inputOptions) validate() error {
	if o.jobs < 1 {
		return usageError("--jobs must be at least 1")
	}
	switch scan.HashMode(o.hash) {
	case scan.HashAuto, scan.HashAlways, scan.HashNever:
		return nil
	}
	return usageError("--hash must be auto, always or never, not %q", o.hash)
}

// outputOptions controls how the report is written.
type outputOptions struct {
	format  string
	output  string
	quiet   bool
	noColor bool
	verbose bool
}

func (o *outputOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&o.format, "format", "f", "", fmt.Sprintf("report format: %s (default: table on a terminal, json otherwise, or from the -o extension)", strings.Join(report.Formats(), ", ")))
	fs.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar and no warnings on standard error")
	fs.BoolVar(&o.noColor, "no-color", false, "disable colours in table output")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "table output: show low and info findings and rule descriptions")
}

// resolveFormat picks the format: explicit, else from the output file's extension, else table
// for a person at a terminal and json for a pipe.
func (o *outputOptions) resolveFormat(stdoutIsTerminal bool) string {
	if o.format != "" {
		return o.format
	}
	switch strings.ToLower(filepath.Ext(o.output)) {
	case ".json":
		return "json"
	case ".sarif":
		return "sarif"
	case ".md", ".markdown":
		return "markdown"
	case ".xml":
		return "junit"
	}
	if o.output != "" || stdoutIsTerminal {
		return "table"
	}
	return "json"
}

// gateOptions decides the exit code.
type gateOptions struct {
	failOn string
}

func (o *gateOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 when a finding is at or above this severity: critical, high, medium, low, info, none (default high)")
}

// threshold returns the severity that fails the run, and false for "none".
func (o *gateOptions) threshold(configured string) (finding.Severity, bool, error) {
	v := o.failOn
	if v == "" {
		v = configured
	}
	if v == "" {
		v = "high"
	}
	if strings.EqualFold(v, "none") {
		return 0, false, nil
	}
	s, err := finding.ParseSeverity(v)
	if err != nil {
		return 0, false, usageError("--fail-on: %v", err)
	}
	return s, true, nil
}
