package junit_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/junit"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := junit.New().Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	reporttest.Golden(t, "junit", render(t, reporttest.Sample()), *update)
	reporttest.Golden(t, "junit-clean", render(t, reporttest.Clean()), *update)
}

// wellFormed reads every token, which fails on any XML syntax error.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, doc)
		}
	}
}

type parsed struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Cases []struct {
			Name     string `xml:"name,attr"`
			Failures []struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
			} `xml:"failure"`
			Error *struct {
				Type string `xml:"type,attr"`
			} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestStructure(t *testing.T) {
	for _, tc := range []struct {
		name                                     string
		report                                   *finding.Report
		tests, failures, errors, skipped, faults int
	}{
		{"sample", reporttest.Sample(), 7, 3, 2, 1, 6},
		{"clean", reporttest.Clean(), 1, 0, 0, 0, 0},
		{"empty", reporttest.Empty(), 0, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := render(t, tc.report)
			wellFormed(t, doc)
			var p parsed
			if err := xml.Unmarshal(doc, &p); err != nil {
				t.Fatal(err)
			}
			if p.Tests != tc.tests || p.Failures != tc.failures || p.Errors != tc.errors || p.Skipped != tc.skipped {
				t.Errorf("counts = %d/%d/%d/%d, want %d/%d/%d/%d", p.Tests, p.Failures, p.Errors, p.Skipped,
					tc.tests, tc.failures, tc.errors, tc.skipped)
			}
			faults := 0
			for _, s := range p.Suites {
				for _, c := range s.Cases {
					for _, f := range c.Failures {
						faults++
						if !strings.HasPrefix(f.Type, "AISEC-") || f.Message == "" {
							t.Errorf("failure in %s: type %q message %q", c.Name, f.Type, f.Message)
						}
					}
				}
			}
			if faults != tc.faults {
				t.Errorf("got %d <failure> elements, want one per finding (%d)", faults, tc.faults)
			}
		})
	}
}

// TestHostileText checks that control characters and markup in evidence cannot break the XML.
func TestHostileText(t *testing.T) {
	r := reporttest.Clean()
	r.Findings = []finding.Finding{{Rule: "AISEC-X", Severity: finding.High, Title: "t", Path: "safe.pkl", Offset: -1,
		Evidence: "]]></failure><x a=\"\x00\x1b\xff\">&amp;\n"}}
	r.Files = append(r.Files, finding.FileResult{Path: "b\x01<.zip", Format: "zip", Status: finding.StatusError, Error: "\x00"})
	r.Summarize()
	doc := render(t, r)
	wellFormed(t, doc)
	allowed := map[string]bool{"testsuites": true, "testsuite": true, "properties": true, "property": true,
		"testcase": true, "failure": true, "error": true, "skipped": true}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if el, ok := tok.(xml.StartElement); ok && !allowed[el.Name.Local] {
			t.Errorf("markup injected: <%s>", el.Name.Local)
		}
		if cd, ok := tok.(xml.CharData); ok && bytes.ContainsAny(cd, "\x00\x1b") {
			t.Errorf("control character in text: %q", cd)
		}
	}
}

func TestFindingWithoutFileResultIsKept(t *testing.T) {
	r := reporttest.Clean()
	r.Findings = []finding.Finding{{Rule: "AISEC-X", Severity: finding.Low, Title: "t", Path: "other.pkl", Offset: -1}}
	var p parsed
	if err := xml.Unmarshal(render(t, r), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Suites[0].Cases) != 2 || p.Suites[0].Cases[1].Name != "other.pkl" {
		t.Errorf("cases = %+v", p.Suites[0].Cases)
	}
}
