package secrets

import (
	"context"
	"strings"
	"testing"
)

// FuzzSecrets checks that any text scans without error and that findings are well-formed:
// spans inside the text, in order, excerpts that do not repeat the secret.
func FuzzSecrets(f *testing.F) {
	for _, s := range benign {
		f.Add(s)
	}
	f.Add("export OPENAI_API_KEY=" + openAIKey)
	f.Add("DB_PASSWORD=" + genericPass)
	f.Add(privateKey)
	f.Add("LOB_KEY=test_" + strings.Repeat("a1", 18))
	f.Add("https://x.webhook.office.com/webhookb2/")
	sc := newTestScanner(f)
	f.Fuzz(func(t *testing.T, s string) {
		fs, err := sc.Find(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, x := range fs {
			if x.Start < last || x.Start >= x.End || x.End > len(s) {
				t.Fatalf("bad span %+v in %d bytes", x, len(s))
			}
			last = x.Start
			if secret := s[x.Start:x.End]; len(secret) >= 12 && strings.Contains(x.Excerpt, secret) {
				t.Fatalf("excerpt %q reveals %q", x.Excerpt, secret)
			}
		}
	})
}
