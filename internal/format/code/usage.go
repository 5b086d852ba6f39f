package code

import (
	"sort"
	"strings"
)

// Usage kinds.
const (
	KindSDK         = "sdk"          // an AI library is imported
	KindClient      = "client"       // a client or model object is constructed
	KindModel       = "model"        // a model name is passed
	KindEndpoint    = "endpoint"     // an AI API URL appears
	KindVectorStore = "vector-store" // a vector store client or index is constructed
	KindEmbedding   = "embedding"    // an embedding model or API is used
)

// Usage is one piece of evidence of AI use in a file.
type Usage struct {
	Kind      string // sdk, client, model, endpoint, vector-store, embedding
	Package   string // canonical package name in its ecosystem, "" for a bare model name or URL
	Ecosystem string // PyPI, npm, Go, Maven ("" with Package)
	Category  string // one of the Cat* values (bom.Category)
	Provider  string // "OpenAI", "Anthropic", …, "" when unknown
	// Name is the model name for "model", the URL for "endpoint", the class or function for
	// "client", "vector-store" and "embedding", "" for "sdk".
	Name     string
	Line     int
	Evidence string // short, e.g. `import openai`, `OpenAI()`, `model="gpt-4o"`
}

// maxEvidence bounds Usage.Evidence.
const maxEvidence = 160

// usages collects the usages of one file.
type usages struct {
	f        *File
	out      []Usage
	consumed map[int]bool // offsets of literals already reported through an argument
}

// Usages returns the catalogued AI usage in f: imports of AI packages, clients, vector stores
// and embeddings constructed, model names and endpoints passed to them, AI API URLs in any
// string literal, and distinctive model names in string literals that give a model to
// something (see literalUsages). The result is deduplicated per (Kind,
// Package, Name), keeping the first line; a bare model name or URL is dropped when the same
// name was reported with a package. It is sorted by line; in a notebook's joined code, lines
// map back to cells with File.CellOf.
func Usages(f *File) []Usage {
	if f == nil {
		return nil
	}
	u := &usages{f: f, consumed: map[int]bool{}}
	for _, im := range f.Imports {
		u.importUsage(im)
	}
	for i := range f.Calls {
		u.callUsages(&f.Calls[i])
	}
	u.literalUsages()
	return dedup(u.out)
}

func (u *usages) add(x Usage) {
	x.Evidence = clip(x.Evidence, maxEvidence)
	x.Name = clip(x.Name, MaxValue)
	u.out = append(u.out, x)
}

// importUsage reports an import of a catalogued package.
func (u *usages) importUsage(im Import) {
	lang := u.f.Lang
	var e Entry
	ok := false
	switch {
	case lang == Python && im.Module == "agents":
		if im.Name == "Agent" || im.Name == "Runner" {
			e, ok = pyPackagesExtra["openai-agents"], true
		}
	case lang == Python && im.Name != "" && im.Name != "*":
		e, ok = pyEntry(im.Module + "." + im.Name)
	default:
		e, ok = moduleEntry(lang, im.Module)
	}
	if !ok {
		return
	}
	u.add(Usage{Kind: KindSDK, Package: e.Package, Ecosystem: e.Ecosystem, Category: e.Category, Provider: e.Provider,
		Line: im.Line, Evidence: importEvidence(lang, im)})
}

// importEvidence writes an import back in the language's syntax.
func importEvidence(lang Lang, im Import) string {
	as := ""
	if im.Alias != "" {
		as = " as " + im.Alias
	}
	switch lang {
	case Python:
		if im.Name == "" {
			return "import " + im.Module + as
		}
		return "from " + im.Module + " import " + im.Name + as
	case JavaScript, TypeScript:
		switch im.Name {
		case "":
			return `import "` + im.Module + `"`
		case "default":
			return "import " + im.Alias + ` from "` + im.Module + `"`
		case "*":
			return "import * as " + im.Alias + ` from "` + im.Module + `"`
		}
		return "import { " + im.Name + as + ` } from "` + im.Module + `"`
	case Go:
		if im.Alias != "" {
			return "import " + im.Alias + ` "` + im.Module + `"`
		}
		return `import "` + im.Module + `"`
	}
	return "import " + im.Module + "." + im.Name
}

