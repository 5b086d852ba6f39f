// Package bomtest holds a sample AI-BOM that exercises every field of the bom model, and the
// validators the writers' tests (and the lead's golden sample repositories) run on CycloneDX and
// SPDX output. The sample is built in code so that each field is visible in review.
package bomtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/aisecops/aisec/internal/bom"
)

// Sample refs, exported so that tests can look components up without repeating strings.
const (
	SubjectRef  = "application:rag-app"
	LlamaRef    = "model:models/Llama-3.1-8B-Instruct"
	GGUFRef     = "model:models/llama-3.1-8b-instruct-q4_k_m.gguf"
	ONNXRef     = "model:models/reranker.onnx"
	HostedRef   = "model:gpt-4o"
	CSVRef      = "dataset:data/faq.csv"
	HFDataRef   = "dataset:datasets/rajpurkar/squad"
	OpenAIRef   = "pkg:pypi/openai@1.40.0"
	TorchRef    = "pkg:pypi/torch@2.2.0"
	LangRef     = "pkg:pypi/langchain"
	AnthropicJS = "pkg:npm/%40anthropic-ai/sdk@0.27.0"
	FSMCPRef    = "service:mcp/filesystem"
	SearchMCP   = "service:mcp/remote-search"
	OpenAIAPI   = "service:openai-api"
)

// Sample digests: fixed, well-formed SHA-256 values.
const (
	shaShard1 = "3f7a1c2b9d8e4f6a5b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a"
	shaShard2 = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"
	shaConfig = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c"
	shaSig    = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"
	shaGGUF   = "5e5e5e5e1a1a1a1a2b2b2b2b3c3c3c3c4d4d4d4d5e5e5e5e6f6f6f6f70707070"
	shaONNX   = "1111222233334444555566667777888899990000aaaabbbbccccddddeeeeffff"
	shaCSV    = "d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e"
	shaCard   = "aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233"
	rootDig   = "sha256:7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"
)

// Timestamp is the fixed creation time of the sample BOM, so that golden files are stable.
func Timestamp() time.Time { return time.Date(2026, time.January, 15, 10, 30, 0, 0, time.UTC) }

// Sample returns a realistic, deterministic BOM of a retrieval-augmented application that uses
// every field of the model: local and quantised models, a hosted model, a CSV and a Hugging Face
// dataset, AI libraries, MCP servers and a model API, relationships of every type, one gap and
// one vulnerability.
func Sample() *bom.BOM {
	return &bom.BOM{
		Serial:    "urn:uuid:6f1c2a3e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
		Timestamp: Timestamp(),
		Tool:      bom.Tool{Name: "aisec", Version: "1.0.0-test"},
		Subject: bom.Component{
			Ref: SubjectRef, Kind: bom.KindApplication, Name: "rag-app", Version: "0.3.1",
			Description: "Question answering over the support FAQ", Path: ".",
		},
		Components: []bom.Component{
			csvDataset(), hfDataset(), hostedModel(), llama(), gguf(), onnxModel(),
			anthropicJS(), langchain(), openaiPy(), torch(),
		},
		Services:      []bom.Component{filesystemMCP(), searchMCP(), openaiAPI()},
		Relationships: relationships(),
		Incomplete: []bom.Gap{
			{Path: "models/broken.onnx", Reason: "truncated protobuf: unexpected EOF at offset 4096"},
		},
		Vulnerabilities: []bom.Vulnerability{{
			ID:       "GHSA-53q9-r3pm-6pq6",
			Aliases:  []string{"CVE-2025-32434"},
			Summary:  "PyTorch: torch.load with weights_only=True leads to remote code execution",
			Severity: "critical",
			Affects:  TorchRef,
			Fixed:    []string{"2.6.0"},
			URL:      "https://osv.dev/vulnerability/GHSA-53q9-r3pm-6pq6",
		}},
	}
}

// LlamaFileRef is the ref of one of the Llama model's files, following the writers' convention
// "<component ref>#file:<path>".
func LlamaFileRef() string {
	return LlamaRef + "#file:models/Llama-3.1-8B-Instruct/model-00001-of-00004.safetensors"
}

