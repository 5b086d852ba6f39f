// Package report renders a scan report (finding.Report) in the formats `aisec scan --format`
// accepts. Each format lives in its own subpackage; list.go wires them up explicitly.
package report

import (
	"io"

	"github.com/aisecops/aisec/internal/finding"
)

// Writer renders a scan report in one format.
type Writer interface {
	// Format returns the name the writer is selected by (e.g. "sarif").
	Format() string
	// Write renders r to w. It never modifies r.
	Write(w io.Writer, r *finding.Report) error
}

// Options are shared by writers; a writer ignores the options it has no use for.
type Options struct {
	// Color enables ANSI colours in table output. Callers set it only when writing to a terminal.
	Color bool
	// Verbose makes table output include info/low findings and rule descriptions.
	Verbose bool
}
