// Package tensorflow finds TensorFlow graphs (SavedModel, MetaGraphDef, frozen GraphDef) that
// run Python, touch files or the network, need custom op libraries, or were built to crash
// parsers. Graphs serialized into string constants (DatasetFromGraph's input) are judged node
// by node like the file's own, without the saver exemption; a graph such an op runs that
// could not be read is reported on its own. It reads the *savedmodel.Model of internal/format/savedmodel; the Lambda layers of
// keras_metadata.pb are left to the Keras detector.
package tensorflow

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/savedmodel"
)

// maxPerOp bounds the findings of one rule for one op; further nodes are counted in the last.
const maxPerOp = 5

// Detector reports dangerous ops in TensorFlow graphs.
type Detector struct{}

// New returns the TensorFlow graph detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "tensorflow" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RulePythonCallback, RuleFileAccess, RuleNetwork, RuleTableFile, RuleCustomOp,
		RuleAbort, RuleNesting, RuleAssetPath, RuleGraphUnread, RuleGraphData}
}

// Detect implements detect.Detector.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	m, ok := t.Model.(*savedmodel.Model)
	if !ok || m == nil {
		return nil
	}
	r := &run{m: m, counts: map[countKey]int{}}
	r.structure()
	r.nodes(ctx)
	r.customOps()
	return r.out
}

// run collects the findings of one model.
type run struct {
	m      *savedmodel.Model
	x      *index
	out    []finding.Finding
	counts map[countKey]int
	last   map[countKey]int // index in out of the last finding per key
}

type countKey struct {
	rule string
	op   string
}

// structure reports nesting bombs and asset paths that escape assets/.
func (r *run) structure() {
	for _, a := range r.m.Anomalies {
		if a.Kind == savedmodel.AnomalyNesting {
			r.out = append(r.out, RuleNesting.New(clip(a.Detail, 200), a.Offset))
			break
		}
	}
	for _, mg := range r.m.MetaGraphs {
		for _, a := range mg.Assets {
			if escapes(a.Filename) {
				r.out = append(r.out, RuleAssetPath.New(fmt.Sprintf("asset file %q bound to %q", clip(a.Filename, 120), clip(a.Tensor, 60)), a.Offset))
			}
		}
	}
}

// nodes checks every node whose op reaches outside the graph.
func (r *run) nodes(ctx context.Context) {
	for i := range r.m.Nodes {
		if i&0xfff == 0 && ctx.Err() != nil {
			return
		}
		n := &r.m.Nodes[i]
		info, ok := dangerousOps[n.Op]
		if !ok {
			continue
		}
		if r.x == nil {
			r.x = newIndex(r.m)
		}
		if rule, what, ok := r.judge(n, info); ok {
			r.add(rule, n, what)
		}
	}
}

// judge decides whether node n with op info is reported, under which rule and with what
// evidence text (the part after the node's name).
func (r *run) judge(n *savedmodel.Node, info opInfo) (finding.Rule, string, bool) {
	switch info.kind {
	case kindPython:
		if tok := attrString(n, info.attr); tok != "" {
			return RulePythonCallback, fmt.Sprintf("%s (token %q)", info.what, clip(tok, 60)), true
		}
		return RulePythonCallback, info.what, true
	case kindAbort:
		return RuleAbort, info.what, true
	case kindNetwork:
		return RuleNetwork, r.describe(n, info, r.x.trace(n, info.arg)), true
	case kindRead, kindWrite:
		o := r.x.trace(n, info.arg)
		if o.kind == originAsset && info.kind == kindRead {
			return finding.Rule{}, "", false
		}
		return RuleFileAccess, r.describe(n, info, o), true
	case kindCheckpoint:
		return r.checkpoint(n, info)
	case kindTable:
		return r.table(n, info)
	case kindGraph:
		return r.graphData(n, info)
	case kindCache:
		if o := r.x.trace(n, info.arg); o.kind == originConst && o.value != "" {
			return RuleFileAccess, r.describe(n, info, o), true
		}
	default:
		return r.attrOp(n, info)
	}
	return finding.Rule{}, "", false
}

// checkpoint reports Save/Restore ops outside the saver, and saver ops aimed at an absolute
// or traversing path.
func (r *run) checkpoint(n *savedmodel.Node, info opInfo) (finding.Rule, string, bool) {
	o := r.x.trace(n, info.arg)
	if o.kind == originConst && suspiciousPath(o.value) {
		return RuleFileAccess, r.describe(n, info, o), true
	}
	if r.x.inSaver(n) || o.kind == originSaver {
		return finding.Rule{}, "", false
	}
	return RuleFileAccess, r.describe(n, info, o) + " outside the checkpoint saver", true
}

