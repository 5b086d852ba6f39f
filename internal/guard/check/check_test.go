package check

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// needle flags segments containing "attack"; it keeps these tests about ordering and parsing.
type needle struct{}

func (needle) Name() string                   { return "injection" }
func (needle) Directions() scanners.Direction { return scanners.Both }
func (needle) Scan(_ context.Context, r *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	for i, s := range r.Segments {
		if j := strings.Index(s.Text, "attack"); j >= 0 {
			out = append(out, scanners.Finding{Rule: "injection", Kind: s.Role, Score: 1, Segment: i, Start: j, End: j + 6})
		}
	}
	return out, nil
}

func newEngine(t testing.TB) *engine.Engine {
	e, err := engine.New([]scanners.Scanner{needle{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRunKeepsOrderAcrossBatches(t *testing.T) {
	var in strings.Builder
	const n = 3*batchSize + 7
	for i := range n {
		if i%3 == 0 {
			fmt.Fprintf(&in, "{\"text\": \"line %d attack\", \"id\": %d}\n", i, i)
		} else {
			fmt.Fprintf(&in, "{\"text\": \"line %d fine\"}\n", i)
		}
	}
	var out strings.Builder
	st, err := Run(context.Background(), newEngine(t), strings.NewReader(in.String()), &out, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if st.Lines != n || st.Flagged != (n+2)/3 {
		t.Fatalf("stats %+v", st)
	}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	i := 0
	for sc.Scan() {
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		if l.Flagged != (i%3 == 0) {
			t.Fatalf("line %d out of order: %s", i, sc.Text())
		}
		i++
	}
	if i != n {
		t.Fatalf("%d output lines, want %d", i, n)
	}
}

func TestRunLineShapes(t *testing.T) {
	in := strings.Join([]string{
		`{"messages": [{"role": "system", "content": "be nice"}, {"role": "user", "content": [{"type": "text", "text": "an attack"}]}]}`,
		`{"messages": [{"role": "tool", "content": "attack in a tool result"}]}`,
		`not json`,
		`{"other": 1}`,
		``,
		`{"text": "` + strings.Repeat("x", 200) + `"}`,
		`{"text": "plain"}`,
	}, "\n")
	var out strings.Builder
	st, err := Run(context.Background(), newEngine(t), strings.NewReader(in), &out, Options{MaxLineBytes: 150})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		`{"flagged":true,"action":"block","findings":[{"rule":"injection","kind":"user","score":1,"segment":1,"start":3,"end":9,"action":"block"}]}`,
		`{"flagged":true,"action":"block","findings":[{"rule":"injection","kind":"tool","score":1,"segment":0,"start":0,"end":6,"action":"block"}]}`,
		`{"flagged":false,"action":"error","findings":[],"error":"line 3: invalid JSON: invalid character 'o' in literal null (expecting 'u')"}`,
		`{"flagged":false,"action":"error","findings":[],"error":"line 4: want \"text\" or \"messages\""}`,
		`{"flagged":false,"action":"error","findings":[],"error":"line 6: longer than 150 bytes"}`,
		`{"flagged":false,"action":"allow","findings":[]}`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	if st.Invalid != 3 || st.Flagged != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}`))
	f.Add([]byte(`{"text": "x", "system": "y"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := parseRequest(data, scanners.Input)
		if err == nil && req == nil {
			t.Fatal("nil request without error")
		}
	})
}
