package secrets

import (
	"context"
	"strings"
	"testing"
)

func benchmarkText(b *testing.B, s string) {
	sc := newTestScanner(b)
	ctx := context.Background()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := sc.Find(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSecrets4KiB is the common case: English prose full of secret-related words and
// no secret.
func BenchmarkSecrets4KiB(b *testing.B) { benchmarkText(b, prose4KiB()) }

// BenchmarkSecretsWithKey4KiB is prose with one OpenAI key in an assignment (also a
// generic-api-key candidate).
func BenchmarkSecretsWithKey4KiB(b *testing.B) {
	benchmarkText(b, prose4KiB()[:3800]+"\nexport OPENAI_API_KEY="+openAIKey+"\n")
}

// BenchmarkSecretsCode4KiB is source code with assignments, hashes and UUIDs but no secret.
func BenchmarkSecretsCode4KiB(b *testing.B) { benchmarkText(b, codeText()) }

func codeText() string {
	const code = `def connect(cfg):
    api_key = os.environ["API_KEY"]
    token = cfg.get("token", None)
    session_id = "123e4567-e89b-12d3-a456-426614174000"
    digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    headers = {"Authorization": f"Bearer {token}", "X-Api-Version": "2024-01-01"}
    secret_name = "prod/db/credentials"
    password_min_length = 12
    return Client(base_url="https://api.example.com/v1", headers=headers, timeout=30)

`
	return strings.Repeat(code, 4096/len(code)+1)[:4096]
}
