// Package gguf reads the header of GGUF files (llama.cpp's model format): the metadata
// key/value pairs and the tensor infos, never the tensor data. It records structural anomalies
// (counts, lengths, offsets and sizes that do not fit the file) instead of failing on them, so
// that detectors can report crafted files, and it exposes every metadata string — chat
// templates included — through meta.Source.
//
// gguf-parser-go is not used to read the file: it opens paths only (archive members have none),
// fails on the first anomaly instead of describing it, and panics on 100-byte crafted headers
// (general.alignment of 0 divides by zero, a non-uint32 alignment and overflowing dimensions
// panic). Only its table of GGML tensor types is used.
package gguf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/format/meta"
)

// Magic starts every GGUF file.
const Magic = "GGUF"

// Caps on what is read or kept. Real headers stay far below them: a 256k-token vocabulary is
// about 20 MiB of metadata, chat templates are tens of KiB, tensor names are at most 63 bytes.
const (
	MaxKeyLen        = 1 << 16  // longest metadata key read; llama.cpp keys are short ASCII paths
	MaxNameLen       = 1 << 16  // longest tensor name read (llama.cpp refuses names of 64 bytes or more)
	MaxStringKeep    = 16 << 20 // bytes of one string value kept (chat templates included)
	MaxMetaKeep      = 64 << 20 // bytes of string values kept for the whole file
	MaxNameBytes     = 16 << 20 // bytes of metadata keys and tensor names kept for the whole file
	MaxArrayKeep     = 1024     // leading elements kept of a string array outside tokenizer.ggml.*
	MaxArrayDepth    = 4        // nesting of arrays inside arrays
	MaxHeaderBytes   = 1 << 30  // bytes of metadata and tensor infos walked
	MaxDims          = 16       // dimensions read per tensor (GGML_MAX_DIMS is 4)
	maxAnomalies     = 200      // anomalies kept per file
	maxGaps          = 20       // gap reasons kept per file
	maxAnomalyByKind = 20       // anomalies kept per kind
	ggmlMaxDims      = 4        // GGML_MAX_DIMS
	ggmlMaxName      = 64       // GGML_MAX_NAME, including the terminating NUL
	defaultAlignment = 32       // GGUF_DEFAULT_ALIGNMENT
	vocabPrefix      = "tokenizer.ggml."
	alignmentKey     = "general.alignment"
	maxVersion       = 3
)

// ErrNotGGUF is returned when the input does not start with the GGUF magic.
var ErrNotGGUF = errors.New("not a GGUF file")

// errHeaderBudget stops the walk once MaxHeaderBytes have been read.
var errHeaderBudget = errors.New("header budget exceeded")

// ValueType is the type tag of a metadata value.
type ValueType uint32

// Metadata value types (gguf_type).
const (
	TypeUint8 ValueType = iota
	TypeInt8
	TypeUint16
	TypeInt16
	TypeUint32
	TypeInt32
	TypeFloat32
	TypeBool
	TypeString
	TypeArray
	TypeUint64
	TypeInt64
	TypeFloat64
	typeCount
)

var typeNames = [...]string{"uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool",
	"string", "array", "uint64", "int64", "float64"}

