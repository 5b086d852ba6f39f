package savedmodel

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/limits"
)

// fixtureFiles lists the binary fixtures (everything in testdata but generator inputs).
func fixtureFiles(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range all {
		switch filepath.Ext(f) {
		case ".pbtxt", ".txt", ".in", ".sh", ".md", "": // generator inputs, docs, the golden/ folder
			continue
		}
		out = append(out, f)
	}
	return out
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parseBytes parses data as kind with caps c.
func parseBytes(t testing.TB, data []byte, kind Kind, c caps) *Model {
	t.Helper()
	m, err := parse(context.Background(), bytes.NewReader(data), int64(len(data)), limits.Budget{}, kind, c)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return m
}

// view is the golden rendering of a model: its exported fields, gaps and metadata strings.
type view struct {
	*Model
	Gaps        []string
	MetaStrings []meta.String
	Keras       []string
}

func render(m *Model) view {
	return view{Model: m, Gaps: m.Gaps(), MetaStrings: m.MetaStrings(), Keras: m.KerasMetadata()}
}
