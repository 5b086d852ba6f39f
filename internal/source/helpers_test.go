package source

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// result is what expandAll saw.
type result struct {
	members   map[string][]byte // member chain -> bytes read through Open
	order     []string
	anomalies []Anomaly
	err       error
	readErrs  map[string]error
}

func (r result) kinds() []AnomalyKind {
	var ks []AnomalyKind
	for _, a := range r.anomalies {
		ks = append(ks, a.Kind)
	}
	return ks
}

func (r result) has(kind AnomalyKind) bool {
	for _, a := range r.anomalies {
		if a.Kind == kind {
			return true
		}
	}
	return false
}

// memNode is a top-level node over bytes with random access.
func memNode(name string, data []byte) Node {
	br := bytes.NewReader(data)
	return Node{
		Path: name, Name: name, Size: int64(len(data)), ReaderAt: br,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
	}
}

// streamNode is a top-level node over bytes without random access.
func streamNode(name string, data []byte) Node {
	n := memNode(name, data)
	n.ReaderAt, n.Size = nil, -1
	return n
}

// expandAll expands n and reads every child fully inside the callback.
func expandAll(t *testing.T, n Node, kind format.Kind, b limits.Budget) result {
	t.Helper()
	r := result{members: map[string][]byte{}, readErrs: map[string]error{}}
	r.anomalies, r.err = Expand(context.Background(), n, kind, b, nil, func(c Node) error {
		rc, err := c.Open()
		if err != nil {
			r.readErrs[c.Member] = err
			return nil
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			r.readErrs[c.Member] = err
		}
		r.members[c.Member] = data
		r.order = append(r.order, c.Member)
		return nil
	})
	return r
}

// sharedPath returns a file under /work/shared, skipping (or failing with
// AISEC_REQUIRE_SHARED=1) when it is absent.
func sharedPath(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("/work/shared", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("AISEC_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared test data %s is missing: %v", p, err)
		}
		t.Skipf("SKIPPING: shared test data %s is absent (set AISEC_REQUIRE_SHARED=1 to fail instead)", p)
	}
	return p
}

// fileNodeFor opens a file on disk as a top-level node with random access.
func fileNodeFor(t *testing.T, p string) Node {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	n, c, err := OpenFile(fileNode(filepath.Base(p), p, filepath.Dir(p), info))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func joinKinds(ks []AnomalyKind) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(k))
	}
	return strings.Join(s, ",")
}
