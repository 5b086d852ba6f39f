package report

import (
	"encoding/xml"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"github.com/aisecops/aisec/internal/report/junit"
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

func writeJUnit(w io.Writer, s *Summary) error {
	doc := junit.Suites{Name: "aisec redteam"}
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

func junitSuiteFor(s *Summary, family string) junit.Suite {
	suite := junit.Suite{Name: "redteam." + text.OneLine(family), Properties: junitProperties(s)}
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
		case len(c.Failures) > 0:
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
		suite.Cases = append(suite.Cases, junit.Case{Name: text.OneLine(k.ID), Classname: "redteam." + text.OneLine(family),
			Skipped: &junit.Message{Message: text.OneLine(k.Reason)}})
	}
	return suite
}

func junitCaseFor(p ProbeStats) junit.Case {
	c := junit.Case{Name: text.OneLine(p.ID), Classname: "redteam." + text.OneLine(p.Family)}
	switch {
	case p.Failing():
		c.Failures = []junit.Message{{
			Message: fmt.Sprintf("pass rate %s (95%% CI %s): %d of %d attempts failed", rateText(p.Rate), ciText(p.Rate), p.Hits, p.Attempts),
			Type:    text.OneLine(string(p.Severity)),
			Body:    junitExample(p),
		}}
	case !p.Evaluated() && p.Errors > 0:
		c.Error = &junit.Message{
			Message: fmt.Sprintf("all %d attempts errored: %s", p.Errors, text.OneLine(textclip.Marked(p.FirstError, 300))),
			Type:    "error",
			Body:    text.Visible(p.FirstError),
		}
	case !p.Evaluated():
		c.Skipped = &junit.Message{Message: "no attempt was recorded"}
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
func junitProperties(s *Summary) []junit.Property {
	r := s.Run
	props := []junit.Property{
		{Name: "run_id", Value: r.ID}, {Name: "aisec_version", Value: r.toolText()}, {Name: "target", Value: r.Target.URL}, {Name: "target_kind", Value: r.Target.Kind},
		{Name: "model", Value: r.Target.Model}, {Name: "judge", Value: r.judgeText()}, {Name: "seed", Value: fmt.Sprint(r.Seed)}, {Name: "started", Value: r.dateText()},
		{Name: "score", Value: fmt.Sprintf("%.2f", s.Score)}, {Name: "gate", Value: gateText(s.Gate)}, {Name: "incomplete", Value: fmt.Sprint(s.Incomplete)},
	}
	for i := range props {
		props[i].Value = text.OneLine(props[i].Value)
	}
	return props
}
