// Package bomtext writes the human summaries of an AI-BOM: an aligned table for terminals and
// GitHub-flavoured Markdown for pull-request comments. Both show the same sections: models,
// datasets, AI libraries and frameworks, services and MCP servers, hosted models referenced,
// vulnerabilities and what could not be analysed. Every string from the scanned files is made
// safe to print (one line, no control characters) and cut to a bounded width.
package bomtext

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/report/text"
)

// maxCell is the widest a cell may be, in runes; longer values are cut with "...".
const maxCell = 64

// tone is the meaning of a cell, which the table writer turns into a colour.
type tone int

const (
	plain tone = iota
	bad        // critical/high severity, low completeness
	warn       // medium severity, middling completeness, incomplete analysis
	info       // low severity
	dim        // unknown values
)

type cell struct {
	text string
	tone tone
}

// section is one titled table of the summary.
type section struct {
	title   string
	headers []string
	rows    [][]cell
	note    string // printed under the table
}

// summary is what both writers render.
type summary struct {
	title    string
	subtitle string
	counts   string
	sections []section
}

func c(s string) cell { return cell{text: text.Truncate(text.OneLine(s), maxCell)} }

// orDash returns a dim "-" for an empty value.
func orDash(s string) cell {
	if s == "" {
		return cell{text: "-", tone: dim}
	}
	return c(s)
}

func build(b *bom.BOM) summary {
	if b == nil {
		b = &bom.BOM{}
	}
	byRef := map[string]*bom.Component{}
	for i := range b.Components {
		byRef[b.Components[i].Ref] = &b.Components[i]
	}
	s := summary{
		title:    "AI-BOM of " + text.OneLine(cmpOr(b.Subject.Name, b.Subject.Ref, "unnamed target")),
		subtitle: subtitle(b),
	}
	models, hosted, datasets, libs, others := split(b.Components)
	s.sections = append(s.sections,
		modelSection(models), datasetSection(datasets), librarySection(libs, others),
		serviceSection(b.Services), hostedSection(hosted), vulnSection(b.Vulnerabilities, byRef),
		incompleteSection(b.Incomplete))
	s.counts = counts(len(models), len(hosted), len(datasets), len(libs), len(b.Services), len(b.Vulnerabilities), len(b.Incomplete))
	return s
}

func subtitle(b *bom.BOM) string {
	parts := []string{strings.TrimSpace(cmpOr(b.Tool.Name, "aisec") + " " + b.Tool.Version)}
	if !b.Timestamp.IsZero() {
		parts = append(parts, b.Timestamp.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	return text.OneLine(strings.Join(parts, ", "))
}

// split sorts components into the summary's groups; dependencies with no AI role are only
// counted.
func split(cs []bom.Component) (models, hosted, datasets, libs []bom.Component, others int) {
	for _, x := range cs {
		switch {
		case x.Kind == bom.KindModel && x.External:
			hosted = append(hosted, x)
		case x.Kind == bom.KindModel:
			models = append(models, x)
		case x.Kind == bom.KindDataset:
			datasets = append(datasets, x)
		case x.Category == bom.CatDependency:
			others++
		case x.Kind == bom.KindLibrary || x.Kind == bom.KindFramework:
			libs = append(libs, x)
		}
	}
	return
}

func counts(models, hosted, datasets, libs, services, vulns, gaps int) string {
	part := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	}
	return strings.Join([]string{
		part(models, "model", "models"), part(hosted, "hosted model", "hosted models"),
		part(datasets, "dataset", "datasets"), part(libs, "AI library", "AI libraries"),
		part(services, "service", "services"), part(vulns, "vulnerability", "vulnerabilities"),
		part(gaps, "incomplete input", "incomplete inputs"),
	}, ", ")
}

func displayName(x *bom.Component) string {
	if x.Group != "" {
		return x.Group + "/" + x.Name
	}
	return cmpOr(x.Name, x.Ref)
}

func modelSection(ms []bom.Component) section {
	s := section{title: "Models", headers: []string{"NAME", "FORMAT", "PARAMS", "DTYPE/QUANT", "LICENSE", "SIGNED", "COMPLETENESS", "PATH"}}
	for i := range ms {
		x := &ms[i]
		m := x.Model
		if m == nil {
			m = &bom.ModelInfo{}
		}
		signed := orDash("")
		if x.Signature != nil {
			signed = c(cmpOr(x.Signature.Method, "yes"))
		}
		s.rows = append(s.rows, []cell{
			c(displayName(x)), orDash(m.Format), orDash(HumanCount(m.Parameters)),
			orDash(strings.Join(nonEmpty(m.DType, m.Quantization), "/")),
			orDash(strings.Join(x.Licenses, ", ")), signed, completeness(x.Completeness), orDash(x.Path),
		})
	}
	return s
}

func completeness(cp *bom.Completeness) cell {
	if cp == nil {
		return orDash("")
	}
	out := cell{text: fmt.Sprintf("%d/100", cp.Score)}
	switch {
	case cp.Score < 50:
		out.tone = bad
	case cp.Score < 80:
		out.tone = warn
	}
	return out
}

func datasetSection(ds []bom.Component) section {
	s := section{title: "Datasets", headers: []string{"NAME", "FORMAT", "TYPES", "RECORDS", "SIZE", "PATH"}}
	for i := range ds {
		x := &ds[i]
		d := x.Dataset
		if d == nil {
			d = &bom.DatasetInfo{}
		}
		records := ""
		if d.Records > 0 {
			records = strconv.FormatInt(d.Records, 10)
		}
		s.rows = append(s.rows, []cell{
			c(displayName(x)), orDash(d.Format), orDash(strings.Join(d.DatasetTypes, ",")),
			orDash(records), orDash(HumanBytes(d.Size)), orDash(cmpOr(x.Path, d.SourceURL)),
		})
	}
	return s
}

func librarySection(ls []bom.Component, others int) section {
	s := section{title: "AI libraries & frameworks", headers: []string{"NAME", "VERSION", "CATEGORY", "WHERE USED"}}
	for i := range ls {
		x := &ls[i]
		category := string(x.Category)
		if declared(x) == "false" {
			category = strings.Join(nonEmpty(category, "undeclared"), ", ")
		}
		s.rows = append(s.rows, []cell{c(displayName(x)), orDash(x.Version), orDash(category), orDash(whereUsed(x))})
	}
	if others > 0 {
		s.note = fmt.Sprintf("%d other declared dependencies with no AI role are in the full BOM.", others)
	}
	return s
}

func declared(x *bom.Component) string {
	for _, p := range x.Properties {
		if p.Name == "declared" {
			return p.Value
		}
	}
	return ""
}

// whereUsed names the first place the component was seen, and how many more there are.
func whereUsed(x *bom.Component) string {
	if len(x.Occurrences) == 0 {
		return x.Path
	}
	o := x.Occurrences[0]
	loc := o.Path
	if o.Line > 0 {
		loc += ":" + strconv.Itoa(o.Line)
	}
	if n := len(x.Occurrences) - 1; n > 0 {
		loc += fmt.Sprintf(" (+%d more)", n)
	}
	return loc
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func nonEmpty(vals ...string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