// dedup keeps the first (lowest line) usage of each (Kind, Package, Name), drops a usage
// without a package when the same (Kind, Name) has one, and sorts by line.
func dedup(in []Usage) []Usage {
	type key struct{ kind, pkg, name string }
	first := make(map[key]int, len(in))
	named := map[key]bool{}
	var out []Usage
	for _, x := range in {
		k := key{x.Kind, x.Package, x.Name}
		if x.Package != "" {
			named[key{x.Kind, "", x.Name}] = true
		}
		if i, ok := first[k]; ok {
			if x.Line < out[i].Line {
				out[i] = x
			}
			continue
		}
		first[k] = len(out)
		out = append(out, x)
	}
	kept := out[:0]
	for _, x := range out {
		if x.Package == "" && x.Name != "" && named[key{x.Kind, "", x.Name}] {
			continue
		}
		kept = append(kept, x)
	}
	sort.Slice(kept, func(i, j int) bool {
		a, b := &kept[i], &kept[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Name < b.Name
	})
	return kept
}

// maxLiteralModels is how many distinct model names a file may hold in string literals before
// they are taken for a catalogue (an SDK's list of models, a pricing or context-size table)
// rather than for models the code uses; a catalogue's names count only as model arguments.
const maxLiteralModels = 5

// literalUsages reports the distinctive model names and AI API URLs of string literals not
// already reported through an argument. A model name counts only where the code gives it to
// something that takes a model: the value of a model-like key, parameter or variable
// (`"model": "gpt-4o"`, `DEFAULT_MODEL = "claude-sonnet-4-5"`), or a dated id
// ("claude-3-5-sonnet-20241022") that is not listed (Literal.Listed); and only in a file that
// names few models.
func (u *usages) literalUsages() {
	var models []Usage
	distinct := map[string]bool{}
	for _, lit := range u.f.Strings {
		v := strings.TrimSpace(lit.Value)
		p, isModel := ModelProvider(v)
		if isModel && !lit.Interpolated && len(distinct) <= maxLiteralModels {
			distinct[strings.ToLower(v)] = true
		}
		switch {
		case u.consumed[lit.Offset]:
		case isModel:
			if !lit.Interpolated && !lit.Listed && (modelKey(lit.Key) || datedModel(v)) {
				models = append(models, Usage{Kind: KindModel, Category: CatModelAPI, Provider: p, Name: v, Line: lit.Line,
					Evidence: literalEvidence(u.f.Lang, lit.Key, v)})
			}
		default:
			if p, ok := EndpointProvider(v); ok {
				u.add(Usage{Kind: KindEndpoint, Category: CatModelAPI, Provider: p, Name: v, Line: lit.Line, Evidence: `"` + v + `"`})
			}
		}
	}
	if len(distinct) > maxLiteralModels {
		return
	}
	for _, m := range models {
		u.add(m)
	}
}

// modelKey reports whether a key, parameter or variable name holds a model name: it mentions
// a model, an engine or a deployment ("model", "modelName", "DEFAULT_MODEL", "llm_model",
// "azure_deployment", "engine").
func modelKey(key string) bool {
	if key == "" {
		return false
	}
	l := strings.ToLower(key)
	return strings.Contains(l, "model") || strings.Contains(l, "engine") || strings.Contains(l, "deployment") || l == "llm"
}

// datedModel reports whether a model name carries a release date ("claude-3-5-sonnet-20241022",
// "gpt-4o-2024-08-06", "…@20250514"), which no other kind of string looks like.
func datedModel(name string) bool {
	run := 0
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case isDigit(c):
			run++
			if run == 8 && strings.HasPrefix(name[i-7:], "20") {
				return true
			}
		case c == '-' && run == 4 && strings.HasPrefix(name[i-4:], "20") && i+6 <= len(name) &&
			isDigit(name[i+1]) && isDigit(name[i+2]) && name[i+3] == '-' && isDigit(name[i+4]) && isDigit(name[i+5]):
			return true
		default:
			run = 0
		}
	}
	return false
}

// literalEvidence writes a literal with its key: `model="gpt-4o"` (Python), `model: "gpt-4o"`,
// or the literal alone.
func literalEvidence(lang Lang, key, v string) string {
	switch {
	case key == "":
		return `"` + v + `"`
	case lang == Python:
		return key + `="` + v + `"`
	}
	return key + `: "` + v + `"`
}
