// Package tflite reads the structure of TensorFlow Lite models (a FlatBuffer with the file
// identifier "TFL3", schema tensorflow/lite/schema/schema.fbs) with a hand-written,
// bounds-checked FlatBuffers reader: operator codes, how often each is used, subgraphs,
// signatures, the description and the metadata entries. Tensor buffers are never read; only
// the small buffers that metadata entries point at are, for their text.
package tflite

import (
	"strings"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
)

// BuiltinCustom is BuiltinOperator CUSTOM: the operator is named by OperatorCode.custom_code
// and implemented by whatever the application registered under that name. Flex (Select TF)
// operators are custom operators whose name starts with "Flex".
const BuiltinCustom = 32

// Identifier is the FlatBuffers file identifier of TFLite models, at bytes 4..8.
const Identifier = "TFL3"

// Model is what was read from one TFLite file.
type Model struct {
	Identifier    string // bytes 4..8 of the file; "TFL3" for every model TFLite writes
	Version       uint32 // schema version, 3 today
	Description   string
	OperatorCodes []OperatorCode
	Subgraphs     []Subgraph
	Buffers       int // entries of Model.buffers; their data is not read
	Metadata      []Metadata
	Signatures    []Signature
	// BadOpcodeRefs counts operators whose opcode_index names no operator code; the
	// interpreter refuses such models.
	BadOpcodeRefs int
	// Texts are printable strings found in the buffers of metadata entries.
	Texts []meta.String
	// FlexOps are the distinct ops that Flex operators run, decoded from their custom_options;
	// Flex operators without custom_options are not listed (the delegate rejects them).
	FlexOps []FlexOp

	gaps []string
}

// OperatorCode is one entry of Model.operator_codes.
type OperatorCode struct {
	Index int
	// Builtin is the effective BuiltinOperator: the larger of deprecated_builtin_code and
	// builtin_code, as the interpreter computes it.
	Builtin    int32
	CustomCode string // set for BuiltinCustom
	HasCustom  bool
	Version    int32
	Uses       int   // operators, in all subgraphs, that use this code
	Offset     int64 // position of the OperatorCode table
}

// IsCustom reports whether the code names a custom (or Flex) operator.
func (c OperatorCode) IsCustom() bool { return c.Builtin == BuiltinCustom }

// CustomName is the name the interpreter resolves: custom_code up to its first NUL, since
// the op resolver and the Flex delegate read it as a C string.
func (c OperatorCode) CustomName() string { return cString(c.CustomCode) }

// IsFlex reports whether the Flex delegate claims operators of this code: custom operators
// whose name starts with FlexPrefix (delegates/flex/util.cc, IsFlexOp).
func (c OperatorCode) IsFlex() bool {
	return c.IsCustom() && strings.HasPrefix(c.CustomName(), FlexPrefix)
}

// FlexPrefix starts the custom_code of every Select TF (Flex) operator.
const FlexPrefix = "Flex"

// FlexOp is one distinct way Flex operators of one operator code are set up. The delegate
// runs the TensorFlow op Name (custom_options v[0]) with the attributes of the NodeDef in
// v[1], whatever custom_code says; the converter writes the same op in all three places.
type FlexOp struct {
	Opcode    int    // index into Model.OperatorCodes
	Name      string // v[0] of custom_options, up to its first NUL
	NodeDefOp string // op field of the NodeDef in v[1], up to its first NUL
	// Undecodable says why custom_options could not be decoded ("" when they were); what
	// the delegate runs is then unknown.
	Undecodable string
	Uses        int   // operators set up this way
	Offset      int64 // position of the first such operator's custom_options
}

// Subgraph is one entry of Model.subgraphs.
type Subgraph struct {
	Name      string
	Operators int
	Tensors   int
	Offset    int64
}

// Metadata is one entry of Model.metadata: a name and the buffer holding its value.
type Metadata struct {
	Name   string
	Buffer uint32
	Size   int64 // bytes of the buffer, -1 when the buffer could not be found
	Offset int64 // position of the Metadata table
}

// Signature is one entry of Model.signature_defs.
type Signature struct {
	Key      string
	Subgraph uint32
}

// Gaps implements format.Partial.
func (m *Model) Gaps() []string { return m.gaps }

// MetaStrings implements meta.Source: the description, the metadata names and the text
// found in their buffers.
func (m *Model) MetaStrings() []meta.String {
	var out []meta.String
	if m.Description != "" {
		out = append(out, meta.String{Key: "description", Value: m.Description, Offset: -1})
	}
	for _, md := range m.Metadata {
		out = append(out, meta.String{Key: "metadata.name", Value: md.Name, Offset: md.Offset})
	}
	return append(out, m.Texts...)
}

var (
	_ format.Partial = (*Model)(nil)
	_ meta.Source    = (*Model)(nil)
)
