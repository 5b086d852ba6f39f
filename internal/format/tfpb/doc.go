// Package tfpb holds Go types generated from trimmed copies of TensorFlow's protocol buffers
// (SavedModel, MetaGraphDef, GraphDef, NodeDef, AttrValue, FunctionDef, OpDef, SaverDef,
// SignatureDef, AssetFileDef, SavedObjectGraph essentials) and of Keras' keras_metadata.pb
// schema. Field numbers are upstream's; see the .proto headers for what was trimmed and why.
//
// internal/format/savedmodel uses these types only for small messages; large ones are walked
// with protowire so that weights are never loaded.
package tfpb

//go:generate ./generate.sh
