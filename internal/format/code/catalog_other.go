package code

import (
	"strings"
	"unicode"
)

func gomod(pkg, cat, provider string) Entry { return Entry{pkg, GoEco, cat, provider} }

// goModules maps Go module paths; an import path matches its longest catalogued prefix.
var goModules = map[string]Entry{
	"github.com/sashabaranov/go-openai":                        gomod("github.com/sashabaranov/go-openai", CatLLMClient, "OpenAI"),
	"github.com/openai/openai-go":                              gomod("github.com/openai/openai-go", CatLLMClient, "OpenAI"),
	"github.com/anthropics/anthropic-sdk-go":                   gomod("github.com/anthropics/anthropic-sdk-go", CatLLMClient, "Anthropic"),
	"google.golang.org/genai":                                  gomod("google.golang.org/genai", CatLLMClient, "Google"),
	"github.com/google/generative-ai-go":                       gomod("github.com/google/generative-ai-go", CatLLMClient, "Google"),
	"cloud.google.com/go/vertexai":                             gomod("cloud.google.com/go/vertexai", CatLLMClient, "Google"),
	"github.com/tmc/langchaingo":                               gomod("github.com/tmc/langchaingo", CatAgent, "LangChain"),
	"github.com/ollama/ollama":                                 gomod("github.com/ollama/ollama", CatLLMClient, "Ollama"),
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime":      gomod("github.com/aws/aws-sdk-go-v2/service/bedrockruntime", CatLLMClient, "AWS"),
	"github.com/aws/aws-sdk-go-v2/service/bedrockagentruntime": gomod("github.com/aws/aws-sdk-go-v2/service/bedrockagentruntime", CatLLMClient, "AWS"),
	"github.com/cohere-ai/cohere-go":                           gomod("github.com/cohere-ai/cohere-go", CatLLMClient, "Cohere"),
	"github.com/mark3labs/mcp-go":                              gomod("github.com/mark3labs/mcp-go", CatMCPServer, ""),
	"github.com/modelcontextprotocol/go-sdk":                   gomod("github.com/modelcontextprotocol/go-sdk", CatMCPServer, ""),
	"github.com/pinecone-io/go-pinecone":                       gomod("github.com/pinecone-io/go-pinecone", CatVectorStore, "Pinecone"),
	"github.com/qdrant/go-client":                              gomod("github.com/qdrant/go-client", CatVectorStore, "Qdrant"),
	"github.com/weaviate/weaviate-go-client":                   gomod("github.com/weaviate/weaviate-go-client", CatVectorStore, "Weaviate"),
	"github.com/milvus-io/milvus-sdk-go":                       gomod("github.com/milvus-io/milvus-sdk-go", CatVectorStore, "Milvus"),
	"github.com/firebase/genkit/go":                            gomod("github.com/firebase/genkit/go", CatAgent, "Google"),
	"github.com/cloudwego/eino":                                gomod("github.com/cloudwego/eino", CatAgent, ""),
}

// goEntry finds the entry of a Go import or module path; the package keeps a major-version
// element that follows the catalogued prefix ("github.com/cohere-ai/cohere-go/v2").
func goEntry(path string) (Entry, bool) {
	p := path
	for {
		if e, ok := goModules[p]; ok {
			if rest := strings.TrimPrefix(path, p); strings.HasPrefix(rest, "/v") {
				seg, _, _ := strings.Cut(rest[1:], "/")
				if isMajorVersion(seg) {
					e.Package += "/" + seg
				}
			}
			return e, true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return Entry{}, false
		}
		p = p[:i]
	}
}

// javaPackage is a Java package prefix and its Maven coordinate.
type javaPackage struct {
	prefix string
	entry  Entry
}

func mvn(pkg, cat, provider string) Entry { return Entry{pkg, Maven, cat, provider} }

// javaPackages maps Java package prefixes to Maven group:artifact, longest first.
var javaPackages = [...]javaPackage{
	{"software.amazon.awssdk.services.bedrockruntime", mvn("software.amazon.awssdk:bedrockruntime", CatLLMClient, "AWS")},
	{"software.amazon.awssdk.services.bedrockagentruntime", mvn("software.amazon.awssdk:bedrockagentruntime", CatLLMClient, "AWS")},
	{"com.google.cloud.vertexai", mvn("com.google.cloud:google-cloud-vertexai", CatLLMClient, "Google")},
	{"com.google.genai", mvn("com.google.genai:google-genai", CatLLMClient, "Google")},
	{"io.modelcontextprotocol", mvn("io.modelcontextprotocol.sdk:mcp", CatMCPServer, "")},
	{"org.springframework.ai", mvn("org.springframework.ai:spring-ai-core", CatAgent, "Spring")},
	{"com.azure.ai.openai", mvn("com.azure:azure-ai-openai", CatLLMClient, "Microsoft")},
	{"com.azure.ai.inference", mvn("com.azure:azure-ai-inference", CatLLMClient, "Microsoft")},
	{"dev.langchain4j", mvn("dev.langchain4j:langchain4j", CatAgent, "LangChain4j")},
	{"org.tensorflow", mvn("org.tensorflow:tensorflow-core-api", CatMLFramework, "Google")},
	{"com.openai", mvn("com.openai:openai-java", CatLLMClient, "OpenAI")},
	{"com.anthropic", mvn("com.anthropic:anthropic-java", CatLLMClient, "Anthropic")},
	{"ai.djl", mvn("ai.djl:api", CatMLFramework, "AWS")},
}

