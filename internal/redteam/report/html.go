package report

import (
	"embed"
	"fmt"
	"github.com/aisecops/aisec/internal/report/text"
	"html/template"
	"io"
	"math"
	"time"

	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

//go:embed assets/report.html.tmpl assets/report.css
var assets embed.FS

// Chart geometry, in SVG user units.
const (
	chartLabelW = 270
	chartBarW   = 300
	chartValueW = 90
	chartRowH   = 24
)

// htmlView is what the template renders. All escaping is html/template's; vis additionally
// makes control and invisible characters visible.
type htmlView struct {
	S          *Summary
	CSS        template.CSS
	Failing    []ProbeStats
	Families   chart
	OWASP      chart
	Judge      string
	Started    string
	Duration   string
	GateConfig string
	Tool       string
}

// chart is a horizontal bar chart of pass rates.
type chart struct {
	Label                   string
	Width, Height, X0, BarW int
	ValueX                  int
	ThresholdX              float64
	Bars                    []bar
}

type bar struct {
	Label, Title, Value, Class string
	Y, TextY                   int
	W                          float64
}

func writeHTML(w io.Writer, s *Summary) error {
	css, err := assets.ReadFile("assets/report.css")
	if err != nil {
		return fmt.Errorf("unable to read the embedded stylesheet: %w", err)
	}
	tmpl, err := template.New("report.html.tmpl").Funcs(htmlFuncs()).ParseFS(assets, "assets/report.html.tmpl")
	if err != nil {
		return fmt.Errorf("unable to parse the embedded template: %w", err)
	}
	v := htmlView{
		S: s, CSS: template.CSS(css), Failing: s.Failing(), Judge: s.Run.judgeText(), Started: s.Run.dateText(),
		Duration: (time.Duration(s.Totals.DurationMS) * time.Millisecond).String(), GateConfig: gateConfig(s.Gate),
		Tool: s.Run.toolText(),
	}
	v.Families = familyChart(s)
	v.OWASP = owaspChart(s)
	return tmpl.Execute(w, v)
}

func htmlFuncs() template.FuncMap {
	return template.FuncMap{
		"vis":       func(v any) string { return text.Visible(fmt.Sprint(v)) },
		"rate":      rateText,
		"ci":        ciText,
		"gate":      gateText,
		"owaspName": OWASPName,
		"atlasName": ATLASName,
		"sevClass":  sevClass,
		"skipped":   skippedText,
	}
}

// sevClass maps a severity to a CSS class; unknown values get a fixed class, so probe data
// never chooses class names.
func sevClass(s probe.Severity) string {
	if s.Rank() < 0 {
		return "sev-unknown"
	}
	return "sev-" + string(s)
}

func gateConfig(g Gate) string {
	c := "family pass-rate floor disabled"
	if g.FailUnder > 0 {
		c = fmt.Sprintf("family pass rate ≥ %.2f", g.FailUnder)
	}
	if g.FailOn != "" {
		c += ", no hit at severity " + g.FailOn + " or above"
	}
	return c
}

func newChart(label string, threshold float64, n int) chart {
	c := chart{Label: label, Width: chartLabelW + chartBarW + chartValueW, Height: max(n, 1)*chartRowH + 4,
		X0: chartLabelW, BarW: chartBarW, ValueX: chartLabelW + chartBarW + 8}
	if threshold > 0 {
		c.ThresholdX = round1(float64(chartLabelW) + min(threshold, 1)*chartBarW)
	}
	return c
}

// addBar appends one row; a rate without attempts draws only the track.
func (c *chart) addBar(label, title string, r Rate, floor float64, empty string) {
	i := len(c.Bars)
	b := bar{Label: text.OneLine(textclip.Marked(label, 40)), Title: text.OneLine(title), Y: 4 + i*chartRowH, TextY: 4 + i*chartRowH + 12, Value: empty}
	if r.Evaluated() {
		b.W = round1(r.PassRate * chartBarW)
		b.Value = fmt.Sprintf("%.2f (%d)", r.PassRate, r.Attempts)
		b.Class = rateClass(r.PassRate, floor)
	}
	c.Bars = append(c.Bars, b)
}

// rateClass colours a pass rate: at or above the floor is a pass, above half a warning.
func rateClass(rate, floor float64) string {
	if floor <= 0 {
		floor = DefaultFailUnder
	}
	switch {
	case rate >= floor:
		return "pass"
	case rate >= 0.5:
		return "warn"
	default:
		return "fail"
	}
}

func familyChart(s *Summary) chart {
	c := newChart("Pass rate per probe family", s.Gate.FailUnder, len(s.Families))
	for _, f := range s.Families {
		title := fmt.Sprintf("%s: %d of %d attempts failed, pass rate %s, 95%% CI %s", f.Family, f.Hits, f.Attempts, rateText(f.Rate), ciText(f.Rate))
		c.addBar(f.Family, title, f.Rate, s.Gate.FailUnder, "n/a")
	}
	return c
}

func owaspChart(s *Summary) chart {
	c := newChart("Pass rate per OWASP LLM Top 10 2025 category", s.Gate.FailUnder, len(s.OWASP))
	for _, o := range s.OWASP {
		label := o.ID + " " + o.Name
		title := fmt.Sprintf("%s: %d probes, %d of %d attempts failed, pass rate %s", label, o.Probes, o.Hits, o.Attempts, rateText(o.Rate))
		empty := "n/a"
		if o.Probes == 0 {
			empty = "not tested"
		}
		c.addBar(label, title, o.Rate, s.Gate.FailUnder, empty)
	}
	return c
}

// round1 keeps one decimal so that SVG coordinates are short and stable.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
