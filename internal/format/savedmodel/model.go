// Package savedmodel reads the structure of TensorFlow graph files without loading their
// weights: SavedModel protobufs (saved_model.pb), exported MetaGraphDefs (.meta), frozen
// GraphDefs (.pb) and Keras' keras_metadata.pb. It walks the file with protowire over an
// io.ReaderAt, skips tensor payloads (tensor_content and the numeric value lists of Const
// nodes) by offset arithmetic and decodes only small messages into the types of
// internal/format/tfpb, so a 500 MB frozen graph costs a few kilobytes of structure.
//
// What it reports: every node of every graph and of every library function with its op, name,
// device, first inputs and string-valued attributes; signatures, asset files, the saver and
// collections of each meta graph; SavedObjectGraph user objects; and, for keras_metadata.pb,
// every SavedObject with its metadata JSON. String constants that hold a serialized GraphDef
// (which DatasetFromGraph instantiates) are read as nested graphs, in place, up to
// Budget.MaxNested (at most 4) levels; their nodes carry Node.Nested. It never decides
// whether any of that is dangerous; internal/detect/tensorflow does.
package savedmodel

import (
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
)

// Kind is the message type a file holds.
type Kind string

// The kinds of file the package reads.
const (
	KindSavedModel    Kind = "tf-savedmodel"     // tensorflow.SavedModel (saved_model.pb)
	KindMetaGraph     Kind = "tf-metagraph"      // tensorflow.MetaGraphDef (model.ckpt.meta)
	KindGraphDef      Kind = "tf-graphdef"       // tensorflow.GraphDef (frozen_graph.pb)
	KindKerasMetadata Kind = "tf-keras-metadata" // Keras SavedMetadata (keras_metadata.pb)
)

// Model is what was read from one file.
type Model struct {
	Kind Kind
	// SchemaVersion is SavedModel.saved_model_schema_version (0 when absent).
	SchemaVersion int64
	// MetaGraphs lists the meta graphs of a SavedModel, the single one of a .meta file, and
	// one holding only the graph for a frozen GraphDef.
	MetaGraphs []MetaGraph
	// Nodes holds every node read: graph nodes (Function "") and function bodies, in file
	// order. NodesOmitted counts nodes walked but not recorded once the node cap was reached.
	Nodes        []Node
	NodesOmitted int64
	Functions    []Function
	// KerasObjects are the SavedObjects of keras_metadata.pb, and the user objects of a
	// SavedObjectGraph that carry Keras metadata (SavedModels written before
	// keras_metadata.pb existed keep it there).
	KerasObjects []KerasObject
	// Anomalies are structural oddities a producer never writes.
	Anomalies []Anomaly

	texts []meta.String
	gaps  []string
}

// MetaGraph is one MetaGraphDef.
type MetaGraph struct {
	Index             int
	Tags              []string
	Version           string // meta_info_def.meta_graph_version
	TensorflowVersion string
	TensorflowGit     string
	StrippedOps       []string // op names of meta_info_def.stripped_op_list
	Saver             *Saver
	Signatures        []Signature
	Assets            []Asset
	Collections       []Collection
	Offset            int64
}

// Saver is a SaverDef: the tensors and op the loader uses to restore variables.
type Saver struct {
	FilenameTensor string
	SaveTensor     string
	RestoreOp      string
	Version        int32
}

// Signature is one SignatureDef with the tensor names of its inputs and outputs.
type Signature struct {
	Key     string
	Method  string
	Inputs  []string
	Outputs []string
}

// Asset is one AssetFileDef: a file under assets/ bound to a graph tensor at load time.
type Asset struct {
	Filename string
	Tensor   string
	Offset   int64
}

// Collection is a CollectionDef. Nodes holds its node_list values; other kinds are counted.
type Collection struct {
	Name  string
	Nodes []string
	Other bool // a bytes, int64, float or any list
}

// Node is one NodeDef of a graph or of a function body.
type Node struct {
	Name      string
	Op        string
	Device    string
	Function  string // the FunctionDef holding the node, "" for the graph itself
	MetaGraph int    // index into Model.MetaGraphs
	// Inputs holds the first maxInputs inputs as written ("node:1", "^ctrl", "fn:output:0");
	// NumInputs counts them all.
	Inputs    []string
	NumInputs int
	Attrs     []Attr
	Offset    int64 // start of the NodeDef field
	// Nested is "" for the file's own graphs. For a node of a GraphDef serialized into a
	// string constant (which DatasetFromGraph instantiates), it names that constant, and the
	// constants of enclosing nested graphs, outermost first, joined by NestSep.
	Nested string
}

// Attr is one attribute of a node, kept when it carries strings, functions or a tensor.
// Numeric, type and shape values are not kept.
type Attr struct {
	Key     string
	Strings []string // the s value, or the s values of a list
	Funcs   []string // the func name(s), including functions named inside their attrs
	Tensor  *Tensor
	// Truncated is set when strings were cut to the per-value or per-list cap.
	Truncated bool
}

// Tensor is the header of a TensorProto attribute value. Only string values are kept (the
// first few, each capped); numeric payloads are skipped.
type Tensor struct {
	DType        int32
	Strings      []string
	NumStrings   int
	ContentBytes int64 // length of tensor_content, skipped unread
	// Graphs counts string values read as serialized GraphDefs: their nodes are in
	// Model.Nodes (Node.Nested names this tensor's node) and they are not in Strings.
	Graphs int
}

// Function is one FunctionDef of a graph's library.
type Function struct {
	Name      string
	MetaGraph int
	Inputs    []string // input arg names
	Outputs   []string // output arg names
	Summary   string
	Doc       string // signature description
	NumNodes  int
	Offset    int64
	Nested    string // as Node.Nested: "" unless the library is a nested graph's
}

// KerasObject is one Keras SavedObject (keras_metadata.pb) or SavedUserObject carrying Keras
// metadata. Metadata is the JSON configuration the Keras loader deserialises.
type KerasObject struct {
	NodeID     int32
	NodePath   string
	Identifier string
	Metadata   string
	Offset     int64
}

// AnomalyKind names a structural oddity.
type AnomalyKind string

// Anomalies the parser reports.
const (
	// AnomalyNesting: messages nested deeper than TensorFlow's parser accepts (a protobuf bomb).
	AnomalyNesting AnomalyKind = "nesting"
)

// Anomaly is one structural oddity.
type Anomaly struct {
	Kind   AnomalyKind
	Detail string
	Offset int64
}

// Gaps implements format.Partial: each entry says what could not be read.
func (m *Model) Gaps() []string { return m.gaps }

// MetaStrings implements meta.Source: string attributes of nodes (not tensor contents), asset
// file names, op and function doc strings and meta graph version strings, each value once.
func (m *Model) MetaStrings() []meta.String { return m.texts }

// KerasMetadata returns the metadata JSON of every Keras object, in file order, for the Keras
// configuration parser.
func (m *Model) KerasMetadata() []string {
	out := make([]string, 0, len(m.KerasObjects))
	for _, o := range m.KerasObjects {
		if o.Metadata != "" {
			out = append(out, o.Metadata)
		}
	}
	return out
}

var (
	_ format.Partial = (*Model)(nil)
	_ meta.Source    = (*Model)(nil)
)
