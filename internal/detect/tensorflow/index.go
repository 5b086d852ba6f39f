package tensorflow

import (
	"regexp"
	"strings"

	"github.com/aisecops/aisec/internal/format/savedmodel"
)

// maxResolve bounds how many producers and function calls a path is traced through.
const maxResolve = 8

// maxCallers bounds the call sites followed for one function argument.
const maxCallers = 8

// maxSteps bounds the work of one trace, whatever the fan-out of call sites.
const maxSteps = 256

// tracedSaverFunc matches the names tf.saved_model.save gives the checkpoint functions the
// graph's saver calls (and functions they call for custom saveables).
var tracedSaverFunc = regexp.MustCompile(`^__inference__traced_(save|restore)_\d+$`)

// defaultSaverScope is where tf.train.Saver puts its nodes when no SaverDef says so.
var defaultSaverScope = regexp.MustCompile(`^save(_\d+)?/`)

// scopeKey names a node: meta graph, nested graph ("" for the file's own), function ("" for
// the graph) and node name.
type scopeKey struct {
	mg       int
	nested   string
	function string
	name     string
}

// qual qualifies a function name with the nested graph whose library defines it: a graph
// serialized into a constant has a library of its own, whose names may shadow the outer ones.
func qual(nested, name string) string {
	if nested == "" || name == "" {
		return name
	}
	return nested + "\x00" + name
}

// index answers questions about one model's graph: which node produces an input, who calls a
// function, whether a node belongs to the checkpoint saver. It is built lazily, only for
// models that contain an op that needs it.
type index struct {
	m          *savedmodel.Model
	nodes      map[scopeKey]*savedmodel.Node
	callers    map[string][]*savedmodel.Node
	funcs      map[string]*savedmodel.Function
	assets     map[scopeKey]string // asset tensor node → file name
	saverFiles map[scopeKey]bool   // saver filename tensor nodes
	saverScope map[int]string      // meta graph → node name prefix of its saver
	saverFuncs map[string]bool
	steps      int // resolve calls left in the current trace
}

func newIndex(m *savedmodel.Model) *index {
	x := &index{m: m, nodes: map[scopeKey]*savedmodel.Node{}, callers: map[string][]*savedmodel.Node{},
		funcs: map[string]*savedmodel.Function{}, assets: map[scopeKey]string{}, saverFiles: map[scopeKey]bool{},
		saverScope: map[int]string{}, saverFuncs: map[string]bool{}}
	for i := range m.Functions {
		f := &m.Functions[i]
		x.funcs[qual(f.Nested, f.Name)] = f
	}
	for i := range m.Nodes {
		n := &m.Nodes[i]
		x.nodes[scopeKey{n.MetaGraph, n.Nested, n.Function, n.Name}] = n
		for _, f := range calls(n, x.funcs) {
			x.callers[f] = append(x.callers[f], n)
		}
	}
	for _, mg := range m.MetaGraphs {
		for _, a := range mg.Assets {
			x.assets[scopeKey{mg.Index, "", "", tensorNode(a.Tensor)}] = a.Filename
		}
		x.indexSaver(mg)
	}
	x.closeSaverFuncs()
	return x
}

// calls lists the functions node n calls, qualified (qual): through function-valued
// attributes (f, body, then_branch…) or by using a library function as its op.
func calls(n *savedmodel.Node, funcs map[string]*savedmodel.Function) []string {
	var out []string
	if _, ok := funcs[qual(n.Nested, n.Op)]; ok {
		out = append(out, qual(n.Nested, n.Op))
	}
	for _, a := range n.Attrs {
		for _, f := range a.Funcs {
			out = append(out, qual(n.Nested, f))
		}
	}
	return out
}

// indexSaver records the saver of one meta graph: its filename tensor, the name scope of its
// nodes (TF1) and the functions its save and restore nodes call (TF2).
func (x *index) indexSaver(mg savedmodel.MetaGraph) {
	if mg.Saver == nil {
		return
	}
	x.saverFiles[scopeKey{mg.Index, "", "", tensorNode(mg.Saver.FilenameTensor)}] = true
	for _, name := range []string{mg.Saver.SaveTensor, mg.Saver.RestoreOp} {
		name = tensorNode(name)
		if i := strings.Index(name, "/"); i > 0 && x.saverScope[mg.Index] == "" {
			x.saverScope[mg.Index] = name[:i+1]
		}
		if n := x.nodes[scopeKey{mg.Index, "", "", name}]; n != nil {
			for _, f := range calls(n, x.funcs) {
				x.saverFuncs[f] = true
			}
		}
	}
}

