package structured

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/format/meta"
)

// maxPath bounds a key path; longer paths keep their head and tail. Without it a long key
// repeated in every child path would multiply memory by the number of values below it.
const maxPath = 256

// maxKey bounds one key inside a path.
const maxKey = 64

// Key returns the path of key below parent: `parent.key`, or `parent["odd key"]` when the key
// is not a plain word (dots, spaces, quotes, empty).
func Key(parent, key string) string {
	return clip(strings.TrimPrefix(parent+segment(key), "."))
}

// Index returns the path of element i below parent: `parent[i]`.
func Index(parent string, i int) string {
	return clip(parent + "[" + strconv.Itoa(i) + "]")
}

func segment(key string) string {
	if len(key) > maxKey {
		key = cutRunes(key, maxKey) + "…"
	}
	if plainKey(key) {
		return "." + key
	}
	return "[" + strconv.Quote(key) + "]"
}

func joinSegments(segs []string) string {
	return clip(strings.TrimPrefix(strings.Join(segs, ""), "."))
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func clip(p string) string {
	if len(p) <= maxPath {
		return p
	}
	half := maxPath/2 - 2
	tail := p[len(p)-half:]
	for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
		tail = tail[1:]
	}
	return cutRunes(p, half) + "…" + tail
}

// cutRunes returns at most n bytes of s without splitting a UTF-8 sequence.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// stringWalker collects the string values of a tree in a stable order (sorted keys).
type stringWalker struct {
	doc       *Doc
	out       []meta.String
	over      bool
	tokenizer bool
}

func newStringWalker(d *Doc) *stringWalker {
	return &stringWalker{doc: d, tokenizer: isTokenizerFile(d.Root)}
}

func (w *stringWalker) walk(path string, v any, depth int) {
	if w.over || depth > MaxDepth+1 {
		return
	}
	switch t := v.(type) {
	case string:
		if len(w.out) >= MaxStrings {
			w.over = true
			return
		}
		w.out = append(w.out, meta.String{Key: path, Value: t, Offset: -1})
	case []any:
		for i, it := range t {
			w.walk(Index(path, i), it, depth+1)
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			p := Key(path, k)
			if w.skip(p, t[k]) {
				continue
			}
			w.walk(p, t[k], depth+1)
		}
	}
}

// skip leaves out the vocabulary and merges of a Hugging Face tokenizers file: token strings,
// never configuration, and often hundreds of thousands of them.
func (w *stringWalker) skip(path string, v any) bool {
	if !w.tokenizer || (path != "model.vocab" && path != "model.merges") {
		return false
	}
	n := 0
	switch t := v.(type) {
	case map[string]any:
		n = len(t)
	case []any:
		n = len(t)
	}
	w.doc.Skipped = append(w.doc.Skipped, fmt.Sprintf("%s (%d entries)", path, n))
	return true
}

// isTokenizerFile recognises tokenizer.json of the Hugging Face tokenizers library: a "model"
// mapping with a vocabulary beside the pipeline keys the library always writes.
func isTokenizerFile(root any) bool {
	m, ok := root.(map[string]any)
	if !ok {
		return false
	}
	model, ok := m["model"].(map[string]any)
	if !ok {
		return false
	}
	_, vocab := model["vocab"]
	_, merges := model["merges"]
	_, added := m["added_tokens"]
	_, pre := m["pre_tokenizer"]
	return (vocab || merges) && (added || pre)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
