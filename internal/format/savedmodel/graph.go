package savedmodel

import (
	"github.com/aisecops/aisec/internal/format/tfpb"
)

// Field numbers of the messages walked with protowire (upstream numbering).
const (
	savedModelSchemaVersion = 1
	savedModelMetaGraphs    = 2

	graphNode      = 1
	graphLibrary   = 2
	graphDebugInfo = 5 // the last GraphDef field

	libraryFunction = 1

	functionSignature = 1
	functionNodeDef   = 3

	nodeName   = 1
	nodeOp     = 2
	nodeInput  = 3
	nodeDevice = 4
	nodeAttr   = 5
)

func (p *parser) savedModelField(f field) {
	switch {
	case f.Num == savedModelSchemaVersion && !f.IsBytes():
		p.m.SchemaVersion = int64(f.V)
	case f.Num == savedModelMetaGraphs && f.IsBytes():
		p.metaGraph(len(p.m.MetaGraphs), f.Val, f.End)
	}
}

// graphField reads one field of a GraphDef.
func (p *parser) graphField(f field) {
	if !f.IsBytes() {
		return
	}
	switch f.Num {
	case graphNode:
		p.node(f, "")
	case graphLibrary:
		p.walk("FunctionDefLibrary", f.Val, f.End, func(g field) {
			if g.Num == libraryFunction && g.IsBytes() {
				p.function(g)
			}
		})
	}
}

// function reads one FunctionDef. Its nodes are recorded as they come and named after the
// signature once the whole message was read, whatever the field order.
func (p *parser) function(f field) {
	first := len(p.m.Nodes)
	fn := Function{MetaGraph: p.mg, Offset: f.Tag, Nested: p.nest}
	p.walk("FunctionDef", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case functionSignature:
			var sig tfpb.OpDef
			if p.unmarshal("FunctionDef.signature", g, &sig) {
				p.signature(&fn, &sig, g.Val)
			}
		case functionNodeDef:
			fn.NumNodes++
			p.node(g, pendingFunction)
		}
	})
	if fn.Name == "" {
		fn.Name = "?" // no signature: keep the nodes apart from the graph's own
	}
	for i := first; i < len(p.m.Nodes); i++ {
		if p.m.Nodes[i].Function == pendingFunction {
			p.m.Nodes[i].Function = fn.Name
		}
	}
	p.m.Functions = append(p.m.Functions, fn)
}

// pendingFunction marks nodes of a FunctionDef whose signature has not been read yet.
const pendingFunction = "\x00pending"

func (p *parser) signature(fn *Function, sig *tfpb.OpDef, off int64) {
	fn.Name = p.internString(sig.GetName())
	for _, a := range sig.GetInputArg() {
		fn.Inputs = append(fn.Inputs, a.GetName())
	}
	for _, a := range sig.GetOutputArg() {
		fn.Outputs = append(fn.Outputs, a.GetName())
	}
	fn.Summary, fn.Doc = sig.GetSummary(), sig.GetDescription()
	p.keep(len(fn.Name) + len(fn.Summary) + len(fn.Doc))
	p.text("function["+fn.Name+"].summary", fn.Summary, off)
	p.text("function["+fn.Name+"].description", fn.Doc, off)
}

func (p *parser) internString(s string) string {
	if v, ok := p.intern[s]; ok {
		return v
	}
	if len(p.intern) < 1<<16 {
		p.intern[s] = s
	}
	return s
}

// node reads one NodeDef and records it, unless the node cap or the string budget is spent:
// then only nodes with an op not seen before are recorded, so every distinct op stays visible.
func (p *parser) node(f field, function string) {
	n := Node{Function: function, MetaGraph: p.mg, Offset: f.Tag, Nested: p.nest}
	outer := p.queued
	p.queued = nil
	defer func() {
		graphs := p.queued
		p.queued = outer
		if len(graphs) > 0 {
			p.readNested(n.Name, graphs)
		}
	}()
	p.walk("NodeDef", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case nodeName:
			n.Name, _ = p.str(g, p.caps.maxName)
		case nodeOp:
			n.Op = p.name(g)
		case nodeDevice:
			n.Device = p.name(g)
		case nodeInput:
			n.NumInputs++
			if len(n.Inputs) < p.caps.maxInputs {
				in, _ := p.keptStr(g, p.caps.maxName)
				n.Inputs = append(n.Inputs, in)
			}
		case nodeAttr:
			if a, ok := p.attrEntry(g, &n); ok {
				n.Attrs = append(n.Attrs, a)
			}
		}
	})
	fresh := !p.seenOp[n.Op]
	if fresh && len(p.seenOp) < 1<<16 {
		p.seenOp[n.Op] = true
	}
	if len(p.m.Nodes) >= p.caps.maxNodes || p.full || !p.keep(len(n.Name)+nodeSize(&n)) {
		if len(p.m.Nodes) == p.caps.maxNodes && p.m.NodesOmitted == 0 {
			p.gapf("more than %d nodes; later nodes are recorded only when their op is new", p.caps.maxNodes)
		}
		if !fresh {
			p.m.NodesOmitted++
			return
		}
	}
	p.m.Nodes = append(p.m.Nodes, n)
}

// nodeSize estimates the bytes a node keeps besides its name and the strings already
// accounted as they were read (inputs, attribute and tensor strings).
func nodeSize(n *Node) int {
	return 96 + 64*len(n.Attrs) + 16*len(n.Inputs)
}
