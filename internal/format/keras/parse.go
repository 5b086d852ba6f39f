package keras

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/format/pymarshal"
	"github.com/aisecops/aisec/internal/limits"
)

// Bounds of one parse. Real Keras configs are a few MB with a few hundred thousand values and
// nest a few dozen levels; Python's json module itself stops near 1000 levels.
const (
	MaxJSONBytes = 64 << 20 // largest JSON text analysed
	MaxJSONDepth = 512      // deeper values are skipped and reported as a gap
	maxNodes     = 4_000_000
	maxStrings   = 500_000 // distinct string values kept for the metadata detector
	maxArgs      = 8       // string arguments kept per called object
	maxWords     = 200     // identifiers kept per undecodable Lambda
	maxValues    = 16      // string defaults/closure values kept per Lambda
	maxDups      = 100
)

// Parse reads one Keras JSON text. data is the whole text (Keras reads configs whole too);
// origin says where it came from. b.MaxFileBytes (capped at MaxJSONBytes) bounds the text and
// b.MaxEntries the objects recorded; Lambda bytecode is decoded under pymarshal limits. An
// error means the text is not JSON at all or is over budget; damage after a valid start, depth
// or count limits yield a model with Gaps. The caller sets Model.Base when it knows where the
// text sits in the scanned file.
func Parse(data []byte, origin Origin, b limits.Budget) (*Model, error) {
	b = b.WithDefaults()
	if limit := min(b.MaxFileBytes, MaxJSONBytes); int64(len(data)) > limit {
		return nil, fmt.Errorf("unable to read Keras %s: %w", origin, limits.Exceeded("Keras JSON bytes", limit))
	}
	t, err := decodeJSON(data, jsonLimits{maxDepth: MaxJSONDepth, maxNodes: maxNodes})
	if err != nil {
		return nil, fmt.Errorf("unable to read Keras %s: %w", origin, err)
	}
	m := &Model{Origin: origin, Base: -1, gaps: t.gaps}
	if origin == OriginKerasConfig || origin == OriginKerasMetadata {
		m.Base = 0 // the JSON is the whole zip member
	}
	w := &walker{m: m, seen: map[string]bool{}, code: map[*node]bool{}, pending: map[string]pendingLambda{}, maxObjects: b.MaxEntries,
		lim: pymarshal.Limits{MaxDepth: 100, MaxObjects: 1_000_000}}
	w.walk(t.root, "")
	if root := t.root; root != nil {
		m.ClassName = root.get("class_name").text()
		m.KerasVersion = root.get("keras_version").text()
		m.Backend = root.get("backend").text()
		m.DateSaved = root.get("date_saved").text()
	}
	return m, nil
}

// pendingLambda remembers, for a Keras 3 Lambda layer whose function is a __lambda__ dict, which
// layer and field the dict belongs to; the dict itself is decoded when the walk reaches it.
type pendingLambda struct {
	layer, field string
}

type walker struct {
	m          *Model
	seen       map[string]bool // string values already recorded
	code       map[*node]bool  // strings decoded as Lambda bytecode: their constants are recorded instead
	pending    map[string]pendingLambda
	maxObjects int
	lim        pymarshal.Limits
	capped     map[string]bool // gap messages already given
	steps      []step          // path of the value being walked
}

func (w *walker) gap(key, msg string) {
	if w.capped == nil {
		w.capped = map[string]bool{}
	}
	if !w.capped[key] {
		w.capped[key] = true
		w.m.gaps = append(w.m.gaps, msg)
	}
}

