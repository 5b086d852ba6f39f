// Package structured parses JSON and YAML configuration text — Hugging Face config.json,
// tokenizer_config.json, generation, processor and adapter configs, NeMo/Hydra YAML — into a
// plain tree under fixed budgets. It never evaluates anything: YAML tags are recorded, never
// constructed, and YAML aliases are expanded only up to a node cap (billion-laughs input is
// refused).
package structured

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/limits"
)

// Flavour says which syntax a document was read as.
type Flavour string

// The two syntaxes Parse accepts.
const (
	JSON Flavour = "json"
	YAML Flavour = "yaml"
)

// Caps on what one document may cost. Real configs are far below every one of them (a
// tokenizer.json with a 150k vocabulary has about half a million values).
const (
	// MaxBytes is the largest text that is parsed; bigger input yields a Doc with a gap.
	MaxBytes = 16 << 20
	// MaxDepth bounds the nesting of mappings and sequences.
	MaxDepth = 128
	// MaxNodes bounds the values of the decoded tree, counted after YAML alias expansion.
	MaxNodes = 2_000_000
	// MaxYAMLNodes bounds the syntax nodes a YAML text may have before it is parsed: the YAML
	// library holds about 150 bytes per node, so this keeps one document under ~40 MB.
	MaxYAMLNodes = 250_000
	// MaxDocs bounds the documents read from one YAML stream.
	MaxDocs = 16
	// MaxStrings bounds the metadata strings a document yields (see MetaStrings).
	MaxStrings = 100_000
	// MaxTags bounds the explicit YAML tags recorded.
	MaxTags = 1_000
)

// ErrNotConfig is returned for text that is neither a JSON object or array nor a YAML
// mapping: the caller should treat it as plain text, not as a failed parse.
var ErrNotConfig = errors.New("not a JSON or YAML configuration")

// ErrTooDeep is matched by errors for documents nested deeper than MaxDepth.
var ErrTooDeep = errors.New("nesting deeper than the limit")

// Tag is an explicit, non-core YAML tag such as "!!python/object/apply:os.system", with the
// key path of the node that carries it.
type Tag struct {
	Path string
	Tag  string
}

// Doc is one parsed configuration. Root holds map[string]any, []any, string, float64, bool
// or nil values. A YAML stream with several documents has the first in Root and the rest in
// More.
type Doc struct {
	Flavour Flavour
	Root    any
	More    []any
	Tags    []Tag
	Size    int64
	// Skipped names bulky subtrees left out of MetaStrings on purpose (a tokenizer vocabulary).
	Skipped []string

	strings []meta.String
	gaps    []string
}

// Parse decodes data as JSON (an object or array) or, failing that, as a YAML mapping. Text
// over MaxBytes (or the budget's MaxFileBytes) gives a Doc with a gap and no tree; text that
// is neither gives ErrNotConfig; YAML whose aliases expand past the node cap, or any nesting
// deeper than MaxDepth, is refused with an error.
func Parse(data []byte, b limits.Budget) (*Doc, error) {
	b = b.WithDefaults()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	limit := min(int64(MaxBytes), b.MaxFileBytes)
	if int64(len(data)) > limit {
		d := &Doc{Flavour: guess(data), Size: int64(len(data))}
		d.gaps = append(d.gaps, fmt.Sprintf("config text is %d bytes, over the %d-byte parse limit; not analysed", len(data), limit))
		return d, nil
	}
	d, jsonErr := parseJSON(data)
	if jsonErr == nil {
		d.finish()
		return d, nil
	}
	if errors.Is(jsonErr, ErrTooDeep) || errors.Is(jsonErr, limits.ErrExceeded) {
		return nil, jsonErr
	}
	d, err := parseYAML(data)
	if err != nil {
		if !errors.Is(jsonErr, ErrNotConfig) {
			return nil, jsonErr // text that starts like JSON: its own error says more than YAML's
		}
		return nil, err
	}
	d.finish()
	return d, nil
}

// Gaps implements format.Partial.
func (d *Doc) Gaps() []string { return d.gaps }

// MetaStrings implements meta.Source: every string value of the tree (all documents), keyed by
// its path (`auto_map.AutoModel`, `chat_template[0].template`, `#1.model.name` for the second
// YAML document). Map keys are not emitted. The vocabulary and merges of a Hugging Face
// tokenizers file (tokenizer.json `model.vocab`, `model.merges`) are skipped: they are
// hundreds of thousands of token strings with no configuration meaning, listed in Skipped. At
// most MaxStrings are returned; a document with more has a gap.
func (d *Doc) MetaStrings() []meta.String { return d.strings }

// Map returns Root as a mapping, or nil when it is not one.
func (d *Doc) Map() map[string]any {
	m, _ := d.Root.(map[string]any)
	return m
}

// Docs returns Root followed by More.
func (d *Doc) Docs() []any {
	if d.Root == nil && len(d.More) == 0 {
		return nil
	}
	return append([]any{d.Root}, d.More...)
}

// Lookup follows keys through nested mappings from v.
func Lookup(v any, keys ...string) (any, bool) {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// finish collects the metadata strings once, so the cap can become a gap.
func (d *Doc) finish() {
	w := newStringWalker(d)
	for i, root := range d.Docs() {
		prefix := ""
		if i > 0 {
			prefix = fmt.Sprintf("#%d", i)
		}
		w.walk(prefix, root, 0)
	}
	d.strings = w.out
	if w.over {
		d.gaps = append(d.gaps, fmt.Sprintf("more than %d string values; only the first %d were analysed", MaxStrings, MaxStrings))
	}
}

// guess names the flavour text most likely has, for documents that are not parsed.
func guess(data []byte) Flavour {
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return JSON
	}
	return YAML
}

var (
	_ meta.Source    = (*Doc)(nil)
	_ format.Partial = (*Doc)(nil)
)
