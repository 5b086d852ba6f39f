package target

import (
	"errors"
	"fmt"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"slices"
	"strconv"
	"strings"
)

// JSONPath limits: paths come from configuration, documents from the network.
const (
	maxPathLen     = 1024
	maxPathSteps   = 64
	maxPathResults = 10000
)

// JSONPath is a parsed path into a JSON document: the small subset replies need.
//
//	$                the root ("$" may be omitted: "output" means "$.output")
//	.name            an object member (any characters but '.' and '[')
//	['name'] ["n"]   an object member, quoted; a backslash escapes the next character
//	[N]              an array element; negative N counts from the end
//	[*] .*           every element of an array, or every member of an object (in key order)
//
// Filters, slices and recursive descent are not supported.
type JSONPath struct {
	steps []pathStep
}

type stepKind uint8

const (
	stepField stepKind = iota
	stepIndex
	stepWild
)

type pathStep struct {
	kind  stepKind
	name  string
	index int
}

// ParseJSONPath parses a path.
func ParseJSONPath(s string) (*JSONPath, error) {
	if len(s) > maxPathLen {
		return nil, fmt.Errorf("unable to parse JSONPath: longer than %d bytes", maxPathLen)
	}
	src := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(src, "$"):
		src = src[1:]
	case src != "" && src[0] != '[' && src[0] != '.':
		src = "." + src
	}
	p := &JSONPath{}
	for src != "" {
		if len(p.steps) == maxPathSteps {
			return nil, fmt.Errorf("unable to parse JSONPath %q: more than %d steps", s, maxPathSteps)
		}
		st, rest, err := parseStep(src)
		if err != nil {
			return nil, fmt.Errorf("unable to parse JSONPath %q: %w", s, err)
		}
		p.steps, src = append(p.steps, st), rest
	}
	return p, nil
}

// parseStep reads one step from the front of s.
func parseStep(s string) (pathStep, string, error) {
	switch s[0] {
	case '.':
		return parseDot(s[1:])
	case '[':
		return parseBracket(s[1:])
	}
	return pathStep{}, "", fmt.Errorf("unexpected %q (want '.' or '[')", s[0])
}

// parseDot reads the member name after a '.'.
func parseDot(s string) (pathStep, string, error) {
	if strings.HasPrefix(s, "*") {
		return pathStep{kind: stepWild}, s[1:], nil
	}
	if strings.HasPrefix(s, ".") {
		return pathStep{}, "", errors.New("recursive descent (..) is not supported")
	}
	end := strings.IndexAny(s, ".[")
	if end < 0 {
		end = len(s)
	}
	if end == 0 {
		return pathStep{}, "", errors.New("empty member name after '.'")
	}
	return pathStep{kind: stepField, name: s[:end]}, s[end:], nil
}

// parseBracket reads a [...] step; s starts after the '['.
func parseBracket(s string) (pathStep, string, error) {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return pathStep{}, "", errors.New("unterminated '['")
	}
	var st pathStep
	var err error
	switch s[0] {
	case '\'', '"':
		st.kind = stepField
		st.name, s, err = parseQuoted(s)
	case '*':
		st.kind, s = stepWild, s[1:]
	default:
		st.kind = stepIndex
		st.index, s, err = parseIndex(s)
	}
	if err != nil {
		return pathStep{}, "", err
	}
	s = strings.TrimLeft(s, " ")
	if !strings.HasPrefix(s, "]") {
		return pathStep{}, "", errors.New("missing ']'")
	}
	return st, s[1:], nil
}

// parseQuoted reads a quoted member name; s starts at the opening quote.
func parseQuoted(s string) (string, string, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == q:
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", errors.New("unterminated quoted name")
}

// parseIndex reads an optionally negative decimal index.
func parseIndex(s string) (int, string, error) {
	end := 0
	if end < len(s) && s[end] == '-' {
		end++
	}
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil || n > 1e9 || n < -1e9 {
		return 0, "", fmt.Errorf("bad index %q (want an integer, a quoted name or *)", textclip.Ellipsis(s, 20))
	}
	return n, s[end:], nil
}

// String renders the path canonically; ParseJSONPath(p.String()) is the same path.
func (p *JSONPath) String() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, st := range p.steps {
		switch st.kind {
		case stepWild:
			b.WriteString("[*]")
		case stepIndex:
			b.WriteString("[" + strconv.Itoa(st.index) + "]")
		case stepField:
			if plainName(st.name) {
				b.WriteString("." + st.name)
				continue
			}
			r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
			b.WriteString("['" + r.Replace(st.name) + "']")
		}
	}
	return b.String()
}

// plainName reports whether a member name can be written after a dot.
func plainName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, c := range []byte(s) {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Find returns the values the path selects in doc (a value decoded by encoding/json into
// any): none when it matches nothing, several when it has wildcards. At most 10,000 values.
func (p *JSONPath) Find(doc any) []any {
	cur := []any{doc}
	for _, st := range p.steps {
		var next []any
		for _, v := range cur {
			next = st.apply(next, v)
			if len(next) >= maxPathResults {
				next = next[:maxPathResults]
				break
			}
		}
		if len(next) == 0 {
			return nil
		}
		cur = next
	}
	return cur
}

// apply appends what one step selects in v.
func (st pathStep) apply(out []any, v any) []any {
	switch st.kind {
	case stepField:
		if m, ok := v.(map[string]any); ok {
			if x, ok := m[st.name]; ok {
				out = append(out, x)
			}
		}
	case stepIndex:
		if a, ok := v.([]any); ok {
			i := st.index
			if i < 0 {
				i += len(a)
			}
			if i >= 0 && i < len(a) {
				out = append(out, a[i])
			}
		}
	case stepWild:
		switch x := v.(type) {
		case []any:
			out = append(out, x...)
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys) // map order is random; results must not be
			for _, k := range keys {
				out = append(out, x[k])
			}
		}
	}
	return out
}
