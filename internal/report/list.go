package report

import (
	"fmt"
	"strings"

	jsonreport "github.com/aisecops/aisec/internal/report/json"
	"github.com/aisecops/aisec/internal/report/junit"
	"github.com/aisecops/aisec/internal/report/markdown"
	sarifreport "github.com/aisecops/aisec/internal/report/sarif"
	"github.com/aisecops/aisec/internal/report/table"
)

// formats is the explicit registry of writers, in the order --help lists them. A function
// rather than a package variable so that no mutable state is shared between callers.
func formats(opts Options) []Writer {
	return []Writer{
		table.New(table.Options{Color: opts.Color, Verbose: opts.Verbose}),
		jsonreport.New(),
		sarifreport.New(),
		markdown.New(),
		junit.New(),
	}
}

// Formats lists the valid format names (for --help and flag validation).
func Formats() []string {
	ws := formats(Options{})
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = w.Format()
	}
	return names
}

// New returns the writer for a format name. Names are matched case-insensitively; an unknown
// name is an error that lists the valid ones.
func New(format string, opts Options) (Writer, error) {
	name := strings.ToLower(strings.TrimSpace(format))
	for _, w := range formats(opts) {
		if w.Format() == name {
			return w, nil
		}
	}
	return nil, fmt.Errorf("unknown report format %q (valid formats: %s)", format, strings.Join(Formats(), ", "))
}

// The writers live in subpackages that cannot import this one (it imports them), so their
// interface guards are kept here.
var (
	_ Writer = (*table.Writer)(nil)
	_ Writer = (*jsonreport.Writer)(nil)
	_ Writer = (*sarifreport.Writer)(nil)
	_ Writer = (*markdown.Writer)(nil)
	_ Writer = (*junit.Writer)(nil)
)
