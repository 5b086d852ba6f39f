package vuln

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestOpenDBCounts(t *testing.T) {
	db := openFixtureDB(t)
	if db.Loaded() != 10 || db.Skipped() != 1 || db.Withdrawn() != 1 {
		t.Fatalf("loaded %d skipped %d withdrawn %d, want 10 1 1", db.Loaded(), db.Skipped(), db.Withdrawn())
	}
}

func TestGolden(t *testing.T) {
	got := render(t, fixtureQueries, mustMatch(t, openFixtureDB(t), fixtureQueries))
	golden := filepath.Join("testdata", "match.golden.json")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("results differ from %s (run with -update and review):\n%s", golden, got)
	}
}

func TestMatch(t *testing.T) {
	db := openFixtureDB(t)
	cases := []struct {
		q        Query
		ids      []string
		severity string
		fixed    []string
		url      string
	}{
		{Query{"PyPI", "torch", "2.5.1"}, []string{"GHSA-53q9-r3pm-6pq6"}, "critical", []string{"2.6.0"}, "https://nvd.nist.gov/vuln/detail/CVE-2025-32434"},
		{Query{"PyPI", "torch", "2.6.0"}, nil, "", nil, ""},
		{Query{"PyPI", "torch", "2.6.0rc1"}, []string{"GHSA-53q9-r3pm-6pq6"}, "critical", []string{"2.6.0"}, ""},
		{Query{"PyPI", "torch", "2.5.1+cu121"}, []string{"GHSA-53q9-r3pm-6pq6"}, "critical", nil, ""},
		{Query{"PyPI", "torch", "2.6.0+cu124"}, nil, "", nil, ""},
		{Query{" pypi ", "Torch", "1.0"}, []string{"GHSA-53q9-r3pm-6pq6"}, "", nil, ""},
		{Query{"PyPI", "torch", "latest"}, nil, "", nil, ""},
		{Query{"PyPI", "torch", ""}, nil, "", nil, ""},
		{Query{"PyPI", "transformers", "4.47.1"}, []string{"GHSA-qxrp-vhvm-j765"}, "high", []string{"4.48.0"}, ""},
		{Query{"PyPI", "LangChain", "0.0.235"}, []string{"GHSA-2qmj-7962-8h4q"}, "high", []string{"0.0.236"}, "https://github.com/langchain-ai/langchain/issues/5872"},
		{Query{"PyPI", "langchain_experimental", "0.0.13"}, []string{"GHSA-2qmj-7962-8h4q"}, "", []string{"0.0.14"}, ""},
		{Query{"PyPI", "llama_index", "0.10.23"}, []string{"GHSA-x48g-hm9c-ww42"}, "medium", nil, "https://github.com/advisories/GHSA-x48g-hm9c-ww42"},
		{Query{"PyPI", "llama-index", "0.9.48"}, nil, "", nil, ""},
		{Query{"PyPI", "vllm", "0.8.4"}, []string{"GHSA-hj4w-hm2g-p6w5"}, "critical", nil, ""},
		{Query{"PyPI", "vllm", "0.8.4.post1"}, nil, "", nil, ""},
		{Query{"PyPI", "vllm", "0.6.4"}, nil, "", nil, ""},
		{Query{"PyPI", "mlflow", "2.9.2"}, []string{"PYSEC-2023-9001"}, "", nil, "https://osv.dev/vulnerability/PYSEC-2023-9001"},
		{Query{"PyPI", "mlflow", "2.9.3"}, nil, "", nil, ""},
		{Query{"PyPI", "mlflow", "not a version"}, []string{"PYSEC-2023-9001"}, "", nil, ""},
		{Query{"npm", "LangChain", "0.2.0-rc.1"}, []string{"GHSA-9fvj-5mhx-xq7q"}, "medium", []string{"0.2.0-rc.2", "0.2.10"}, ""},
		{Query{"npm", "langchain", "0.2.0-rc.2"}, nil, "", nil, ""},
		{Query{"npm", "langchain", "v0.2.7"}, []string{"GHSA-9fvj-5mhx-xq7q"}, "", nil, ""},
		{Query{"npm", "langchain", "0.0.9"}, nil, "", nil, ""},
		{Query{"Go", "github.com/ollama/ollama", "v0.0.0-20240101000000-abcdefabcdef"}, []string{"GHSA-8hqg-whrw-pv92"}, "critical", []string{"0.1.34"}, ""},
		{Query{"golang", "github.com/ollama/ollama", "0.1.33"}, []string{"GHSA-8hqg-whrw-pv92"}, "", nil, ""},
		{Query{"Go", "github.com/ollama/ollama", "v0.1.34"}, nil, "", nil, ""},
		{Query{"Go", "github.com/Ollama/ollama", "v0.1.33"}, nil, "", nil, ""},
		{Query{"Maven", "dev.langchain4j:langchain4j", "0.35.0-SNAPSHOT"}, []string{"GHSA-c6xv-2g3h-5q4c"}, "low", []string{"0.35.0"}, ""},
		{Query{"maven", "dev.langchain4j:langchain4j", "0.35.0.Final"}, nil, "", nil, ""},
		{Query{"Debian", "python-torch", "2.1.2+dfsg-1"}, nil, "", nil, ""},
		{Query{"Debian:12", "python-torch", "2.1.2+dfsg-1"}, []string{"CVE-2024-99999"}, "", nil, ""},
		{Query{"Debian:12", "python-torch", "2.5.0-1"}, nil, "", nil, ""},
	}
	qs := make([]Query, len(cases))
	for i, c := range cases {
		qs[i] = c.q
	}
	res := mustMatch(t, db, qs)
	for i, c := range cases {
		got := res[i]
		if !slices.Equal(ids(got), append([]string{}, c.ids...)) {
			t.Errorf("%v: ids %v, want %v", c.q, ids(got), c.ids)
			continue
		}
		if len(got) == 0 {
			continue
		}
		if c.severity != "" && got[0].Severity != c.severity {
			t.Errorf("%v: severity %q, want %q", c.q, got[0].Severity, c.severity)
		}
		if c.fixed != nil && !slices.Equal(got[0].Fixed, c.fixed) {
			t.Errorf("%v: fixed %v, want %v", c.q, got[0].Fixed, c.fixed)
		}
		if c.url != "" && got[0].URL != c.url {
			t.Errorf("%v: url %q, want %q", c.q, got[0].URL, c.url)
		}
	}
}

