package code

import "strings"

// Argument names that carry a model name or an endpoint.
var (
	modelArgs = set("model", "model_name", "model_id", "modelId", "modelName", "deployment_name", "deploymentName",
		"azure_deployment", "azureDeployment", "deployment", "deployment_id", "engine", "repo_id", "repoId",
		"pretrained_model_name_or_path", "model_path", "Model", "ModelID", "ModelId")
	endpointArgs = set("base_url", "baseURL", "baseUrl", "api_base", "apiBase", "endpoint", "azure_endpoint",
		"azureEndpoint", "BaseURL", "Endpoint", "host")
	// positionalModel are callees (last name) whose first positional argument is a model name.
	positionalModel = set("from_pretrained", "SentenceTransformer", "CrossEncoder", "GenerativeModel", "LLM", "GPT4All",
		"Ollama", "ChatOllama", "OllamaLLM", "InferenceClient", "hf_hub_download", "snapshot_download", "init_chat_model",
		"modelName", "modelId", "model", "get_model", "getGenerativeModel", "TextEmbedding")
	// positionalEndpoint are callees whose first positional argument is an endpoint.
	positionalEndpoint = set("WithBaseURL", "baseUrl", "endpoint", "WithEndpoint")
	// factories are class methods that construct a client or store (`FAISS.from_documents`).
	factories = set("from_documents", "from_texts", "from_existing_index", "load_local", "from_pretrained", "builder",
		"fromEnv", "from_env", "from_config", "from_model_id", "fromDocuments", "fromTexts", "fromExistingIndex",
		"from_vector_store", "from_defaults")
	// constructorFuncs are functions that construct a client, model or store.
	constructorFuncs = set("pipeline", "init_chat_model", "connect", "connect_to_local", "connect_to_weaviate_cloud",
		"connect_to_custom", "InferenceSession", "load_model")
	// vectorClasses are vector-store classes of agent frameworks.
	vectorClasses = set("FAISS", "Chroma", "Pinecone", "PineconeVectorStore", "Qdrant", "QdrantVectorStore", "Weaviate",
		"WeaviateVectorStore", "Milvus", "PGVector", "LanceDB", "ElasticsearchStore", "OpenSearchVectorSearch",
		"MongoDBAtlasVectorSearch", "AzureSearch", "InMemoryVectorStore", "MemoryVectorStore", "VectorStoreIndex",
		"SupabaseVectorStore", "HNSWLib", "Redis", "Annoy", "DocArrayInMemorySearch", "SKLearnVectorStore")
	// embeddingCalls are callee suffixes of embedding APIs.
	embeddingCalls = [...]string{"embeddings.create", "embed_content", "embedContent", "embed_documents", "embed_query",
		"embedDocuments", "embedQuery", "CreateEmbeddings", "EmbedContent", "Embeddings.New", "embeddings", "embed"}
	// clientWords mark class names that construct clients, models, agents or stores.
	clientWords = [...]string{"Client", "OpenAI", "Anthropic", "Chat", "LLM", "Llm", "Model", "Embedding", "Agent",
		"Crew", "Ollama", "Bedrock", "Vertex", "Gemini", "Mistral", "Cohere", "HuggingFace", "Groq", "Pipeline",
		"Store", "Index", "Kernel", "Together", "Replicate", "Llama", "GPT4All", "SentenceTransformer", "CrossEncoder",
		"Pinecone", "Qdrant", "Weaviate", "Milvus", "Chroma", "FAISS", "LanceDB", "PGVector", "Session", "Server",
		"MCP", "Mcp", "Genkit", "Predictor", "Assistant"}
	// notClientWords mark class names that are data, not clients (`ChatMessage`, `PromptTemplate`).
	notClientWords = [...]string{"Message", "Template", "Prompt", "Parser", "Splitter", "Loader", "Callback", "Handler",
		"Error", "Exception", "Param", "Config", "Settings", "Request", "Response", "Result", "Input", "Output",
		"Options", "Schema", "Document", "Type", "Role", "Content", "Tool", "Spec", "Filter"}
	bedrockServices = set("bedrock-runtime", "bedrock", "bedrock-agent-runtime", "bedrock-agent")
)

// EntryOf returns the catalogue entry of the package a call's callee comes from (through
// imports and aliases): `client.chat.completions.create` with `client = OpenAI()` gives the
// openai entry.
func EntryOf(lang Lang, c *Call) (Entry, bool) {
	switch lang {
	case Python, Java:
		lead := leadName(c.Callee)
		if lang == Python && (strings.HasPrefix(lead, "agents.Agent") || strings.HasPrefix(lead, "agents.Runner")) {
			return pyPackagesExtra["openai-agents"], true
		}
		return moduleEntry(lang, lead)
	case JavaScript, TypeScript, Go:
		if c.Module != "" {
			return moduleEntry(lang, c.Module)
		}
	}
	return Entry{}, false
}

// LeadName returns the dotted names at the start of a callee, before any call or subscript
// ("openai.OpenAI().chat.create" → "openai.OpenAI").
func LeadName(callee string) string { return leadName(callee) }

