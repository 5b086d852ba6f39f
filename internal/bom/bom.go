// Package bom holds the AI Bill of Materials model: what `aisec bom` discovered in a repository,
// model directory, Hugging Face cache or container root filesystem. The model is neutral: the
// writers in internal/report turn it into CycloneDX (1.6/1.7, JSON/XML), SPDX 3.0.1 JSON-LD and
// human summaries. Discovery (Build) reuses the scanner's sources and format parsers; nothing
// analysed is ever imported, rendered or run.
package bom

import "time"

// Kind is what a component is. The values are CycloneDX component types.
type Kind string

// Component kinds.
const (
	KindModel       Kind = "machine-learning-model"
	KindDataset     Kind = "data"
	KindLibrary     Kind = "library"
	KindFramework   Kind = "framework"
	KindApplication Kind = "application"
	KindFile        Kind = "file"
	// KindService is not a CycloneDX component type: services (MCP servers, AI provider APIs)
	// go to the BOM's services list.
	KindService Kind = "service"
)

// Category refines a component for AI-BOM readers. Writers emit it as the property
// "aisec:category".
type Category string

// Component categories.
const (
	CatLLMClient   Category = "llm-client"      // openai, anthropic, google-genai, bedrock, mistral, cohere, ollama…
	CatAgent       Category = "agent-framework" // langchain, llama_index, crewai, autogen, semantic-kernel, dspy, haystack…
	CatMLFramework Category = "ml-framework"    // torch, tensorflow, keras, jax, transformers, vllm, sklearn…
	CatVectorStore Category = "vector-store"    // chromadb, pinecone, faiss, weaviate, qdrant, pgvector, milvus…
	CatEmbedding   Category = "embedding"       // embedding models and embedding APIs
	CatMCPServer   Category = "mcp-server"
	CatModelAPI    Category = "model-api"  // a hosted model endpoint (https://api.openai.com/v1, Bedrock runtime…)
	CatDependency  Category = "dependency" // a declared dependency with no AI role
)

// BOM is one AI Bill of Materials.
type BOM struct {
	// Serial is a urn:uuid serial number; Build derives it from the content so that the same
	// input gives the same BOM.
	Serial    string
	Timestamp time.Time
	Tool      Tool
	// Subject is the thing inventoried (the repository or directory given), CycloneDX
	// metadata.component.
	Subject    Component
	Components []Component // models, datasets, libraries, files; sorted by Ref
	Services   []Component // Kind == KindService; sorted by Ref
	// Relationships are sorted by (From, Type, To).
	Relationships []Relationship
	// Incomplete lists what could not be fully analysed; a non-empty list makes `aisec bom` exit 3.
	Incomplete []Gap
	// Vulnerabilities found in the declared packages when a vulnerability database was given.
	Vulnerabilities []Vulnerability
}

// Tool names the producer.
type Tool struct{ Name, Version string }

// Gap is one input that could not be fully analysed.
type Gap struct {
	Path   string
	Reason string
}

// Component is one inventoried asset. Only the pointer for its kind is set among Model, Dataset
// and Service.
type Component struct {
	Ref          string // bom-ref, unique and stable: "<kind>:<identity>", e.g. "model:models/llama", "pkg:pypi/torch@2.3.0"
	Kind         Kind
	Category     Category
	Name         string
	Group        string // namespace (npm scope, HF organisation, Maven group)
	Version      string
	Description  string
	Supplier     string // organisation that supplies it ("OpenAI", "meta-llama")
	Author       string
	PURL         string
	Hashes       []Hash
	Licenses     []string // SPDX IDs where recognised, else names, as written
	Path         string   // where it was found (file or directory, relative to the target), "" for references
	External     bool     // referenced (a hosted model name in code) rather than present on disk
	Scope        string   // "required", "optional" (dev dependency) or "" when unknown
	Occurrences  []Occurrence
	Properties   []Property // extra facts, emitted as properties named "aisec:<Name>"
	ExternalRefs []ExternalRef
	Files        []File      // the files that make up a model or dataset
	Ancestors    []Component // base models (pedigree), minimal: Name, Group, Version, PURL
	Model        *ModelInfo
	Dataset      *DatasetInfo
	Service      *ServiceInfo
	Signature    *SignatureInfo
	Completeness *Completeness // models only
}

// Hash is one digest of a component.
type Hash struct {
	Alg   string // CycloneDX spelling: "SHA-256", "BLAKE3"…
	Value string // lowercase hex
}

// Occurrence is a place where evidence of the component was seen.
type Occurrence struct {
	Path string
	Line int    // 1-based, 0 when not applicable
	What string // the evidence, e.g. `import openai`, `OpenAI(...)`, `model="gpt-4o"`
}

// Property is one extra fact. Names are short ("format", "parameters"); writers prefix "aisec:".
type Property struct{ Name, Value string }

// ExternalRef is a link to something about the component. Type is a CycloneDX external
// reference type ("model-card", "distribution", "vcs", "documentation", "attestation",
// "digital-signature", "website", "configuration").
type ExternalRef struct {
	Type    string
	URL     string
	Comment string
	SHA256  string // of the referenced file, when known
}

// File is one file of a model or dataset.
type File struct {
	Path   string // relative to the target
	Size   int64
	SHA256 string
	Format string // e.g. "safetensors", "gguf", "csv"
}

