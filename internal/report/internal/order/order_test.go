package order_test

import (
	"flag"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/internal/order"
)

// Accepted so that `go test ./internal/report/... -update` runs this package too.
var _ = flag.Bool("update", false, "unused here: this package has no golden files")

func ids(fs []finding.Finding) string {
	s := ""
	for _, f := range fs {
		s += f.Rule
	}
	return s
}

func TestOrder(t *testing.T) {
	in := []finding.Finding{
		{Rule: "a", Severity: finding.Low, Path: "z.pkl", Offset: 1},
		{Rule: "b", Severity: finding.Critical, Path: "z.pkl", Offset: 9},
		{Rule: "c", Severity: finding.Low, Path: "a.pkl", Member: "m", Offset: 0},
		{Rule: "d", Severity: finding.Critical, Path: "a.pkl", Offset: -1},
		{Rule: "e", Severity: finding.Medium, Path: "a.pkl", Offset: 5},
	}
	if got := ids(order.ByLocation(in)); got != "decab" {
		t.Errorf("ByLocation = %s, want decab", got)
	}
	if got := ids(order.BySeverity(in)); got != "dbeca" {
		t.Errorf("BySeverity = %s, want dbeca", got)
	}
	if ids(in) != "abcde" {
		t.Error("input was reordered")
	}
}

func TestIncomplete(t *testing.T) {
	files := []finding.FileResult{
		{Path: "b", Status: finding.StatusError},
		{Path: "a", Member: "x", Status: finding.StatusPartial},
		{Path: "a", Status: finding.StatusScanned},
		{Path: "c", Status: finding.StatusSkipped},
	}
	got := order.Incomplete(files)
	if len(got) != 2 || order.FileLocation(got[0]) != "a!/x" || got[1].Path != "b" {
		t.Errorf("Incomplete = %+v", got)
	}
}
