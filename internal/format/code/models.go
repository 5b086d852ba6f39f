package code

import "strings"

// modelPrefixes are distinctive prefixes of hosted (or widely served) model names, in lower
// case, most specific first. A literal that is entirely such a name is a model reference
// wherever it appears.
var modelPrefixes = [...]struct{ prefix, provider string }{
	{"text-embedding-00", "Google"}, {"models/text-embedding-", "Google"}, {"text-multilingual-embedding-", "Google"},
	{"gpt-4", "OpenAI"}, {"gpt-3.5", "OpenAI"}, {"gpt-5", "OpenAI"}, {"gpt-image-", "OpenAI"}, {"gpt-oss-", "OpenAI"},
	{"chatgpt-", "OpenAI"}, {"ft:gpt-", "OpenAI"}, {"o1-", "OpenAI"}, {"o3-", "OpenAI"}, {"o4-mini", "OpenAI"},
	{"text-embedding-", "OpenAI"}, {"dall-e-", "OpenAI"}, {"tts-1", "OpenAI"}, {"whisper-1", "OpenAI"},
	{"anthropic.claude-", "Anthropic"}, {"us.anthropic.claude-", "Anthropic"}, {"eu.anthropic.claude-", "Anthropic"},
	{"apac.anthropic.claude-", "Anthropic"}, {"claude-", "Anthropic"},
	{"gemini-", "Google"}, {"models/gemini-", "Google"}, {"gemma-", "Google"}, {"gemma2", "Google"}, {"gemma3", "Google"},
	{"text-bison", "Google"}, {"chat-bison", "Google"},
	{"mistral.mistral-", "Mistral AI"}, {"mistral.mixtral-", "Mistral AI"}, {"mistralai/", "Mistral AI"},
	{"mistral-", "Mistral AI"}, {"mistral:", "Mistral AI"}, {"mixtral-", "Mistral AI"}, {"mixtral:", "Mistral AI"},
	{"codestral-", "Mistral AI"}, {"ministral-", "Mistral AI"}, {"pixtral-", "Mistral AI"}, {"open-mistral-", "Mistral AI"},
	{"open-mixtral-", "Mistral AI"},
	{"cohere.command-", "Cohere"}, {"cohere.embed-", "Cohere"}, {"command-r", "Cohere"}, {"command-a-", "Cohere"},
	{"command-light", "Cohere"}, {"embed-english-", "Cohere"}, {"embed-multilingual-", "Cohere"},
	{"meta.llama", "Meta"}, {"us.meta.llama", "Meta"}, {"meta-llama/", "Meta"}, {"llama3", "Meta"}, {"llama-3", "Meta"},
	{"llama4", "Meta"}, {"llama-4", "Meta"}, {"llama2", "Meta"}, {"llama-2-", "Meta"}, {"codellama", "Meta"},
	{"amazon.titan-", "AWS"}, {"amazon.nova-", "AWS"}, {"us.amazon.nova-", "AWS"},
	{"deepseek-chat", "DeepSeek"}, {"deepseek-reasoner", "DeepSeek"}, {"deepseek-coder", "DeepSeek"},
	{"deepseek-r1", "DeepSeek"}, {"deepseek-v3", "DeepSeek"}, {"deepseek-ai/", "DeepSeek"},
	{"grok-", "xAI"}, {"qwen/", "Alibaba"}, {"qwen2", "Alibaba"}, {"qwen3", "Alibaba"}, {"qwen-", "Alibaba"},
	{"phi3", "Microsoft"}, {"phi-3", "Microsoft"}, {"phi4", "Microsoft"}, {"phi-4", "Microsoft"}, {"microsoft/phi-", "Microsoft"},
}

