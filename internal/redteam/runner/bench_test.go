package runner

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/redteamtest"
	"github.com/aisecops/aisec/internal/redteam/target"
)

// BenchmarkExecute10k runs 10,000 attempts (the embedded library, repeated generations)
// against an instant local target at concurrency 64, with every detector and the journal:
// the target is under 30 s per run.
func BenchmarkExecute10k(b *testing.B) {
	srv := httptest.NewServer(redteamtest.Instant())
	defer srv.Close()
	ps, err := defaultProbes()
	if err != nil {
		b.Fatal(err)
	}
	prompts := 0
	for _, p := range ps {
		prompts += len(p.Prompts)
	}
	plan, err := NewPlan(PlanOptions{Probes: ps, Generations: (10000 + prompts - 1) / prompts, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	plan.Items = plan.Items[:10000]
	tgt, err := target.New("openai+"+srv.URL+"/v1", target.Options{Model: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	reg := NewRegistry(detect.All(), nil, false)
	b.ResetTimer()
	for i := range b.N {
		j, err := Create(filepath.Join(b.TempDir(), "run.jsonl"), &record.Start{RunID: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		done, err := Execute(context.Background(), plan, Options{Target: tgt, Detectors: reg, Concurrency: 64, Journal: j})
		if err != nil || len(done) != 10000 {
			b.Fatalf("run %d: %d attempts, %v", i, len(done), err)
		}
		if err := j.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "attempts/s")
}