func llama() bom.Component {
	dir := "models/Llama-3.1-8B-Instruct/"
	return bom.Component{
		Ref: LlamaRef, Kind: bom.KindModel, Name: "Llama-3.1-8B-Instruct", Group: "meta-llama",
		Version:     "0e9e39f249a16976918f6564b8830bc894c89659",
		Description: "Instruction-tuned Llama 3.1 with 8B parameters",
		Supplier:    "meta-llama", Author: "Meta",
		PURL:     "pkg:huggingface/meta-llama/Llama-3.1-8B-Instruct@0e9e39f249a16976918f6564b8830bc894c89659",
		Licenses: []string{"llama3.1"},
		Path:     "models/Llama-3.1-8B-Instruct",
		Scope:    "required",
		Occurrences: []bom.Occurrence{
			{Path: "app/llm.py", Line: 12, What: `AutoModelForCausalLM.from_pretrained("models/Llama-3.1-8B-Instruct")`},
		},
		Properties: []bom.Property{{Name: "hf:pipeline_tag", Value: "text-generation"}},
		ExternalRefs: []bom.ExternalRef{
			{Type: "model-card", URL: dir + "README.md", Comment: "Hugging Face model card", SHA256: shaCard},
			{Type: "distribution", URL: "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"},
		},
		Files: []bom.File{
			{Path: dir + "config.json", Size: 855, SHA256: shaConfig, Format: "json"},
			{Path: dir + "model-00001-of-00004.safetensors", Size: 4976698672, SHA256: shaShard1, Format: "safetensors"},
			{Path: dir + "model-00002-of-00004.safetensors", Size: 4999802720, SHA256: shaShard2, Format: "safetensors"},
		},
		Ancestors: []bom.Component{{
			Name: "Llama-3.1-8B", Group: "meta-llama",
			PURL: "pkg:huggingface/meta-llama/Llama-3.1-8B",
		}},
		Model: llamaInfo(),
		Signature: &bom.SignatureInfo{
			Path: dir + "model.sig", SHA256: shaSig, RootDigest: rootDig,
			Method: "key", Signer: "key:sha256:4f1e09ab", Files: 7,
		},
		Completeness: &bom.Completeness{Score: 85, Missing: []string{"metrics", "energy"}},
	}
}

func llamaInfo() *bom.ModelInfo {
	return &bom.ModelInfo{
		Format: "safetensors", Framework: "transformers", Task: "text-generation",
		ArchitectureFamily: "llama", Architecture: "LlamaForCausalLM",
		Parameters: 8030261248, DType: "bfloat16", ContextLength: 131072,
		Approach:   "self-supervised",
		Languages:  []string{"en", "de", "fr"},
		Tags:       []string{"facebook", "meta", "llama-3"},
		Datasets:   []string{"rajpurkar/squad", "HuggingFaceH4/ultrachat_200k"},
		BaseModels: []string{"meta-llama/Llama-3.1-8B"},
		Metrics: []bom.Metric{
			{Type: "accuracy", Value: "0.694", Dataset: "MMLU (5-shot)"},
			{Type: "pass@1", Value: "0.726", Dataset: "HumanEval"},
		},
		Inputs:      []string{"text"},
		Outputs:     []string{"text", "code"},
		UseCases:    []string{"Assistant-like chat", "Natural language generation tasks"},
		Limitations: []string{"Use in languages beyond those explicitly supported | out of scope", "May produce inaccurate or objectionable responses"},
		Users:       []string{"Developers", "Researchers"},
		CardPath:    "models/Llama-3.1-8B-Instruct/README.md",
	}
}

func gguf() bom.Component {
	path := "models/llama-3.1-8b-instruct-q4_k_m.gguf"
	return bom.Component{
		Ref: GGUFRef, Kind: bom.KindModel, Name: "llama-3.1-8b-instruct-q4_k_m",
		Hashes: []bom.Hash{{Alg: "SHA-256", Value: shaGGUF}},
		Path:   path,
		Files:  []bom.File{{Path: path, Size: 4920734016, SHA256: shaGGUF, Format: "gguf"}},
		Model: &bom.ModelInfo{
			Format: "gguf", Framework: "llama.cpp", ArchitectureFamily: "llama",
			Parameters: 8030261248, Quantization: "Q4_K_M", ContextLength: 131072,
			Producer: "llama.cpp b3600",
		},
		Completeness: &bom.Completeness{Score: 35, Missing: []string{"license", "supplier", "datasets", "model card"}},
	}
}

