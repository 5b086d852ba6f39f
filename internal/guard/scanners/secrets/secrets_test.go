package secrets

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Credentials in the formats of real providers. They are random, not real keys.
var (
	awsKey       = "AKIAZ7VXQ2MLKP4T3WRS"
	githubPAT    = "ghp_R8mZq2Lx7Vn4Kp9Wt3Yb6Hc1Jd5Fg0Ss2Ae4"
	gitlabPAT    = "glpat-x7Kp2mQ9vL4nR8tW3zYb"
	slackBot     = "xoxb-2837461928-4823719283746-Qm8Zk2Lx7Vn4Kp9Wt3Yb6Hc1"
	stripeLive   = "sk_live_51Hx7Kp2mQ9vL4nR8tW3zYbQ"
	openAIKey    = "sk-proj-" + strings.Repeat("aB3dE5fG7h", 7) + "aB3d" + "T3BlbkFJ" + strings.Repeat("Xy9Zk2Lm4n", 7) + "Xy9Z"
	anthropicKey = "sk-ant-api03-" + strings.Repeat("Qm8Zk2Lx7Vn4Kp9Wt3Yb6Hc1Jd5Fg0", 3) + "x7K" + "AA"
	hfToken      = "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"
	gcpKey       = "AIzaSyD7Kp2mQ9vL4nR8tW3zYb6Hc1Jd5Fg0Ss2"
	npmToken     = "npm_R8mZq2Lx7Vn4Kp9Wt3Yb6Hc1Jd5Fg0Ss2Ae4"
	genericPass  = "Xk9mQ2vL8pR4wZt7"
	jwtToken     = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	privateKey   = "-----BEGIN RSA PRIVATE KEY-----\n" + strings.Repeat("MIIEowIBAAKCAQEAx7Kp2mQ9vL4nR8tW3zYb6Hc1Jd5Fg0Ss2Ae4Qm8Zk2Lx7Vn4Kp9\n", 6) + "-----END RSA PRIVATE KEY-----"
)

func TestFindsSecrets(t *testing.T) {
	sc := newTestScanner(t)
	o := newOracle(t, sc)
	cases := []struct {
		text, secret, kind string
	}{
		{"my aws key is " + awsKey + " please rotate it", awsKey, "aws-access-token"},
		{"git clone https://" + githubPAT + "@github.com/acme/app.git", githubPAT, "github-pat"},
		{"GITLAB_TOKEN=" + gitlabPAT, gitlabPAT, "gitlab-pat"},
		{"slack:\n  token: " + slackBot + "\n", slackBot, "slack-bot-token"},
		{"stripe.api_key = '" + stripeLive + "'", stripeLive, "stripe-access-token"},
		{"export OPENAI_API_KEY=" + openAIKey + "\n", openAIKey, "openai-api-key"},
		{`client = Anthropic(api_key="` + anthropicKey + `")`, anthropicKey, "anthropic-api-key"},
		{"huggingface-cli login --token " + hfToken, hfToken, "huggingface-access-token"},
		{`const firebase = { apiKey: "` + gcpKey + `" };`, gcpKey, "gcp-api-key"},
		{"//registry.npmjs.org/:_authToken=" + npmToken, npmToken, "npm-access-token"},
		{"DB_PASSWORD=" + genericPass + "\nDB_HOST=db.internal", genericPass, "generic-api-key"},
		{`{"password": "` + genericPass + `"}`, genericPass, "generic-api-key"},
		{"Authorization: Bearer " + jwtToken, jwtToken, "jwt"},
		{"why does ssh reject this?\n" + privateKey + "\n", privateKey, "private-key"},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			fs, err := sc.Find(context.Background(), c.text)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 {
				t.Fatalf("got %d findings %+v, want one", len(fs), fs)
			}
			f := fs[0]
			if f.Kind != c.kind || c.text[f.Start:f.End] != c.secret {
				t.Errorf("got %s %q, want %s %q", f.Kind, c.text[f.Start:f.End], c.kind, c.secret)
			}
			if f.Rule != Name || !f.Redactable || f.Score <= 0 {
				t.Errorf("bad finding fields %+v", f)
			}
			if strings.Contains(f.Excerpt, c.secret[:len(c.secret)/2]) {
				t.Errorf("excerpt %q reveals the secret", f.Excerpt)
			}
			if want := o.find(c.text); len(want) != 1 || want[0] != c.kind+" "+c.secret {
				t.Errorf("gitleaks finds %q: the case is not a gitleaks true positive", want)
			}
		})
	}
}

