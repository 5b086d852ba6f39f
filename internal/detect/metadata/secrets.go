package metadata

import (
	"fmt"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
	gitleaks "github.com/zricethezav/gitleaks/v8/detect"
)

// newLeakDetector builds a gitleaks detector with its default rules. It reads the embedded
// config through a private viper instance (gitleaks' NewDetectorDefaultConfig uses the global
// one, which would race with other users), and silences zerolog, through which gitleaks logs
// at info level to stderr; SetGlobalLevel is an atomic store and aisec does not use zerolog.
func newLeakDetector() (*gitleaks.Detector, error) {
	zerolog.SetGlobalLevel(zerolog.Disabled)
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(config.DefaultConfig)); err != nil {
		return nil, fmt.Errorf("unable to read the gitleaks default config: %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return nil, fmt.Errorf("unable to decode the gitleaks default config: %w", err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		return nil, fmt.Errorf("unable to load the gitleaks default rules: %w", err)
	}
	d := gitleaks.NewDetector(cfg)
	// MaxDecodeDepth stays 0: gitleaks' own decoding pass costs more than its rules on long
	// values, and the detector decodes encoded runs itself.
	return d, nil
}

// secret is one credential found in a value.
type secret struct {
	rule   string
	secret string
	lo     int // offset in the value, -1 when gitleaks found it in decoded text
}

// findSecrets runs the gitleaks rules over one value.
func (d *Detector) findSecrets(s string) []secret {
	leaks := d.leaks()
	if leaks == nil {
		return nil
	}
	var out []secret
	for _, f := range leaks.DetectString(s) {
		if f.Secret == "" {
			continue
		}
		out = append(out, secret{rule: f.RuleID, secret: f.Secret, lo: strings.Index(s, f.Secret)})
	}
	return out
}

// redact shows the first four characters of a secret and hides the rest.
func redact(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:4]) + "…"
}
