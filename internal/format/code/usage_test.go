package code

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// renderUsage writes a usage on one line for comparisons and golden files.
func renderUsage(u Usage) string {
	return fmt.Sprintf("%d %s %s/%s [%s] %q %q: %s", u.Line, u.Kind, u.Ecosystem, u.Package, u.Category, u.Provider, u.Name, u.Evidence)
}

// short is "kind package name" for table tests.
func short(us []Usage) []string {
	var out []string
	for _, u := range us {
		out = append(out, strings.TrimSpace(u.Kind+" "+u.Package+" "+u.Name))
	}
	return out
}

// sampleUsages parses a testdata sample (notebooks included) and returns its usages.
func sampleUsages(t *testing.T, path string) []Usage {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".ipynb") {
		nb, err := ParseNotebook(data)
		if err != nil {
			t.Fatal(err)
		}
		return Usages(nb.Code())
	}
	lang, ok := LangOf(path)
	if !ok {
		t.Fatalf("no language for %s", path)
	}
	return Usages(Parse(lang, data))
}

func TestUsagesSamples(t *testing.T) {
	tests := []struct {
		file   string
		want   []string
		absent []string
	}{
		{"rag_app.py", []string{
			"sdk chromadb", "sdk openai", "sdk langchain-openai", "sdk langchain-community", "sdk langchain-core",
			"client openai OpenAI", "endpoint openai https://api.openai.com/v1", "vector-store chromadb PersistentClient",
			"embedding openai embeddings.create", "model openai gpt-4o-mini", "client langchain-openai ChatOpenAI",
			"model langchain-openai gpt-4o", "vector-store langchain-community FAISS", "embedding langchain-openai OpenAIEmbeddings",
			"model langchain-openai text-embedding-3-large", "model  text-embedding-3-small",
		}, []string{"client langchain-core ChatPromptTemplate", "endpoint  http://evil.example", "vector-store chromadb Settings"}},
		{"agent.ts", []string{
			"sdk @anthropic-ai/sdk", "sdk openai", "client @anthropic-ai/sdk Anthropic", "client openai OpenAI",
			"endpoint openai https://api.openai.com/v1", "model @anthropic-ai/sdk claude-3-5-sonnet-20241022", "model  gpt-4.1-mini",
		}, []string{"endpoint  http://commented.example", "sdk zod"}},
		{"chat.go", []string{
			"sdk github.com/sashabaranov/go-openai", "client github.com/sashabaranov/go-openai openai.NewClientWithConfig",
			"model github.com/sashabaranov/go-openai gpt-4o", "model github.com/sashabaranov/go-openai text-embedding-3-small",
			"embedding github.com/sashabaranov/go-openai CreateEmbeddings", "endpoint  https://api.openai.com/v1",
		}, []string{"client github.com/sashabaranov/go-openai in a comment"}},
		{"Assistant.java", []string{
			"sdk dev.langchain4j:langchain4j", "client dev.langchain4j:langchain4j OpenAiChatModel",
			"endpoint dev.langchain4j:langchain4j https://api.openai.com/v1", "embedding dev.langchain4j:langchain4j OpenAiEmbeddingModel",
			"model dev.langchain4j:langchain4j text-embedding-3-small", "model  gpt-4o-mini",
		}, []string{"model  gpt-3.5-turbo"}},
		{"notebook.ipynb", []string{"sdk anthropic", "client anthropic Anthropic", "model anthropic claude-3-haiku-20240307", "sdk torch"},
			[]string{"model  gpt-4o"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := short(sampleUsages(t, filepath.Join("testdata", "samples", tt.file)))
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q in\n  %s", w, strings.Join(got, "\n  "))
				}
			}
			for _, no := range tt.absent {
				if slices.Contains(got, no) {
					t.Errorf("unexpected %q", no)
				}
			}
		})
	}
}

