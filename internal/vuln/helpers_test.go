package vuln

import (
	"archive/zip"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtureDir = "testdata/osv"

// fixtureQueries exercise every fixture; the golden file holds their expected results.
var fixtureQueries = []Query{
	{"PyPI", "torch", "2.5.1"},
	{"PyPI", "torch", "2.6.0"},
	{"PyPI", "torch", "2.6.0rc1"},
	{"PyPI", "torch", "2.5.1+cu121"},
	{"PyPI", "torch", "2.6.0+cu124"},
	{"pypi", "Torch", "1.0"},
	{"PyPI", "torch", "latest"},
	{"PyPI", "torch", ""},
	{"PyPI", "transformers", "4.47.1"},
	{"PyPI", "transformers", "4.48.0"},
	{"PyPI", "LangChain", "0.0.235"},
	{"PyPI", "langchain", "0.0.236"},
	{"PyPI", "langchain_experimental", "0.0.13"},
	{"PyPI", "llama_index", "0.10.23"},
	{"PyPI", "llama-index", "0.9.48"},
	{"PyPI", "Llama.Index", "0.10.24"},
	{"PyPI", "vllm", "0.6.4"},
	{"PyPI", "vllm", "0.7.0"},
	{"PyPI", "vllm", "0.8.4"},
	{"PyPI", "vllm", "0.8.4.post1"},
	{"PyPI", "vllm", "0.8.5"},
	{"PyPI", "mlflow", "2.9.1"},
	{"PyPI", "mlflow", "2.9.2"},
	{"PyPI", "mlflow", "2.9.3"},
	{"PyPI", "mlflow", "not a version"},
	{"npm", "langchain", "0.0.9"},
	{"npm", "langchain", "0.1.5"},
	{"npm", "LangChain", "0.2.0-rc.1"},
	{"npm", "langchain", "0.2.0-rc.2"},
	{"npm", "langchain", "0.2.0"},
	{"npm", "langchain", "v0.2.7"},
	{"npm", "langchain", "0.2.10"},
	{"npm", "@langchain/community", "0.2.18"},
	{"Go", "github.com/ollama/ollama", "v0.1.33"},
	{"Go", "github.com/ollama/ollama", "v0.0.0-20240101000000-abcdefabcdef"},
	{"Go", "github.com/ollama/ollama", "v0.1.34"},
	{"Go", "github.com/Ollama/ollama", "v0.1.33"},
	{"Maven", "dev.langchain4j:langchain4j", "0.34.0"},
	{"Maven", "dev.langchain4j:langchain4j", "0.35.0-SNAPSHOT"},
	{"Maven", "dev.langchain4j:langchain4j", "0.35.0"},
	{"Maven", "dev.langchain4j:langchain4j", "0.22.0"},
	{"Debian", "python-torch", "2.1.2+dfsg-1"},
	{"Debian:12", "python-torch", "2.1.2+dfsg-1"},
	{"Debian:12", "python-torch", "2.5.0-1"},
	{"PyPI", "numpy", "1.26.4"},
}

// writeZip packs the files of dir (paths relative to dir, "/"-separated) plus extra members
// into a new zip at path.
func writeZip(t testing.TB, path, dir string, extra map[string][]byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	add := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if dir != "" {
		err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			add(filepath.ToSlash(rel), data)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range extra {
		add(name, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func openFixtureDB(t testing.TB) *DB {
	t.Helper()
	db, err := OpenDB(fixtureDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func mustMatch(t testing.TB, m Matcher, qs []Query) [][]Advisory {
	t.Helper()
	res, err := m.Match(context.Background(), qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(qs) {
		t.Fatalf("got %d results for %d queries", len(res), len(qs))
	}
	return res
}

// render gives a stable, readable form of results for comparisons and the golden file.
func render(t testing.TB, qs []Query, res [][]Advisory) string {
	t.Helper()
	type row struct {
		Query      string     `json:"query"`
		Advisories []Advisory `json:"advisories"`
	}
	rows := make([]row, len(qs))
	for i, q := range qs {
		rows[i] = row{Query: strings.Join([]string{q.Ecosystem, q.Name, q.Version}, " "), Advisories: res[i]}
	}
	data, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data) + "\n"
}

func ids(as []Advisory) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}
