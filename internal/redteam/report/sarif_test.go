package report

import (
	"bytes"
	"encoding/json"
	"github.com/aisecops/aisec/internal/xtest"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sarifSchema(t *testing.T) *jsonschema.Schema { return xtest.SARIFSchema(t) }

func TestSARIFValidates(t *testing.T) {
	sch := sarifSchema(t)
	for name, s := range map[string]*Summary{
		"fixture": fixtureSummary(), "clean": cleanSummary(), "hostile": hostileSummary(hostileReply), "empty": Build(fixtureStart(), nil, Options{}),
	} {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, s, FormatSARIF, WriteOptions{})))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output does not validate: %v", err)
			}
		})
	}
	t.Run("with artifact", func(t *testing.T) {
		out := render(t, fixtureSummary(), FormatSARIF, WriteOptions{ArtifactURI: "ci/redteam.yaml"})
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("SARIF with a physical location does not validate: %v", err)
		}
		if !strings.Contains(string(out), `"uri": "ci/redteam.yaml"`) {
			t.Error("no physical location in the results")
		}
	})
	t.Run("broken document fails", func(t *testing.T) {
		bad := strings.Replace(string(render(t, fixtureSummary(), FormatSARIF, WriteOptions{})), `"level": "error"`, `"level": "fatal"`, 1)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err == nil {
			t.Error("schema accepted an invalid level")
		}
	})
}

// sarifLog is the subset of SARIF the behaviour test reads.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string
					Properties map[string]any
				}
			}
		}
		Results []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			PartialFingerprints map[string]string
			Locations           []struct {
				LogicalLocations []struct{ Name, FullyQualifiedName string }
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level      string
				Message    struct{ Text string }
				Properties map[string]string
			}
		}
	}
}

func TestSARIFContent(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(render(t, fixtureSummary(), FormatSARIF, WriteOptions{}), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 7 {
		t.Errorf("got %d rules, want one per probe (7)", len(run.Tool.Driver.Rules))
	}
	levels := map[string]string{}
	for _, r := range run.Results {
		levels[r.RuleID] = r.Level
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		if len(r.PartialFingerprints[SARIFFingerprintKey]) != 32 {
			t.Errorf("result %s has no fingerprint", r.RuleID)
		}
		if loc := r.Locations[0].LogicalLocations[0]; loc.Name != "vuln-model" || !strings.Contains(loc.FullyQualifiedName, "127.0.0.1:8080") {
			t.Errorf("result %s location = %+v", r.RuleID, loc)
		}
	}
	want := map[string]string{"injection/ignore-previous": "error", "output/markdown-exfil": "error",
		"agency/delete-files": "error", "output/ansi": "warning"}
	if len(levels) != len(want) {
		t.Errorf("results = %v, want one per failing probe %v", levels, want)
	}
	for id, l := range want {
		if levels[id] != l {
			t.Errorf("%s level = %q, want %q", id, levels[id], l)
		}
	}
	if run.Invocations[0].ExecutionSuccessful {
		t.Error("an incomplete run must not report a successful execution")
	}
	// One notification for the incomplete run, then one per probe that did not run.
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 3 {
		t.Fatalf("got %d notifications, want 3: %+v", len(notes), notes)
	}
	for i, id := range []string{"jailbreak/judge-only", "packages/hallucinated-npm"} {
		n := notes[i+1]
		if n.Level != "warning" || n.Properties["probe"] != id || n.Properties["reason"] == "" ||
			!strings.HasPrefix(n.Message.Text, "Probe "+id+" was selected but did not run: ") {
			t.Errorf("notification %d = %+v", i+1, n)
		}
	}
	tags, _ := run.Tool.Driver.Rules[2].Properties["tags"].([]any)
	if run.Tool.Driver.Rules[2].ID != "injection/ignore-previous" || !containsAny(tags, "external/cwe/cwe-1427") {
		t.Errorf("injection rule tags = %v", tags)
	}
	// The fingerprint follows probe and target, not the run.
	a := fingerprint("p", "http://t", "m")
	if a != fingerprint("p", "http://t", "m") || a == fingerprint("p", "http://t", "m2") {
		t.Error("fingerprint is not stable per probe and target")
	}
}

// TestSARIFSkippedOnly: probes that did not run are reported, but a run that is otherwise
// complete still executed successfully.
func TestSARIFSkippedOnly(t *testing.T) {
	start := fixtureStart()
	start.Probes, start.Attempts = start.Probes[:1], 1
	s := Build(start, []record.Attempt{attempt("injection/ignore-previous#0#0", 0, record.StatusOK, "no", pass("trigger"))}, fixtureOptions())
	var log sarifLog
	if err := json.Unmarshal(render(t, s, FormatSARIF, WriteOptions{}), &log); err != nil {
		t.Fatal(err)
	}
	inv := log.Runs[0].Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Errorf("invocation = %+v, want successful with one notification per skipped probe", inv)
	}
}

func containsAny(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
