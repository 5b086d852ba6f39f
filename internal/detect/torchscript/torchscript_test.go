package torchscript

import (
	"context"
	"flag"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/detect/pycode"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pysrc"
)

var _ = flag.Bool("update", false, "unused here: this package has no golden files")

func TestDetect(t *testing.T) {
	benign := `class Net(Module):
  __parameters__ = ["weight", ]
  __buffers__ = []
  weight : Tensor
  def forward(self: __torch__.Net, x: Tensor) -> Tensor:
    # os.system is only mentioned in this comment
    _0 = torch.add(torch.matmul(x, self.weight), 1)
    return torch.relu(_0)
`
	tests := []struct {
		name string
		code string
		want int
	}{
		{"generated torchscript", benign, 0},
		{"os.system", "def forward(self, x):\n    os.system(\"id\")\n    return x\n", 1},
		{"exec", "def forward(self, x):\n  exec('import os')\n  return x\n", 1},
		{"import", "import subprocess\ndef f(): pass\n", 1},
		{"file read", "def f():\n  t = torch.from_file('/etc/passwd')\n", 1},
		{"string literal mentioning os.", "def f():\n  s = \"# not a comment\"\n  return s\n", 0},
		{"compiled raise", "def forward(self, x):\n  _0 = uninitialized(Tensor)\n  ops.prim.RaiseException(\"builtins.ValueError\", \"expected 4D input (got {}D input)\")\n  return x\n", 0},
		{"call after a string", "def f():\n  s = 'a'; os.system(s)\n", 1},
		{"multi-line docstring", "def f():\n  \"\"\"Docs.\n  os.system is not called.\n  \"\"\"\n  return 1\n", 0},
		{"f-string expression", "def f():\n  return f\"{os.getcwd()}\"\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New().Detect(context.Background(), detect.Target{Model: &pysrc.File{Text: tt.code}})
			if len(got) != tt.want {
				t.Fatalf("got %d findings, want %d: %+v", len(got), tt.want, got)
			}
		})
	}
}

func TestModulesBelongToPycode(t *testing.T) {
	src := &pysrc.File{Text: "import os\nos.system('id')\n"}
	if got := New().Detect(context.Background(), detect.Target{Format: pycode.Format, Model: src}); len(got) != 0 {
		t.Fatalf("a Python module got TorchScript findings: %+v", got)
	}
	if got := New().Detect(context.Background(), detect.Target{Format: string(format.Python), Path: "repo/modeling_x.py", Model: src}); len(got) != 0 {
		t.Fatalf("a standalone .py got TorchScript findings: %+v", got)
	}
	member := detect.Target{Format: string(format.Python), Path: "m.pt", Member: "m/code/__torch__/m.py", Model: src}
	if got := New().Detect(context.Background(), member); len(got) == 0 {
		t.Fatal("TorchScript code member not scanned")
	}
}

func TestWeightsOnlyNote(t *testing.T) {
	d := New()
	got := d.Detect(context.Background(), detect.Target{Model: format.Layout{Kind: format.TorchScript, Members: 7}})
	if len(got) != 1 || got[0].Rule != RuleWeightsOnlyBypass.ID {
		t.Fatalf("want the CVE-2025-32434 note, got %+v", got)
	}
	if got := d.Detect(context.Background(), detect.Target{Model: format.Layout{Kind: format.PyTorchZip}}); len(got) != 0 {
		t.Fatalf("plain checkpoints get no note, got %+v", got)
	}
}
