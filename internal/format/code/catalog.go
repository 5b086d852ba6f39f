package code

import "strings"

// Categories of catalogued packages: the values of bom.Category (package bom imports this
// one, so they are repeated here).
const (
	CatLLMClient   = "llm-client"
	CatAgent       = "agent-framework"
	CatMLFramework = "ml-framework"
	CatVectorStore = "vector-store"
	CatEmbedding   = "embedding"
	CatMCPServer   = "mcp-server"
	CatModelAPI    = "model-api"
)

// Ecosystems, as OSV names them.
const (
	PyPI  = "PyPI"
	NPM   = "npm"
	GoEco = "Go"
	Maven = "Maven"
)

// Entry is a catalogued AI package.
type Entry struct {
	Package   string // canonical name in its ecosystem ("openai", "@anthropic-ai/sdk", "dev.langchain4j:langchain4j")
	Ecosystem string // PyPI, npm, Go, Maven
	Category  string // one of the Cat* values
	Provider  string // the AI provider or vendor ("OpenAI", "Hugging Face"), "" when none stands out
}

func py(pkg, cat, provider string) Entry { return Entry{pkg, PyPI, cat, provider} }

// pyModules maps Python top-level (or dotted) modules to their PyPI package. Families
// (langchain_*, llama_index.*) are handled by pyFamily; boto3 (Bedrock only) and agents
// (openai-agents, only for Agent/Runner) by Usages.
var pyModules = map[string]Entry{
	"openai":                  py("openai", CatLLMClient, "OpenAI"),
	"anthropic":               py("anthropic", CatLLMClient, "Anthropic"),
	"google.generativeai":     py("google-generativeai", CatLLMClient, "Google"),
	"google.genai":            py("google-genai", CatLLMClient, "Google"),
	"vertexai":                py("google-cloud-aiplatform", CatLLMClient, "Google"),
	"google.cloud.aiplatform": py("google-cloud-aiplatform", CatLLMClient, "Google"),
	"azure.ai.inference":      py("azure-ai-inference", CatLLMClient, "Microsoft"),
	"azure.ai.openai":         py("azure-ai-openai", CatLLMClient, "Microsoft"),
	"mistralai":               py("mistralai", CatLLMClient, "Mistral AI"),
	"cohere":                  py("cohere", CatLLMClient, "Cohere"),
	"ollama":                  py("ollama", CatLLMClient, "Ollama"),
	"litellm":                 py("litellm", CatLLMClient, ""),
	"groq":                    py("groq", CatLLMClient, "Groq"),
	"together":                py("together", CatLLMClient, "Together AI"),
	"replicate":               py("replicate", CatLLMClient, "Replicate"),
	"huggingface_hub":         py("huggingface-hub", CatLLMClient, "Hugging Face"),
	"vllm":                    py("vllm", CatMLFramework, ""),
	"transformers":            py("transformers", CatMLFramework, "Hugging Face"),
	"diffusers":               py("diffusers", CatMLFramework, "Hugging Face"),
	"accelerate":              py("accelerate", CatMLFramework, "Hugging Face"),
	"peft":                    py("peft", CatMLFramework, "Hugging Face"),
	"trl":                     py("trl", CatMLFramework, "Hugging Face"),
	"sentence_transformers":   py("sentence-transformers", CatEmbedding, "Hugging Face"),
	"torch":                   py("torch", CatMLFramework, "Meta"),
	"tensorflow":              py("tensorflow", CatMLFramework, "Google"),
	"keras":                   py("keras", CatMLFramework, "Google"),
	"jax":                     py("jax", CatMLFramework, "Google"),
	"flax":                    py("flax", CatMLFramework, "Google"),
	"sklearn":                 py("scikit-learn", CatMLFramework, ""),
	"xgboost":                 py("xgboost", CatMLFramework, ""),
	"lightgbm":                py("lightgbm", CatMLFramework, "Microsoft"),
	"onnxruntime":             py("onnxruntime", CatMLFramework, "Microsoft"),
	"llama_cpp":               py("llama-cpp-python", CatMLFramework, ""),
	"gpt4all":                 py("gpt4all", CatMLFramework, "Nomic AI"),
	"langchain":               py("langchain", CatAgent, "LangChain"),
	"langgraph":               py("langgraph", CatAgent, "LangChain"),
	"crewai":                  py("crewai", CatAgent, "CrewAI"),
	"autogen":                 py("pyautogen", CatAgent, "Microsoft"),
	"autogen_agentchat":       py("autogen-agentchat", CatAgent, "Microsoft"),
	"autogen_core":            py("autogen-core", CatAgent, "Microsoft"),
	"autogen_ext":             py("autogen-ext", CatAgent, "Microsoft"),
	"semantic_kernel":         py("semantic-kernel", CatAgent, "Microsoft"),
	"dspy":                    py("dspy", CatAgent, ""),
	"haystack":                py("haystack-ai", CatAgent, "deepset"),
	"instructor":              py("instructor", CatAgent, ""),
	"guidance":                py("guidance", CatAgent, "Microsoft"),
	"pydantic_ai":             py("pydantic-ai", CatAgent, "Pydantic"),
	"smolagents":              py("smolagents", CatAgent, "Hugging Face"),
	"mcp":                     py("mcp", CatMCPServer, ""),
	"fastmcp":                 py("fastmcp", CatMCPServer, ""),
	"chromadb":                py("chromadb", CatVectorStore, "Chroma"),
	"pinecone":                py("pinecone", CatVectorStore, "Pinecone"),
	"faiss":                   py("faiss-cpu", CatVectorStore, "Meta"),
	"qdrant_client":           py("qdrant-client", CatVectorStore, "Qdrant"),
	"weaviate":                py("weaviate-client", CatVectorStore, "Weaviate"),
	"pymilvus":                py("pymilvus", CatVectorStore, "Milvus"),
	"lancedb":                 py("lancedb", CatVectorStore, "LanceDB"),
	"pgvector":                py("pgvector", CatVectorStore, ""),
}