// closeSaverFuncs adds the traced checkpoint functions and everything the saver's functions
// call, so custom saveables' save_fn/restore_fn count as saver code too.
func (x *index) closeSaverFuncs() {
	for name := range x.funcs {
		if tracedSaverFunc.MatchString(name) {
			x.saverFuncs[name] = true
		}
	}
	if len(x.saverFuncs) == 0 {
		return
	}
	byFunc := map[string][]*savedmodel.Node{}
	for i := range x.m.Nodes {
		n := &x.m.Nodes[i]
		if n.Function != "" {
			f := qual(n.Nested, n.Function)
			byFunc[f] = append(byFunc[f], n)
		}
	}
	queue := make([]string, 0, len(x.saverFuncs))
	for f := range x.saverFuncs {
		queue = append(queue, f)
	}
	for len(queue) > 0 {
		f := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, n := range byFunc[f] {
			for _, g := range calls(n, x.funcs) {
				if !x.saverFuncs[g] {
					x.saverFuncs[g] = true
					queue = append(queue, g)
				}
			}
		}
	}
}

// inSaver reports whether n is part of a checkpoint saver. A graph serialized into a
// constant has no saver: the loader never restores checkpoints through it.
func (x *index) inSaver(n *savedmodel.Node) bool {
	if n.Nested != "" {
		return false
	}
	if n.Function != "" {
		return x.saverFuncs[n.Function]
	}
	if scope := x.saverScope[n.MetaGraph]; scope != "" {
		return strings.HasPrefix(n.Name, scope)
	}
	return defaultSaverScope.MatchString(n.Name)
}

// originKind says where a string input comes from.
type originKind uint8

const (
	originUnknown originKind = iota // fed at run time or not traceable
	originConst                     // a Const string
	originAsset                     // a SavedModel asset bound at load time
	originSaver                     // the saver's filename tensor
	originGraph                     // a Const holding serialized GraphDefs, read as nested graphs
)

type origin struct {
	kind  originKind
	value string
}

// trace returns where input i of n comes from.
func (x *index) trace(n *savedmodel.Node, i int) origin {
	x.steps = maxSteps
	return x.resolve(n, i, 0)
}

// resolve traces input i of n back to a constant, an asset or the saver's filename, through
// identity-like ops and function arguments.
func (x *index) resolve(n *savedmodel.Node, i, depth int) origin {
	x.steps--
	if x.steps < 0 || depth > maxResolve || i < 0 || i >= len(n.Inputs) || strings.HasPrefix(n.Inputs[i], "^") {
		return origin{}
	}
	name := tensorNode(n.Inputs[i])
	if n.Function != "" {
		f := qual(n.Nested, n.Function)
		if fn := x.funcs[f]; fn != nil {
			if k := indexOf(fn.Inputs, name); k >= 0 {
				return x.resolveArg(f, k, depth)
			}
		}
	}
	key := scopeKey{n.MetaGraph, n.Nested, n.Function, name}
	if file, ok := x.assets[key]; ok {
		return origin{originAsset, file}
	}
	if x.saverFiles[key] {
		return origin{kind: originSaver}
	}
	p := x.nodes[key]
	if p == nil {
		return origin{}
	}
	switch p.Op {
	case "Const":
		for _, a := range p.Attrs {
			switch {
			case a.Key != "value" || a.Tensor == nil:
			case a.Tensor.Graphs > 0:
				return origin{originGraph, p.Name}
			case len(a.Tensor.Strings) > 0:
				return origin{originConst, a.Tensor.Strings[0]}
			}
		}
	case "Identity", "PlaceholderWithDefault", "Snapshot", "StringJoin", "ShardedFilename", "ShardedFilespec":
		return x.resolve(p, 0, depth+1)
	}
	return origin{}
}

// resolveArg traces argument k of function f through its call sites.
func (x *index) resolveArg(f string, k, depth int) origin {
	for i, c := range x.callers[f] {
		if i >= maxCallers {
			break
		}
		if o := x.resolve(c, k, depth+1); o.kind != originUnknown {
			return o
		}
	}
	return origin{}
}

// tensorNode strips the output part of a tensor or input name: "^a", "a:0", "a:out:0" → "a".
func tensorNode(s string) string {
	s = strings.TrimPrefix(s, "^")
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return s
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
