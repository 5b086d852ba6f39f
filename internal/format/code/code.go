// Package code reads application source code (Python, JavaScript, TypeScript, Go, Java) and
// Jupyter notebooks statically, to find how it uses AI: the SDKs it imports, the clients it
// constructs, the model names and endpoints it passes, the vector stores and embeddings it
// uses. Parse lexes a file (comments and string contents never produce code), records imports,
// call expressions with callees resolved through imports and simple assignments, string literals
// and assignments; Usages turns that into catalogued AI usage. Nothing is ever imported or run.
//
// The parser is deliberately shallow: it understands tokens, brackets, dotted chains and
// statements well enough to avoid matches in strings and comments, and is linear in the input.
// Callee resolution is flow-insensitive in the small: an alias (`import torch as t`,
// `client = OpenAI()`) applies from the point it is seen to the next assignment of the name.
package code

import (
	"sort"
	"strings"
)

// Lang is a source language.
type Lang string

// Languages understood by Parse.
const (
	Python     Lang = "python"
	JavaScript Lang = "javascript"
	TypeScript Lang = "typescript"
	Go         Lang = "go"
	Java       Lang = "java"
)

// Bounds on what Parse keeps from one file.
const (
	// MaxLen is how many bytes of one source file are analysed; the rest is dropped and
	// File.Truncated set.
	MaxLen = 4 << 20
	// MaxLiteral bounds the decoded value kept for one string literal.
	MaxLiteral = 4 << 10
	// MaxStrings bounds the string literals kept per file.
	MaxStrings = 10_000
	// MaxCalls bounds the calls kept per file.
	MaxCalls = 100_000
	// MaxAssigns bounds the assignments kept per file.
	MaxAssigns = 100_000
	// MaxImports bounds the imports kept per file.
	MaxImports = 10_000
	// MaxIdents bounds the identifier references kept per file (see File.Idents).
	MaxIdents = 500_000
	// MaxArgs bounds the arguments kept per call.
	MaxArgs = 64
	// MaxValue bounds Arg.Value and Assign.Value when they are source text.
	MaxValue = 200
	// maxDepth bounds the bracket nesting tracked; deeper brackets are counted, not analysed.
	maxDepth = 256
	// maxCallee bounds Call.Callee and Call.Raw.
	maxCallee = 300
)

// LangOf returns the language of a file by its extension (.py .pyw; .js .mjs .cjs .jsx;
// .ts .tsx .mts .cts; .go; .java). Type stubs (.pyi, .d.ts) are not code that runs and are
// not recognised.
func LangOf(name string) (Lang, bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".d.ts") || strings.HasSuffix(lower, ".d.mts") || strings.HasSuffix(lower, ".d.cts") {
		return "", false
	}
	i := strings.LastIndexByte(lower, '.')
	if i < 0 {
		return "", false
	}
	switch lower[i:] {
	case ".py", ".pyw":
		return Python, true
	case ".js", ".mjs", ".cjs", ".jsx":
		return JavaScript, true
	case ".ts", ".tsx", ".mts", ".cts":
		return TypeScript, true
	case ".go":
		return Go, true
	case ".java":
		return Java, true
	}
	return "", false
}

// File is what Parse found in one source file.
type File struct {
	Lang    Lang
	Imports []Import
	// Calls holds every call expression (also `new X(...)` in JS/TS/Java and Go composite
	// literals of imported types), in the order their closing bracket was read: inner calls
	// come before the calls that contain them.
	Calls []Call
	// Strings holds the string literals (decoded, at most MaxLiteral bytes each, at most
	// MaxStrings kept), in source order except that an f-string or template literal with
	// interpolations follows the code inside it.
	Strings []Literal
	// Assigns holds simple assignments: `name = <expr>`, `const name = ...`, `name := ...`,
	// `Type name = ...`, tuple targets (one Assign per name), `self.x = ...`/`this.x = ...`.
	Assigns []Assign
	// Idents holds the identifiers the code uses, in source order: the first name of every
	// dotted chain (`resp` for `resp.choices[0]`; `self.x`/`this.x` keep two segments),
	// assignment targets included, also inside f-string and template interpolations; not
	// keyword-argument or object keys, never from comments or string contents.
	Idents    []Ident
	Truncated bool // the source was longer than MaxLen; only the prefix was analysed
	// Capped is set when one of the Max* bounds dropped imports, calls, strings, assignments
	// or identifiers.
	Capped bool
	Cells  []CellSpan // set by Notebook.Code: which line range came from which cell
}

// Import is one imported module or name.
//
// Python `from a.b import c as d` gives Module "a.b", Name "c", Alias "d"; `import a.b as c`
// gives Module "a.b", Alias "c". JS/TS `import x from "m"` gives Module "m", Name "default",
// Alias "x"; `import {a as b} from "m"` Name "a", Alias "b"; `import * as ns from "m"` Name
// "*", Alias "ns"; require("m") and import("m") give Module "m". Go gives the import path
// and the alias if any. Java `import a.b.C` gives Module "a.b", Name "C" (Name "*" for a
// wildcard).
type Import struct {
	Module string
	Name   string
	Alias  string
	Line   int
}

// Local returns the name the import binds in the file ("" when it binds none).
func (im Import) Local() string {
	if im.Alias != "" {
		return im.Alias
	}
	if im.Name != "" && im.Name != "*" {
		return im.Name
	}
	return ""
}

