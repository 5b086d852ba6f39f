package testgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestExamplesInSync guards the bundled demo project against drifting from its generators.
func TestExamplesInSync(t *testing.T) {
	root := filepath.Join("..", "..")
	sentiment := mustRead(t, filepath.Join(root, "examples", "models", "sentiment.bin"))
	if !bytes.Equal(sentiment, DemoModel()) {
		t.Error("examples/models/sentiment.bin is stale: run go run ./internal/testgen/cmd/gen-examples")
	}
	copies := map[string]string{
		"classifier.pt":   "torch_state_dict_zip.pt",
		"pipeline.joblib": "joblib_pipeline.joblib",
	}
	for example, benign := range copies {
		got := mustRead(t, filepath.Join(root, "examples", "models", example))
		want := mustRead(t, filepath.Join(root, "testdata", "benign", benign))
		if !bytes.Equal(got, want) {
			t.Errorf("examples/models/%s differs from testdata/benign/%s; copy it again", example, benign)
		}
	}
}

func TestDemoModel(t *testing.T) {
	m := DemoModel()
	if !bytes.Contains(m, []byte(DemoCmd)) || !bytes.HasPrefix(m, []byte("\x80\x02cos\nsystem\n")) {
		t.Fatal("DemoModel must start with the os.system(DemoCmd) payload")
	}
	needPython(t)
	if msg := pickletools(t, m); msg != "" {
		t.Errorf("pickletools rejects DemoModel: %s", msg)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("unable to read %s: %v", path, err)
	}
	return b
}