// String returns the GGUF name of the type.
func (t ValueType) String() string {
	if t < typeCount {
		return typeNames[t]
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// size is the encoded size of a scalar type, 0 for strings and arrays.
func (t ValueType) size() uint64 {
	switch t {
	case TypeUint8, TypeInt8, TypeBool:
		return 1
	case TypeUint16, TypeInt16:
		return 2
	case TypeUint32, TypeInt32, TypeFloat32:
		return 4
	case TypeUint64, TypeInt64, TypeFloat64:
		return 8
	}
	return 0
}

// File is the parsed header of a GGUF file.
type File struct {
	Size        int64
	Version     uint32
	BigEndian   bool
	TensorCount uint64 // as declared in the header
	KVCount     uint64 // as declared in the header
	KVs         []KV
	Tensors     []Tensor
	Alignment   uint64 // general.alignment when valid, else 32
	HeaderEnd   int64  // end of the tensor infos, -1 when not reached
	DataOffset  int64  // start of the tensor data section, -1 when not reached
	DataEnd     int64  // end of the last tensor's data (unpadded), -1 when unknown
	Anomalies   []Anomaly
	// AnomaliesDropped counts anomalies beyond the per-kind and per-file caps.
	AnomaliesDropped int
	gaps             []string
	kept             int64 // string bytes kept so far (MaxMetaKeep)
	names            int64 // key and tensor name bytes kept so far (MaxNameBytes)
}

// KV is one metadata key/value pair. Exactly one of the value fields is meaningful, by Type.
type KV struct {
	Key         string
	Type        ValueType
	Offset      int64   // offset of the key's length prefix
	ValueOffset int64   // offset of the value (for strings: of the bytes after the length)
	Uint        uint64  // uint8/16/32/64 values, and bool as 0 or 1
	Int         int64   // int8/16/32/64 values
	Float       float64 // float32/64 values
	Str         string  // string value, at most MaxStringKeep bytes
	StrLen      uint64  // declared byte length of a string value
	Array       *Array  // array value
}

// Array describes an array value. Elements are not kept, except the leading strings of string
// arrays outside the tokenizer vocabulary (tokenizer.ggml.*), which may hold text.
type Array struct {
	Elem    ValueType
	Len     uint64
	Depth   int      // 1 for a flat array, more for arrays of arrays
	Strings []string // leading string elements kept (at most MaxArrayKeep)
	Offsets []int64  // file offset of each kept string
}

// Tensor is one tensor info.
type Tensor struct {
	Name       string
	Dims       []uint64
	Type       uint32 // GGML type id
	Offset     uint64 // relative to the data section
	InfoOffset int64  // where the tensor info starts in the file
	Bytes      uint64 // data size from type and dims; 0 when unknown
	SizeKnown  bool
}

// IsTemplateKey reports whether a metadata key holds a chat template as llama.cpp names them:
// tokenizer.chat_template or tokenizer.chat_template.<name>.
func IsTemplateKey(key string) bool {
	return key == "tokenizer.chat_template" || strings.HasPrefix(key, "tokenizer.chat_template.")
}

// Get returns the first KV with the given key.
func (f *File) Get(key string) (KV, bool) {
	for _, kv := range f.KVs {
		if kv.Key == key {
			return kv, true
		}
	}
	return KV{}, false
}

// Gaps implements format.Partial: each entry is a part of the header that was not read.
func (f *File) Gaps() []string { return f.gaps }

// MetaStrings implements meta.Source: every string value, and the kept elements of string
// arrays outside the tokenizer vocabulary, keyed by their GGUF key (arrays as key[i]).
func (f *File) MetaStrings() []meta.String {
	var out []meta.String
	for _, kv := range f.KVs {
		switch {
		case kv.Type == TypeString:
			out = append(out, meta.String{Key: kv.Key, Value: kv.Str, Offset: kv.ValueOffset})
		case kv.Array != nil:
			for i, s := range kv.Array.Strings {
				out = append(out, meta.String{Key: fmt.Sprintf("%s[%d]", kv.Key, i), Value: s, Offset: kv.Array.Offsets[i]})
			}
		}
	}
	return out
}

// gap records a part of the header that was not read, keeping at most maxGaps reasons.
func (f *File) gap(format string, args ...any) {
	switch {
	case len(f.gaps) < maxGaps:
		f.gaps = append(f.gaps, fmt.Sprintf(format, args...))
	case len(f.gaps) == maxGaps:
		f.gaps = append(f.gaps, "further gaps not listed")
	}
}

// Looks reports whether head starts like a GGUF file: the magic and a small version number in
// either byte order (versions above 3 are identified, then reported as unsupported by Parse).
func Looks(head []byte) bool {
	if len(head) < 8 || string(head[:4]) != Magic {
		return false
	}
	le := uint32(head[4]) | uint32(head[5])<<8 | uint32(head[6])<<16 | uint32(head[7])<<24
	be := uint32(head[7]) | uint32(head[6])<<8 | uint32(head[5])<<16 | uint32(head[4])<<24
	return (le >= 1 && le <= 0xff) || (be >= 1 && be <= 0xff)
}