// graphData judges an op that runs a graph given as a tensor. A graph the parser read out of
// a constant is judged node by node like the rest; the op itself is then only a warning. A
// graph computed at run time, fed from outside, or in a constant that did not parse is
// reported high: it runs code aisec never saw. The saver restoring iterator state is normal.
func (r *run) graphData(n *savedmodel.Node, info opInfo) (finding.Rule, string, bool) {
	o := r.x.trace(n, info.arg)
	switch {
	case o.kind == originGraph:
		return RuleGraphData, fmt.Sprintf("%s the graph serialized in constant %q (inspected as a nested graph)", info.what, clip(o.value, 60)), true
	case n.Op == "DeserializeIterator" && (r.x.inSaver(n) || o.kind == originSaver):
		return finding.Rule{}, "", false
	case o.kind == originConst:
		return RuleGraphUnread, fmt.Sprintf("%s a constant that is not a readable GraphDef", info.what), true
	}
	return RuleGraphUnread, fmt.Sprintf("%s a graph aisec could not inspect (computed or fed at run time)", info.what), true
}

// table reports tables initialised from a constant path rather than from the model's
// assets. Paths fed at run time or bound to assets are the normal case and not reported.
func (r *run) table(n *savedmodel.Node, info opInfo) (finding.Rule, string, bool) {
	o := r.x.trace(n, info.arg)
	if o.kind != originConst {
		return finding.Rule{}, "", false
	}
	what := r.describe(n, info, o)
	if suspiciousPath(o.value) {
		what += " outside the model"
	}
	return RuleTableFile, what, true
}

// attrOp judges ops whose target is a string attribute.
func (r *run) attrOp(n *savedmodel.Node, info opInfo) (finding.Rule, string, bool) {
	for _, v := range attrStrings(n, info.attr) {
		switch info.kind {
		case kindDebug:
			url := debugURL(v)
			switch {
			case url == "":
			case strings.HasPrefix(strings.ToLower(url), "file://"):
				return RuleFileAccess, fmt.Sprintf("writes tensors to %q", clip(url, 100)), true
			default:
				return RuleNetwork, fmt.Sprintf("%s %q", info.what, clip(url, 100)), true
			}
		case kindPrint:
			if strings.HasPrefix(strings.ToLower(v), "file://") {
				return RuleFileAccess, fmt.Sprintf("%s %q", info.what, clip(v, 100)), true
			}
		case kindProtoDesc:
			if v != "" && v != "local://" && !strings.HasPrefix(v, "bytes://") {
				return RuleFileAccess, fmt.Sprintf("%s %q", info.what, clip(v, 100)), true
			}
		case kindMap:
			if v != "" && !strings.HasPrefix(v, "memmapped_package://") {
				return RuleFileAccess, fmt.Sprintf("%s %q", info.what, clip(v, 100)), true
			}
		case kindAttrFile:
			if v != "" {
				return RuleFileAccess, fmt.Sprintf("%s %q", info.what, clip(v, 100)), true
			}
		}
	}
	return finding.Rule{}, "", false
}

// describe renders what an op does with its traced target.
func (r *run) describe(n *savedmodel.Node, info opInfo, o origin) string {
	switch o.kind {
	case originConst:
		return fmt.Sprintf("%s %q", info.what, clip(o.value, 100))
	case originAsset:
		return fmt.Sprintf("%s asset %q", info.what, clip(o.value, 100))
	case originSaver:
		return fmt.Sprintf("%s the saver's checkpoint path", info.what)
	case originGraph:
		return fmt.Sprintf("%s a value computed from the graph serialized in %q", info.what, clip(o.value, 60))
	}
	if info.arg >= 0 {
		return fmt.Sprintf("%s a path or address computed at run time", info.what)
	}
	return info.what
}

// add appends a finding for node n, at most maxPerOp per rule and op.
func (r *run) add(rule finding.Rule, n *savedmodel.Node, what string) {
	k := countKey{rule.ID, n.Op}
	r.counts[k]++
	c := r.counts[k]
	switch {
	case c <= maxPerOp:
		if r.last == nil {
			r.last = map[countKey]int{}
		}
		r.last[k] = len(r.out)
		r.out = append(r.out, rule.New(clip(evidence(n, what), 200), n.Offset))
	default:
		f := &r.out[r.last[k]]
		base, _, _ := strings.Cut(f.Evidence, " (+")
		f.Evidence = fmt.Sprintf("%s (+%d more %s nodes)", base, c-maxPerOp, n.Op)
	}
}

// customOps reports each op that neither TensorFlow nor the model's library defines, once.
func (r *run) customOps() {
	funcs := map[string]bool{}
	for _, f := range r.m.Functions {
		funcs[qual(f.Nested, f.Name)] = true
	}
	first := map[string]*savedmodel.Node{}
	count := map[string]int{}
	for i := range r.m.Nodes {
		n := &r.m.Nodes[i]
		if _, listed := dangerousOps[n.Op]; listed || n.Op == "" || funcs[qual(n.Nested, n.Op)] || isRegistered(n.Op) {
			continue
		}
		if first[n.Op] == nil {
			first[n.Op] = n
		}
		count[n.Op]++
	}
	ops := make([]string, 0, len(first))
	for op := range first {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		n := first[op]
		ev := fmt.Sprintf("op %q (%d nodes, first %q%s)", clip(op, 80), count[op], clip(n.Name, 60), where(n))
		r.out = append(r.out, RuleCustomOp.New(clip(ev, 200), n.Offset))
	}
}

var _ detect.Detector = (*Detector)(nil)
