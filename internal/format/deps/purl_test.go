package deps

import "testing"

func TestPURL(t *testing.T) {
	tests := []struct {
		p    Package
		want string
	}{
		{Package{Ecosystem: PyPI, Name: "Foo.Bar_baz", Version: "1.0"}, "pkg:pypi/foo-bar-baz@1.0"},
		{Package{Ecosystem: PyPI, Name: "torch", Version: "2.3.0+cu121"}, "pkg:pypi/torch@2.3.0%2Bcu121"},
		{Package{Ecosystem: PyPI, Name: "langchain"}, "pkg:pypi/langchain"},
		{Package{Ecosystem: Npm, Name: "@Anthropic-AI/sdk", Version: "0.24.3"}, "pkg:npm/%40anthropic-ai/sdk@0.24.3"},
		{Package{Ecosystem: Npm, Name: "openai", Version: "4.52.0"}, "pkg:npm/openai@4.52.0"},
		{Package{Ecosystem: Go, Name: "github.com/go-jose/go-jose/v3", Version: "v3.0.3"}, "pkg:golang/github.com/go-jose/go-jose/v3@v3.0.3"},
		{Package{Ecosystem: Go, Name: "gopkg.in/yaml.v3", Version: "v3.0.1"}, "pkg:golang/gopkg.in/yaml.v3@v3.0.1"},
		{Package{Ecosystem: Go, Name: "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai", Version: "v0.5.1"}, "pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai@v0.5.1"},
		{Package{Ecosystem: Maven, Name: "dev.langchain4j:langchain4j-open-ai", Version: "0.31.0"}, "pkg:maven/dev.langchain4j/langchain4j-open-ai@0.31.0"},
		{Package{Ecosystem: Maven, Name: "org.junit:junit"}, "pkg:maven/org.junit/junit"},
		{Package{Ecosystem: PyPI, Name: ""}, ""},
		{Package{Ecosystem: "cargo", Name: "serde"}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.PURL(); got != tt.want {
			t.Errorf("%+v.PURL() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		eco        Ecosystem
		name, want string
	}{
		{PyPI, "Foo.Bar_baz", "foo-bar-baz"},
		{PyPI, "foo__bar--.baz", "foo-bar-baz"},
		{PyPI, "Sentence_Transformers", "sentence-transformers"},
		{PyPI, "zope.interface", "zope-interface"},
		{Npm, "@Scope/Name", "@scope/name"},
		{Go, "github.com/BurntSushi/toml", "github.com/BurntSushi/toml"},
		{Maven, "Org.Example:Artifact", "Org.Example:Artifact"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.eco, tt.name); got != tt.want {
			t.Errorf("NormalizeName(%s, %q) = %q, want %q", tt.eco, tt.name, got, tt.want)
		}
	}
}
