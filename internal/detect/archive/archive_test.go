package archive

import (
	"context"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/source"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		kind source.AnomalyKind
		rule string
		sev  finding.Severity
	}{
		{source.PathTraversal, "AISEC-ARC-001", finding.High},
		{source.AbsolutePath, "AISEC-ARC-001", finding.High},
		{source.CRCMismatch, "AISEC-ARC-002", finding.High},
		{source.NameMismatch, "AISEC-ARC-002", finding.High},
		{source.FlagBits, "AISEC-ARC-002", finding.High},
		{source.PrependedData, "AISEC-ARC-002", finding.High},
		{source.DirectoryMismatch, "AISEC-ARC-002", finding.High},
		{source.SizeMismatch, "AISEC-ARC-002", finding.High},
		{source.Encrypted, "AISEC-ARC-003", finding.Medium},
		{source.Unscannable, "AISEC-ARC-003", finding.Medium},
		{source.SymlinkMember, "AISEC-ARC-004", finding.Medium},
		{source.Ratio, "AISEC-ARC-005", finding.Medium},
		{source.Truncated, "AISEC-ARC-006", finding.Medium},
		{source.TrailingData, "AISEC-ARC-007", finding.Low},
		{source.Budget, "", 0}, // reported once by the orchestrator as AISEC-SCAN-001
	}
	for _, tt := range tests {
		got := New().Detect(context.Background(), detect.Target{Model: []source.Anomaly{{Kind: tt.kind, Member: "m/x.pkl", Detail: "d"}}})
		switch {
		case tt.rule == "" && len(got) != 0:
			t.Errorf("%s: want no finding, got %+v", tt.kind, got)
		case tt.rule != "" && (len(got) != 1 || got[0].Rule != tt.rule || got[0].Severity != tt.sev):
			t.Errorf("%s: got %+v, want %s %s", tt.kind, got, tt.rule, tt.sev)
		case tt.rule != "" && got[0].Evidence != string(tt.kind)+` in member "m/x.pkl": d`:
			t.Errorf("%s: evidence %q", tt.kind, got[0].Evidence)
		}
	}
	if got := New().Detect(context.Background(), detect.Target{Model: "not anomalies"}); got != nil {
		t.Errorf("foreign model produced findings: %+v", got)
	}
}
