package savedmodel

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/aisecops/aisec/internal/format/tfpb"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/xtest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden")

// TestGolden parses every fixture as Sniff identifies it (with its file name) and compares the
// model with testdata/golden/<file>.json.
func TestGolden(t *testing.T) {
	for _, path := range fixtureFiles(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name)
			kind, ok := Sniff(data, name)
			if !ok {
				if name != "onnx_model.onnx" {
					t.Fatalf("Sniff did not identify %s", name)
				}
				return
			}
			got, err := json.MarshalIndent(render(parseBytes(t, data, kind, defaultCaps())), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(want) != string(got)+"\n" {
				t.Fatalf("%s differs from %s (run go test -update):\n%s", name, golden, got)
			}
		})
	}
}

// TestMatchesGeneratedTypes decodes complete fixtures with the generated tfpb types and checks
// that the protowire walk saw the same nodes.
func TestMatchesGeneratedTypes(t *testing.T) {
	for _, name := range []string{"benign_tf1.pb", "benign_tf2.pb", "file_io.pb", "pyfunc_library.pb", "tables_assets.pb"} {
		data := readFixture(t, name)
		var sm tfpb.SavedModel
		if err := proto.Unmarshal(data, &sm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want []string
		for _, mg := range sm.GetMetaGraphs() {
			for _, n := range mg.GetGraphDef().GetNode() {
				want = append(want, n.GetName()+"="+n.GetOp())
			}
			for _, f := range mg.GetGraphDef().GetLibrary().GetFunction() {
				for _, n := range f.GetNodeDef() {
					want = append(want, f.GetSignature().GetName()+"/"+n.GetName()+"="+n.GetOp())
				}
			}
		}
		m := parseBytes(t, data, KindSavedModel, defaultCaps())
		var graph, funcs []string
		for _, n := range m.Nodes {
			if n.Function == "" {
				graph = append(graph, n.Name+"="+n.Op)
			} else {
				funcs = append(funcs, n.Function+"/"+n.Name+"="+n.Op)
			}
		}
		if got := append(graph, funcs...); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: walked %v, proto.Unmarshal %v", name, got, want)
		}
	}
}

func TestParseAutodetect(t *testing.T) {
	data := readFixture(t, "model.meta")
	m, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{})
	if err != nil || m.Kind != KindMetaGraph || len(m.Nodes) == 0 {
		t.Fatalf("Parse = %v, %v", m, err)
	}
	onnx := readFixture(t, "onnx_model.onnx")
	if _, err := Parse(context.Background(), bytes.NewReader(onnx), int64(len(onnx)), limits.Budget{}); !errors.Is(err, ErrNotTensorFlow) {
		t.Fatalf("ONNX: err = %v, want ErrNotTensorFlow", err)
	}
	if _, err := ParseAs(context.Background(), bytes.NewReader(nil), 0, limits.Budget{}, "bogus"); err == nil {
		t.Fatal("unknown kind accepted")
	}
}

func TestContextCancelled(t *testing.T) {
	data := readFixture(t, "benign_tf2.pb")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := defaultCaps()
	if _, err := parse(ctx, bytes.NewReader(data), int64(len(data)), limits.Budget{}, KindSavedModel, c); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// errReader fails every read after the first n bytes.
type errReader struct {
	data []byte
	n    int64
}

func (r errReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.n {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data[off:r.n])
	if n < len(p) {
		return n, errors.New("disk on fire")
	}
	return n, nil
}

func TestIOError(t *testing.T) {
	data := readFixture(t, "benign_tf1.pb")
	_, err := ParseAs(context.Background(), errReader{data, 0}, int64(len(data)), limits.Budget{}, KindSavedModel)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
	m, err := ParseAs(context.Background(), errReader{data, int64(len(data))}, int64(len(data))+100000, limits.Budget{}, KindSavedModel)
	if err != nil || len(m.Gaps()) == 0 {
		t.Fatalf("partial read: %v, gaps %v", err, m.Gaps())
	}
}

// TestCorpus parses the ModelAudit TensorFlow samples in place.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(xtest.SharedDir(t), "corpus", "models", "modelaudit", "samples", "tensorflow")
	for sample, op := range map[string]string{"malicious_pyfunc": "PyFunc", "safe_savedmodel": "Const"} {
		f, err := os.Open(filepath.Join(dir, sample, "saved_model.pb"))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		head := make([]byte, min(fi.Size(), SniffLen))
		if _, err := io.ReadFull(f, head); err != nil {
			t.Fatal(err)
		}
		if k, ok := Sniff(head, "saved_model.pb"); !ok || k != KindSavedModel {
			t.Fatalf("%s: Sniff = %v %v", sample, k, ok)
		}
		m, err := Parse(context.Background(), f, fi.Size(), limits.Budget{})
		f.Close()
		if err != nil || len(m.Gaps()) != 0 {
			t.Fatalf("%s: %v %v", sample, err, m.Gaps())
		}
		if last := m.Nodes[len(m.Nodes)-1]; last.Op != op {
			t.Errorf("%s: last op %q, want %q", sample, last.Op, op)
		}
	}
}
