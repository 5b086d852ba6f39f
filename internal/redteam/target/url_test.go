package target

import (
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in, kind, url, display string
	}{
		{"openai://api.example.com/v1", KindOpenAI, "https://api.example.com/v1/chat/completions", ""},
		{"openai://api.example.com", KindOpenAI, "https://api.example.com/v1/chat/completions", ""},
		{"openai://api.example.com/", KindOpenAI, "https://api.example.com/v1/chat/completions", ""},
		{"openai://localhost:8000/v1", KindOpenAI, "http://localhost:8000/v1/chat/completions", ""},
		{"openai://127.0.0.1:8000", KindOpenAI, "http://127.0.0.1:8000/v1/chat/completions", ""},
		{"openai://127.1.2.3/api", KindOpenAI, "http://127.1.2.3/api/chat/completions", ""},
		{"openai://[::1]:9/v1", KindOpenAI, "http://[::1]:9/v1/chat/completions", ""},
		{"openai://LocalHost./v1", KindOpenAI, "http://LocalHost./v1/chat/completions", ""},
		{"openai://10.0.0.1/v1", KindOpenAI, "https://10.0.0.1/v1/chat/completions", ""},
		{"openai+http://gpu.lan:8000/v1", KindOpenAI, "http://gpu.lan:8000/v1/chat/completions", ""},
		{"openai+https://localhost/v1", KindOpenAI, "https://localhost/v1/chat/completions", ""},
		{"OpenAI://h/v1/chat/completions", KindOpenAI, "https://h/v1/chat/completions", ""},
		{"http://h:1/v1/", KindOpenAI, "http://h:1/v1/chat/completions", ""},
		{"https://h/openai/v1", KindOpenAI, "https://h/openai/v1/chat/completions", ""},
		{"openai://h/v1?api-version=2024&key=s3cret", KindOpenAI,
			"https://h/v1/chat/completions?api-version=2024&key=s3cret", "https://h/v1/chat/completions"},
		{"rest://bot.example.com/api/chat", KindREST, "https://bot.example.com/api/chat", ""},
		{"rest://localhost:3000/chat#x", KindREST, "http://localhost:3000/chat", ""},
		{"rest+http://bot.lan/chat", KindREST, "http://bot.lan/chat", ""},
		{"rest+https://127.0.0.1/chat", KindREST, "https://127.0.0.1/chat", ""},
		{"rest://h/", KindREST, "https://h/", ""},
	}
	for _, tc := range tests {
		ep, err := parseURL(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		display := tc.display
		if display == "" {
			display = tc.url
		}
		if ep.kind != tc.kind || ep.url != tc.url || ep.display != display {
			t.Errorf("%s: got %+v, want kind %s url %s display %s", tc.in, ep, tc.kind, tc.url, display)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"openai://user:hunter2@h/v1", "credentials"},
		{"rest://token@h/chat", "credentials"},
		{"ftp://h/x", "unknown scheme"},
		{"localhost:8000", "unknown scheme"},
		{"h/v1", "unknown scheme"},
		{"openai:///v1", "no host"},
		{"openai:h", "no host"},
		{"openai://user:hun%zz@h/v1", "may hold credentials"},
		{"openai://h:port/v1", "unable to parse"},
		{"", "unknown scheme"},
	}
	for _, tc := range tests {
		_, err := parseURL(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.want)
			continue
		}
		for _, secret := range []string{"hunter2", "hun%zz", "token"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%q: error %q leaks %q", tc.in, err, secret)
			}
		}
	}
}

func TestNewEndpoint(t *testing.T) {
	tg, err := New("openai://localhost:1/v1?key=abc", Options{Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	ep := tg.Endpoint()
	if ep.Kind != KindOpenAI || ep.Model != "m" || ep.URL != "http://localhost:1/v1/chat/completions" {
		t.Fatalf("endpoint %+v", ep)
	}
	if _, err := New("rest://localhost:1/x", Options{}); err == nil {
		t.Fatal("rest without options accepted")
	}
}
