package onnx

import (
	"fmt"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/onnx/onnxpb"
)

// Field numbers of the messages walked field by field (see onnxpb/aisec_onnx.proto).
const (
	graphNode, graphName, graphInitializer, graphDoc, graphSparse, graphMeta = 1, 2, 5, 10, 15, 16

	nodeName, nodeOpType, nodeAttribute, nodeDoc, nodeDomain, nodeOverload, nodeMeta = 3, 4, 5, 6, 7, 8, 9

	attrName, attrF, attrI, attrS, attrT, attrG, attrStrings, attrTensors, attrGraphs = 1, 2, 3, 4, 5, 6, 9, 10, 11
	attrDoc, attrType, attrRef, attrSparse, attrSparseList                            = 13, 20, 21, 22, 23

	funcName, funcNode, funcDoc, funcOpset, funcDomain, funcAttrProto, funcOverload, funcMeta = 1, 7, 8, 9, 10, 11, 13, 14
)

// graph walks one GraphProto found at path, depth graphs below the top.
func (w *walker) graph(start, end int64, path string, depth int) error {
	if depth > maxGraphDepth {
		w.gap("%s: subgraphs nested deeper than %d were not read", path, maxGraphDepth)
		return nil
	}
	if len(w.m.Graphs) >= w.caps.nodes {
		w.gap("more than %d graphs; %s and later ones were not read", w.caps.nodes, path)
		return nil
	}
	at := len(w.m.Graphs)
	w.m.Graphs = append(w.m.Graphs, Graph{Path: path, Offset: start})
	hdr := &onnxpb.GraphProto{}
	var nodes int
	err := w.walk(start, end, loc{path: path}, func(f field) error {
		if f.Type != protowire.BytesType {
			return nil
		}
		switch f.Num {
		case graphNode:
			nodes++
			return w.node(f, path, nodes-1, depth)
		case graphInitializer:
			return w.tensor(f, path+".initializer")
		case graphSparse:
			return w.sparse(f, path+".sparse_initializer")
		case graphName, graphDoc:
			w.decode(f, hdr, path)
		case graphMeta:
			if p, ok := w.prop(f, path); ok {
				w.text(path+".metadata_props."+p.Key, p.Value, p.Offset)
			}
		}
		return nil
	})
	w.m.Graphs[at].Name = w.keep(hdr.GetName())
	w.text(path+".doc_string", hdr.GetDocString(), start)
	return err
}

