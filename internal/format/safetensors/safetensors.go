// Package safetensors reads the header of a safetensors file: the 8-byte little-endian header
// length, the JSON header that names every tensor's dtype, shape and byte range, and the
// optional "__metadata__" string map. It never reads tensor data, except bounded samples of
// bytes that no tensor covers (and the first bytes of tensors), so the detectors can tell
// what was smuggled there.
//
// The JSON is parsed the way the reference loader (the Rust safetensors crate, serde_json)
// parses it, strictly, and every place where another JSON parser (Python's json module,
// JavaScript, Go's encoding/json) would read it differently is recorded as an anomaly instead
// of being silently resolved. Layout checks mirror safetensors' Metadata::validate: tensors
// sorted by offsets must be contiguous from 0, dtype × shape must equal each byte range, and
// the last tensor must end where the file ends.
package safetensors

import (
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
)

// MaxHeaderLen is the largest header the reference loader accepts (MAX_HEADER_SIZE in the
// Rust crate); a longer header is not a safetensors file any loader would open.
const MaxHeaderLen = 100_000_000

// Sampling bounds: how many bytes of uncovered regions and tensor starts Parse reads.
const (
	RegionHeadBytes  = 1 << 20 // first bytes of each uncovered region
	RegionTailBytes  = 64 << 10
	MaxSampleBytes   = 8 << 20 // all region samples together
	MaxRegions       = 1000    // regions kept; more are counted only
	TensorHeadBytes  = 512     // first bytes of a tensor's data
	MaxTensorHeads   = 256
	MaxAnomalies     = 1000 // anomalies kept; more are counted only
	maxJSONDepth     = 64
	maxKeyPathLength = 512
)

// File is the parsed header of one safetensors file.
type File struct {
	Size      int64  // size of the input
	HeaderLen uint64 // the header length field
	DataStart int64  // file offset of the data section (8 + HeaderLen)
	DataLen   int64  // bytes from DataStart to the end of the input

	// Tensors in header order, duplicates included. Only entries with Valid set take part in
	// layout checks.
	Tensors []Tensor
	// HasMetadata is set when the header has a "__metadata__" key that is an object.
	HasMetadata bool
	// Metadata holds the string values of "__metadata__", last one winning for duplicate keys
	// as in the reference loader. MetaStrings lists every occurrence.
	Metadata map[string]string

	Anomalies        []Anomaly
	MoreAnomalies    int // anomalies beyond MaxAnomalies, counted only
	Regions          []Region
	MoreRegions      int   // uncovered regions beyond MaxRegions, counted only
	UncoveredBytes   int64 // total bytes of the data section no tensor covers
	Heads            []Sample
	strings          []meta.String
	gaps             []string
	stringsTruncated bool
}

// Tensor is one entry of the header.
type Tensor struct {
	Name   string
	DType  string
	Shape  []uint64
	Begin  uint64 // data_offsets[0], relative to DataStart
	End    uint64 // data_offsets[1]
	Offset int64  // file offset of the entry's key in the header
	// Valid is set when dtype, shape and data_offsets are all present and well-typed.
	Valid bool
	// Bytes is dtype × shape in bytes; SizeKnown is false for unknown dtypes, overflow and
	// sub-byte element counts that do not end on a byte boundary.
	Bytes     uint64
	SizeKnown bool
}

// Sample is a bounded copy of input bytes.
type Sample struct {
	Offset int64 // file offset of Bytes[0]
	Bytes  []byte
	Tensor string // the tensor whose data starts here, for tensor heads
}

// RegionKind says where an uncovered region lies.
type RegionKind string

// Region kinds.
const (
	RegionGap      RegionKind = "gap"      // between tensors
	RegionTrailing RegionKind = "trailing" // after the last tensor's end
	RegionSlack    RegionKind = "slack"    // inside a tensor's byte range, beyond dtype × shape
	RegionHeader   RegionKind = "header"   // inside the header, after the JSON (not whitespace)
)

// Region is a byte range of the input that no tensor accounts for.
type Region struct {
	Kind       RegionKind
	Start, End int64  // file offsets, End exclusive
	Tensor     string // for slack: the tensor whose byte range holds it
	Samples    []Sample
}

// AnomalyKind names a deviation from what the reference writer produces and the reference
// loader accepts.
type AnomalyKind string

// Anomaly kinds. Parser differentials come first: places where JSON parsers disagree.
const (
	DuplicateKey      AnomalyKind = "duplicate-key"      // the same key twice in one object
	NonStandardNumber AnomalyKind = "nonstandard-number" // NaN / Infinity (Python json accepts them)
	ByteOrderMark     AnomalyKind = "byte-order-mark"    // UTF-8 BOM before the JSON (Python json.loads(bytes) skips it)
	LoneSurrogate     AnomalyKind = "lone-surrogate"     // \uD800-style escape without its pair
	EscapedKey        AnomalyKind = "escaped-key"        // a structural key spelled with escapes
	InvalidUTF8       AnomalyKind = "invalid-utf8"       // the header is not UTF-8
	InvalidJSON       AnomalyKind = "invalid-json"       // syntax error; parsing stopped
	NotObject         AnomalyKind = "not-object"         // the header is not a JSON object
	BadMetadata       AnomalyKind = "bad-metadata"       // __metadata__ is not a string → string map
	BadTensor         AnomalyKind = "bad-tensor"         // a tensor entry is missing or mistypes a field
	HeaderTrailing    AnomalyKind = "header-trailing"    // non-whitespace after the JSON value
	HeaderPadding     AnomalyKind = "header-padding"     // whitespace other than spaces around the JSON
	ExtraField        AnomalyKind = "extra-field"        // a tensor entry has fields loaders ignore
	UnknownDType      AnomalyKind = "unknown-dtype"      // dtype the reference loader does not know
	SizeMismatch      AnomalyKind = "size-mismatch"      // dtype × shape != end - begin
	SubByteMisaligned AnomalyKind = "subbyte-misaligned" // sub-byte dtype not ending on a byte
	SizeOverflow      AnomalyKind = "size-overflow"      // dtype × shape overflows 64 bits
	InvertedOffsets   AnomalyKind = "inverted-offsets"   // begin > end
	OutOfBounds       AnomalyKind = "out-of-bounds"      // bytes beyond the data section
	Overlap           AnomalyKind = "overlap"            // two tensors share bytes
	Uncovered         AnomalyKind = "uncovered"          // bytes no tensor covers (see Regions)
	TooManyTensors    AnomalyKind = "too-many-tensors"   // more entries than the budget allows
)

// Anomaly is one deviation found in the header or layout.
type Anomaly struct {
	Kind   AnomalyKind
	Tensor string // the tensor it concerns, if any
	Detail string // short human text
	Offset int64  // file offset, or -1
}

// MetaStrings implements meta.Source: every "__metadata__" string value (duplicates
// included), strings nested in malformed metadata, strings in tensor fields loaders ignore,
// and tensor names containing characters tensor names never need.
func (f *File) MetaStrings() []meta.String { return f.strings }

// Gaps implements format.Partial.
func (f *File) Gaps() []string { return f.gaps }

var (
	_ meta.Source    = (*File)(nil)
	_ format.Partial = (*File)(nil)
)
