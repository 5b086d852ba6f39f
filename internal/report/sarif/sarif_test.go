package sarif_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/aisecops/aisec/internal/xtest"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report/reporttest"
	sarifreport "github.com/aisecops/aisec/internal/report/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files")

func render(t *testing.T, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := sarifreport.New().Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	reporttest.Golden(t, "sarif", render(t, reporttest.Sample()), *update)
	reporttest.Golden(t, "sarif-clean", render(t, reporttest.Clean()), *update)
}

func sarifSchema(t *testing.T) *jsonschema.Schema { return xtest.SARIFSchema(t) }

func TestValidatesAgainstSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	for name, r := range map[string]*finding.Report{
		"sample": reporttest.Sample(), "clean": reporttest.Clean(), "empty": reporttest.Empty(),
	} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, r)))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate: %v", err)
			}
		})
	}
	t.Run("broken document fails", func(t *testing.T) {
		bad := strings.Replace(string(render(t, reporttest.Sample())), `"level": "error"`, `"level": "fatal"`, 1)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err == nil {
			t.Error("schema accepted an invalid level")
		}
	})
}

// log is the subset of SARIF the behaviour tests read.
type log struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                   string
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			PartialFingerprints map[string]string
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           struct{ StartLine, ByteOffset int }
				}
				LogicalLocations []struct{ Name, FullyQualifiedName string }
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level   string
				Message struct{ Text string }
			}
		}
		Properties map[string]any
	}
}

func decode(t *testing.T, r *finding.Report) log {
	t.Helper()
	var l log
	if err := json.Unmarshal(render(t, r), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(l.Runs))
	}
	return l
}

func TestDriverAndRules(t *testing.T) {
	run := decode(t, reporttest.Sample()).Runs[0]
	d := run.Tool.Driver
	if d.Name != "aisec" || d.Version != "1.2.3" || d.InformationURI != "https://github.com/aisecops/aisec" {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	want := map[string]struct{ level, score string }{
		"AISEC-PKL-001": {"error", "9.5"}, "AISEC-PKL-002": {"error", "8.0"}, "AISEC-PKL-003": {"warning", "5.5"},
		"AISEC-HYG-001": {"note", "3.0"}, "AISEC-HYG-002": {"note", "0.0"},
	}
	if len(d.Rules) != len(want) {
		t.Fatalf("got %d rules, want %d (one per rule ID, suppressed-only rules excluded)", len(d.Rules), len(want))
	}
	for _, rule := range d.Rules {
		w, ok := want[rule.ID]
		if !ok {
			t.Errorf("unexpected rule %s", rule.ID)
			continue
		}
		if rule.DefaultConfiguration.Level != w.level || rule.Properties["security-severity"] != w.score {
			t.Errorf("%s: level %q score %v, want %q %q", rule.ID, rule.DefaultConfiguration.Level,
				rule.Properties["security-severity"], w.level, w.score)
		}
		if rule.ShortDescription.Text == "" || rule.FullDescription.Text == "" || rule.Help.Text == "" || rule.Help.Markdown == "" {
			t.Errorf("%s: missing descriptions or help", rule.ID)
		}
	}
	pkl := d.Rules[2] // sorted by ID: HYG-001, HYG-002, PKL-001, ...
	for _, s := range []string{"Remediation", "CWE-502", "AML.T0011.000", "LLM03:2025"} {
		if !strings.Contains(pkl.Help.Text, s) || !strings.Contains(pkl.Help.Markdown, s) {
			t.Errorf("help of %s lacks %q", pkl.ID, s)
		}
	}
}

func TestResults(t *testing.T) {
	in := reporttest.Sample()
	run := decode(t, in).Runs[0]
	if len(run.Results) != len(in.Findings) {
		t.Fatalf("got %d results, want %d (suppressed excluded)", len(run.Results), len(in.Findings))
	}
	rules := run.Tool.Driver.Rules
	var member, offset bool
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d (%s)", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
		if !strings.HasPrefix(res.PartialFingerprints["aisecFingerprint/v1"], "sha256:") {
			t.Errorf("result %s lacks a fingerprint", res.RuleID)
		}
		loc := res.Locations[0]
		if loc.PhysicalLocation.Region.StartLine != 1 {
			t.Errorf("result %s: startLine %d, want 1", res.RuleID, loc.PhysicalLocation.Region.StartLine)
		}
		if len(loc.LogicalLocations) > 0 {
			member = true
			if loc.PhysicalLocation.ArtifactLocation.URI != "models/model.pt" ||
				loc.LogicalLocations[0].FullyQualifiedName != "models/model.pt!/archive/data.pkl" {
				t.Errorf("member location = %+v", loc)
			}
			if !strings.Contains(res.Message.Text, "(in models/model.pt!/archive/data.pkl)") {
				t.Errorf("member message = %q", res.Message.Text)
			}
		}
		if res.RuleID == "AISEC-PKL-001" && loc.PhysicalLocation.ArtifactLocation.URI == "models/evil.pkl" {
			offset = loc.PhysicalLocation.Region.ByteOffset == 26
			if res.Message.Text != "Pickle calls a code-execution function: os.system via STACK_GLOBAL (memo 3)" {
				t.Errorf("message = %q", res.Message.Text)
			}
		}
		if strings.ContainsAny(res.Message.Text, "\n\x1b") {
			t.Errorf("message not reduced to one line: %q", res.Message.Text)
		}
	}
	if !member || !offset {
		t.Errorf("member location seen %v, byte offset seen %v", member, offset)
	}
	if run.Properties["suppressed"] != float64(1) {
		t.Errorf("run properties = %v", run.Properties)
	}
}

func TestInvocation(t *testing.T) {
	for _, tc := range []struct {
		name       string
		report     *finding.Report
		successful bool
		levels     []string
	}{
		{"partial and error", reporttest.Sample(), false, []string{"warning", "error"}},
		{"clean", reporttest.Clean(), true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv := decode(t, tc.report).Runs[0].Invocations
			if len(inv) != 1 || inv[0].ExecutionSuccessful != tc.successful {
				t.Fatalf("invocations = %+v", inv)
			}
			var levels []string
			for _, n := range inv[0].ToolExecutionNotifications {
				levels = append(levels, n.Level)
				if strings.Contains(n.Message.Text, "\x1b") {
					t.Errorf("notification not escaped: %q", n.Message.Text)
				}
			}
			if strings.Join(levels, ",") != strings.Join(tc.levels, ",") {
				t.Errorf("notification levels = %v, want %v", levels, tc.levels)
			}
		})
	}
}

func TestLevelMapping(t *testing.T) {
	for s, want := range map[finding.Severity]string{
		finding.Critical: "error", finding.High: "error", finding.Medium: "warning", finding.Low: "note", finding.Info: "note",
	} {
		if got := sarifreport.Level(s); got != want {
			t.Errorf("Level(%s) = %q, want %q", s, got, want)
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"models/evil.pkl":    "models/evil.pkl",
		"extra model.pkl":    "extra%20model.pkl",
		"a/100%.pkl":         "a/100%25.pkl",
		"/abs/m.pt":          "file:///abs/m.pt",
		"c:weird":            "./c:weird",
		"dir/#hash?.pkl":     "dir/%23hash%3F.pkl",
		"./models/model.pt":  "./models/model.pt",
		"../up/one/model.pt": "../up/one/model.pt",
	} {
		if got := sarifreport.ArtifactURI(in); got != want {
			t.Errorf("ArtifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}