// pyPackagesExtra are PyPI names with no module of their own in pyModules.
var pyPackagesExtra = map[string]Entry{
	"pinecone-client":       py("pinecone-client", CatVectorStore, "Pinecone"),
	"faiss-gpu":             py("faiss-gpu", CatVectorStore, "Meta"),
	"torchvision":           py("torchvision", CatMLFramework, "Meta"),
	"torchaudio":            py("torchaudio", CatMLFramework, "Meta"),
	"jaxlib":                py("jaxlib", CatMLFramework, "Google"),
	"tf-keras":              py("tf-keras", CatMLFramework, "Google"),
	"tensorflow-cpu":        py("tensorflow-cpu", CatMLFramework, "Google"),
	"tensorflow-gpu":        py("tensorflow-gpu", CatMLFramework, "Google"),
	"onnxruntime-gpu":       py("onnxruntime-gpu", CatMLFramework, "Microsoft"),
	"openai-agents":         py("openai-agents", CatAgent, "OpenAI"),
	"ag2":                   py("ag2", CatAgent, "Microsoft"),
	"llama-index":           py("llama-index", CatAgent, "LlamaIndex"),
	"farm-haystack":         py("farm-haystack", CatAgent, "deepset"),
	"dspy-ai":               py("dspy-ai", CatAgent, ""),
	"vertexai":              py("vertexai", CatLLMClient, "Google"),
	"llama-cpp-python":      py("llama-cpp-python", CatMLFramework, ""),
	"sentence-transformers": py("sentence-transformers", CatEmbedding, "Hugging Face"),
}

// pyFamily maps modules of package families: langchain_openai → langchain-openai,
// llama_index.llms.openai → llama-index-llms-openai.
func pyFamily(module string) (Entry, bool) {
	root, rest, _ := strings.Cut(module, ".")
	switch {
	case strings.HasPrefix(root, "langchain_"):
		pkg := "langchain-" + strings.ReplaceAll(strings.TrimPrefix(root, "langchain_"), "_", "-")
		return py(pkg, CatAgent, providerOr(pkg, "LangChain")), true
	case root == "llama_index":
		segs := strings.Split(rest, ".")
		pkg := "llama-index"
		switch {
		case len(segs) >= 2 && segs[0] != "core":
			pkg += "-" + segs[0] + "-" + segs[1]
		case len(segs) >= 1 && segs[0] == "core":
			pkg += "-core"
		}
		pkg = strings.ReplaceAll(pkg, "_", "-")
		return py(pkg, CatAgent, providerOr(pkg, "LlamaIndex")), true
	}
	return Entry{}, false
}

// pyEntry finds the entry of a dotted Python module (the longest catalogued prefix).
func pyEntry(module string) (Entry, bool) {
	m := module
	for {
		if e, ok := pyModules[m]; ok {
			return e, true
		}
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			break
		}
		m = m[:i]
	}
	return pyFamily(module)
}

func npm(pkg, cat, provider string) Entry { return Entry{pkg, NPM, cat, provider} }

