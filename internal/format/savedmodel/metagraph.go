package savedmodel

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/format/tfpb"
)

// Field numbers of MetaGraphDef, CollectionDef, SavedObjectGraph and SavedObject.
const (
	metaInfoDef   = 1
	metaGraphDef  = 2
	metaSaverDef  = 3
	metaCollDef   = 4
	metaSigDef    = 5
	metaAssetDef  = 6
	metaObjGraph  = 7
	collNodeList  = 1
	nodeListValue = 1
	objGraphNodes = 1
	objUserObject = 4
)

// maxCollectionNodes bounds the node names kept per collection.
const maxCollectionNodes = 1024

// metaGraph reads the MetaGraphDef at [start, end) as meta graph idx.
func (p *parser) metaGraph(idx int, start, end int64) {
	p.m.MetaGraphs = append(p.m.MetaGraphs, MetaGraph{Index: idx, Offset: start})
	prev := p.mg
	p.mg = idx
	defer func() { p.mg = prev }()
	objects := 0
	p.walk("MetaGraphDef", start, end, func(f field) {
		if !f.IsBytes() {
			return
		}
		mg := &p.m.MetaGraphs[idx]
		switch f.Num {
		case metaInfoDef:
			p.metaInfo(mg, f)
		case metaGraphDef:
			p.walk("GraphDef", f.Val, f.End, p.graphField)
		case metaSaverDef:
			var s tfpb.SaverDef
			if p.unmarshal("SaverDef", f, &s) {
				mg.Saver = &Saver{FilenameTensor: s.GetFilenameTensorName(), SaveTensor: s.GetSaveTensorName(),
					RestoreOp: s.GetRestoreOpName(), Version: int32(s.GetVersion())}
			}
		case metaCollDef:
			p.collection(mg, f)
		case metaSigDef:
			p.signatureDef(mg, f)
		case metaAssetDef:
			var a tfpb.AssetFileDef
			if p.unmarshal("AssetFileDef", f, &a) {
				mg.Assets = append(mg.Assets, Asset{Filename: a.GetFilename(), Tensor: a.GetTensorInfo().GetName(), Offset: f.Tag})
				p.text(fmt.Sprintf("meta_graphs[%d].asset_file_def.filename", idx), a.GetFilename(), f.Val)
			}
		case metaObjGraph:
			p.walk("SavedObjectGraph", f.Val, f.End, func(g field) {
				if g.Num == objGraphNodes && g.IsBytes() {
					p.savedObject(objects, g)
					objects++
				}
			})
		}
	})
}

func (p *parser) metaInfo(mg *MetaGraph, f field) {
	var mi tfpb.MetaGraphDef_MetaInfoDef
	if !p.unmarshal("MetaInfoDef", f, &mi) {
		return
	}
	mg.Tags = mi.GetTags()
	mg.Version = mi.GetMetaGraphVersion()
	mg.TensorflowVersion = mi.GetTensorflowVersion()
	mg.TensorflowGit = mi.GetTensorflowGitVersion()
	for _, op := range mi.GetStrippedOpList().GetOp() {
		mg.StrippedOps = append(mg.StrippedOps, op.GetName())
		key := fmt.Sprintf("meta_graphs[%d].stripped_op_list[%s]", mg.Index, op.GetName())
		p.text(key+".summary", op.GetSummary(), f.Val)
		p.text(key+".description", op.GetDescription(), f.Val)
	}
	p.keep(64 * len(mg.StrippedOps))
	p.text(fmt.Sprintf("meta_graphs[%d].meta_graph_version", mg.Index), mg.Version, f.Val)
}

// collection reads one collection_def map entry; only node_list values are kept.
func (p *parser) collection(mg *MetaGraph, f field) {
	var c Collection
	p.walk("collection_def", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case entryKey:
			c.Name, _ = p.str(g, p.caps.maxName)
		case entryValue:
			p.walk("CollectionDef", g.Val, g.End, func(h field) {
				if h.Num != collNodeList || !h.IsBytes() {
					c.Other = true
					return
				}
				p.walk("CollectionDef.node_list", h.Val, h.End, func(v field) {
					if v.Num == nodeListValue && v.IsBytes() && len(c.Nodes) < maxCollectionNodes {
						s, _ := p.keptStr(v, p.caps.maxName)
						c.Nodes = append(c.Nodes, s)
					}
				})
			})
		}
	})
	if p.keep(len(c.Name) + 32) {
		mg.Collections = append(mg.Collections, c)
	}
}

// signatureDef reads one signature_def map entry.
func (p *parser) signatureDef(mg *MetaGraph, f field) {
	var sig Signature
	p.walk("signature_def", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case entryKey:
			sig.Key, _ = p.str(g, p.caps.maxName)
		case entryValue:
			var sd tfpb.SignatureDef
			if p.unmarshal("SignatureDef", g, &sd) {
				sig.Method = sd.GetMethodName()
				sig.Inputs = tensorNames(sd.GetInputs())
				sig.Outputs = tensorNames(sd.GetOutputs())
			}
		}
	})
	if p.keep(len(sig.Key) + 32*(len(sig.Inputs)+len(sig.Outputs))) {
		mg.Signatures = append(mg.Signatures, sig)
	}
}

// tensorNames lists the tensor names of a TensorInfo map in key order.
func tensorNames(m map[string]*tfpb.TensorInfo) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k].GetName())
	}
	return out
}

// savedObject reads SavedObjectGraph.nodes[id] and keeps user objects with Keras metadata.
func (p *parser) savedObject(id int, f field) {
	p.walk("SavedObject", f.Val, f.End, func(g field) {
		if g.Num != objUserObject || !g.IsBytes() {
			return
		}
		var u tfpb.SavedUserObject
		if !p.unmarshal("SavedUserObject", g, &u) {
			return
		}
		if u.GetMetadata() == "" && !strings.HasPrefix(u.GetIdentifier(), "_tf_keras") {
			return
		}
		if p.keep(len(u.GetIdentifier()) + len(u.GetMetadata())) {
			p.m.KerasObjects = append(p.m.KerasObjects, KerasObject{NodeID: int32(id),
				Identifier: u.GetIdentifier(), Metadata: u.GetMetadata(), Offset: g.Tag})
		}
	})
}
