// Package onnx finds dangerous constructs in ONNX models: external data that makes the loader
// read files outside the model's directory, Python operators and operators from custom
// domains, in the main graph, its subgraphs and model-local functions.
package onnx

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/onnx"
)

// maxPerRule bounds the findings of one rule for one model; the last one says how many more
// occurrences there were.
const maxPerRule = 50

// standardDomains are implemented by every onnxruntime build: the ONNX standard and
// onnxruntime's own contrib and internal operator sets.
var standardDomains = map[string]bool{
	"": true, "ai.onnx": true, "ai.onnx.ml": true, "ai.onnx.training": true, "ai.onnx.preview.training": true,
	"ai.onnx.preview": true, "com.microsoft": true, "com.microsoft.nchwc": true, "com.microsoft.experimental": true,
	"com.ms.internal.nhwc": true,
}

// vendorDomains belong to well-known runtimes whose native operators they name.
var vendorDomains = map[string]bool{
	"org.pytorch.aten": true, "org.pytorch._caffe2": true, "org.openvinotoolkit": true, "com.microsoft.dml": true,
}

// pythonOp matches operator types that call into Python once letters are lower-cased and
// everything but letters and digits is dropped: PythonOp, PythonOpGrad (onnxruntime
// training), PyOp (onnxruntime-extensions), PyFunc, PyFuncStateless, EagerPyFunc (TensorFlow
// names kept by converters), with an optional version suffix.
var pythonOp = regexp.MustCompile(`^(python|pythonop|pythonopgrad|pyop|pyfunc|pyfuncstateless|eagerpyfunc)(v[0-9]+)?$`)

// Detector reports dangerous constructs in *onnx.Model.
type Detector struct{}

// New returns the ONNX detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "onnx" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return AllRules() }

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	if l, ok := t.Model.(*onnx.ExternalLink); ok && l != nil {
		ev := fmt.Sprintf("external data %q of tensor %q is a symbolic link to %s, outside the scanned directory",
			l.Location, l.Tensor, l.Target)
		return []finding.Finding{RuleExternalEscape.New(ev, finding.NoOffset)}
	}
	m, ok := t.Model.(*onnx.Model)
	if !ok || m == nil {
		return nil
	}
	c := finding.NewCapper(maxPerRule)
	checkOperators(c, m)
	checkExternal(c, m, modelFileName(t))
	return c.Findings()
}

type opKey struct{ domain, opType, overload string }

// opUse aggregates the nodes of one custom operator.
type opUse struct {
	first onnx.Node
	where string
	count int
}

// checkOperators reports Python operators per node and custom-domain operators once per
// operator, in the graphs and in function bodies.
func checkOperators(c *finding.Capper, m *onnx.Model) {
	local := map[opKey]bool{}
	for _, fn := range m.Functions {
		local[opKey{fn.Domain, fn.Name, fn.Overload}] = true
	}
	texts := map[string]string{}
	for _, s := range m.Texts {
		texts[s.Key] = s.Value
	}
	uses := map[opKey]*opUse{}
	var order []opKey
	visit := func(n onnx.Node, where string) {
		if pythonOp.MatchString(normalize(n.OpType)) {
			c.Add(RulePythonOp, pythonEvidence(n, where, texts), n.Offset)
			return
		}
		k := opKey{n.Domain, n.OpType, n.Overload}
		if standardDomains[n.Domain] || local[k] {
			return
		}
		if uses[k] == nil {
			uses[k] = &opUse{first: n, where: where}
			order = append(order, k)
		}
		uses[k].count++
	}
	for _, n := range m.Nodes {
		visit(n, "")
	}
	for _, fn := range m.Functions {
		for _, n := range fn.Nodes {
			visit(n, fmt.Sprintf("function %s", qualified(fn.Domain, fn.Name)))
		}
	}
	for _, k := range order {
		u := uses[k]
		rule := RuleCustomDomain
		if vendorDomains[k.domain] {
			rule = RuleVendorDomain
		}
		c.Add(rule, customEvidence(u), u.first.Offset)
	}
}

func normalize(op string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, op)
}

func qualified(domain, op string) string {
	if domain == "" {
		return op
	}
	return domain + ":" + op
}

// place names where a node sits: its graph path, or the function holding it.
func place(n onnx.Node, where string) string {
	s := n.Graph
	if where != "" {
		s = where + " (" + n.Graph + ")"
	}
	if n.Name != "" {
		s += fmt.Sprintf(" node %q", clip(n.Name))
	}
	return s
}

func pythonEvidence(n onnx.Node, where string, texts map[string]string) string {
	ev := fmt.Sprintf("Python operator %s in %s", clip(qualified(n.Domain, n.OpType)), place(n, where))
	if fn := texts[n.Graph+"/"+n.Name+".func_name"]; n.Name != "" && fn != "" {
		ev += fmt.Sprintf(" calls %q", clip(fn))
	}
	return ev
}

func customEvidence(u *opUse) string {
	ev := fmt.Sprintf("operator %s in %s", clip(qualified(u.first.Domain, u.first.OpType)), place(u.first, u.where))
	if u.count > 1 {
		ev += fmt.Sprintf(" and %d more nodes", u.count-1)
	}
	if u.first.Domain == "ai.onnx.contrib" {
		ev += " (onnxruntime-extensions; may be a Python @onnx_op)"
	}
	return ev
}

// clip shortens untrusted names for evidence strings.
func clip(s string) string {
	const maxLen = 80
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

var _ detect.Detector = (*Detector)(nil)
