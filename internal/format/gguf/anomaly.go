package gguf

import "fmt"

// AnomalyKind names a structural problem. The parser only describes what it saw; detectors
// decide what it means.
type AnomalyKind string

// Anomaly kinds.
const (
	// BadVersion: a version this reader (and llama.cpp) does not know; nothing else is read.
	BadVersion AnomalyKind = "bad-version"
	// CountTooLarge: the KV or tensor count cannot fit in the bytes that remain.
	CountTooLarge AnomalyKind = "count-too-large"
	// LengthTooLarge: a string or array length runs past the end of the file.
	LengthTooLarge AnomalyKind = "length-too-large"
	// Truncated: the file ends inside the header.
	Truncated AnomalyKind = "truncated"
	// BadValueType: an unknown metadata value type or array element type.
	BadValueType AnomalyKind = "bad-value-type"
	// NestedArray: an array of arrays (llama.cpp refuses them) or nesting past MaxArrayDepth.
	NestedArray AnomalyKind = "nested-array"
	// LongKey: a metadata key or tensor name over MaxKeyLen/MaxNameLen bytes.
	LongKey AnomalyKind = "long-key"
	// BadKey: an empty key or one with control or non-ASCII bytes.
	BadKey AnomalyKind = "bad-key"
	// DuplicateKey: the same metadata key twice; loaders disagree on which value wins.
	DuplicateKey AnomalyKind = "duplicate-key"
	// KeyType: a well-known key holds a value of the wrong type (e.g. a uint8 vocabulary score
	// array that a loader reads as float32).
	KeyType AnomalyKind = "key-type"
	// ArrayMismatch: tokenizer arrays indexed together have different lengths.
	ArrayMismatch AnomalyKind = "array-mismatch"
	// ValueOutOfRange: a hyperparameter beyond what llama.cpp's fixed-size tables hold.
	ValueOutOfRange AnomalyKind = "value-out-of-range"
	// BadTokenID: a special token id outside the vocabulary (llama.cpp ignores it with a warning).
	BadTokenID AnomalyKind = "bad-token-id"
	// BadAlignment: general.alignment is zero, not a power of two or not a uint32.
	BadAlignment AnomalyKind = "bad-alignment"
	// LongName: a tensor name of GGML_MAX_NAME (64) bytes or more, or empty.
	LongName AnomalyKind = "bad-tensor-name"
	// DuplicateTensor: two tensors with the same name.
	DuplicateTensor AnomalyKind = "duplicate-tensor"
	// BadDims: a dimension count of 0 or over GGML_MAX_DIMS, or a first dimension that is not a
	// multiple of the type's block size.
	BadDims AnomalyKind = "bad-dims"
	// DimsOverflow: the element count or byte size of a tensor overflows int64.
	DimsOverflow AnomalyKind = "dims-overflow"
	// UnknownTensorType: a GGML type id this reader does not know.
	UnknownTensorType AnomalyKind = "unknown-tensor-type"
	// OffsetOverflow: data offset plus tensor offset plus size overflows int64.
	OffsetOverflow AnomalyKind = "offset-overflow"
	// OutOfBounds: tensor data placed past the end of the file in a layout no writer produces.
	OutOfBounds AnomalyKind = "out-of-bounds"
	// DataTruncated: a regular, contiguous tensor layout whose tail is missing (a cut download).
	DataTruncated AnomalyKind = "data-truncated"
	// Overlap: two tensors' data ranges overlap.
	Overlap AnomalyKind = "overlap"
	// Misaligned: a tensor offset is not a multiple of the alignment.
	Misaligned AnomalyKind = "misaligned"
	// TrailingData: bytes after the end of the last tensor's (padded) data.
	TrailingData AnomalyKind = "trailing-data"
)

// Anomaly is one structural problem found in the header.
type Anomaly struct {
	Kind   AnomalyKind
	Offset int64 // where it was seen, or -1
	Detail string
}

// anomaly records a problem, keeping at most maxAnomalyByKind per kind and maxAnomalies in all
// so that a header made of millions of bad entries costs bounded memory.
func (f *File) anomaly(kind AnomalyKind, off int64, format string, args ...any) {
	n := 0
	for _, a := range f.Anomalies {
		if a.Kind == kind {
			n++
		}
	}
	if n >= maxAnomalyByKind || len(f.Anomalies) >= maxAnomalies {
		f.AnomaliesDropped++
		return
	}
	f.Anomalies = append(f.Anomalies, Anomaly{Kind: kind, Offset: off, Detail: fmt.Sprintf(format, args...)})
}

// Has reports whether an anomaly of the kind was recorded.
func (f *File) Has(kind AnomalyKind) bool {
	for _, a := range f.Anomalies {
		if a.Kind == kind {
			return true
		}
	}
	return false
}
