package savedmodel

import "github.com/aisecops/aisec/internal/format/tfpb"

// savedMetadataNodes is SavedMetadata.nodes.
const savedMetadataNodes = 1

// kerasField reads one field of keras_metadata.pb's SavedMetadata.
func (p *parser) kerasField(f field) {
	if f.Num != savedMetadataNodes || !f.IsBytes() {
		return
	}
	var o tfpb.SavedMetadata_SavedObject
	if !p.unmarshal("SavedMetadata.SavedObject", f, &o) {
		return
	}
	if !p.keep(len(o.GetNodePath()) + len(o.GetIdentifier()) + len(o.GetMetadata())) {
		return
	}
	p.m.KerasObjects = append(p.m.KerasObjects, KerasObject{NodeID: o.GetNodeId(), NodePath: o.GetNodePath(),
		Identifier: o.GetIdentifier(), Metadata: o.GetMetadata(), Offset: f.Tag})
}