func onnxModel() bom.Component {
	path := "models/reranker.onnx"
	return bom.Component{
		Ref: ONNXRef, Kind: bom.KindModel, Name: "reranker", Licenses: []string{"apache-2.0"},
		Hashes: []bom.Hash{{Alg: "SHA-256", Value: shaONNX}},
		Path:   path,
		Files:  []bom.File{{Path: path, Size: 90868376, SHA256: shaONNX, Format: "onnx"}},
		Model: &bom.ModelInfo{
			Format: "onnx", Framework: "onnx", Parameters: 22713216, DType: "F32",
			Opset: "ai.onnx:17", Producer: "pytorch 2.2.0", Inputs: []string{"text"},
		},
		Completeness: &bom.Completeness{Score: 55, Missing: []string{"supplier", "datasets", "model card"}},
	}
}

func hostedModel() bom.Component {
	return bom.Component{
		Ref: HostedRef, Kind: bom.KindModel, Name: "gpt-4o",
		Supplier: "OpenAI", External: true,
		Occurrences: []bom.Occurrence{
			{Path: "app/chat.py", Line: 27, What: `model="gpt-4o"`},
			{Path: "notebooks/eval.ipynb", Line: 3, What: `model="gpt-4o"`},
		},
		Model:        &bom.ModelInfo{Task: "text-generation"},
		Completeness: &bom.Completeness{Score: 20, Missing: []string{"license", "version", "hashes", "model card"}},
	}
}

func csvDataset() bom.Component {
	return bom.Component{
		Ref: CSVRef, Kind: bom.KindDataset, Name: "faq.csv",
		Hashes: []bom.Hash{{Alg: "SHA-256", Value: shaCSV}},
		Path:   "data/faq.csv",
		Files:  []bom.File{{Path: "data/faq.csv", Size: 183422, SHA256: shaCSV, Format: "csv"}},
		Dataset: &bom.DatasetInfo{
			Format: "csv", DatasetTypes: []string{"structured", "text"}, Size: 183422, FileCount: 1,
			Records: 1200, Columns: []string{"question", "answer", "source"},
		},
	}
}

func hfDataset() bom.Component {
	return bom.Component{
		Ref: HFDataRef, Kind: bom.KindDataset, Name: "squad", Group: "rajpurkar",
		Description: "Stanford Question Answering Dataset",
		Licenses:    []string{"cc-by-sa-4.0"},
		PURL:        "pkg:huggingface/rajpurkar/squad",
		Path:        "datasets/rajpurkar/squad",
		Dataset: &bom.DatasetInfo{
			Format: "hf-dataset", DatasetTypes: []string{"text"}, Size: 16300000, FileCount: 2,
			Records: 98169, SourceURL: "https://huggingface.co/datasets/rajpurkar/squad",
			CardPath: "datasets/rajpurkar/squad/README.md", Tags: []string{"question-answering"},
		},
	}
}

func openaiPy() bom.Component {
	return bom.Component{
		Ref: OpenAIRef, Kind: bom.KindLibrary, Category: bom.CatLLMClient, Name: "openai",
		Version: "1.40.0", Supplier: "OpenAI", PURL: OpenAIRef, Licenses: []string{"Apache-2.0"},
		Scope: "required",
		Occurrences: []bom.Occurrence{
			{Path: "requirements.txt", Line: 4, What: "openai==1.40.0"},
			{Path: "app/chat.py", Line: 3, What: "from openai import OpenAI"},
			{Path: "app/chat.py", Line: 19, What: "OpenAI(...)"},
		},
	}
}

func torch() bom.Component {
	return bom.Component{
		Ref: TorchRef, Kind: bom.KindFramework, Category: bom.CatMLFramework, Name: "torch",
		Version: "2.2.0", PURL: TorchRef, Licenses: []string{"BSD-3-Clause"}, Scope: "required",
		Occurrences: []bom.Occurrence{{Path: "requirements.txt", Line: 7, What: "torch==2.2.0"}},
	}
}

func anthropicJS() bom.Component {
	return bom.Component{
		Ref: AnthropicJS, Kind: bom.KindLibrary, Category: bom.CatLLMClient, Name: "sdk",
		Group: "@anthropic-ai", Version: "0.27.0", Supplier: "Anthropic", PURL: AnthropicJS,
		Licenses: []string{"MIT"}, Scope: "optional",
		Occurrences: []bom.Occurrence{
			{Path: "web/package.json", Line: 14, What: `"@anthropic-ai/sdk": "0.27.0"`},
			{Path: "web/src/summarise.ts", Line: 1, What: `import Anthropic from "@anthropic-ai/sdk"`},
		},
	}
}