// npmPackages maps npm package names; families by prefix in npmEntry.
var npmPackages = map[string]Entry{
	"openai":                                npm("openai", CatLLMClient, "OpenAI"),
	"@anthropic-ai/sdk":                     npm("@anthropic-ai/sdk", CatLLMClient, "Anthropic"),
	"@anthropic-ai/bedrock-sdk":             npm("@anthropic-ai/bedrock-sdk", CatLLMClient, "Anthropic"),
	"@anthropic-ai/vertex-sdk":              npm("@anthropic-ai/vertex-sdk", CatLLMClient, "Anthropic"),
	"@google/generative-ai":                 npm("@google/generative-ai", CatLLMClient, "Google"),
	"@google/genai":                         npm("@google/genai", CatLLMClient, "Google"),
	"@google-cloud/vertexai":                npm("@google-cloud/vertexai", CatLLMClient, "Google"),
	"@aws-sdk/client-bedrock-runtime":       npm("@aws-sdk/client-bedrock-runtime", CatLLMClient, "AWS"),
	"@aws-sdk/client-bedrock-agent-runtime": npm("@aws-sdk/client-bedrock-agent-runtime", CatLLMClient, "AWS"),
	"@azure/openai":                         npm("@azure/openai", CatLLMClient, "Microsoft"),
	"@azure-rest/ai-inference":              npm("@azure-rest/ai-inference", CatLLMClient, "Microsoft"),
	"@mistralai/mistralai":                  npm("@mistralai/mistralai", CatLLMClient, "Mistral AI"),
	"cohere-ai":                             npm("cohere-ai", CatLLMClient, "Cohere"),
	"ollama":                                npm("ollama", CatLLMClient, "Ollama"),
	"groq-sdk":                              npm("groq-sdk", CatLLMClient, "Groq"),
	"together-ai":                           npm("together-ai", CatLLMClient, "Together AI"),
	"replicate":                             npm("replicate", CatLLMClient, "Replicate"),
	"@huggingface/inference":                npm("@huggingface/inference", CatLLMClient, "Hugging Face"),
	"ai":                                    npm("ai", CatLLMClient, "Vercel"),
	"langchain":                             npm("langchain", CatAgent, "LangChain"),
	"@langchain/langgraph":                  npm("@langchain/langgraph", CatAgent, "LangChain"),
	"llamaindex":                            npm("llamaindex", CatAgent, "LlamaIndex"),
	"@openai/agents":                        npm("@openai/agents", CatAgent, "OpenAI"),
	"@mastra/core":                          npm("@mastra/core", CatAgent, "Mastra"),
	"@modelcontextprotocol/sdk":             npm("@modelcontextprotocol/sdk", CatMCPServer, ""),
	"fastmcp":                               npm("fastmcp", CatMCPServer, ""),
	"@pinecone-database/pinecone":           npm("@pinecone-database/pinecone", CatVectorStore, "Pinecone"),
	"chromadb":                              npm("chromadb", CatVectorStore, "Chroma"),
	"@qdrant/js-client-rest":                npm("@qdrant/js-client-rest", CatVectorStore, "Qdrant"),
	"weaviate-client":                       npm("weaviate-client", CatVectorStore, "Weaviate"),
	"weaviate-ts-client":                    npm("weaviate-ts-client", CatVectorStore, "Weaviate"),
	"@zilliz/milvus2-sdk-node":              npm("@zilliz/milvus2-sdk-node", CatVectorStore, "Milvus"),
	"@lancedb/lancedb":                      npm("@lancedb/lancedb", CatVectorStore, "LanceDB"),
	"@huggingface/transformers":             npm("@huggingface/transformers", CatMLFramework, "Hugging Face"),
	"@xenova/transformers":                  npm("@xenova/transformers", CatMLFramework, "Hugging Face"),
	"onnxruntime-node":                      npm("onnxruntime-node", CatMLFramework, "Microsoft"),
	"onnxruntime-web":                       npm("onnxruntime-web", CatMLFramework, "Microsoft"),
}

// npmPackageOf returns the package of an import specifier ("openai/resources" → "openai",
// "@scope/pkg/sub" → "@scope/pkg", "node:fs" → "fs").
func npmPackageOf(spec string) string {
	spec = strings.TrimPrefix(spec, "node:")
	segs := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(segs) >= 2 {
		return segs[0] + "/" + segs[1]
	}
	return segs[0]
}

// npmEntry finds the entry of an import specifier.
func npmEntry(spec string) (Entry, bool) {
	pkg := npmPackageOf(spec)
	if e, ok := npmPackages[pkg]; ok {
		return e, true
	}
	switch {
	case strings.HasPrefix(pkg, "@langchain/"):
		return npm(pkg, CatAgent, providerOr(pkg, "LangChain")), true
	case strings.HasPrefix(pkg, "@llamaindex/"):
		return npm(pkg, CatAgent, providerOr(pkg, "LlamaIndex")), true
	case strings.HasPrefix(pkg, "@ai-sdk/"):
		return npm(pkg, CatLLMClient, providerOr(pkg, "Vercel")), true
	case strings.HasPrefix(pkg, "@tensorflow/tfjs"):
		return npm(pkg, CatMLFramework, "Google"), true
	}
	return Entry{}, false
}
