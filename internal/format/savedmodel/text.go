package savedmodel

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/aisecops/aisec/internal/format/tfpb"
	"github.com/aisecops/aisec/internal/limits"
)

// maxTextDepth is TensorFlow's own nesting limit for protobufs, applied to text before the
// decoder (which recurses) sees it.
const maxTextDepth = 100

// ParseText reads the text format of a SavedModel (saved_model.pbtxt, which TensorFlow loads
// when saved_model.pb is absent), a MetaGraphDef or a GraphDef. The message is decoded with
// the trimmed types, encoded again and walked like a binary file, so both forms get the same
// analysis.
func ParseText(ctx context.Context, data []byte, kind Kind, b limits.Budget) (*Model, error) {
	if d := textDepth(data); d > maxTextDepth {
		return nil, fmt.Errorf("unable to read TensorFlow text protobuf: nested %d levels deep, over the limit of %d: %w",
			d, maxTextDepth, limits.ErrExceeded)
	}
	var msg proto.Message
	switch kind {
	case KindSavedModel:
		msg = &tfpb.SavedModel{}
	case KindMetaGraph:
		msg = &tfpb.MetaGraphDef{}
	case KindGraphDef:
		msg = &tfpb.GraphDef{}
	default:
		return nil, fmt.Errorf("unable to read TensorFlow text protobuf: no text form for %s", kind)
	}
	if err := (prototext.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(data, msg); err != nil {
		return nil, fmt.Errorf("unable to read TensorFlow text protobuf: %w", err)
	}
	bin, err := proto.Marshal(msg)
	if err != nil {
		return nil, fmt.Errorf("unable to re-encode TensorFlow text protobuf: %w", err)
	}
	return ParseAs(ctx, bytes.NewReader(bin), int64(len(bin)), b, kind)
}

// textDepth returns the deepest nesting of { } and < > outside quoted strings.
func textDepth(data []byte) int {
	depth, deepest := 0, 0
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '{' || c == '<':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == '>':
			depth--
		}
	}
	return deepest
}

// TextKindForName maps the names TensorFlow reads text protobufs from to their message:
// saved_model.pbtxt is a SavedModel, a text .meta a MetaGraphDef, and another .pbtxt
// (tf.io.write_graph) a GraphDef unless it has the fields of a MetaGraphDef.
func TextKindForName(name string, data []byte) (Kind, bool) {
	switch {
	case name == "saved_model.pbtxt":
		return KindSavedModel, true
	case strings.HasSuffix(name, ".meta"):
		return KindMetaGraph, true
	case !strings.HasSuffix(name, ".pbtxt"):
		return "", false
	case bytes.Contains(data, []byte("meta_info_def")) || bytes.Contains(data, []byte("graph_def")):
		return KindMetaGraph, true
	}
	return KindGraphDef, true
}
