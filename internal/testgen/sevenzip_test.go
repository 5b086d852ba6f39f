package testgen

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/bodgit/sevenzip"
)

// TestCommittedSevenZip checks the 7z fixtures made by testdata/malicious/gen7z.sh are readable
// by the 7z library aisec uses, and hold the generator's payload.
func TestCommittedSevenZip(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "malicious")
	payload := p2Payload("os", "system", Cmd)
	tests := []struct {
		file, member string
		password     string
		want         []byte // nil: only check the member is present
	}{
		{"payload.7z", "model/model.pkl", "", payload},
		{"payload.7z", "model/weights.bin", "", payload},
		{"nullifai_torch.7z", "archive/data.pkl", "", nil},
		{"encrypted_aes.7z", "model.pkl", "aisec-test", payload},
		{"encrypted_aes_headers.7z", "model.pkl", "aisec-test", payload},
	}
	for _, tt := range tests {
		t.Run(tt.file+"!"+tt.member, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if _, err := os.Stat(path); err != nil {
				t.Skipf("SKIPPING: %s missing; run sh testdata/malicious/gen7z.sh", path)
			}
			r, err := sevenzip.OpenReaderWithPassword(path, tt.password)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got, err := readMember(r, tt.member)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil && !bytes.Equal(got, tt.want) {
				t.Errorf("content differs from the generator's payload")
			}
		})
	}
}

func readMember(r *sevenzip.ReadCloser, name string) ([]byte, error) {
	for _, f := range r.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	return nil, errors.New("member " + name + " not found")
}
