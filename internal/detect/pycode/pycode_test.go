package pycode

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pysrc"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%s %s %s: %s\n", h.Rule.ID, h.Rule.Severity, h.Name, h.Evidence())
	}
	return b.String()
}

// TestFixtures checks every fixture against its golden file and the corpus acceptance rule:
// benign files have nothing above low, malicious ones something at high or critical, and
// suspicious ones (unsafe loaders, no payload) exactly medium.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*.py")
	if err != nil || len(files) < 10 {
		t.Fatalf("fixtures missing: %v", err)
	}
	for _, f := range files {
		kind := filepath.Base(filepath.Dir(f))
		t.Run(kind+"/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			hits := Analyze(string(data))
			got := render(hits)
			golden := filepath.Join("testdata", "golden", kind+"_"+strings.TrimSuffix(filepath.Base(f), ".py")+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if string(want) != got {
				t.Errorf("hits differ from %s (run with -update to accept):\n%s", golden, got)
			}
			worst := finding.Info
			for _, h := range hits {
				if h.Rule.Severity > worst {
					worst = h.Rule.Severity
				}
			}
			switch {
			case kind == "benign" && worst > finding.Low:
				t.Errorf("benign fixture reported at %s", worst)
			case kind == "malicious" && worst < finding.High:
				t.Errorf("malicious fixture reported only at %s", worst)
			case kind == "suspicious" && worst != finding.Medium:
				t.Errorf("suspicious fixture reported at %s, want medium", worst)
			}
		})
	}
}

func TestRouting(t *testing.T) {
	tests := []struct {
		t          detect.Target
		module, ts bool
	}{
		{detect.Target{Format: Format}, true, false},
		{detect.Target{Format: string(format.Python)}, true, false},
		{detect.Target{Format: string(format.Python), Member: "pkg/sub/x.py"}, true, false},
		{detect.Target{Format: string(format.Python), Member: "archive/code/__torch__/m.py"}, false, true},
		{detect.Target{Format: string(format.Python), Member: "a.zip!/model.pt!/m/code/__torch__.py"}, false, true},
		{detect.Target{Format: string(format.Python), Member: `m\code\__torch__.py`}, false, true},
		{detect.Target{Format: string(format.Python), Member: "code/x.py!/y.py"}, true, false},
		{detect.Target{}, true, true},
		{detect.Target{Format: "json"}, false, false},
	}
	for _, tt := range tests {
		if IsModule(tt.t) != tt.module || IsTorchScriptCode(tt.t) != tt.ts {
			t.Errorf("%+v: module %v torchscript %v", tt.t, IsModule(tt.t), IsTorchScriptCode(tt.t))
		}
	}
}

func TestDetectorTargets(t *testing.T) {
	src := &pysrc.File{Text: "import os\nos.system('id')\n"}
	d := New()
	if got := d.Detect(context.Background(), detect.Target{Format: Format, Model: src}); len(got) != 1 || got[0].Rule != RuleProcess.ID {
		t.Fatalf("module: %+v", got)
	}
	if got := d.Detect(context.Background(), detect.Target{Format: string(format.Python), Member: "m/code/__torch__/m.py", Model: src}); len(got) != 0 {
		t.Fatalf("TorchScript code belongs to the torchscript detector: %+v", got)
	}
	if got := d.Detect(context.Background(), detect.Target{Format: string(format.Python), Path: "repo/modeling_x.py", Model: src}); len(got) != 1 {
		t.Fatalf("a standalone .py routed as format.Python is a module: %+v", got)
	}
	if got := d.Detect(context.Background(), detect.Target{Model: "not source"}); got != nil {
		t.Fatal("foreign model")
	}
}