func TestMatchAdvisoryFields(t *testing.T) {
	res := mustMatch(t, openFixtureDB(t), []Query{{"PyPI", "transformers", "4.0.0"}, {"PyPI", "mlflow", "2.9.0"}})
	tr := res[0][0]
	if tr.Summary != "Hugging Face Transformers MobileViTV2 Deserialization of Untrusted Data Remote Code Execution Vulnerability." {
		t.Errorf("summary from details: %q", tr.Summary)
	}
	if !slices.Equal(tr.Aliases, []string{"BIT-transformers-2024-11392", "CVE-2024-11392"}) {
		t.Errorf("aliases %v", tr.Aliases)
	}
	if ml := res[1][0]; ml.Summary != "Path traversal in mlflow artifact handling." || ml.Severity != "" {
		t.Errorf("mlflow summary %q severity %q", ml.Summary, ml.Severity)
	}
	tr.Aliases[0] = "mutated" // results are copies: mutating one must not change the DB
	again := mustMatch(t, openFixtureDB(t), []Query{{"PyPI", "transformers", "4.0.0"}})
	if again[0][0].Aliases[0] == "mutated" {
		t.Error("Match returned shared slices")
	}
}

func TestMatchCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := openFixtureDB(t).Match(ctx, fixtureQueries)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestBenignQueries: packages and versions no advisory covers must give nothing.
func TestBenignQueries(t *testing.T) {
	qs := []Query{
		{"PyPI", "torch", "2.7.1"}, {"PyPI", "transformers", "4.50.0"}, {"PyPI", "langchain", "0.3.0"},
		{"PyPI", "llama-index", "0.12.0"}, {"PyPI", "vllm", "0.9.0"}, {"npm", "langchain", "0.3.5"},
		{"Go", "github.com/ollama/ollama", "v0.5.0"}, {"PyPI", "requests", "2.32.3"}, {"", "torch", "2.0.0"},
		{"PyPI", "", "1.0"}, {"crates.io", "serde", "1.0.0"},
	}
	for i, r := range mustMatch(t, openFixtureDB(t), qs) {
		if len(r) != 0 {
			t.Errorf("%v matched %v", qs[i], ids(r))
		}
	}
}

func TestOpenSymlinkedRoot(t *testing.T) {
	abs, _ := filepath.Abs(fixtureDir)
	link := filepath.Join(t.TempDir(), "db")
	if err := os.Symlink(abs, link); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	db, err := OpenDB(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if db.Loaded() != 10 {
		t.Fatalf("symlinked root: loaded %d, want 10", db.Loaded())
	}
}

func TestDuplicateIDKeepsNewest(t *testing.T) {
	dir := t.TempDir()
	older := `{"id":"GHSA-aaaa-bbbb-cccc","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"torch"},"versions":["1.0"]}]}`
	newer := `{"id":"GHSA-aaaa-bbbb-cccc","modified":"2024-02-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"torch"},"versions":["1.0"]}]}`
	for name, data := range map[string]string{"a/x.json": newer, "b/x.json": older} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := OpenDB(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := mustMatch(t, db, []Query{{"PyPI", "torch", "1.0"}}); len(r[0]) != 0 || db.Withdrawn() != 1 {
		t.Fatalf("the newer, withdrawn copy must win: %v withdrawn=%d", r, db.Withdrawn())
	}
}
