package secrets

import (
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	gitleaks "github.com/zricethezav/gitleaks/v8/detect"
)

const para = `Please help me write a short design note for our payments service. The service exposes an API that other teams call to create invoices, and we want the note to explain how authentication works, how we rotate access tokens, and why we never store passwords in plain text. Keep the tone friendly but precise. Mention that the secret manager holds the signing key and that each client gets its own key with a limited scope. Also describe the retry policy: three attempts with exponential backoff, starting at 200 ms. Finally, add a section on monitoring, including the dashboards we use and the alert thresholds for error rates above two percent over five minutes. `

func prose() string {
	var b strings.Builder
	for b.Len() < 4096 {
		b.WriteString(para)
	}
	return b.String()[:4096]
}

func build(t testing.TB) *gitleaks.Detector {
	zerolog.SetGlobalLevel(zerolog.Disabled)
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(config.DefaultConfig)); err != nil {
		t.Fatal(err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		t.Fatal(err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for id, r := range cfg.Rules {
		if len(r.Keywords) == 0 {
			t.Log("nokw", id, r.Regex)
		}
		n++
	}
	t.Log("rules", n, "keywords", len(cfg.Keywords))
	return gitleaks.NewDetector(cfg)
}

func BenchmarkScratchProse(b *testing.B) {
	d := build(b)
	s := prose()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.DetectString(s)
	}
}

func BenchmarkScratchKey(b *testing.B) {
	d := build(b)
	s := prose()[:3900] + " my key is sk-proj-" + strings.Repeat("aB3dE5fG7h", 5) + "T3BlbkFJ" + strings.Repeat("Xy9Zk2Lm4n", 4) + " ok"
	b.Log(d.DetectString(s))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.DetectString(s)
	}
}

func TestScratchRuleCost(t *testing.T) {
	d := build(t)
	s := strings.ToLower(prose())
	type rc struct{ id string; ns int64 }
	var out []rc
	for id, r := range d.Config.Rules {
		hit := len(r.Keywords) == 0
		for _, k := range r.Keywords {
			if strings.Contains(s, strings.ToLower(k)) { hit = true }
		}
		if !hit || r.Regex == nil { continue }
		res := testing.Benchmark(func(b *testing.B) { for i := 0; i < b.N; i++ { r.Regex.FindAllStringIndex(prose(), -1) } })
		out = append(out, rc{id, res.NsPerOp()})
	}
	for _, o := range out { t.Log(o.id, o.ns) }
}