// Benign texts that look a little like credentials: none may fire.
var benign = []string{
	"The key insight is that access tokens expire, so the client must refresh its token before calling the API again.",
	"Set OPENAI_API_KEY to your key, then run `python app.py`. Never commit passwords or secret keys.",
	`api_key = os.environ["OPENAI_API_KEY"]`,
	"token: ${{ secrets.GITHUB_TOKEN }}",
	"password: <your-password>",
	`{"apiKey": "YOUR_API_KEY_HERE", "region": "us-east-1"}`,
	"const key = crypto.randomUUID();",
	"curl -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v1/items",
	`checksum = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`,
	"commit 3f2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a\nAuthor: Jane <jane@example.com>",
	"request id: 123e4567-e89b-12d3-a456-426614174000, trace 4bf92f3577b34da6a3ce929d0e0e4736",
	`"password_min_length": 12, "secret_name": "prod-db-credentials"`,
	"The monkey ate the turkey. Keyboard shortcuts: press the key combination Ctrl+K.",
	"sha512sum: cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	"md5 of the file is d41d8cd98f00b204e9800998ecf8427e and its size is 0 bytes",
	"docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
	"user_token_ttl = 3600\nsession_key_prefix = \"sess:\"\n",
	"if (password.length < 8) { throw new Error('password too short'); }",
	"Use the ssh-keygen command: ssh-keygen -t ed25519 -C you@example.com",
	"The API returns {\"access\": \"granted\", \"auth\": \"ok\"} when credentials are valid.",
}

func TestIgnoresBenign(t *testing.T) {
	sc := newTestScanner(t)
	for _, s := range benign {
		fs, err := sc.Find(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			t.Errorf("%q: unexpected %s %q", s, f.Kind, s[f.Start:f.End])
		}
	}
	if fs, _ := sc.Find(context.Background(), prose4KiB()); len(fs) > 0 {
		t.Errorf("prose: unexpected %+v", fs)
	}
}

func TestSegmentsAndSpans(t *testing.T) {
	sc := newTestScanner(t)
	req := &scanners.Request{Segments: []scanners.Segment{
		{Role: scanners.RoleSystem, Text: "You are helpful."},
		{Role: scanners.RoleUser, Text: "héllo wörld, token " + githubPAT + " and " + awsKey},
	}}
	fs, err := sc.Scan(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("got %+v", fs)
	}
	for _, f := range fs {
		got := req.Segments[f.Segment].Text[f.Start:f.End]
		if f.Segment != 1 || (got != githubPAT && got != awsKey) {
			t.Errorf("finding %+v points at %q", f, got)
		}
	}
	if fs[0].Start > fs[1].Start {
		t.Errorf("findings not in text order: %+v", fs)
	}
}

func TestOptions(t *testing.T) {
	if _, err := New(Options{DisabledRules: []string{"no-such-rule"}}); err == nil {
		t.Error("an unknown rule must be an error")
	}
	sc, err := New(Options{DisabledRules: []string{"generic-api-key"}, AllowList: []string{awsKey}})
	if err != nil {
		t.Fatal(err)
	}
	text := "DB_PASSWORD=" + genericPass + "\naws " + awsKey + "\ngh " + githubPAT
	fs, _ := sc.Find(context.Background(), text)
	if len(fs) != 1 || fs[0].Kind != "github-pat" {
		t.Errorf("got %+v, want only github-pat", fs)
	}
}

func TestCancelled(t *testing.T) {
	sc := newTestScanner(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sc.Find(ctx, "token "+githubPAT); err == nil {
		t.Error("a cancelled scan must report an error")
	}
}

func TestConcurrent(t *testing.T) {
	sc := newTestScanner(t)
	text := prose4KiB()[:3000] + "\nGITLAB_TOKEN=" + gitlabPAT + "\n"
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				fs, err := sc.Find(context.Background(), text)
				if err != nil || len(fs) != 1 || text[fs[0].Start:fs[0].End] != gitlabPAT {
					t.Errorf("got %+v, %v", fs, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"short":                 "…",
		"medium-secret":         "me…et",
		githubPAT:               "ghp_…2Ae4",
		"ключ-ключ-ключ-ключ-1": "ключ…юч-1",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

const proseParagraph = `Please help me write a short design note for our payments service. The service exposes an API that other teams call to create invoices, and we want the note to explain how authentication works, how we rotate access tokens, and why we never store passwords in plain text. Keep the tone friendly but precise. Mention that the secret manager holds the signing key and that each client gets its own key with a limited scope. Also describe the retry policy: three attempts with exponential backoff, starting at 200 ms. Finally, add a section on monitoring, including the dashboards we use and the alert thresholds for error rates above two percent over five minutes. `

// prose4KiB is English text dense in secret-related words (key, token, secret, password,
// API, auth, access): the worst case for gitleaks' keyword prefilter.
func prose4KiB() string {
	return strings.Repeat(proseParagraph, 4096/len(proseParagraph)+1)[:4096]
}
