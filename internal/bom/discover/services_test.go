package discover

import (
	"slices"
	"testing"
)

func TestRedactArgs(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"-y", "@modelcontextprotocol/server-github"}, []string{"-y", "@modelcontextprotocol/server-github"}},
		{[]string{"--api-key=sk-abc", "--port", "8080"}, []string{"--api-key=***", "--port", "8080"}},
		{[]string{"--token", "ghp_abcdef", "serve"}, []string{"--token", "***", "serve"}},
		{[]string{"run", "hf_abcdefghij"}, []string{"run", "***"}},
		{[]string{"/srv/docs"}, []string{"/srv/docs"}},
	}
	for _, c := range cases {
		if got := redactArgs(c.in); !slices.Equal(got, c.want) {
			t.Errorf("redactArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanURL(t *testing.T) {
	if got := cleanURL("https://user:tok@mcp.example.com/sse?api_key=abc#x"); got != "https://mcp.example.com/sse" {
		t.Errorf("cleanURL = %q", got)
	}
}
