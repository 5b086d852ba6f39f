package source

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// TestRealWriters reads archives written by torch.save, torch.jit.save and
// numpy.savez_compressed (a harmless model made here; nothing is loaded). Skipped with a
// message when Debian's python3 lacks torch or numpy.
func TestRealWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIPPING: starting python with torch is slow")
	}
	dir := t.TempDir()
	script := `
import sys, torch, numpy as np
d = sys.argv[1]
torch.save({'w': torch.zeros(1000), 'b': torch.ones(3)}, d + '/t.pt')
torch.jit.save(torch.jit.script(torch.nn.Linear(3, 2)), d + '/ts.pt')
np.savez_compressed(d + '/c.npz', a=np.arange(10), b=np.zeros((3, 3)))
`
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "/usr/bin/python3", "-c", script, dir).CombinedOutput(); err != nil {
		t.Skipf("SKIPPING: /usr/bin/python3 with torch and numpy is not available: %v: %.200s", err, out)
	}
	tests := []struct {
		file    string
		kind    format.Kind
		members []string
		stored  bool
	}{
		{file: "t.pt", kind: format.PyTorchZip, members: []string{"t/data.pkl", "t/data/0", "t/data/1", "t/version"}, stored: true},
		{file: "ts.pt", kind: format.TorchScript, members: []string{"ts/constants.pkl", "ts/data.pkl", "ts/version"}, stored: true},
		{file: "c.npz", kind: format.NumPyZip, members: []string{"a.npy", "b.npy"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n := fileNodeFor(t, filepath.Join(dir, tt.file))
			r := expandAll(t, n, tt.kind, limits.Budget{})
			if r.err != nil || len(r.anomalies) > 0 || len(r.readErrs) > 0 {
				t.Fatalf("err %v anomalies %v read errors %v", r.err, r.anomalies, r.readErrs)
			}
			for _, m := range tt.members {
				if !slices.Contains(r.order, m) {
					t.Errorf("member %q missing from %v", m, r.order)
				}
			}
			if tt.stored {
				names, err := ZipNames(n, limits.Budget{})
				if err != nil || !slices.Contains(names, tt.members[0]) {
					t.Errorf("ZipNames = %v, %v", names, err)
				}
			}
		})
	}
}
