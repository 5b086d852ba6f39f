package template

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/xtest"
)

// TestCorpus runs the detector on ModelAudit's labelled Jinja samples: every malicious file
// must raise a high or critical finding, no benign one anything above low.
func TestCorpus(t *testing.T) {
	root := filepath.Join(xtest.SharedDir(t), "corpus", "models")
	rows := manifest(t, filepath.Join(root, "manifest.tsv"), "modelaudit/samples/jinja2/")
	if len(rows) < 40 {
		t.Fatalf("only %d jinja2 rows in the manifest", len(rows))
	}
	for _, r := range rows {
		t.Run(r.path, func(t *testing.T) {
			doc := corpusDoc(t, filepath.Join(root, r.path))
			fs := detectDoc(t, doc)
			sev := maxSeverity(fs)
			switch r.label {
			case "malicious":
				if len(fs) == 0 || sev < finding.High {
					t.Errorf("%s (%s): max severity %s, want high or critical\n%s", r.path, r.technique, sev, dump(fs))
				}
			case "benign":
				if len(fs) > 0 && sev > finding.Low {
					t.Errorf("%s (%s): finding above low on a benign file\n%s", r.path, r.technique, dump(fs))
				}
			default:
				t.Fatalf("unknown label %q", r.label)
			}
		})
	}
}

type row struct{ path, label, technique string }

func manifest(t *testing.T, path, prefix string) []row {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var rows []row
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) >= 3 && strings.HasPrefix(f[0], prefix) {
			rows = append(rows, row{f[0], f[1], f[2]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// corpusDoc turns a sample into the metadata document the scanner would build: every string
// of a JSON or YAML config keyed by its path, or the whole text of a template file.
func corpusDoc(t *testing.T, path string) *meta.Doc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	switch filepath.Ext(path) {
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		err = dec.Decode(&tree)
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &tree)
	default:
		return &meta.Doc{Format: "jinja", Strings: []meta.String{{Value: string(data), Offset: 0}}}
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc := &meta.Doc{Format: filepath.Ext(path)[1:]}
	collect(tree, "", &doc.Strings)
	return doc
}

// collect appends every string in tree with its key path (a.b[2].c), in key order.
func collect(tree any, key string, out *[]meta.String) {
	switch v := tree.(type) {
	case string:
		*out = append(*out, meta.String{Key: key, Value: v, Offset: -1})
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			collect(v[k], strings.TrimPrefix(key+"."+k, "."), out)
		}
	case []any:
		for i, e := range v {
			collect(e, fmt.Sprintf("%s[%d]", key, i), out)
		}
	}
}