// ModelProvider reports whether s is entirely a distinctive model name ("gpt-4o",
// "claude-3-5-sonnet-latest", "anthropic.claude-3-haiku-20240307-v1:0") and its provider.
// Bare names such as "o1" or "mistral" are not distinctive; Usages accepts them only as a
// model argument. A name must have a model's shape, not only a model prefix: a version or a
// known tier must follow the family ("claude-3…", "claude-sonnet-4…", "gemini-pro", not the
// product names "claude-code" or "gemini-cli"), a family name must carry a version or tag
// ("llama3.1", "qwen2.5:7b", not the architecture names "qwen2vl" or "gemma3n"), and a name
// never ends with a separator ("gpt-4-", a prefix tested with startsWith).
func ModelProvider(s string) (string, bool) {
	if len(s) < 4 || len(s) > 100 || strings.IndexByte("-._:/@", s[len(s)-1]) >= 0 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._:/@", c) >= 0) {
			return "", false
		}
	}
	if isFileName(s) || !underscoresInTag(s) {
		return "", false
	}
	for _, m := range modelPrefixes {
		if len(s) >= len(m.prefix) && strings.EqualFold(s[:len(m.prefix)], m.prefix) {
			if !modelShape(strings.ToLower(m.prefix), strings.ToLower(s[len(m.prefix):])) {
				return "", false
			}
			return m.provider, true
		}
	}
	return "", false
}

// modelShape reports whether rest, what follows a matched prefix (both lower case), makes a
// model name of that family.
func modelShape(prefix, rest string) bool {
	switch {
	case rest == "":
		// A bare family name ("llama3", "qwen2") is also an architecture name, and a bare
		// prefix ("claude-") is no name; only a tagged or versioned one is distinctive.
		return !familyPrefixes[prefix] && strings.IndexByte("-/:.", prefix[len(prefix)-1]) < 0
	case familyPrefixes[prefix]:
		return familyTag(rest)
	case prefix == "command-r":
		return rest[0] == '-' || isDigit(rest[0]) // command-r-plus, command-r7b; not command-remapping
	}
	if tiers, ok := versionedPrefixes[prefix]; ok {
		return versioned(rest, tiers)
	}
	return true
}

// versionedPrefixes are the prefixes after which a version or one of the listed tiers must
// follow ("claude-3-haiku", "claude-opus-4", "gemini-pro"), which tells a model from a product
// or package named after the family ("claude-code", "gemini-cli", "mistral-common",
// "grok-patterns", "qwen-agent").
var versionedPrefixes = map[string]map[string]bool{
	"claude-": set("opus", "sonnet", "haiku", "instant"), "anthropic.claude-": nil, "us.anthropic.claude-": nil,
	"eu.anthropic.claude-": nil, "apac.anthropic.claude-": nil,
	"gemini-": set("pro", "ultra", "flash", "nano"), "models/gemini-": set("pro", "ultra", "flash", "nano"),
	"gemma-": nil, "gpt-oss-": nil, "gpt-image-": nil, "chatgpt-": set("image"), "o1-": set("mini", "preview", "pro"),
	"o3-": set("mini", "pro", "deep"), "dall-e-": nil, "text-embedding-": nil, "models/text-embedding-": nil,
	"mistral-": set("large", "medium", "small", "tiny", "embed", "nemo", "saba", "moderation", "ocr"),
	"mixtral-": nil, "grok-": set("beta", "vision", "code"), "qwen-": set("turbo", "max", "plus", "long", "vl", "coder", "audio", "omni", "mt", "math"),
}

// versioned reports whether rest ("3-5-sonnet", "sonnet-4", "pro-vision") begins with a
// version ("3…", "v2"), a listed tier, or a word followed by a version ("mythos-5").
func versioned(rest string, tiers map[string]bool) bool {
	seg1, after, _ := strings.Cut(rest, "-")
	seg2, _, _ := strings.Cut(after, "-")
	return isVersion(seg1) || tiers[seg1] || isAlpha(seg1) && isVersion(seg2)
}

// familyTag reports whether rest, after a family name ("llama3", "qwen2"), is a version or a
// tag: ".1", ".5-coder", ":8b", "-vision", "/CodeLlama-7b-hf" (a Hub id), but not "vl", "n" or ".5vl" (architecture names).
func familyTag(rest string) bool {
	switch rest[0] {
	case ':', '-', '/':
		return len(rest) > 1
	case '.':
		i := 1
		for i < len(rest) && isDigit(rest[i]) {
			i++
		}
		return i > 1 && (i == len(rest) || rest[i] == '-' || rest[i] == ':')
	}
	return false
}

