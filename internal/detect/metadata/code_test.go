package metadata

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/meta"
)

func TestCodeSecrets(t *testing.T) {
	d := New()
	cases := []struct {
		name, text string
		want       bool
	}{
		{"anthropic key in code", `client = Anthropic(api_key="sk-ant-api03-` + strings.Repeat("Ab3dE5gH7jK9", 7) + `Ab3dE5gH7AA")`, true},
		{"hugging face token in a notebook output", "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\n", true},
		{"github token in a dotenv line", "GITHUB_TOKEN=ghp_9aZ3kQ7rT1xV5mB8nC2dF4gH6jK0lP3sW7yE", true},
		{"key read from the environment", `api_key = os.environ["OPENAI_API_KEY"]`, false},
		{"openai key in a dotenv file", "OPENAI_API_KEY=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", true},
		{"placeholder", `OPENAI_API_KEY=<your-key-here>`, false},
		{"hash-like constant in source (generic rule is off for code)", `checksum_key = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`, false},
		{"plain code", "import torch\nmodel = torch.nn.Linear(3, 4)\n", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := d.Detect(context.Background(), detect.Target{Model: &meta.Code{Format: "python", Strings: []meta.String{{Value: c.text, Offset: 0}}}})
			got := false
			for _, f := range fs {
				if f.Rule != RuleCodeSecret.ID {
					t.Errorf("unexpected rule %s on code: %s", f.Rule, f.Evidence)
				}
				got = true
				if strings.Contains(f.Evidence, "9aZ3kQ7rT1xV5mB8") || strings.Contains(f.Evidence, "gxLdGncfBA") {
					t.Errorf("evidence is not redacted: %s", f.Evidence)
				}
			}
			if got != c.want {
				t.Errorf("secret found = %v, want %v (%v)", got, c.want, fs)
			}
		})
	}
}
