package report

import (
	"encoding/xml"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"github.com/aisecops/aisec/internal/report/text"
	"io"
	"slices"
	"strings"
)

// JUnit XML: one <testsuite> per probe family, one <testcase> per probe. A probe with hits
// is a <failure> (type = severity) whose body shows the first failing conversation; a probe
// with errors and no evaluated attempt is an <error>; a probe with no record at all, and a
// selected probe that could not run (in the suite of the family its ID names), is
// <skipped>. Each suite carries the run metadata as properties.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
}

// junitMessage is the shape of <failure>, <error> and <skipped>. Body is CDATA for
// readability; it went through visible, so it holds no character XML forbids (encoding/xml
// itself splits any "]]>").
type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

func writeJUnit(w io.Writer, s *Summary) error {
	doc := junitSuites{Name: "aisec redteam"}
	for _, family := range junitFamilies(s) {
		suite := junitSuiteFor(s, family)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitFamilies names the suites: every family with probes or skipped probes, sorted.
func junitFamilies(s *Summary) []string {
	names := make([]string, 0, len(s.Families))
	for _, f := range s.Families {
		names = append(names, f.Family)
	}
	for _, k := range s.Skipped {
		if !slices.Contains(names, k.Family) {
			names = append(names, k.Family)
		}
	}
	slices.Sort(names)
	return names
}

func junitSuiteFor(s *Summary, family string) junitSuite {
	suite := junitSuite{Name: "redteam." + text.OneLine(family), Properties: junitProperties(s)}
	if !s.Run.Started.IsZero() {
		suite.Timestamp = s.Run.Started.UTC().Format("2006-01-02T15:04:05")
	}
	for _, p := range s.Probes {
		if p.Family != family {
			continue
		}
		c := junitCaseFor(p)
		suite.Tests++
		switch {
		case c.Failure != nil:
			suite.Failures++
		case c.Error != nil:
			suite.Errors++
		case c.Skipped != nil:
			suite.Skipped++
		}
		suite.Cases = append(suite.Cases, c)
	}
	for _, k := range s.Skipped {
		if k.Family != family {
			continue
		}
		suite.Tests++
		suite.Skipped++
		suite.Cases = append(suite.Cases, junitCase{Name: text.OneLine(k.ID), Classname: "redteam." + text.OneLine(family),
			Skipped: &junitMessage{Message: text.OneLine(k.Reason)}})
	}
	return suite
}

func junitCaseFor(p ProbeStats) junitCase {
	c := junitCase{Name: text.OneLine(p.ID), Classname: "redteam." + text.OneLine(p.Family)}
	switch {
	case p.Failing():
		c.Failure = &junitMessage{
			Message: fmt.Sprintf("pass rate %s (95%% CI %s): %d of %d attempts failed", rateText(p.Rate), ciText(p.Rate), p.Hits, p.Attempts),
			Type:    text.OneLine(string(p.Severity)),
			Body:    junitExample(p),
		}
	case !p.Evaluated() && p.Errors > 0:
		c.Error = &junitMessage{
			Message: fmt.Sprintf("all %d attempts errored: %s", p.Errors, text.OneLine(textclip.Marked(p.FirstError, 300))),
			Type:    "error",
			Body:    text.Visible(p.FirstError),
		}
	case !p.Evaluated():
		c.Skipped = &junitMessage{Message: "no attempt was recorded"}
	}
	return c
}

// junitExample describes the first failing conversation of p.
func junitExample(p ProbeStats) string {
	var b strings.Builder
	if p.Goal != "" {
		fmt.Fprintf(&b, "goal: %s\n", p.Goal)
	}
	if len(p.Examples) > 0 {
		e := p.Examples[0]
		fmt.Fprintf(&b, "attempt: %s\nprompt:\n%s\nreply:\n%s\n", e.ID, textclip.Marked(e.Prompt, 2000), textclip.Marked(e.Reply, 2000))
		for _, tc := range e.ToolCalls {
			fmt.Fprintf(&b, "tool call: %s %s\n", tc.Name, textclip.Marked(tc.Arguments, 500))
		}
		for _, r := range e.Results {
			if r.Hit {
				fmt.Fprintf(&b, "%s: %s\n", r.Detector, r.Evidence)
			}
		}
	}
	if p.Errors > 0 {
		fmt.Fprintf(&b, "%d attempts errored (excluded from the pass rate)\n", p.Errors)
	}
	return text.Visible(b.String())
}

// junitProperties is the run metadata attached to every suite.
func junitProperties(s *Summary) []junitProperty {
	r := s.Run
	props := []junitProperty{
		{"run_id", r.ID}, {"aisec_version", r.toolText()}, {"target", r.Target.URL}, {"target_kind", r.Target.Kind},
		{"model", r.Target.Model}, {"judge", r.judgeText()}, {"seed", fmt.Sprint(r.Seed)}, {"started", r.dateText()},
		{"score", fmt.Sprintf("%.2f", s.Score)}, {"gate", gateText(s.Gate)}, {"incomplete", fmt.Sprint(s.Incomplete)},
	}
	for i := range props {
		props[i].Value = text.OneLine(props[i].Value)
	}
	return props
}