// node walks one NodeProto, the idx-th of the graph at path. The header is read first so that
// the paths of subgraphs can use the node's name whatever the order of the fields.
func (w *walker) node(f field, path string, idx, depth int) error {
	hdr := &onnxpb.NodeProto{}
	where := loc{path: path, kind: "node", idx: idx}
	err := w.walk(f.Val, f.End, where, func(g field) error {
		switch g.Num {
		case nodeName, nodeOpType, nodeDoc, nodeDomain, nodeOverload, nodeMeta:
			if g.Type == protowire.BytesType {
				w.decode(g, hdr, where)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	n := Node{OpType: w.keep(hdr.GetOpType()), Domain: w.keep(hdr.GetDomain()), Overload: w.keep(hdr.GetOverload()),
		Name: w.keep(hdr.GetName()), Graph: path, Offset: f.Val}
	w.addNode(n)
	label := n.Name
	if label == "" {
		label = "node" + strconv.Itoa(idx)
	}
	owner := path + "/" + label
	w.text(owner+".doc_string", hdr.GetDocString(), f.Val)
	for _, p := range hdr.GetMetadataProps() {
		w.text(owner+".metadata_props."+p.GetKey(), p.GetValue(), f.Val)
	}
	return w.walk(f.Val, f.End, where, func(g field) error {
		if g.Num == nodeAttribute && g.Type == protowire.BytesType {
			return w.attribute(g, owner, depth)
		}
		return nil
	})
}

// addNode records n, or only counts it once maxNodes are recorded and its kind is known.
func (w *walker) addNode(n Node) {
	k := nodeKind{n.Domain, n.OpType, n.Overload}
	if !w.kinds[k] {
		if len(w.kinds) >= w.caps.kinds {
			w.gap("more than %d distinct operators; %s:%s and later new ones were not recorded", w.caps.kinds, n.Domain, n.OpType)
			w.m.NodesOmitted++
			return
		}
		w.kinds[k] = true
	} else if w.recorded >= w.caps.nodes {
		w.m.NodesOmitted++
		return
	}
	w.recorded++
	*w.nodes = append(*w.nodes, n)
}

// attribute walks one AttributeProto of the node owner: string values become texts, tensors
// are checked for external data and graphs are walked as subgraphs.
func (w *walker) attribute(f field, owner string, depth int) error {
	hdr := &onnxpb.AttributeProto{}
	where := loc{path: owner, kind: "attribute"}
	err := w.walk(f.Val, f.End, where, func(g field) error {
		switch g.Num {
		case attrName, attrF, attrI, attrS, attrStrings, attrDoc, attrType, attrRef:
			w.decode(g, hdr, where)
		}
		return nil
	})
	if err != nil {
		return err
	}
	at := owner + "." + hdr.GetName()
	w.text(at, string(hdr.GetS()), f.Val)
	for _, s := range hdr.GetStrings() {
		w.text(at, string(s), f.Val)
	}
	w.text(at+".doc_string", hdr.GetDocString(), f.Val)
	var graphs, tensors int
	return w.walk(f.Val, f.End, where, func(g field) error {
		if g.Type != protowire.BytesType {
			return nil
		}
		switch g.Num {
		case attrT:
			return w.tensor(g, at)
		case attrTensors:
			tensors++
			return w.tensor(g, fmt.Sprintf("%s[%d]", at, tensors-1))
		case attrSparse:
			return w.sparse(g, at)
		case attrSparseList:
			tensors++
			return w.sparse(g, fmt.Sprintf("%s[%d]", at, tensors-1))
		case attrG:
			return w.graph(g.Val, g.End, at, depth+1)
		case attrGraphs:
			graphs++
			return w.graph(g.Val, g.End, fmt.Sprintf("%s[%d]", at, graphs-1), depth+1)
		}
		return nil
	})
}

// function walks the idx-th model-local FunctionProto. Its nodes, and the nodes of subgraphs
// in them, go to the function's body rather than to Model.Nodes.
func (w *walker) function(f field, idx int) error {
	if len(w.m.Functions) >= w.caps.nodes {
		w.gap("more than %d functions; the rest were not read", w.caps.nodes)
		return nil
	}
	hdr := &onnxpb.FunctionProto{}
	path := fmt.Sprintf("functions[%d]", idx)
	err := w.walk(f.Val, f.End, loc{path: path}, func(g field) error {
		switch g.Num {
		case funcName, funcDoc, funcOpset, funcDomain, funcOverload, funcMeta:
			if g.Type == protowire.BytesType {
				w.decode(g, hdr, path)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fn := Function{Name: w.keep(hdr.GetName()), Domain: w.keep(hdr.GetDomain()), Overload: w.keep(hdr.GetOverload()),
		Opsets: w.opsets(hdr.GetOpsetImport()), Offset: f.Val}
	w.text(path+".doc_string", hdr.GetDocString(), f.Val)
	for _, p := range hdr.GetMetadataProps() {
		w.text(path+".metadata_props."+p.GetKey(), p.GetValue(), f.Val)
	}
	outer := w.nodes
	w.nodes = &fn.Nodes
	defer func() { w.nodes = outer }()
	var nodes int
	err = w.walk(f.Val, f.End, loc{path: path}, func(g field) error {
		if g.Type != protowire.BytesType {
			return nil
		}
		switch g.Num {
		case funcNode:
			nodes++
			return w.node(g, path, nodes-1, 0)
		case funcAttrProto:
			return w.attribute(g, path, 0)
		}
		return nil
	})
	w.m.Functions = append(w.m.Functions, fn)
	return err
}

// text keeps one doc string or string attribute value, each distinct value once.
func (w *walker) text(key, value string, off int64) {
	if value == "" || w.texts[value] {
		return
	}
	if len(w.texts) >= maxTexts {
		w.m.TextsOmitted++
		return
	}
	if !w.retain(len(key)+len(value), "texts") {
		return
	}
	w.texts[value] = true
	w.m.Texts = append(w.m.Texts, meta.String{Key: key, Value: value, Offset: off})
}
