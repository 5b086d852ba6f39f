// Package onnx reads the structure of ONNX models (a protobuf ModelProto) without loading
// their weights: it walks the file with protowire over an io.ReaderAt, skips tensor payloads
// (raw_data, float_data, …) by offset arithmetic and decodes only small messages — operator
// set imports, metadata, node and tensor headers — into the types generated in onnxpb.
//
// What it reports: the operators of the main graph, of every subgraph (If/Loop/Scan
// attributes), of training graphs and of model-local functions; tensors whose data lives in
// external files with their location, offset, length and checksum; and the model's metadata
// and doc strings. It never decides whether any of that is dangerous; internal/detect/onnx does.
package onnx

import (
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
)

// DataLocationExternal is TensorProto.DataLocation EXTERNAL: the tensor's bytes live in the
// file named by its external_data "location" entry.
const DataLocationExternal = 1

// Model is what was read from one ONNX file.
type Model struct {
	IRVersion       int64
	ProducerName    string
	ProducerVersion string
	Domain          string
	ModelVersion    int64
	DocString       string
	OpsetImports    []Opset
	Metadata        []Prop // ModelProto.metadata_props in file order

	// Graphs lists every graph walked: "graph", its subgraphs ("graph/If_0.then_branch"),
	// training graphs ("training_info[0].algorithm") and subgraphs inside functions.
	Graphs []Graph
	// Nodes are the nodes of the main graph, its subgraphs and the training graphs, in file
	// order. Function bodies are in Functions.
	Nodes []Node
	// NodesOmitted counts nodes walked but not recorded once the node cap was reached; every
	// distinct (domain, op_type, overload) is still recorded at least once.
	NodesOmitted int64
	Functions    []Function

	// Tensors counts the tensors seen: initializers, sparse initializer parts and tensors in
	// attributes. Only those that use external data are listed, in External.
	Tensors  int64
	External []Tensor

	// Texts holds doc strings and string attribute values found in graphs, nodes, functions
	// and tensors, each distinct value once. TextsOmitted counts distinct values beyond the
	// cap that were not kept (large label vocabularies in ai.onnx.ml models reach it).
	Texts        []meta.String
	TextsOmitted int64

	gaps []string
}

// Opset is one OperatorSetIdProto.
type Opset struct {
	Domain  string
	Version int64
}

// Prop is one StringStringEntryProto. Offset is where the entry's message starts.
type Prop struct {
	Key    string
	Value  string
	Offset int64
}

// Graph is one GraphProto walked.
type Graph struct {
	Path   string // where the graph sits, e.g. "graph/Loop_3.body"
	Name   string
	Offset int64
}

// Node is one NodeProto.
type Node struct {
	OpType   string
	Domain   string // "" is the default ONNX domain
	Overload string
	Name     string
	Graph    string // the Path of the graph holding the node, or "functions[i]" for a function body
	Offset   int64  // start of the NodeProto message
}

// Function is one model-local FunctionProto: a node whose (domain, op_type, overload) equals a
// function's (Domain, Name, Overload) calls it instead of a runtime operator.
type Function struct {
	Name     string
	Domain   string
	Overload string
	Opsets   []Opset
	Nodes    []Node // the body, including nodes of subgraphs inside it
	Offset   int64
}

// Tensor is the header of a TensorProto whose data is external (data_location EXTERNAL or any
// external_data entry). The loader resolves Location relative to the model's directory.
type Tensor struct {
	Name         string
	Where        string // e.g. "graph.initializer", "graph/Constant_0.value"
	DataType     int32
	Dims         []int64
	DataLocation int32
	// Entries are the external_data key/value pairs as written, duplicates included.
	Entries []Prop
	// Location, ExtOffset, ExtLength and Checksum are the values the loaders use (the last
	// entry of each key). ExtOffset and ExtLength are -1 when absent; BadValues lists entries
	// whose value is not a decimal integer where one is expected.
	Location    string
	HasLocation bool
	ExtOffset   int64
	ExtLength   int64
	Checksum    string
	BadValues   []string
	RawData     int64 // bytes of inline raw_data, skipped unread
	Offset      int64 // start of the TensorProto message
}

// Gaps implements format.Partial: each entry says what could not be read.
func (m *Model) Gaps() []string { return m.gaps }

// MetaStrings implements meta.Source: producer fields, doc strings, metadata_props and the
// texts found in graphs, nodes, functions and tensors.
func (m *Model) MetaStrings() []meta.String {
	var out []meta.String
	add := func(key, v string) {
		if v != "" {
			out = append(out, meta.String{Key: key, Value: v, Offset: -1})
		}
	}
	add("producer_name", m.ProducerName)
	add("producer_version", m.ProducerVersion)
	add("domain", m.Domain)
	add("doc_string", m.DocString)
	for _, p := range m.Metadata {
		out = append(out, meta.String{Key: "metadata_props." + p.Key, Value: p.Value, Offset: p.Offset})
	}
	return append(out, m.Texts...)
}

var (
	_ format.Partial = (*Model)(nil)
	_ meta.Source    = (*Model)(nil)
)

// ExternalLink is external data whose location, lexically inside the model's directory, goes
// through a symbolic link to a file outside the scanned directory. The scanner, which owns the
// file system, finds these; onnx.load and onnxruntime follow the link.
type ExternalLink struct {
	Tensor   string
	Location string
	Target   string // where the link leads
}
