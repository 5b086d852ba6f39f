// Package jinja summarises a Jinja2 template at the token level for security analysis: which
// names, attributes and items it reaches, which filters and functions it calls, which string
// literals it holds (with Python escapes decoded) and which strings it builds by concatenation,
// joining, reversing or formatting. Templates are lexed with gonja's lexer and walked by a
// small expression reader; they are never parsed into a program, rendered or executed.
//
// It serves chat templates (GGUF tokenizer.chat_template, tokenizer_config.json, .jinja files),
// the target of server-side template injection such as CVE-2024-34359.
package jinja

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// Bounds on the work spent on one template. Published chat templates are under 20 KiB.
const (
	MaxAnalysedBytes = 256 << 10 // bytes lexed and walked; the rest is only scanned as raw text
	MaxDepth         = 64        // expression nesting followed
	MaxRecords       = 10_000    // entries kept per list of the Analysis
	MaxBuiltLen      = 4096      // longest string computed by static evaluation
)

// SegKind says how a chain segment reaches its value.
type SegKind int

// Segment kinds.
const (
	Attr       SegKind = iota // .name
	Item                      // ['name'] (a subscript whose key is a known string)
	Index                     // [expr] or [a:b] with a key that is not a known string
	Call                      // (...)
	Filter                    // |name or |name(...)
	AttrFilter                // |attr('name'): attribute lookup through the attr filter
)

// Seg is one step of an access chain.
type Seg struct {
	Kind SegKind
	// Name is the attribute, item or filter name (for AttrFilter the attribute; "" when the
	// argument is not a known string).
	Name string
	// Built is set when Name was computed (concatenation, join, format, chr, a variable set
	// earlier) rather than written as one literal.
	Built bool
	// Escaped is set when Name came from a string literal written with escape sequences.
	Escaped bool
	// Computed is set on an Index whose key is neither a number nor a slice, and on an
	// AttrFilter whose argument is not a string literal: a name given by an expression, known
	// at render time only (Name holds it when static evaluation found it anyway).
	Computed bool
}

// Chain is one access path, e.g. cycler.__init__.__globals__.os.popen('id').read().
type Chain struct {
	// Root is the identifier the chain starts from, or a placeholder for a literal root:
	// "''" (string), "()" (tuple or parenthesised expression), "[]" (list), "{}" (dict), "0".
	Root string
	Segs []Seg
	Pos  int // byte offset of the root in the (newline-normalised) template
}

// Literal is a string literal or a statically computed string.
type Literal struct {
	Value   string
	Pos     int
	Escaped bool // written with escape sequences (\x5f, \u005f, \137, \N{LOW LINE})
}

// Name is an identifier used as a filter, a called function or method, or a statement tag.
type Name struct {
	Name string
	Pos  int
}

// Analysis is the token-level summary of one template.
type Analysis struct {
	Size     int // bytes of the template
	Analysed int // bytes lexed (at most MaxAnalysedBytes)
	Tokens   int
	// LexError is gonja's lexer error when the template did not lex to the end; the tokens
	// before it are still summarised and Raw covers the whole text.
	LexError string
	Chains   []Chain
	// Idents lists every identifier written in expressions and statements (names, attributes,
	// filters, keyword arguments), each once, whatever the walker made of the structure.
	Idents  []Name
	Strings []Literal // every string literal in expressions and statements, escapes decoded
	Built   []Literal // strings computed from literals by concatenation, join, reverse, format…
	Filters []Name
	Calls   []Name // the last name before each call: function (namespace) or method (items)
	Tags    []Name // statement names: for, if, set, generation, include, macro…
	// Raw lists identifiers of interest found by a plain scan of the escape-decoded text, for
	// the parts the lexer did not cover (a lexer error, or bytes past MaxAnalysedBytes).
	Raw  []Name
	Gaps []string
}

// Looks reports whether s contains Jinja syntax: an expression, a statement or a comment.
func Looks(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#")
}

// Analyze summarises src. It never fails: what cannot be lexed is scanned as raw text and
// recorded in LexError or Gaps.
func Analyze(src string) *Analysis {
	a := &Analysis{Size: len(src)}
	text := src
	if len(text) > MaxAnalysedBytes {
		text = trimRunes(text[:MaxAnalysedBytes])
		a.gap("template of %d bytes: only the first %d lexed, the rest scanned as raw text", len(src), len(text))
	}
	a.Analysed = len(text)
	toks, lexErr := lex(text)
	a.LexError = lexErr
	a.Tokens = len(toks)
	flat(a, toks)
	walk(a, toks)
	switch {
	case a.LexError != "":
		a.Raw = scanRaw(src, 0)
	case len(text) < len(src):
		a.Raw = scanRaw(src, len(text))
	}
	return a
}

// gap records a reason the analysis is incomplete, each reason once.
func (a *Analysis) gap(format string, args ...any) {
	g := fmt.Sprintf(format, args...)
	if len(a.Gaps) < maxGaps && !slices.Contains(a.Gaps, g) {
		a.Gaps = append(a.Gaps, g)
	}
}

const maxGaps = 20

// trimRunes drops a partial UTF-8 sequence at the end of s.
func trimRunes(s string) string {
	for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
		if r, n := utf8.DecodeLastRuneInString(s); r != utf8.RuneError || n != 1 {
			return s
		}
		s = s[:len(s)-1]
	}
	return s
}

// lex runs gonja's lexer and returns the tokens up to the first error (whitespace dropped)
// and the error text. A panic in the third-party lexer is reported as a lexer error so the
// caller falls back to the raw scan; lengths are already bounded by MaxAnalysedBytes.
func lex(text string) (toks []*tokens.Token, lexErr string) {
	defer func() {
		if r := recover(); r != nil {
			lexErr = fmt.Sprintf("lexer failed: %v", r)
		}
	}()
	stream := tokens.LexAll(text, config.New())
	for !stream.End() {
		toks = append(toks, stream.Next())
	}
	if c := stream.Current(); c != nil && c.Type == tokens.Error {
		lexErr = c.Val
		if lexErr == "" {
			lexErr = "lexer error"
		}
	}
	return toks, lexErr
}

// String renders the chain compactly, e.g. cycler.__init__.__globals__.os.popen().read().
func (c Chain) String() string {
	var b strings.Builder
	b.WriteString(c.Root)
	for _, s := range c.Segs {
		switch s.Kind {
		case Attr:
			b.WriteString("." + s.Name)
		case Item:
			fmt.Fprintf(&b, "[%q]", s.Name)
		case Index:
			b.WriteString("[…]")
		case Call:
			b.WriteString("()")
		case Filter:
			b.WriteString("|" + s.Name)
		case AttrFilter:
			if s.Name == "" {
				b.WriteString("|attr(…)")
			} else {
				fmt.Fprintf(&b, "|attr(%q)", s.Name)
			}
		}
		if b.Len() > 300 {
			b.WriteString("…")
			break
		}
	}
	return b.String()
}
