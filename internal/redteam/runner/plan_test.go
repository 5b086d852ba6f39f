package runner

import (
	"regexp"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/probe"
)

func library(t *testing.T) []probe.Probe {
	t.Helper()
	ps, err := probe.Default()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func ids(p *Plan) []string {
	out := make([]string, len(p.Items))
	for i, it := range p.Items {
		out[i] = it.ID + " " + it.Canary
	}
	return out
}

func TestPlanDeterministicBySeed(t *testing.T) {
	ps := library(t)
	a, err := NewPlan(PlanOptions{Probes: ps, Generations: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewPlan(PlanOptions{Probes: ps, Generations: 2, Seed: 7})
	c, _ := NewPlan(PlanOptions{Probes: ps, Generations: 2, Seed: 8})
	if !slices.Equal(ids(a), ids(b)) || a.Hash != b.Hash {
		t.Fatal("the same seed gave different plans")
	}
	if slices.Equal(ids(a), ids(c)) || a.Hash == c.Hash {
		t.Fatal("different seeds gave the same order and canaries")
	}
	prompts := 0
	for _, p := range ps {
		prompts += len(p.Prompts)
	}
	if len(a.Items) != 2*prompts {
		t.Fatalf("items = %d, want %d (prompts × generations)", len(a.Items), 2*prompts)
	}
	seen := map[string]bool{}
	for i, it := range a.Items {
		if it.Seq != i || seen[it.ID] {
			t.Fatalf("item %d: seq %d, duplicate %v", i, it.Seq, seen[it.ID])
		}
		seen[it.ID] = true
	}
}

func TestPlanRendersCanariesAndSystem(t *testing.T) {
	ps := library(t)
	p, err := NewPlan(PlanOptions{Probes: ps, Generations: 1, Seed: 1, SystemPrompt: "Deployed prompt."})
	if err != nil {
		t.Fatal(err)
	}
	canary := regexp.MustCompile(`^AISEC[A-Z2-7]{8}$`)
	for _, it := range p.Items {
		if !canary.MatchString(it.Canary) {
			t.Fatalf("%s: canary %q", it.ID, it.Canary)
		}
		if it.System == "" {
			t.Fatalf("%s: no system prompt", it.ID)
		}
		for _, tr := range it.Triggers {
			if tr == probe.PlaceholderCanary {
				t.Fatalf("%s: trigger placeholder not rendered", it.ID)
			}
		}
		agency := slices.Contains(it.Probe.Detectors, "tool-call")
		if agency != (len(it.Tools) > 0) {
			t.Fatalf("%s: tools %v for detectors %v", it.ID, it.Tools, it.Probe.Detectors)
		}
		if agency && !slices.Contains(it.Tools, "get_account_summary") {
			t.Fatalf("%s: benign tools missing from %v", it.ID, it.Tools)
		}
	}
}

func TestPlanHashTracksContent(t *testing.T) {
	ps := library(t)[:2]
	a, _ := NewPlan(PlanOptions{Probes: ps, Generations: 1, Seed: 3})
	b, _ := NewPlan(PlanOptions{Probes: ps, Generations: 1, Seed: 3, SystemPrompt: "Other."})
	if a.Hash == b.Hash {
		t.Fatal("a different system prompt kept the plan hash")
	}
	if _, err := NewPlan(PlanOptions{Probes: ps, Generations: 0}); err == nil {
		t.Fatal("generations 0 accepted")
	}
}

func TestCanaryStable(t *testing.T) {
	if Canary(1, "x#0#0") != Canary(1, "x#0#0") || Canary(1, "x#0#0") == Canary(2, "x#0#0") {
		t.Fatal("canary is not a function of seed and ID")
	}
}

func defaultProbes() ([]probe.Probe, error) { return probe.Default() }

func TestPlanRejectsDuplicateProbes(t *testing.T) {
	ps := library(t)[:1]
	if _, err := NewPlan(PlanOptions{Probes: append(ps, ps[0]), Generations: 1}); err == nil {
		t.Fatal("a probe selected twice was planned")
	}
}