// TestUsagesGolden checks the usages of every sample against testdata/usages.golden.
func TestUsagesGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/samples/*")
	if err != nil || len(files) < 5 {
		t.Fatalf("samples missing: %v", err)
	}
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "== %s\n", filepath.Base(f))
		for _, u := range sampleUsages(t, f) {
			b.WriteString(renderUsage(u) + "\n")
		}
	}
	golden := filepath.Join("testdata", "usages.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != b.String() {
		t.Errorf("usages differ from %s (run with -update to accept):\n%s", golden, b.String())
	}
}

func TestUsagesDetails(t *testing.T) {
	tests := []struct {
		lang   Lang
		src    string
		want   []string
		absent []string
	}{
		{Python, "import boto3\nbr = boto3.client('bedrock-runtime', region_name='us-east-1')\ns3 = boto3.client('s3')\nbr.converse(modelId='anthropic.claude-3-haiku-20240307-v1:0')\n",
			[]string{"sdk boto3", "client boto3 bedrock-runtime", "model  anthropic.claude-3-haiku-20240307-v1:0"}, []string{"client boto3 s3"}},
		{Python, "from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline\nm = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3.1-8B', trust_remote_code=True)\ntok = AutoTokenizer.from_pretrained('bert-base-uncased')\np = pipeline('text-generation', model='gpt2')\n",
			[]string{"sdk transformers", "client transformers AutoModelForCausalLM", "model transformers meta-llama/Llama-3.1-8B",
				"model transformers bert-base-uncased", "client transformers pipeline", "model transformers gpt2"},
			[]string{"model transformers text-generation", "client transformers AutoTokenizer"}},
		{Python, "from agents import Agent, Runner\nfrom agents.extensions import x\nimport ollama\nollama.chat(model='llama3.2', messages=[])\nc = ollama.Client(host='http://localhost:11434')\nimport mcp\nimport sklearn\n",
			[]string{"sdk openai-agents", "sdk ollama", "model ollama llama3.2", "client ollama Client", "endpoint ollama http://localhost:11434", "sdk mcp", "sdk scikit-learn"}, nil},
		{Python, "import openai\nopenai.api_base = 'https://myco.openai.azure.com/'\nc = openai.AzureOpenAI(azure_endpoint='https://x.openai.azure.com', azure_deployment='prod-gpt')\nx = 'o1'\nc.chat.completions.create(model='o1', messages=[])\n",
			[]string{"client openai AzureOpenAI", "endpoint openai https://x.openai.azure.com", "model openai prod-gpt", "model openai o1", "endpoint  https://myco.openai.azure.com/"}, []string{"model  o1"}},
		{TypeScript, "import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { ChatOpenAI } from '@langchain/openai';\nimport { Pinecone } from '@pinecone-database/pinecone';\nconst r = await generateText({ model: openai('gpt-4o'), prompt });\nconst m = new ChatOpenAI({ model: 'gpt-4o-mini' });\nconst pc = new Pinecone();\n",
			[]string{"sdk ai", "sdk @ai-sdk/openai", "model @ai-sdk/openai gpt-4o", "client @langchain/openai ChatOpenAI", "model @langchain/openai gpt-4o-mini", "vector-store @pinecone-database/pinecone Pinecone"}, nil},
		{Go, "package p\nimport (\n\t\"github.com/anthropics/anthropic-sdk-go\"\n\t\"google.golang.org/genai\"\n)\nfunc f() {\n\tc := anthropic.NewClient()\n\tc.Messages.New(ctx, anthropic.MessageNewParams{Model: anthropic.ModelClaude3_7SonnetLatest})\n\tg, _ := genai.NewClient(ctx, nil)\n\tg.Models.GenerateContent(ctx, \"gemini-2.0-flash\", parts, nil)\n}\n",
			[]string{"client github.com/anthropics/anthropic-sdk-go anthropic.NewClient", "model github.com/anthropics/anthropic-sdk-go claude-3-7-sonnet-latest",
				"client google.golang.org/genai genai.NewClient", "model google.golang.org/genai gemini-2.0-flash"}, nil},
		{Python, "# from openai import OpenAI\ns = 'import openai'\nx = \"gpt-4o is great\"\nurl = 'see https://api.openai.com/v1 for docs'\n", nil,
			[]string{"sdk openai", "model  gpt-4o is great"}},
	}
	for _, tt := range tests {
		got := short(Usages(Parse(tt.lang, []byte(tt.src))))
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: missing %q in\n  %s", tt.lang, w, strings.Join(got, "\n  "))
			}
		}
		for _, no := range tt.absent {
			if slices.Contains(got, no) {
				t.Errorf("%s: unexpected %q", tt.lang, no)
			}
		}
		if tt.want == nil && len(got) != 0 {
			t.Errorf("%s: want no usages, got %v", tt.lang, got)
		}
	}
}

func TestUsagesDedup(t *testing.T) {
	us := Usages(Parse(Python, []byte("import torch\nimport torch.nn as nn\nfrom openai import OpenAI\na = OpenAI()\nb = OpenAI()\nm = 'gpt-4o'\nc = a.chat.completions.create(model='gpt-4o')\n")))
	got := short(us)
	want := []string{"sdk torch", "sdk openai", "client openai OpenAI", "model openai gpt-4o"}
	if !slices.Equal(got, want) {
		t.Errorf("usages = %v, want %v", got, want)
	}
	if us[2].Line != 4 || us[3].Line != 7 {
		t.Errorf("first lines not kept: %+v", us)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		eco, name, pkg, cat, provider string
		ok                            bool
	}{
		{PyPI, "OpenAI", "openai", CatLLMClient, "OpenAI", true},
		{PyPI, "langchain_openai", "langchain-openai", CatAgent, "OpenAI", true},
		{PyPI, "llama-index-llms-anthropic", "llama-index-llms-anthropic", CatAgent, "Anthropic", true},
		{PyPI, "scikit-learn", "scikit-learn", CatMLFramework, "", true},
		{PyPI, "anthropic[vertex]", "anthropic", CatLLMClient, "Anthropic", true},
		{PyPI, "chromadb", "chromadb", CatVectorStore, "Chroma", true},
		{PyPI, "requests", "", "", "", false},
		{NPM, "@langchain/anthropic", "@langchain/anthropic", CatAgent, "Anthropic", true},
		{NPM, "@ai-sdk/google", "@ai-sdk/google", CatLLMClient, "Google", true},
		{NPM, "@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk", CatMCPServer, "", true},
		{NPM, "express", "", "", "", false},
		{GoEco, "github.com/cohere-ai/cohere-go/v2", "github.com/cohere-ai/cohere-go/v2", CatLLMClient, "Cohere", true},
		{GoEco, "github.com/tmc/langchaingo", "github.com/tmc/langchaingo", CatAgent, "LangChain", true},
		{GoEco, "github.com/spf13/cobra", "", "", "", false},
		{Maven, "dev.langchain4j:langchain4j-open-ai", "dev.langchain4j:langchain4j-open-ai", CatAgent, "LangChain4j", true},
		{Maven, "software.amazon.awssdk:bedrockruntime", "software.amazon.awssdk:bedrockruntime", CatLLMClient, "AWS", true},
		{Maven, "software.amazon.awssdk:s3", "", "", "", false},
		{Maven, "com.google.cloud:google-cloud-storage", "", "", "", false},
		{"crates.io", "openai", "", "", "", false},
	}
	for _, tt := range tests {
		e, ok := Lookup(tt.eco, tt.name)
		if ok != tt.ok || e.Package != tt.pkg || e.Category != tt.cat || e.Provider != tt.provider {
			t.Errorf("Lookup(%s, %s) = %+v, %v", tt.eco, tt.name, e, ok)
		}
	}
}

func TestModelAndEndpointPatterns(t *testing.T) {
	models := map[string]string{"gpt-4o": "OpenAI", "GPT-4.1-mini": "OpenAI", "o3-mini": "OpenAI", "claude-sonnet-4-5": "Anthropic",
		"gemini-2.5-pro": "Google", "text-embedding-004": "Google", "text-embedding-3-small": "OpenAI", "mistral-large-latest": "Mistral AI",
		"command-r-plus": "Cohere", "llama3.1:8b": "Meta", "llama3.2": "Meta", "qwen2.5-coder": "Alibaba", "meta.llama3-70b-instruct-v1:0": "Meta", "dall-e-3": "OpenAI", "whisper-1": "OpenAI"}
	for m, p := range models {
		if got, ok := ModelProvider(m); !ok || got != p {
			t.Errorf("ModelProvider(%q) = %q, %v; want %q", m, got, ok, p)
		}
	}
	for m, p := range map[string]string{"claude-3-haiku-20240307": "Anthropic", "claude-instant-1.2": "Anthropic", "claude-2.0": "Anthropic",
		"claude-opus-4-1@20250805": "Anthropic", "anthropic.claude-v2": "Anthropic", "claude-opus-latest": "Anthropic",
		"gemini-pro": "Google", "gemini-1.5-flash": "Google", "models/gemini-1.5-pro": "Google", "gemini-exp-1206": "Google",
		"command-r": "Cohere", "command-r7b-12-2024": "Cohere", "qwen2:72b-instruct-q3_K_M": "Alibaba", "codellama/CodeLlama-7b-hf": "Meta",
		"grok-beta": "xAI", "grok-3-mini": "xAI", "gemma-2b-it": "Google", "o1-mini": "OpenAI", "o3-2025-04-16": "OpenAI", "gpt-image-1": "OpenAI",
		"mistral-7b-instruct-v0.2": "Mistral AI", "text-embedding-ada-002": "OpenAI", "qwen-max": "Alibaba", "llama3.2-vision": "Meta"} {
		if got, ok := ModelProvider(m); !ok || got != p {
			t.Errorf("ModelProvider(%q) = %q, %v; want %q", m, got, ok, p)
		}
	}
	// Product, package and architecture names that share a model prefix, and prefixes built
	// for startsWith tests, are not models.
	for _, no := range []string{"claude-code", "claude-desktop", "gemini-cli", "claude-agent-sdk-js", "claude-tag", "command-remapping",
		"qwen2vl_merger", "gemma3n", "qwen35moe", "qwen2.5vl", "qwen3vl", "gemma-embedding", "mistral-common", "mistral-inference",
		"grok-patterns", "qwen-agent", "gpt-4-", "gpt-3.5-turbo-", "chatgpt-image-", "text-embedding-inference", "o1-foo",
		"qwen35moe.full_attention_interval", "llama3_tokenizer", "gpt-4o_mini"} {
		if _, ok := ModelProvider(no); ok {
			t.Errorf("ModelProvider(%q) matched", no)
		}
	}
	for _, no := range []string{"o1", "gpt", "mistral", "gpt-4o is great", "claude", "llama", "", "llama3", "qwen2", "llama3.md", "gpt-4o.json", "claude-", "qwen/"} {
		if _, ok := ModelProvider(no); ok {
			t.Errorf("ModelProvider(%q) matched", no)
		}
	}
	endpoints := map[string]string{"https://api.openai.com/v1": "OpenAI", "https://my.openai.azure.com/openai": "Microsoft",
		"https://us-central1-aiplatform.googleapis.com/v1": "Google", "https://bedrock-runtime.us-east-1.amazonaws.com": "AWS",
		"http://localhost:11434": "Ollama", "https://user:pw@api.anthropic.com:443/v1": "Anthropic", "https://openrouter.ai/api/v1": "OpenRouter"}
	for u, p := range endpoints {
		if got, ok := EndpointProvider(u); !ok || got != p {
			t.Errorf("EndpointProvider(%q) = %q, %v; want %q", u, got, ok, p)
		}
	}
	for _, no := range []string{"https://example.com", "api.openai.com", "https://s3.amazonaws.com", "http://localhost:8080", "see https://api.openai.com",
		"https://${azureOpenAIApiInstanceName}.openai.azure.com/openai/deployments", "https://{resource}.openai.azure.com/", "https://%s.openai.azure.com"} {
		if _, ok := EndpointProvider(no); ok {
			t.Errorf("EndpointProvider(%q) matched", no)
		}
	}
	if got := GoPackageName("github.com/pinecone-io/go-pinecone/v3/pinecone"); got != "pinecone" {
		t.Errorf("GoPackageName = %q", got)
	}
}

// TestLiteralModels checks when a model name in a string literal outside a catalogued call
// counts: given to a model-like key, parameter or variable, or a dated id; not when listed,
// compared, a key, a union member, or one of many names in a catalogue file.
func TestLiteralModels(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		src  string
		want []string // model names reported
	}{
		{"py assignment", Python, "MODEL = 'gpt-4o'\n", []string{"gpt-4o"}},
		{"py env default", Python, "import os\nmodel = os.getenv('OPENAI_MODEL', 'gpt-4o-mini')\n", []string{"gpt-4o-mini"}},
		{"py dict key model", Python, "cfg = {'temperature': 0, 'model': 'claude-3-5-haiku-latest'}\n", []string{"claude-3-5-haiku-latest"}},
		{"py parameter default", Python, "def ask(prompt, model: str = 'gemini-2.0-flash'):\n    pass\n", []string{"gemini-2.0-flash"}},
		{"py pydantic field", Python, "class Settings(BaseSettings):\n    llm_model: str = 'gpt-4.1'\n", []string{"gpt-4.1"}},
		{"py self attribute", Python, "class A:\n    def __init__(self):\n        self.model_name = name or 'mistral-large-latest'\n", []string{"mistral-large-latest"}},
		{"py kwarg of unknown call", Python, "r = requests.post(url, json=dict(model='gpt-4o', messages=m))\n", []string{"gpt-4o"}},
		{"py dated id anywhere", Python, "ask('claude-3-5-sonnet-20241022', prompt)\n", []string{"claude-3-5-sonnet-20241022"}},
		{"py llm variable", Python, "llm = make_llm('gpt-4o')\n", []string{"gpt-4o"}},
		{"js object", JavaScript, "const body = JSON.stringify({ model: 'gpt-4o', messages });\n", []string{"gpt-4o"}},
		{"js env fallback", JavaScript, "const model = process.env.MODEL ?? 'gpt-4o-mini';\n", []string{"gpt-4o-mini"}},
		{"js config object", JavaScript, "export const config = {\n  llm: { model: \"claude-sonnet-4-5\" },\n};\n", []string{"claude-sonnet-4-5"}},
		{"ts destructuring default", TypeScript, "function f({ model = 'gpt-4o' }: Opts) {}\n", []string{"gpt-4o"}},
		{"go const", Go, "package p\nconst defaultModel = \"gpt-4o\"\n", []string{"gpt-4o"}},
		{"go const group", Go, "package p\nconst (\n\tChatModel = \"gpt-4o\"\n\tEmbedModel = \"text-embedding-3-small\"\n)\n", []string{"gpt-4o", "text-embedding-3-small"}},
		{"go struct of own type", Go, "package p\nfunc f() { r := Request{Model: \"gpt-4o\", Stream: true}; _ = r }\n", []string{"gpt-4o"}},
		// Negative cases.
		{"product names", Python, "MODEL = 'claude-code'\nmodel = 'claude-desktop'\nmodel_x = 'gemini-cli'\nmodel_y = 'claude-agent-sdk-js'\n", nil},
		{"no model key", Python, "name = 'gpt-4o'\nprint('gpt-4o')\nif model == 'gpt-4o-2024-08-06':\n    pass\nok = 'gpt-4o-2024-08-06' in models\n", nil},
		{"list of models for a model variable", Python, "SUPPORTED_MODELS = ['gpt-4o', 'gpt-4o-mini']\nmodel = st.selectbox('Model', ['o3-mini'])\n", []string{"gpt-4o", "gpt-4o-mini", "o3-mini"}},
		{"list of models for anything else", Python, "names = ['gpt-4o', 'gpt-4o-mini']\nprint(['o3-mini'])\nS = {'gpt-4.1'}\n", nil},
		{"dict keyed by model", Python, "MODEL_LIMITS = {'gpt-4o': 128000, 'gpt-4o-2024-08-06': 128000}\n", nil},
		{"subscript", Python, "limit = MODEL_LIMITS['gpt-4o-2024-08-06']\n", nil},
		{"ts union type", TypeScript, "export type ChatModel =\n  | 'gpt-4o-2024-08-06'\n  | 'gpt-4o';\nfunction f(model: 'gpt-4o' | 'gpt-4o-mini') {}\n", nil},
		{"ts interface member", TypeScript, "interface Opts {\n  model: 'gpt-4o';\n}\n", nil},
		{"switch case", JavaScript, "switch (model) {\n  case 'gpt-4o-2024-08-06': return 1;\n}\n", nil},
		{"catalogue file", JavaScript, "const a = { model: 'gpt-4o' };\nconst PRICES = { 'gpt-4o-mini': 1, 'gpt-4.1': 2, 'gpt-4.1-mini': 3, 'o3-mini': 4, 'claude-3-5-haiku-latest': 5 };\n", nil},
		{"prefix tested", JavaScript, "if (model.startsWith('gpt-4-') || model === 'gpt-3.5-turbo-') {}\nconst modelPrefix = 'claude-3-';\n", nil},
		{"interpolated", Python, "model = f'gpt-4o-{size}'\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, u := range Usages(Parse(tt.lang, []byte(tt.src))) {
				if u.Kind == KindModel {
					got = append(got, u.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("models = %q, want %q", got, tt.want)
			}
		})
	}
}