// LastName returns the last dotted name of a callee ("a.b().c" → "c").
func LastName(callee string) string { return lastName(callee) }

// leadName returns the dotted names at the start of a callee, before any call or subscript.
func leadName(callee string) string {
	if i := strings.IndexAny(callee, "(["); i >= 0 {
		return strings.TrimSuffix(callee[:i], ".")
	}
	return callee
}

// lastName returns the last dotted name of a callee.
func lastName(callee string) string {
	return callee[strings.LastIndexByte(callee, '.')+1:]
}

// callUsages reports what one call shows: a client, store or embedding constructed, the
// model names and endpoints passed, a Bedrock client of boto3.
func (u *usages) callUsages(c *Call) {
	if u.f.Lang == Python && strings.HasPrefix(c.Callee, "boto3.") && strings.HasSuffix(c.Callee, ".client") {
		u.bedrock(c)
		return
	}
	e, ok := EntryOf(u.f.Lang, c)
	if !ok {
		return
	}
	if name, ok := u.construction(c, e); ok {
		kind, cat := constructionKind(name, e), e.Category
		switch kind {
		case KindEmbedding:
			cat = CatEmbedding
		case KindVectorStore:
			cat = CatVectorStore
		}
		u.add(Usage{Kind: kind, Package: e.Package, Ecosystem: e.Ecosystem, Category: cat,
			Provider: providerOr(name, e.Provider), Name: name, Line: c.Line, Evidence: callEvidence(c)})
	}
	if name, ok := embeddingCall(c.Callee); ok {
		u.add(Usage{Kind: KindEmbedding, Package: e.Package, Ecosystem: e.Ecosystem, Category: CatEmbedding,
			Provider: e.Provider, Name: name, Line: c.Line, Evidence: callEvidence(c)})
	}
	u.argUsages(c, e)
}

// bedrock reports boto3.client("bedrock-runtime") (and the other Bedrock services).
func (u *usages) bedrock(c *Call) {
	for _, a := range c.Args {
		if !a.String || (a.Name != "" && a.Name != "service_name") || !bedrockServices[a.Value] {
			continue
		}
		e := Entry{Package: "boto3", Ecosystem: PyPI, Category: CatLLMClient, Provider: "AWS"}
		ev := clip(c.Raw, 60) + `("` + a.Value + `")`
		u.add(Usage{Kind: KindSDK, Package: e.Package, Ecosystem: e.Ecosystem, Category: e.Category, Provider: e.Provider, Line: c.Line, Evidence: ev})
		u.add(Usage{Kind: KindClient, Package: e.Package, Ecosystem: e.Ecosystem, Category: e.Category, Provider: e.Provider, Name: a.Value, Line: c.Line, Evidence: ev})
		return
	}
}

// construction reports whether c constructs a client, model, agent or store, and its name.
func (u *usages) construction(c *Call, e Entry) (string, bool) {
	if c.Composite || strings.Contains(c.Callee, "(") {
		return "", false
	}
	last, prev := lastName(c.Callee), ""
	if i := strings.LastIndexByte(c.Callee, '.'); i > 0 {
		prev = lastName(c.Callee[:i])
	}
	name := ""
	switch {
	case u.f.Lang == Go:
		if !strings.HasPrefix(last, "New") || c.Module == "" {
			return "", false
		}
		return GoPackageName(c.Module) + "." + last, true
	case c.New || isUpper(last):
		name = last
	case isUpper(prev) && factories[last]:
		name = prev
	case constructorFuncs[last]:
		return last, true
	default:
		return "", false
	}
	return name, clientish(name, e)
}

// clientish reports whether a class name looks like a client, model, agent or store rather
// than data (messages, prompts, errors).
func clientish(name string, e Entry) bool {
	if vectorClasses[name] {
		return true
	}
	if strings.HasPrefix(name, "Base") {
		return false
	}
	for _, w := range notClientWords {
		if strings.Contains(name, w) {
			return false
		}
	}
	if e.Category == CatVectorStore {
		return true
	}
	for _, w := range clientWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

func isUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// constructionKind classifies a constructed class.
func constructionKind(name string, e Entry) string {
	switch {
	case strings.Contains(name, "Embedding") || name == "SentenceTransformer" || e.Category == CatEmbedding:
		return KindEmbedding
	case e.Category == CatVectorStore || vectorClasses[name] || strings.Contains(name, "VectorStore") || strings.Contains(name, "VectorIndex"):
		return KindVectorStore
	}
	return KindClient
}

// embeddingCall reports whether a callee is an embedding API call and its short name.
func embeddingCall(callee string) (string, bool) {
	for _, s := range embeddingCalls {
		if strings.HasSuffix(callee, "."+s) || callee == s {
			return s, true
		}
	}
	return "", false
}

// callEvidence is `Raw(...)`, `new Raw(...)` or `Raw{...}`.
func callEvidence(c *Call) string {
	raw := clip(c.Raw, 100)
	switch {
	case c.Composite:
		return raw + "{…}"
	case c.New:
		return "new " + raw + "(…)"
	case len(c.Args) == 0:
		return raw + "()"
	}
	return raw + "(…)"
}