// ModelInfo is what was derived about a model. Empty fields are unknown.
type ModelInfo struct {
	Format             string // safetensors, gguf, onnx, pytorch, pickle, keras, keras-h5, tensorflow, tflite, numpy, joblib
	Framework          string // transformers, pytorch, tensorflow, keras, onnx, llama.cpp, sklearn…
	Task               string // pipeline_tag, e.g. "text-generation"
	ArchitectureFamily string // model_type / general.architecture, e.g. "llama"
	Architecture       string // architectures[0], e.g. "LlamaForCausalLM"
	Parameters         int64  // 0 when unknown
	DType              string // torch_dtype / tensor dtype: "bfloat16", "F16"
	Quantization       string // GGUF file type ("Q4_K_M"), quantization_config method ("gptq", "awq", "bitsandbytes-4bit")
	ContextLength      int64
	Opset              string // ONNX opsets, e.g. "ai.onnx:17"
	Producer           string // ONNX producer / Keras version / TF version
	Approach           string // CycloneDX approach type when stated
	Languages          []string
	Tags               []string
	Datasets           []string // dataset names from the model card (also trainedOn relationships)
	BaseModels         []string // base_model entries (also Ancestors)
	Metrics            []Metric
	Inputs, Outputs    []string // formats: "text", "image"…
	UseCases           []string // intended uses
	Limitations        []string // out-of-scope uses, bias, risks, limitations
	Users              []string
	CardPath           string // the model card the info came from
}

// Metric is one reported evaluation result.
type Metric struct {
	Type    string // "accuracy", "f1"…
	Value   string
	Dataset string // what it was measured on (CycloneDX slice)
}

// DatasetInfo is what was derived about a dataset.
type DatasetInfo struct {
	Format       string   // csv, tsv, jsonl, json, parquet, arrow, tfrecord, image-folder, hf-dataset, …
	DatasetTypes []string // SPDX dataset types: text, image, structured, audio, video, numeric, other…
	Size         int64    // bytes, all files
	FileCount    int
	Records      int64 // 0 when unknown
	Columns      []string
	SourceURL    string
	CardPath     string
	Tags         []string
}

// ServiceInfo is what was derived about a service: an MCP server or a hosted AI API.
type ServiceInfo struct {
	Transport     string   // stdio, http, sse, streamable-http
	Command       string   // stdio: the program launched
	Args          []string // stdio: its arguments (secrets redacted)
	Endpoints     []string
	EnvNames      []string // names of environment variables passed; values are never kept
	Tools         []ServiceTool
	Provider      string // "OpenAI", "Anthropic"…; for model APIs
	Authenticated string // "yes", "no", "" unknown
	ConfigPath    string
}

// ServiceTool is one tool an MCP server declares.
type ServiceTool struct{ Name, Description string }

// SignatureInfo links a model to its OpenSSF model_signing signature (model.sig). The
// signature is not verified by `aisec bom`; `aisec verify` does that.
type SignatureInfo struct {
	Path       string // the signature file, relative to the target
	SHA256     string // of the signature file
	RootDigest string // "sha256:<hex>" of the signed manifest, as `aisec digest` prints it
	Method     string // key, certificate or sigstore
	Signer     string // key hint, certificate subject, or sigstore identity (SAN)
	Issuer     string // certificate issuer / OIDC issuer when known
	Files      int    // resources in the signed manifest
}

// Completeness scores how well a model is documented, 0–100, with what is missing.
type Completeness struct {
	Score   int
	Missing []string // field names, e.g. "license", "datasets"
}

// RelType is the kind of a relationship.
type RelType string

// Relationship types.
const (
	RelDependsOn    RelType = "dependsOn"    // subject → library/service/model it uses
	RelTrainedOn    RelType = "trainedOn"    // model → dataset
	RelDescendantOf RelType = "descendantOf" // model → base model
	RelUses         RelType = "uses"         // code / application → model or service it calls
	RelContains     RelType = "contains"     // model or dataset → its files
)

// Relationship is one directed edge between two component refs.
type Relationship struct {
	From string
	Type RelType
	To   string
}

// Vulnerability is one advisory matching a declared package version.
type Vulnerability struct {
	ID       string   // OSV ID, e.g. "GHSA-…" or "PYSEC-…"
	Aliases  []string // CVE IDs…
	Summary  string
	Severity string // critical, high, medium, low, or "" unknown
	Affects  string // the component ref
	Fixed    []string
	URL      string
}

// VerifyCommand is the `aisec verify` command line that checks the signature of the model at
// modelPath (the trust anchor is left for the user to fill in).
func (s *SignatureInfo) VerifyCommand(modelPath string) string {
	anchor := ""
	switch s.Method {
	case "key":
		anchor = " --public-key PUBLIC_KEY.pem"
	case "certificate":
		anchor = " --certificate-chain CA.pem"
	case "sigstore":
		id, issuer := s.Signer, s.Issuer
		if id == "" {
			id = "IDENTITY"
		}
		if issuer == "" {
			issuer = "ISSUER"
		}
		anchor = " --identity " + id + " --identity-provider " + issuer + " --trust-config TRUSTED_ROOT.json"
	}
	return "aisec verify " + s.Method + " " + modelPath + " --signature " + s.Path + anchor
}
