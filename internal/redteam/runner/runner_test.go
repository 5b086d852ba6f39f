package runner

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/redteamtest"
	"github.com/aisecops/aisec/internal/redteam/target"
)

func smallPlan(t *testing.T, families ...string) *Plan {
	t.Helper()
	ps, err := probe.Select(library(t), families, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(PlanOptions{Probes: ps, Generations: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newTarget(t *testing.T, h http.Handler) target.Target {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tg, err := target.New("openai+"+srv.URL+"/v1", target.Options{Model: "m", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestExecuteOutcomes(t *testing.T) {
	reg := NewRegistry(detect.All(), nil, false)
	for _, tc := range []struct {
		name    string
		handler http.Handler
		status  record.Status
		hit     bool
	}{
		{"vulnerable", redteamtest.Vulnerable(), record.StatusOK, true},
		{"defended", redteamtest.Defended(), record.StatusOK, false},
		{"guard blocks", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"error":{"message":"blocked","type":"guard_blocked","param":null,"code":"injection"}}`))
		}), record.StatusBlocked, false},
		{"server error", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusInternalServerError)
		}), record.StatusError, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := smallPlan(t, "injection")
			j, err := Create(filepath.Join(t.TempDir(), "j.jsonl"), &record.Start{})
			if err != nil {
				t.Fatal(err)
			}
			defer j.Close()
			done, err := Execute(context.Background(), plan, Options{Target: newTarget(t, tc.handler), Detectors: reg, Journal: j})
			if err != nil || len(done) != len(plan.Items) {
				t.Fatalf("%d of %d attempts, %v", len(done), len(plan.Items), err)
			}
			for i, a := range done {
				if a.Seq != i || a.Status != tc.status || a.Hit != tc.hit {
					t.Fatalf("%s: seq %d status %s hit %v (error %q)", a.ID, a.Seq, a.Status, a.Hit, a.Error)
				}
				if tc.status == record.StatusOK && len(a.Results) == 0 {
					t.Fatalf("%s: no detector results", a.ID)
				}
			}
		})
	}
}

func TestExecuteCancelRecordsNothingHalfDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var served atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) == 5 {
			cancel()
		}
		select { // the rest hang until the run is cancelled
		case <-r.Context().Done():
		case <-time.After(50 * time.Millisecond):
		}
		redteamtest.Defended().ServeHTTP(w, r)
	})
	plan := smallPlan(t, "injection", "sysprompt")
	done, err := Execute(ctx, plan, Options{Target: newTarget(t, h), Detectors: NewRegistry(detect.All(), nil, false), Concurrency: 2})
	if err != context.Canceled {
		t.Fatalf("err = %v", err)
	}
	if len(done) >= len(plan.Items) {
		t.Fatalf("%d attempts recorded after cancel", len(done))
	}
	for _, a := range done {
		if a.Status == record.StatusError {
			t.Fatalf("%s: cancelled attempt recorded as an error", a.ID)
		}
	}
}

func TestExecuteRateAndSkip(t *testing.T) {
	plan := smallPlan(t, "sysprompt")
	skip := map[string]bool{}
	for _, it := range plan.Items[:len(plan.Items)-6] {
		skip[it.ID] = true
	}
	start := time.Now()
	done, err := Execute(context.Background(), plan, Options{Target: newTarget(t, redteamtest.Instant()),
		Detectors: NewRegistry(detect.All(), nil, false), Skip: skip, Rate: 20, Concurrency: 8})
	if err != nil || len(done) != 6 {
		t.Fatalf("%d attempts, %v", len(done), err)
	}
	for _, a := range done {
		if skip[a.ID] {
			t.Fatalf("%s: skipped attempt sent", a.ID)
		}
	}
	if el := time.Since(start); el < 200*time.Millisecond { // 6 requests at 20/s: at least 5 gaps of 50 ms
		t.Fatalf("6 requests at --rate 20 took %v", el)
	}
}

func TestOverrule(t *testing.T) {
	rs := []detect.Result{
		{Detector: detect.NameRefusal, Hit: true, Evidence: "no refusal"},
		{Detector: detect.NameTrigger, Hit: true},
		{Detector: detect.NameCodePresence, Hit: false},
		{Detector: judgeName, Hit: false},
	}
	overrule(rs)
	if rs[0].Hit || !strings.Contains(rs[0].Evidence, "overruled") || !rs[1].Hit || rs[2].Hit {
		t.Fatalf("%+v", rs)
	}
	rs[3].Hit = true
	overrule(rs)
	if !rs[0].Hit || !rs[2].Hit {
		t.Fatalf("a judge hit did not carry: %+v", rs)
	}
}

func TestExecuteBudgets(t *testing.T) {
	plan := smallPlan(t, "injection", "sysprompt")
	reg := NewRegistry(detect.All(), nil, false)
	done, err := Execute(context.Background(), plan, Options{Target: newTarget(t, redteamtest.Instant()), Detectors: reg, MaxRequests: 5})
	if err != ErrBudget || len(done) != 5 {
		t.Fatalf("max requests: %d attempts, %v", len(done), err)
	}
	// Instant reports usage on every reply, so a one-token budget stops at once; the
	// attempt handed over while the first was in flight still finishes.
	done, err = Execute(context.Background(), plan, Options{Target: newTarget(t, redteamtest.Instant()), Detectors: reg, TokenBudget: 1, Concurrency: 1})
	if err != ErrBudget || len(done) == 0 || len(done) > 2 {
		t.Fatalf("token budget: %d attempts, %v", len(done), err)
	}
	if _, err := Execute(context.Background(), plan, Options{Target: newTarget(t, redteamtest.Instant()), Detectors: reg, MaxRequests: len(plan.Items)}); err != nil {
		t.Fatalf("a cap equal to the plan stopped it: %v", err)
	}
}
