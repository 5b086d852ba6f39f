package onnx

import (
	"errors"
	"io"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
)

// Sniffing limits.
const (
	// maxIRVersion is the highest ir_version Looks accepts. ONNX 1.18 writes IR 11; the margin
	// covers releases to come.
	maxIRVersion = 15
	// sniffFields is how many leading fields Looks checks at most.
	sniffFields = 16
	// maxSniffName bounds producer_name, producer_version and domain.
	maxSniffName = 64 << 10
	// maxUnknown is how many non-ModelProto fields Looks skips.
	maxUnknown = 4
)

// Looks reports whether head, the first bytes of a file, plausibly starts an ONNX ModelProto.
// ONNX has no magic number, so this is a heuristic over the leading protobuf fields:
//
//   - a ModelProto field must have its declared wire type (ir_version 1 and model_version 5
//     varints; producer_name 2, producer_version 3, domain 4, doc_string 6, graph 7,
//     opset_import 8, metadata_props 14, training_info 20, functions 25, configuration 26
//     length-delimited);
//   - ir_version must be 1..15; the strings 2, 3, 4 and 6 must be UTF-8 text (no control
//     characters except \t \n \r in doc_string) as far as head shows them;
//   - a graph, opset_import, metadata_props, training_info or functions value must begin with
//     a field of that message;
//   - up to maxUnknown other well-formed fields are skipped, as protobuf loaders skip them,
//     so that a leading junk field does not hide a model;
//   - the ModelProto fields must include ir_version and one more, or, for writers that order
//     fields differently, three including a graph or an opset_import.
//
// TensorFlow's SavedModel is also a protobuf whose first field is a varint 1
// (saved_model_schema_version = 1), followed by field 2 (meta_graphs). Field 2 is
// producer_name for ONNX; in a SavedModel it is a MetaGraphDef whose first byte is the tag of
// meta_info_def (0x0a), a control character, so the text check rejects it. A GraphDef starts
// with repeated field 1 as a message, which is no ModelProto field, so nothing counts for it.
func Looks(head []byte) bool {
	var known, unknown int
	var ir, anchor bool
	for off := 0; off < len(head) && known < sniffFields; {
		num, typ, m := protowire.ConsumeTag(head[off:])
		if m < 0 {
			break // the tag is cut by the end of head
		}
		if !modelField(field{Num: num, Type: typ}) {
			n := protowire.ConsumeFieldValue(num, typ, head[off+m:])
			if unknown++; unknown > maxUnknown || typ == protowire.StartGroupType || n < 0 && !errors.Is(protowire.ParseError(n), io.ErrUnexpectedEOF) {
				return false
			}
			if n < 0 {
				break
			}
			off += m + n
			continue
		}
		off += m
		v, k := protowire.ConsumeVarint(head[off:])
		if k < 0 {
			break
		}
		off += k
		known++
		if typ == protowire.VarintType {
			if num == 1 && (v < 1 || v > maxIRVersion) {
				return false
			}
			ir = ir || num == 1
			continue
		}
		content := head[off:]
		cut := v > uint64(len(content))
		if !cut {
			content = content[:v]
		}
		if !plausibleValue(num, content, v, cut) {
			return false
		}
		anchor = anchor || num == 7 || num == 8
		if cut {
			break
		}
		off += int(v)
	}
	return ir && known >= 2 || anchor && known >= 3
}

// plausibleValue checks the visible part of a length-delimited ModelProto field.
func plausibleValue(num protowire.Number, content []byte, declared uint64, cut bool) bool {
	switch num {
	case 2, 3, 4:
		return declared <= maxSniffName && isText(content, false, cut)
	case 6:
		return isText(content, true, cut)
	case 7:
		return startsWith(content, 1, 2, 5, 10, 11, 12, 13, 14, 15, 16)
	case 8:
		return len(content) == 0 || startsWithTag(content, 1, protowire.BytesType) || startsWithTag(content, 2, protowire.VarintType)
	case 14:
		return startsWith(content, 1, 2)
	case 20:
		return startsWith(content, 1, 2, 3, 4)
	case 25:
		return startsWith(content, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)
	}
	return true
}

// startsWith reports whether content is empty or begins with a length-delimited field whose
// number is one of nums.
func startsWith(content []byte, nums ...protowire.Number) bool {
	if len(content) == 0 {
		return true
	}
	for _, n := range nums {
		if startsWithTag(content, n, protowire.BytesType) {
			return true
		}
	}
	return false
}

func startsWithTag(content []byte, num protowire.Number, typ protowire.Type) bool {
	n, t, m := protowire.ConsumeTag(content)
	return m > 0 && n == num && t == typ
}

// isText reports whether b is UTF-8 text without control characters (tabs and line breaks
// allowed when multiline). A rune cut by the end of head is accepted when cut is set.
func isText(b []byte, multiline, cut bool) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return cut && !utf8.FullRune(b[i:])
		}
		if r < 0x20 && !(multiline && (r == '\t' || r == '\n' || r == '\r')) || r == 0x7f {
			return false
		}
		i += size
	}
	return true
}