func langchain() bom.Component {
	return bom.Component{
		Ref: LangRef, Kind: bom.KindLibrary, Category: bom.CatAgent, Name: "langchain",
		PURL:        LangRef,
		Occurrences: []bom.Occurrence{{Path: "app/rag.py", Line: 2, What: "from langchain.chains import RetrievalQA"}},
		Properties:  []bom.Property{{Name: "declared", Value: "false"}},
	}
}

func filesystemMCP() bom.Component {
	return bom.Component{
		Ref: FSMCPRef, Kind: bom.KindService, Category: bom.CatMCPServer, Name: "filesystem",
		Path: ".mcp.json",
		Service: &bom.ServiceInfo{
			Transport: "stdio", Command: "npx",
			Args:       []string{"-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "/srv/docs"},
			EnvNames:   []string{"LOG_LEVEL", "MCP_FS_ROOT"},
			ConfigPath: ".mcp.json",
			Tools: []bom.ServiceTool{
				{Name: "read_file", Description: "Read the complete contents of a file from the file system."},
				{Name: "write_file", Description: "Create a new file or overwrite an existing file.\nUse with caution."},
			},
		},
	}
}

func searchMCP() bom.Component {
	return bom.Component{
		Ref: SearchMCP, Kind: bom.KindService, Category: bom.CatMCPServer, Name: "remote-search",
		Path: ".cursor/mcp.json",
		Service: &bom.ServiceInfo{
			Transport: "http", Endpoints: []string{"https://mcp.search.example.com/mcp"},
			Authenticated: "no", ConfigPath: ".cursor/mcp.json",
			Tools: []bom.ServiceTool{{Name: "web_search", Description: "Search the web | returns top results."}},
		},
	}
}

func openaiAPI() bom.Component {
	return bom.Component{
		Ref: OpenAIAPI, Kind: bom.KindService, Category: bom.CatModelAPI, Name: "OpenAI API",
		Occurrences: []bom.Occurrence{{Path: "app/chat.py", Line: 19, What: "OpenAI(...)"}},
		Service: &bom.ServiceInfo{
			Endpoints: []string{"https://api.openai.com/v1"}, Provider: "OpenAI",
			Authenticated: "yes", EnvNames: []string{"OPENAI_API_KEY"},
		},
	}
}

// relationships returns one or more edges of every RelType, sorted by (From, Type, To).
func relationships() []bom.Relationship {
	rels := []bom.Relationship{
		{From: SubjectRef, Type: bom.RelDependsOn, To: CSVRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: GGUFRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: LlamaRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: ONNXRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: AnthropicJS},
		{From: SubjectRef, Type: bom.RelDependsOn, To: LangRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: OpenAIRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: TorchRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: FSMCPRef},
		{From: SubjectRef, Type: bom.RelDependsOn, To: SearchMCP},
		{From: SubjectRef, Type: bom.RelUses, To: HostedRef},
		{From: SubjectRef, Type: bom.RelUses, To: OpenAIAPI},
		{From: LlamaRef, Type: bom.RelContains, To: LlamaFileRef()},
		{From: LlamaRef, Type: bom.RelTrainedOn, To: HFDataRef},
		{From: GGUFRef, Type: bom.RelDescendantOf, To: LlamaRef},
	}
	sortRels(rels)
	return rels
}

func sortRels(rels []bom.Relationship) {
	slices.SortFunc(rels, func(a, b bom.Relationship) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Type, b.Type), cmp.Compare(a.To, b.To))
	})
}

// Minimal returns the smallest useful BOM: a subject, one model with nothing known about it and
// one library, for checks that the writers fill required fields when the data is missing.
func Minimal() *bom.BOM {
	return &bom.BOM{
		Serial:    "urn:uuid:00000000-0000-4000-8000-000000000001",
		Timestamp: Timestamp(),
		Tool:      bom.Tool{Name: "aisec", Version: "dev"},
		Subject:   bom.Component{Ref: "application:min", Kind: bom.KindApplication, Name: "min"},
		Components: []bom.Component{
			{Ref: "model:model.bin", Kind: bom.KindModel, Name: "model.bin", Path: "model.bin", Model: &bom.ModelInfo{}},
			{Ref: "pkg:pypi/numpy", Kind: bom.KindLibrary, Name: "numpy"},
		},
	}
}
