package source

import (
	"bytes"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// TestZipCorpus reads the parser-differential samples of picklescan and modelaudit in place.
func TestZipCorpus(t *testing.T) {
	pickleHead := []byte{0x80, 0x04, 0x95}
	tests := []struct {
		file    string
		members []string
		want    []AnomalyKind
		head    []byte // prefix of the first member's bytes
	}{
		{file: "corpus/models/picklescan/data/malicious1.zip", members: []string{"data.pkl"}, head: pickleHead},
		{file: "corpus/models/picklescan/data/malicious1_0x1.zip", members: []string{"model/config.pkl"}, want: []AnomalyKind{FlagBits}, head: pickleHead},
		{file: "corpus/models/picklescan/data/malicious1_0x20.zip", members: []string{"model/config.pkl"}, want: []AnomalyKind{FlagBits}, head: pickleHead},
		{file: "corpus/models/picklescan/data/malicious1_0x40.zip", members: []string{"model/config.pkl"}, want: []AnomalyKind{FlagBits}, head: pickleHead},
		{file: "corpus/models/picklescan/data/malicious1_central_directory.zip", members: []string{"data.pkl"}, want: []AnomalyKind{NameMismatch}, head: pickleHead},
		{file: "corpus/models/picklescan/data/malicious1_wrong_ext.zip", members: []string{"data.txt"}, head: pickleHead},
		{file: "corpus/models/picklescan/data/benign_password_protected.zip", want: []AnomalyKind{Encrypted}},
		{file: "corpus/models/picklescan/data/new_pytorch_model.bin", members: []string{"archive/data.pkl", "archive/data/0", "archive/version"}, head: []byte{0x80, 0x02}},
		{file: "corpus/models/modelaudit/samples/archives/path_traversal.zip", want: []AnomalyKind{PathTraversal}},
		{file: "corpus/models/modelaudit/samples/archives/safe_model.zip"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n := fileNodeFor(t, sharedPath(t, tt.file))
			r := expandAll(t, n, format.Zip, limits.Budget{})
			t.Logf("members %v anomalies %v", r.order, r.anomalies)
			if r.err != nil {
				t.Fatalf("Expand error: %v", r.err)
			}
			for _, k := range tt.want {
				if !r.has(k) {
					t.Errorf("anomalies %v, want %s", r.anomalies, k)
				}
			}
			if len(tt.want) == 0 && len(r.anomalies) > 0 {
				t.Errorf("unexpected anomalies %v", r.anomalies)
			}
			for _, m := range tt.members {
				if _, ok := r.members[m]; !ok {
					t.Errorf("member %q not visited; got %v", m, r.order)
				}
			}
			if tt.head != nil && len(r.order) > 0 && !bytes.HasPrefix(r.members[r.order[0]], tt.head) {
				t.Errorf("first member starts % x, want % x", r.members[r.order[0]][:min(8, len(r.members[r.order[0]]))], tt.head)
			}
			if len(r.readErrs) > 0 {
				t.Errorf("read errors: %v", r.readErrs)
			}
		})
	}
}

func TestZipNamesCorpus(t *testing.T) {
	n := fileNodeFor(t, sharedPath(t, "corpus/models/picklescan/data/new_pytorch_model.bin"))
	names, err := ZipNames(n, limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"archive/data.pkl", "archive/version"} {
		if !slices.Contains(names, want) {
			t.Errorf("ZipNames = %v, missing %q", names, want)
		}
	}
}

// TestPyTorchCheckpointReaderAt checks stored tensor members expose random access.
func TestPyTorchCheckpointReaderAt(t *testing.T) {
	n := fileNodeFor(t, sharedPath(t, "corpus/models/picklescan/data/new_pytorch_model.bin"))
	stored := 0
	_, err := Expand(t.Context(), n, format.PyTorchZip, limits.Budget{}, nil, func(c Node) error {
		if c.ReaderAt != nil {
			stored++
			buf := make([]byte, min(c.Size, 8))
			if _, err := c.ReaderAt.ReadAt(buf, 0); err != nil {
				t.Errorf("ReadAt %s: %v", c.Member, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if stored == 0 {
		t.Error("no stored member exposed a ReaderAt")
	}
}
