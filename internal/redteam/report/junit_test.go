package report

import (
	"encoding/xml"
	"github.com/aisecops/aisec/internal/report/junit"
	"strings"
	"testing"
)

func TestJUnitParses(t *testing.T) {
	for name, s := range map[string]*Summary{"fixture": fixtureSummary(), "hostile": hostileSummary(hostileReply)} {
		t.Run(name, func(t *testing.T) {
			var doc junit.Suites
			out := render(t, s, FormatJUnit, WriteOptions{})
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatalf("JUnit output is not XML: %v\n%s", err, out)
			}
			dec := xml.NewDecoder(strings.NewReader(string(out)))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("strict XML decoding failed: %v", err)
					}
					break
				}
			}
		})
	}
}

func TestJUnitCounts(t *testing.T) {
	var doc junit.Suites
	if err := xml.Unmarshal(render(t, fixtureSummary(), FormatJUnit, WriteOptions{}), &doc); err != nil {
		t.Fatal(err)
	}
	// Seven probes plus two that did not run: one joins the jailbreak suite, the other opens
	// a packages suite of its own.
	if doc.Tests != 9 || doc.Failures != 4 || doc.Errors != 1 || doc.Skipped != 3 {
		t.Errorf("totals tests %d failures %d errors %d skipped %d, want 9 4 1 3", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	want := map[string][4]int{ // tests, failures, errors, skipped
		"redteam.agency": {1, 1, 0, 0}, "redteam.harmful": {1, 0, 1, 0}, "redteam.injection": {1, 1, 0, 0},
		"redteam.jailbreak": {2, 0, 0, 2}, "redteam.output": {2, 2, 0, 0}, "redteam.packages": {1, 0, 0, 1},
		"redteam.sysprompt": {1, 0, 0, 0},
	}
	if len(doc.Suites) != len(want) {
		t.Fatalf("got %d suites, want %d", len(doc.Suites), len(want))
	}
	for _, s := range doc.Suites {
		got := [4]int{s.Tests, s.Failures, s.Errors, s.Skipped}
		if got != want[s.Name] || len(s.Cases) != s.Tests {
			t.Errorf("suite %s counts %v (%d cases), want %v", s.Name, got, len(s.Cases), want[s.Name])
		}
		if len(s.Properties) == 0 || s.Properties[0].Name != "run_id" {
			t.Errorf("suite %s lacks run metadata", s.Name)
		}
		if s.Name != "redteam.packages" {
			continue
		}
		c := s.Cases[0]
		if c.Name != "packages/hallucinated-npm" || c.Classname != "redteam.packages" || c.Skipped == nil ||
			c.Skipped.Message != "the packages detector needs a package list (detectors.packages)" {
			t.Errorf("skipped probe case = %+v", c)
		}
	}
}
