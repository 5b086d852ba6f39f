// Package keras reads the JSON configurations Keras saves with a model — the model_config and
// training_config attributes of HDF5 files, config.json and metadata.json of .keras archives,
// and the per-object metadata of SavedModel keras_metadata.pb — into a typed summary of every
// serialised object, the code Lambda layers carry, and every module or function reference a
// loader would resolve. It never imports, unmarshals or runs anything it reads: Lambda bytecode
// is decoded by internal/format/pymarshal only far enough to name what it uses.
package keras

import (
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/pymarshal"
)

// Origin says which Keras artifact a JSON text came from; it decides how loaders treat it.
type Origin string

// Origins of Keras JSON.
const (
	// OriginH5ModelConfig is the "model_config" root attribute of a Keras HDF5 (.h5) file.
	OriginH5ModelConfig Origin = "h5:model_config"
	// OriginH5TrainingConfig is the "training_config" root attribute of a Keras HDF5 file.
	OriginH5TrainingConfig Origin = "h5:training_config"
	// OriginKerasConfig is config.json inside a Keras 3 .keras zip.
	OriginKerasConfig Origin = "keras:config.json"
	// OriginKerasMetadata is metadata.json inside a Keras 3 .keras zip.
	OriginKerasMetadata Origin = "keras:metadata.json"
	// OriginSavedModelMetadata is one metadata string of a TF SavedModel keras_metadata.pb.
	OriginSavedModelMetadata Origin = "savedmodel:keras_metadata"
)

// SafeMode reports whether Keras' safe_mode can stop Lambda bytecode from this origin. Only the
// Keras 3 archive format honours it; HDF5 loading ignored it until Keras 3.11.3 (CVE-2025-9905)
// and Keras 2 / SavedModel loading never had it.
func (o Origin) SafeMode() bool { return o == OriginKerasConfig }

// Model is what a Keras JSON text declares.
type Model struct {
	Origin Origin
	// Base is the byte offset of the JSON text in the file being scanned, or -1 when unknown
	// (the text was extracted from an HDF5 attribute or a protobuf). Offsets in the model are
	// relative to the JSON text; FileOffset converts them.
	Base int64

	ClassName    string // class of the top-level object ("Sequential", "Functional", …)
	KerasVersion string
	Backend      string
	DateSaved    string // metadata.json only

	Objects    []Object // every serialised object (anything with a class_name), in document order
	Lambdas    []Lambda // every function Keras would rebuild from a config: Lambda layers, __lambda__ objects
	Duplicates []Duplicate

	strings []text
	gaps    []string
}

// Object is one serialised Keras object: a layer, a model, an initializer, an optimizer, a
// function reference ({"class_name": "function", "config": "<name>"}) …
type Object struct {
	Path           string // JSON path, e.g. "config.layers[3].config.layer"
	Offset         int64  // offset of the object in the JSON text, -1 when unknown
	ClassName      string
	Name           string // the layer or object name, when it has one
	Module         string // Keras 3 "module" (the Python module a loader imports)
	RegisteredName string // Keras 3 "registered_name" ("package>Name" for registered custom objects)
	// Slot is the key the object sits under: "layers" for entries of a layer list, "layer" for
	// a wrapped layer, "kernel_initializer", "function", "optimizer", … ("" at the top).
	Slot string
	// Inner is the object's "config" when that is a string rather than a dict: the function
	// name of a {"class_name": "function"} reference, the spec name of a __typespec__.
	Inner string
	// Function is config.function when it is a string: the TensorFlow symbol of a TFOpLambda
	// ("math.add", "io.write_file"), or the function name of a Keras 2 Lambda.
	Function string
	// Called is set when the object has inbound_nodes: rebuilding a functional model calls it
	// with the arguments recorded there.
	Called bool
	// Args holds the string arguments of those calls (inbound_nodes), at most a few.
	Args []string
}

// Duplicate is a key repeated within one JSON object. Python keeps the last value, other
// parsers the first: Keras itself never writes one.
type Duplicate struct {
	Path   string
	Key    string
	Offset int64
}

// Lambda is one Python function a Keras loader would rebuild from the config.
type Lambda struct {
	Path   string // JSON path of the function value
	Offset int64
	Layer  string // name of the Lambda layer, "" for a __lambda__ object elsewhere
	Field  string // "function", "output_shape", "mask", or "value" for a bare __lambda__
	// FunctionType is the Keras 2 function_type ("lambda", "function", "raw"); "" when absent.
	FunctionType string
	// Module is the Keras 2 "module" of the function: Keras adds that module's globals to the
	// function's globals when it is already imported.
	Module string
	Kind   LambdaKind
	// FuncName is the name a by-name function (KindByName) is looked up under.
	FuncName string
	// Encoding says how the code text was turned into bytes: "base64" or "raw_unicode_escape"
	// (the fallback Keras' func_load uses when base64 fails).
	Encoding string
	CodeLen  int             // bytes of marshal data
	Code     *pymarshal.Code // the decoded code object; nil when it could not be decoded
	Summary  pymarshal.Summary
	// Words are identifiers found when the code could not be decoded: read from the marshal
	// bytes (KindBytecode) or from the text itself (KindSource).
	Words       []string
	DecodeError string
	Values      []string // string defaults and closure values the function is rebuilt with
}

// LambdaKind classifies what a Lambda's function field holds.
type LambdaKind string

// Lambda kinds.
const (
	KindBytecode LambdaKind = "bytecode" // marshalled code (decoded, or not): runs when Keras rebuilds it
	KindSource   LambdaKind = "source"   // Python source text where bytecode is expected
	KindByName   LambdaKind = "by-name"  // a function looked up by name (custom objects)
	KindRaw      LambdaKind = "raw"      // a plain value (output_shape "raw")
)

// text is one string value with its JSON path and offset.
type text struct {
	path  string
	value string
	off   int64
}

// FileOffset converts an offset in the JSON text to one in the scanned file, or -1.
func (m *Model) FileOffset(off int64) int64 {
	if m.Base < 0 || off < 0 {
		return -1
	}
	return m.Base + off
}

// MetaStrings implements meta.Source: every distinct string value of the JSON, keyed by its
// JSON path, plus the string constants of decoded Lambda bytecode, so that the metadata
// detector looks for secrets, URLs and shell commands in them.
func (m *Model) MetaStrings() []meta.String {
	out := make([]meta.String, 0, len(m.strings))
	for _, s := range m.strings {
		out = append(out, meta.String{Key: s.path, Value: s.value, Offset: m.FileOffset(s.off)})
	}
	return out
}

// Gaps implements format.Partial.
func (m *Model) Gaps() []string { return m.gaps }

var (
	_ meta.Source    = (*Model)(nil)
	_ format.Partial = (*Model)(nil)
)