// underscoresInTag reports whether every '_' of s is in an Ollama tag (after ':') or a Hub
// repository name (after '/'): model names have none, GGUF tensor and architecture keys do.
func underscoresInTag(s string) bool {
	i := strings.IndexByte(s, '_')
	return i < 0 || strings.ContainsAny(s[:i], ":/")
}

// isVersion reports whether a name segment is a version: "3", "2.0", "4o", "v2", "0613".
func isVersion(seg string) bool {
	if len(seg) > 1 && seg[0] == 'v' {
		seg = seg[1:]
	}
	return seg != "" && isDigit(seg[0])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z') {
			return false
		}
	}
	return s != ""
}

// familyPrefixes are model prefixes that are also bare architecture or family names.
var familyPrefixes = set("llama3", "llama4", "llama2", "gemma2", "gemma3", "qwen2", "qwen3", "phi3", "phi4", "codellama")

// isFileName reports whether s ends with an alphabetic file extension ("llama3.md",
// "gpt-4o.json"); version dots ("llama3.1", "gpt-4.5") are not extensions.
func isFileName(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i < 0 || len(s)-i-1 < 2 || len(s)-i-1 > 11 {
		return false
	}
	for _, c := range s[i+1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// exactHosts are AI API hosts.
var exactHosts = map[string]string{
	"api.openai.com":                    "OpenAI",
	"api.anthropic.com":                 "Anthropic",
	"generativelanguage.googleapis.com": "Google",
	"aiplatform.googleapis.com":         "Google",
	"api.mistral.ai":                    "Mistral AI",
	"api.cohere.ai":                     "Cohere",
	"api.cohere.com":                    "Cohere",
	"api.groq.com":                      "Groq",
	"api.together.xyz":                  "Together AI",
	"api.together.ai":                   "Together AI",
	"openrouter.ai":                     "OpenRouter",
	"api.deepseek.com":                  "DeepSeek",
	"api.x.ai":                          "xAI",
	"api-inference.huggingface.co":      "Hugging Face",
	"router.huggingface.co":             "Hugging Face",
	"api.perplexity.ai":                 "Perplexity",
	"api.fireworks.ai":                  "Fireworks AI",
	"api.replicate.com":                 "Replicate",
	"models.inference.ai.azure.com":     "Microsoft",
	"models.github.ai":                  "Microsoft",
}

// hostSuffixes are AI API host suffixes.
var hostSuffixes = [...]struct{ suffix, provider string }{
	{".openai.azure.com", "Microsoft"}, {".cognitiveservices.azure.com", "Microsoft"},
	{".services.ai.azure.com", "Microsoft"}, {".inference.ai.azure.com", "Microsoft"},
	{"-aiplatform.googleapis.com", "Google"}, {".endpoints.huggingface.cloud", "Hugging Face"},
}

// ollamaHosts are the default Ollama listeners (host:port).
var ollamaHosts = set("localhost:11434", "127.0.0.1:11434", "0.0.0.0:11434", "[::1]:11434", "ollama:11434")

// EndpointProvider reports whether s is the URL of a known AI API and its provider:
// api.openai.com, *.openai.azure.com, api.anthropic.com, generativelanguage.googleapis.com,
// *-aiplatform.googleapis.com, bedrock-runtime.<region>.amazonaws.com, api.mistral.ai,
// api.cohere.{ai,com}, api.groq.com, api.together.xyz, openrouter.ai, api.deepseek.com,
// api.x.ai, Hugging Face inference, Ollama on port 11434, …
func EndpointProvider(s string) (string, bool) {
	host, ok := urlHost(s)
	if !ok {
		return "", false
	}
	if ollamaHosts[host] {
		return "Ollama", true
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	if p, ok := exactHosts[host]; ok {
		return p, true
	}
	for _, h := range hostSuffixes {
		if strings.HasSuffix(host, h.suffix) {
			return h.provider, true
		}
	}
	if strings.HasSuffix(host, ".amazonaws.com") && strings.HasPrefix(host, "bedrock") {
		return "AWS", true
	}
	return "", false
}

// urlHost returns the lower-case host[:port] of an http(s) URL without blanks whose host is
// a plain name or address.
func urlHost(s string) (string, bool) {
	if len(s) < 8 || len(s) > 2048 || (s[0] != 'h' && s[0] != 'H') || strings.ContainsAny(s, " \t\r\n") {
		return "", false
	}
	l := strings.ToLower(s)
	switch {
	case strings.HasPrefix(l, "https://"):
		l = l[8:]
	case strings.HasPrefix(l, "http://"):
		l = l[7:]
	default:
		return "", false
	}
	if i := strings.IndexAny(l, "/?#"); i >= 0 {
		l = l[:i]
	}
	if i := strings.LastIndexByte(l, '@'); i >= 0 {
		l = l[i+1:]
	}
	for i := 0; i < len(l); i++ { // a templated host ("${name}.openai.azure.com", "{x}.…") names no service
		if c := l[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte(".-_:[]", c) >= 0) {
			return "", false
		}
	}
	return l, l != ""
}

// goModelConsts are well-known model constants of the Go SDKs, by constant name.
var goModelConsts = map[string]string{
	// github.com/sashabaranov/go-openai
	"GPT4o": "gpt-4o", "GPT4oMini": "gpt-4o-mini", "GPT4": "gpt-4", "GPT4Turbo": "gpt-4-turbo",
	"GPT3Dot5Turbo": "gpt-3.5-turbo", "O1": "o1", "O1Mini": "o1-mini", "O3Mini": "o3-mini", "O3": "o3",
	"O4Mini": "o4-mini", "GPT4Dot1": "gpt-4.1", "GPT4Dot1Mini": "gpt-4.1-mini", "GPT4Dot1Nano": "gpt-4.1-nano",
	"AdaEmbeddingV2": "text-embedding-ada-002", "SmallEmbedding3": "text-embedding-3-small",
	"LargeEmbedding3": "text-embedding-3-large", "Whisper1": "whisper-1",
	// github.com/openai/openai-go
	"ChatModelGPT4o": "gpt-4o", "ChatModelGPT4oMini": "gpt-4o-mini", "ChatModelGPT4_1": "gpt-4.1",
	"ChatModelGPT4_1Mini": "gpt-4.1-mini", "ChatModelO1": "o1", "ChatModelO3Mini": "o3-mini",
	"ChatModelO4Mini": "o4-mini", "ChatModelGPT4Turbo": "gpt-4-turbo", "ChatModelGPT3_5Turbo": "gpt-3.5-turbo",
	"ChatModelGPT5": "gpt-5",
	// github.com/anthropics/anthropic-sdk-go
	"ModelClaude3_7SonnetLatest": "claude-3-7-sonnet-latest", "ModelClaude3_5HaikuLatest": "claude-3-5-haiku-latest",
	"ModelClaude3_5SonnetLatest": "claude-3-5-sonnet-latest", "ModelClaudeSonnet4_0": "claude-sonnet-4-0",
	"ModelClaudeOpus4_0": "claude-opus-4-0", "ModelClaude3OpusLatest": "claude-3-opus-latest",
	"ModelClaudeSonnet4_5": "claude-sonnet-4-5", "ModelClaudeOpus4_1": "claude-opus-4-1",
}

// goModelConst resolves a Go model constant written `pkg.Name` of a catalogued module.
func goModelConst(resolved string) (string, bool) {
	i := strings.LastIndexByte(resolved, '.')
	if i < 0 {
		return "", false
	}
	if _, ok := goEntry(resolved[:i]); !ok {
		return "", false
	}
	m, ok := goModelConsts[resolved[i+1:]]
	return m, ok
}
