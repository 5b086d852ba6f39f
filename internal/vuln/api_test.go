package vuln

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeOSV is a test double for the external OSV API (https://api.osv.dev), serving the fixture
// advisories over net/http/httptest. Its querybatch returns every advisory naming the queried
// package, whatever the version (the client's local matching decides), pageSize IDs per page.
type fakeOSV struct {
	byName   map[string][]string // "eco\x00normalised name" → IDs
	docs     map[string][]byte   // ID → advisory JSON
	pageSize int
	fail     bool
	batches  atomic.Int32
	mu       sync.Mutex
	gets     map[string]int
}

func newFakeOSV(t *testing.T, pageSize int) (*fakeOSV, *httptest.Server) {
	t.Helper()
	f := &fakeOSV{byName: map[string][]string{}, docs: map[string][]byte{}, pageSize: pageSize, gets: map[string]int{}}
	err := filepath.WalkDir(fixtureDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var r osvRecord
		if json.Unmarshal(data, &r) != nil {
			return nil
		}
		f.docs[r.ID] = data
		for _, a := range r.Affected {
			k := indexKey(a.Package.Ecosystem, NormalizeName(a.Package.Ecosystem, a.Package.Name))
			f.byName[k] = append(f.byName[k], r.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/querybatch", f.querybatch)
	mux.HandleFunc("GET /v1/vulns/{id}", f.vuln)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeOSV) querybatch(w http.ResponseWriter, r *http.Request) {
	f.batches.Add(1)
	if f.fail {
		http.Error(w, "backend unavailable", http.StatusInternalServerError)
		return
	}
	var req struct{ Queries []batchQuery }
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Queries) > batchSize {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	type vuln struct {
		ID       string `json:"id"`
		Modified string `json:"modified"`
	}
	type result struct {
		Vulns         []vuln `json:"vulns,omitempty"`
		NextPageToken string `json:"next_page_token,omitempty"`
	}
	resp := struct {
		Results []result `json:"results"`
	}{Results: make([]result, len(req.Queries))}
	for i, q := range req.Queries {
		all := f.byName[indexKey(q.Package.Ecosystem, NormalizeName(q.Package.Ecosystem, q.Package.Name))]
		start := 0
		fmt.Sscanf(q.PageToken, "page-%d", &start)
		end := min(start+f.pageSize, len(all))
		for _, id := range all[start:end] {
			resp.Results[i].Vulns = append(resp.Results[i].Vulns, vuln{ID: id, Modified: "2025-01-01T00:00:00Z"})
		}
		if end < len(all) {
			resp.Results[i].NextPageToken = fmt.Sprintf("page-%d", end)
		}
	}
	json.NewEncoder(w).Encode(resp)
}

func (f *fakeOSV) vuln(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f.mu.Lock()
	f.gets[id]++
	f.mu.Unlock()
	doc, ok := f.docs[id]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Write(doc)
}

func TestAPIMatchesDB(t *testing.T) {
	want := render(t, fixtureQueries, mustMatch(t, openFixtureDB(t), fixtureQueries))
	f, srv := newFakeOSV(t, 1) // one ID per page: pagination on every multi-advisory package
	m, err := Open(srv.URL+"/v1/", Options{HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, fixtureQueries, mustMatch(t, m, fixtureQueries)); got != want {
		t.Errorf("API results differ from offline results:\n%s", got)
	}
	if f.batches.Load() < 2 {
		t.Errorf("%d querybatch calls, want pagination follow-ups", f.batches.Load())
	}
	for id, n := range f.gets {
		if n != 1 {
			t.Errorf("advisory %s fetched %d times", id, n)
		}
	}
}

func TestAPIChunks(t *testing.T) {
	f, srv := newFakeOSV(t, 100)
	qs := make([]Query, 2500)
	for i := range qs {
		qs[i] = Query{"PyPI", "torch", fmt.Sprintf("2.%d.0", i)}
	}
	m, err := NewAPI(srv.URL, Options{HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	res := mustMatch(t, m, qs)
	if n := f.batches.Load(); n != 3 {
		t.Errorf("%d querybatch calls for 2500 queries, want 3", n)
	}
	if len(res[5]) != 1 || len(res[6]) != 0 || f.gets["GHSA-53q9-r3pm-6pq6"] != 1 {
		t.Errorf("2.5.0 → %v, 2.6.0 → %v, gets %v", ids(res[5]), ids(res[6]), f.gets)
	}
}

func TestAPIServerError(t *testing.T) {
	f, srv := newFakeOSV(t, 10)
	f.fail = true
	m, _ := NewAPI(srv.URL, Options{HTTPClient: srv.Client()})
	_, err := m.Match(context.Background(), []Query{{"PyPI", "torch", "2.0.0"}})
	if err == nil || !strings.Contains(err.Error(), "500") || !strings.Contains(err.Error(), "backend unavailable") {
		t.Fatalf("err = %v, want a clear HTTP 500 error", err)
	}
}

func TestAPIMissingAdvisory(t *testing.T) {
	f, srv := newFakeOSV(t, 10)
	delete(f.docs, "GHSA-53q9-r3pm-6pq6")
	m, _ := NewAPI(srv.URL, Options{HTTPClient: srv.Client()})
	if _, err := m.Match(context.Background(), []Query{{"PyPI", "torch", "2.0.0"}}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("err = %v, want a 404 error", err)
	}
}

func TestAPIOversizedAdvisorySkipped(t *testing.T) {
	_, srv := newFakeOSV(t, 10)
	m, _ := NewAPI(srv.URL, Options{HTTPClient: srv.Client(), MaxAdvisoryBytes: 100})
	res, err := m.Match(context.Background(), []Query{{"PyPI", "torch", "2.0.0"}})
	if err != nil || len(res[0]) != 0 {
		t.Fatalf("res %v err %v: an oversized advisory is skipped, like offline", res, err)
	}
}

func TestAPICancelled(t *testing.T) {
	_, srv := newFakeOSV(t, 10)
	m, _ := NewAPI(srv.URL, Options{HTTPClient: srv.Client()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Match(ctx, []Query{{"PyPI", "torch", "2.0.0"}}); err == nil {
		t.Fatal("cancelled context: no error")
	}
}

func TestAPINoQueries(t *testing.T) {
	f, srv := newFakeOSV(t, 10)
	m, _ := NewAPI(srv.URL, Options{HTTPClient: srv.Client()})
	res := mustMatch(t, m, []Query{{"PyPI", "torch", ""}, {"", "", ""}})
	if f.batches.Load() != 0 || len(res[0])+len(res[1]) != 0 {
		t.Fatalf("unusable queries reached the API (%d calls) or matched", f.batches.Load())
	}
}

func TestNewAPIRejects(t *testing.T) {
	for _, base := range []string{"ftp://api.osv.dev", "https://", "://x", "file:///etc/passwd"} {
		if _, err := NewAPI(base, Options{}); err == nil {
			t.Errorf("NewAPI(%q) accepted", base)
		}
	}
	a, err := NewAPI("https://api.osv.dev/v1/?x=1", Options{})
	if err != nil || a.base != "https://api.osv.dev" {
		t.Fatalf("base %q err %v", a.base, err)
	}
}
