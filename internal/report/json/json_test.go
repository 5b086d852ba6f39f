package json_test

import (
	"bytes"
	encjson "encoding/json"
	"flag"
	"reflect"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	jsonreport "github.com/aisecops/aisec/internal/report/json"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonreport.New().Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		report *finding.Report
	}{
		{"json", reporttest.Sample()},
		{"json-clean", reporttest.Clean()},
		{"json-empty", reporttest.Empty()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reporttest.Golden(t, tc.name, render(t, tc.report), *update)
		})
	}
}

// TestArraysNeverNull checks the contract that consumers can iterate without null checks.
func TestArraysNeverNull(t *testing.T) {
	var doc map[string]any
	if err := encjson.Unmarshal(render(t, reporttest.Empty()), &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"targets", "files", "findings"} {
		if _, ok := doc[key].([]any); !ok {
			t.Errorf("%s = %#v, want an array", key, doc[key])
		}
	}
	if _, ok := doc["suppressed"]; ok {
		t.Errorf("suppressed present in a report without suppressions")
	}
	if _, ok := doc["Rules"]; ok {
		t.Errorf("rules leaked into the JSON contract")
	}
}

// TestRoundTrip checks that the document decodes back into the same report (sorted), so the
// tags are exactly those of finding.Report.
func TestRoundTrip(t *testing.T) {
	in := reporttest.Sample()
	var back finding.Report
	dec := encjson.NewDecoder(bytes.NewReader(render(t, in)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatalf("decode: %v", err)
	}
	want := jsonreport.Normalize(in)
	want.Rules = nil
	if !reflect.DeepEqual(back, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", back, want)
	}
}

// TestDeterministic checks that input order does not change the output and the input is left
// untouched.
func TestDeterministic(t *testing.T) {
	a := reporttest.Sample()
	b := reporttest.Sample()
	for i, j := 0, len(b.Findings)-1; i < j; i, j = i+1, j-1 {
		b.Findings[i], b.Findings[j] = b.Findings[j], b.Findings[i]
	}
	b.Files[0], b.Files[len(b.Files)-1] = b.Files[len(b.Files)-1], b.Files[0]
	first := b.Findings[0]
	if !bytes.Equal(render(t, a), render(t, b)) {
		t.Error("output depends on input order")
	}
	if b.Findings[0] != first {
		t.Error("Write modified the report")
	}
}