// javaEntry finds the entry of a dotted Java name.
func javaEntry(name string) (Entry, bool) {
	for _, jp := range javaPackages {
		if name == jp.prefix || strings.HasPrefix(name, jp.prefix+".") {
			return jp.entry, true
		}
	}
	return Entry{}, false
}

// mavenGroups maps Maven group:artifact (artifact "" = any artifact of the group or of its
// subgroups) for Lookup.
var mavenGroups = [...]struct {
	group, artifact string
	entry           Entry
}{
	{"software.amazon.awssdk", "bedrockruntime", mvn("", CatLLMClient, "AWS")},
	{"software.amazon.awssdk", "bedrockagentruntime", mvn("", CatLLMClient, "AWS")},
	{"com.google.cloud", "google-cloud-vertexai", mvn("", CatLLMClient, "Google")},
	{"com.google.cloud", "google-cloud-aiplatform", mvn("", CatLLMClient, "Google")},
	{"com.google.genai", "", mvn("", CatLLMClient, "Google")},
	{"com.azure", "azure-ai-openai", mvn("", CatLLMClient, "Microsoft")},
	{"com.azure", "azure-ai-inference", mvn("", CatLLMClient, "Microsoft")},
	{"io.modelcontextprotocol.sdk", "", mvn("", CatMCPServer, "")},
	{"org.springframework.ai", "", mvn("", CatAgent, "Spring")},
	{"dev.langchain4j", "", mvn("", CatAgent, "LangChain4j")},
	{"org.tensorflow", "", mvn("", CatMLFramework, "Google")},
	{"com.openai", "", mvn("", CatLLMClient, "OpenAI")},
	{"com.anthropic", "", mvn("", CatLLMClient, "Anthropic")},
	{"ai.djl", "", mvn("", CatMLFramework, "AWS")},
	{"com.theokanning.openai-gpt3-java", "", mvn("", CatLLMClient, "OpenAI")},
}

// moduleEntry finds the catalogue entry of an import in lang.
func moduleEntry(lang Lang, module string) (Entry, bool) {
	switch lang {
	case Python:
		return pyEntry(module)
	case JavaScript, TypeScript:
		return npmEntry(module)
	case Go:
		return goEntry(module)
	case Java:
		return javaEntry(module)
	}
	return Entry{}, false
}

// Lookup categorises a dependency declared in a manifest: eco is an OSV ecosystem name
// (PyPI, npm, Go, Maven), name the package as declared (PyPI names are normalised; Maven
// names are "group:artifact"). Package in the result is the canonical spelling of name.
func Lookup(eco, name string) (Entry, bool) {
	switch eco {
	case PyPI:
		return lookupPyPI(name)
	case NPM:
		return npmEntry(name)
	case GoEco:
		return goEntry(name)
	case Maven:
		return lookupMaven(name)
	}
	return Entry{}, false
}

// normalizePyPI applies PEP 503 normalisation (lower case, runs of -_. become -) and drops
// extras ("anthropic[vertex]").
func normalizePyPI(name string) string {
	name, _, _ = strings.Cut(name, "[")
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(name) {
		if r == '-' || r == '_' || r == '.' {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func lookupPyPI(name string) (Entry, bool) {
	n := normalizePyPI(name)
	if e, ok := pyPackagesExtra[n]; ok {
		return e, true
	}
	for _, e := range pyModules {
		if e.Package == n {
			return e, true
		}
	}
	for _, fam := range [...]struct{ prefix, owner string }{{"langchain-", "LangChain"}, {"llama-index-", "LlamaIndex"}, {"autogen-", "Microsoft"}} {
		if strings.HasPrefix(n, fam.prefix) {
			return py(n, CatAgent, providerOr(n, fam.owner)), true
		}
	}
	if strings.HasPrefix(n, "tensorflow-") {
		return py(n, CatMLFramework, "Google"), true
	}
	return Entry{}, false
}

func lookupMaven(name string) (Entry, bool) {
	group, artifact, _ := strings.Cut(strings.TrimSpace(name), ":")
	artifact, _, _ = strings.Cut(artifact, ":") // group:artifact:version
	for _, m := range mavenGroups {
		groupOK := group == m.group || m.artifact == "" && strings.HasPrefix(group, m.group+".")
		if groupOK && (m.artifact == "" || m.artifact == artifact) {
			e := m.entry
			e.Package = group + ":" + artifact
			return e, true
		}
	}
	return Entry{}, false
}

// providerHints map a lower-case name fragment to a provider, most specific first.
var providerHints = [...]struct{ hint, provider string }{
	{"azure", "Microsoft"}, {"openai", "OpenAI"}, {"anthropic", "Anthropic"}, {"claude", "Anthropic"},
	{"vertex", "Google"}, {"gemini", "Google"}, {"genai", "Google"}, {"google", "Google"}, {"bedrock", "AWS"},
	{"aws", "AWS"}, {"mistral", "Mistral AI"}, {"cohere", "Cohere"}, {"ollama", "Ollama"},
	{"huggingface", "Hugging Face"}, {"groq", "Groq"}, {"together", "Together AI"}, {"deepseek", "DeepSeek"},
	{"fireworks", "Fireworks AI"}, {"nvidia", "NVIDIA"}, {"watsonx", "IBM"}, {"xai", "xAI"}, {"perplexity", "Perplexity"},
}

// providerOr returns the provider a package or class name points at, else fallback.
func providerOr(name, fallback string) string {
	l := strings.ToLower(name)
	for _, h := range providerHints {
		if strings.Contains(l, h.hint) {
			return h.provider
		}
	}
	return fallback
}
