// Package json writes the scan report as the versioned JSON document aisec.scan/v1, whose
// schema is schema/scan.v1.json. The field names are exactly the JSON tags of finding.Report.
package json

import (
	encjson "encoding/json"
	"fmt"
	"io"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
)

// Writer renders the JSON report.
type Writer struct{}

// New returns the JSON writer.
func New() *Writer { return &Writer{} }

// Format returns "json".
func (*Writer) Format() string { return "json" }

// Write renders r as indented JSON followed by a newline. Output is deterministic: files and
// findings are sorted by location, the start time is in UTC, and arrays are never null.
func (*Writer) Write(w io.Writer, r *finding.Report) error {
	enc := encjson.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Evidence such as "<lambda>" should stay readable; the document is not meant for HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Normalize(r)); err != nil {
		return fmt.Errorf("unable to write JSON report: %w", err)
	}
	return nil
}

// Normalize returns the copy of r that the JSON writer encodes: sorted files, findings and
// suppressed findings, empty (not nil) arrays, a UTC start time and the schema identifier set.
// It is exported so that other machine formats and tests can share one canonical view.
func Normalize(r *finding.Report) finding.Report {
	out := *r
	if out.Schema == "" {
		out.Schema = finding.SchemaV1
	}
	out.Started = r.Started.UTC()
	out.Targets = append([]string{}, r.Targets...)
	out.Files = nonNil(order.Files(r.Files))
	out.Findings = nonNil(order.ByLocation(r.Findings))
	out.Suppressed = order.Suppressed(r.Suppressed)
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