// Call is one call expression.
//
// Callee is the callee resolved through imports and aliases: `from openai import OpenAI;
// OpenAI()` gives "openai.OpenAI"; `import torch as t; t.load(x)` gives "torch.load"; with
// `client = OpenAI()`, `client.chat.completions.create(...)` gives
// "openai.OpenAI().chat.completions.create". A call in the middle of a chain is written "()",
// an index "[]". JS default imports resolve to "<module>.<local name>" (`import OpenAI from
// "openai"` makes `new OpenAI()` "openai.OpenAI"); Go import paths are kept whole
// ("github.com/sashabaranov/go-openai.NewClient"). Names that resolve to nothing are kept as
// written.
type Call struct {
	Callee string
	// Module is the import the callee's first name came from (Import.Module), "" when it was
	// not imported.
	Module string
	Raw    string // the callee as written (whitespace removed, at most 300 bytes)
	Args   []Arg
	Line   int // 1-based line of the callee's first token
	Offset int // byte offset of the callee's first token
	End    int // byte offset just after the closing bracket
	// New is set for `new X(...)` (JS/TS/Java).
	New bool
	// Composite is set for a Go composite literal of an imported type, whose keyed elements
	// are the named Args.
	Composite bool
}

// Arg is one argument of a call.
//
// Name is "" for positional arguments. Value is the source text (trimmed, whitespace runs
// with line breaks collapsed, at most MaxValue bytes) or, when String is set, the decoded
// literal (Python implicit concatenation joined). In JS/TS the keys of an object-literal
// argument also become named Args, right after the positional object argument itself; in Go
// composite literals the keyed elements are named Args.
type Arg struct {
	Name   string
	Value  string
	String bool
	// Resolved is the value resolved through imports when it is a single dotted chain
	// (`yaml.SafeLoader`, `openai.GPT4o` → "github.com/sashabaranov/go-openai.GPT4o").
	Resolved   string
	Start, End int // byte span of the value in the source
}

// Literal is one string literal.
type Literal struct {
	Value  string
	Line   int
	Offset int
	// Interpolated is set for f-strings and template literals with interpolations, whose
	// Value keeps the interpolations as written.
	Interpolated bool
	// Key names what the literal is the value of, or part of the value of: the innermost
	// keyword argument, object or dict key, parameter with a default, or assignment target
	// around it (`model="x"`, `{"model": "x"}`, `model: "x"`, `model = os.getenv("M", "x")`,
	// `MODELS = ["x", "y"]`; the last name of a dotted target). It is "" when nothing names it,
	// and when Listed is set.
	Key string
	// Listed is set when the literal is an object or dict key, a subscript, compared (`==`,
	// `case`, `in`), a member of a TypeScript union type, or an element of a set or object
	// that no key names: code that tests or tabulates names (`{"gpt-4o": 128000}`,
	// `model === "gpt-4o"`) rather than passes one.
	Listed bool
}

// Assign is one simple assignment.
type Assign struct {
	Name  string // the target: a name, or `self.x` / `this.x`
	Value string // source text of the value (trimmed, at most MaxValue bytes)
	// Calls are indexes into File.Calls of the calls inside the value.
	Calls []int
	Line  int
	Op    string // "=", ":=", "+=", …
	// Resolved is the value resolved through imports when it is a single chain
	// (`OpenAI()` → "openai.OpenAI()").
	Resolved   string
	Start, End int // byte span of the value
}

// Ident is one identifier read by the code (see File.Idents).
type Ident struct {
	Name   string
	Offset int
}

// CellSpan says which lines of a notebook's joined code came from which cell.
type CellSpan struct {
	Cell      int // Cell.Index: the 0-based position in the notebook's cells
	FirstLine int
	LastLine  int
}

// CellOf maps a line of a notebook's joined code to its cell and the 1-based line inside it.
func (f *File) CellOf(line int) (cell, lineInCell int, ok bool) {
	i := sort.Search(len(f.Cells), func(i int) bool { return f.Cells[i].LastLine >= line })
	if i == len(f.Cells) || f.Cells[i].FirstLine > line {
		return 0, 0, false
	}
	return f.Cells[i].Cell, line - f.Cells[i].FirstLine + 1, true
}

// IdentsIn returns the distinct identifiers read within the byte span [start, end), in order,
// at most 32.
func (f *File) IdentsIn(start, end int) []string {
	i := sort.Search(len(f.Idents), func(i int) bool { return f.Idents[i].Offset >= start })
	var out []string
	for ; i < len(f.Idents) && f.Idents[i].Offset < end && len(out) < 32; i++ {
		n := f.Idents[i].Name
		dup := false
		for _, o := range out {
			if o == n {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// Mentions reports whether the identifier name is read within [start, end).
func (f *File) Mentions(name string, start, end int) bool {
	i := sort.Search(len(f.Idents), func(i int) bool { return f.Idents[i].Offset >= start })
	for ; i < len(f.Idents) && f.Idents[i].Offset < end; i++ {
		if f.Idents[i].Name == name {
			return true
		}
	}
	return false
}

// CallsIn returns the indexes of the calls whose callee starts within [start, end), in
// source order.
func (f *File) CallsIn(start, end int) []int {
	var out []int
	for i := range f.Calls {
		if c := &f.Calls[i]; c.Offset >= start && c.Offset < end {
			out = append(out, i)
		}
	}
	sort.Slice(out, func(a, b int) bool { return f.Calls[out[a]].Offset < f.Calls[out[b]].Offset })
	return out
}

// Parse analyses one source file. It never panics, runs in time linear in the input and
// tolerates any bytes (non-UTF-8 included). Only the first MaxLen bytes are analysed.
func Parse(lang Lang, src []byte) *File {
	f := &File{Lang: lang}
	if len(src) > MaxLen {
		src, f.Truncated = src[:MaxLen], true
	}
	switch lang {
	case Python, JavaScript, TypeScript, Go, Java:
	default:
		return f
	}
	p := newParser(lang, string(src), f)
	p.run()
	return f
}