// join extends a JSON path with an object key.
func join(path, key string) string {
	if !isPlainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func isPlainKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// step is one component of the path of the value being walked: an object key, or an array
// index when key is "".
type step struct {
	key string
	idx int
}

// path spells out the JSON path of the value being walked. Walking a large config visits every
// value, but only recorded values need their path as a string, so it is built on demand.
func (w *walker) path() string {
	var b strings.Builder
	for _, st := range w.steps {
		switch {
		case st.key == "" && st.idx >= 0:
			b.WriteString("[" + strconv.Itoa(st.idx) + "]")
		case !isPlainKey(st.key):
			b.WriteString("[" + strconv.Quote(st.key) + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(st.key)
		}
	}
	return b.String()
}

// walk visits every value. slot is the object key the value sits under (array items inherit
// the key of their array), which tells a layer list entry from an initializer.
func (w *walker) walk(n *node, slot string) {
	if n == nil {
		return
	}
	switch n.kind {
	case nodeString:
		if !w.code[n] {
			w.addString(n.str, n.off)
		}
	case nodeArray:
		for i, k := range n.kids {
			w.steps = append(w.steps, step{idx: i})
			w.walk(k, slot)
			w.steps = w.steps[:len(w.steps)-1]
		}
	case nodeObject:
		w.duplicates(n)
		if n.get("class_name").is(nodeString) {
			w.object(n, slot)
		}
		for i, k := range n.kids {
			w.steps = append(w.steps, step{key: n.keys[i], idx: -1})
			w.walk(k, n.keys[i])
			w.steps = w.steps[:len(w.steps)-1]
		}
	}
}

func (w *walker) addString(v string, off int64) {
	if v == "" || w.seen[v] {
		return
	}
	w.addStringAt(w.path(), v, off)
}

func (w *walker) addStringAt(path, v string, off int64) {
	if v == "" || w.seen[v] {
		return
	}
	if len(w.seen) >= maxStrings {
		w.gap("strings", fmt.Sprintf("more than %d distinct strings; the rest were not checked for secrets or URLs", maxStrings))
		return
	}
	w.seen[v] = true
	w.m.strings = append(w.m.strings, text{path: path, value: v, off: off})
}

func (w *walker) duplicates(n *node) {
	if len(n.keys) > 32 {
		w.duplicatesMap(n)
		return
	}
	for i := 1; i < len(n.keys); i++ { // small objects, the norm: no map allocation
		for j := 0; j < i; j++ {
			if n.keys[j] == n.keys[i] {
				w.duplicate(n, i)
				break
			}
		}
	}
}

func (w *walker) duplicatesMap(n *node) {
	keys := make(map[string]bool, len(n.keys))
	for i, k := range n.keys {
		if keys[k] {
			w.duplicate(n, i)
		}
		keys[k] = true
	}
}

func (w *walker) duplicate(n *node, i int) {
	if len(w.m.Duplicates) < maxDups {
		w.m.Duplicates = append(w.m.Duplicates, Duplicate{Path: w.path(), Key: n.keys[i], Offset: n.kids[i].offset()})
	}
}

// dataClasses are the markers Keras 3 uses to serialise plain values; they name no code.
var dataClasses = map[string]bool{"__keras_tensor__": true, "__tensor__": true, "__numpy__": true,
	"__bytes__": true, "__ellipsis__": true, "__slice__": true, "__tuple__": true}

// object records one serialised object (a dict with a class_name).
func (w *walker) object(n *node, slot string) {
	cls := n.get("class_name").text()
	if dataClasses[cls] {
		return
	}
	if len(w.m.Objects) >= w.maxObjects {
		w.gap("objects", fmt.Sprintf("more than %d serialised objects; the rest were not analysed", w.maxObjects))
		return
	}
	cfg := n.get("config")
	path := w.path()
	o := Object{Path: path, Offset: n.off, ClassName: cls, Slot: slot,
		Module: n.get("module").text(), RegisteredName: n.get("registered_name").text(),
		Name: n.get("name").text(), Inner: cfg.text(), Function: cfg.get("function").text()}
	if o.Name == "" {
		o.Name = cfg.get("name").text()
	}
	if cls == "__typespec__" {
		o.Inner = n.get("spec_name").text()
	}
	if in := n.get("inbound_nodes"); in.is(nodeArray) && len(in.kids) > 0 {
		o.Called = true
		o.Args = collectStrings(in, maxArgs, nil)
	}
	w.m.Objects = append(w.m.Objects, o)
	switch {
	case cls == "__lambda__":
		w.bareLambda(n, path)
	case cls == "Lambda" || cfg.get("function_type").text() == "lambda":
		// Any class with a Keras 2 function_type "lambda" rebuilds bytecode: subclasses of
		// Lambda under another name included.
		w.lambdaLayer(cfg, path, o.Name)
	}
}

// collectStrings returns up to max string values under n, skipping serialised tensors (their
// strings are dtypes and layer names, not arguments).
func collectStrings(n *node, max int, out []string) []string {
	if n == nil || len(out) >= max {
		return out
	}
	switch n.kind {
	case nodeString:
		return append(out, n.str)
	case nodeObject:
		if n.get("class_name").text() == "__keras_tensor__" {
			return out
		}
		fallthrough
	case nodeArray:
		for _, k := range n.kids {
			if out = collectStrings(k, max, out); len(out) >= max {
				break
			}
		}
	}
	return out
}

// errBudget reports whether a decode error is a budget overrun rather than bad data.
func errBudget(err error) bool { return errors.Is(err, limits.ErrExceeded) }
