package executable

import (
	"context"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/exe"
)

func TestDetect(t *testing.T) {
	hit := &exe.Hit{Kind: exe.ELF, Detail: "ELF 64-bit LSB executable, x86-64"}
	tests := []struct {
		name   string
		target detect.Target
		want   string
		sev    finding.Severity
	}{
		{"member of an archive", detect.Target{Path: "m.zip", Member: "payload", Model: hit}, "AISEC-EXE-001", finding.High},
		{"file beside the model", detect.Target{Path: "tool", Model: hit}, "AISEC-EXE-002", finding.Low},
		{"other model", detect.Target{Path: "x", Model: "not a hit"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New().Detect(context.Background(), tt.target)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("want no finding, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != tt.want || got[0].Severity != tt.sev || got[0].Evidence != hit.Detail {
				t.Fatalf("got %+v, want one %s at %s", got, tt.want, tt.sev)
			}
		})
	}
}
