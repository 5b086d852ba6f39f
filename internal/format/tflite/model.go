// Package tflite reads the structure of TensorFlow Lite models (a FlatBuffer with the file
// identifier "TFL3", schema tensorflow/lite/schema/schema.fbs) with a hand-written,
// bounds-checked FlatBuffers reader: operator codes, how often each is used, subgraphs,
// signatures, the description and the metadata entries. Tensor buffers are never read; only
// the small buffers that metadata entries point at are, for their text.
package tflite

import (
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
