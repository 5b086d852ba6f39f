package onnx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/aisecops/aisec/internal/format/onnx/onnxpb"
	"github.com/aisecops/aisec/internal/format/pbwire"
	"github.com/aisecops/aisec/internal/limits"
)

// Caps that shape the output. The cost of a walk is otherwise bounded by the input's size: each
// field is visited once and payloads are skipped unread.
const (
	// maxGraphDepth bounds subgraph nesting. protobuf's C++ parser, which every ONNX loader
	// uses, refuses messages nested deeper than 100, about 33 graph levels.
	maxGraphDepth = 40
	// maxNodes is how many nodes are recorded before only new operator kinds are kept.
	maxNodes = 1 << 20
	// maxKinds bounds distinct (domain, op_type, overload) triples; no real model comes close.
	maxKinds = 100_000
	// maxSmallField is the largest field decoded with proto.Unmarshal (a string, a metadata
	// entry, a node header field).
	maxSmallField = 16 << 20
	// maxRetained bounds the bytes of strings kept in the Model (names, metadata, texts).
	maxRetained = 256 << 20
	// maxTexts bounds distinct doc strings and string attributes kept in Model.Texts.
	maxTexts = 10_000
	// maxGaps bounds the gaps listed; one more says that further gaps were dropped.
	maxGaps = 64
	// ctxEvery is how many fields pass between two context checks.
	ctxEvery = 4096
)

// windowSize is the read window through which the structure is read; tests bound the bytes
// a walk reads by it.
const windowSize = pbwire.WindowSize

// field is one protobuf field of the model, located by offsets.
type field = pbwire.Field

// Parse reads the structure of the ONNX model in r (size bytes). Only the structure is read:
// a multi-gigabyte model costs a few thousand small reads. It returns an error when r does not
// hold a ModelProto at all, when size exceeds b.MaxFileBytes, on an I/O error or when ctx ends.
// Truncated or malformed parts, and parts beyond the caps, are recorded as gaps (see
// Model.Gaps) and everything readable is kept.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*Model, error) {
	return parse(ctx, r, size, b, recordCaps{nodes: maxNodes, kinds: maxKinds})
}

// recordCaps are the caps on recorded nodes and operator kinds; tests lower them.
type recordCaps struct{ nodes, kinds int }

func parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, caps recordCaps) (*Model, error) {
	b = b.WithDefaults()
	if size <= 0 {
		return nil, errors.New("unable to read ONNX model: empty input")
	}
	if size > b.MaxFileBytes {
		return nil, fmt.Errorf("unable to read ONNX model of %d bytes: %w", size, limits.Exceeded("file bytes", b.MaxFileBytes))
	}
	w := &walker{ctx: ctx, src: pbwire.NewReader(r, size), budget: b, caps: caps, m: &Model{}, kinds: map[nodeKind]bool{},
		texts: map[string]bool{}, gapSeen: map[string]bool{}}
	w.nodes = &w.m.Nodes
	first, err := w.src.Next(0, size)
	switch {
	case err == nil:
	case first.Cut:
		// A cut length-delimited field: walk the part that is there.
	default:
		return nil, fmt.Errorf("unable to read ONNX model: %w", err)
	}
	if err := w.model(size); err != nil {
		return nil, err
	}
	if !w.core {
		return nil, errors.New("unable to read ONNX model: no ir_version, graph or opset_import field")
	}
	return w.m, nil
}

// modelField reports whether f is a ModelProto field with its declared wire type.
func modelField(f field) bool {
	switch f.Num {
	case 1, 5:
		return f.Type == protowire.VarintType
	case 2, 3, 4, 6, 7, 8, 14, 20, 25, 26:
		return f.Type == protowire.BytesType
	}
	return false
}

type nodeKind struct{ domain, opType, overload string }

// walker holds the state of one Parse.
type walker struct {
	ctx    context.Context
	src    *pbwire.Reader
	budget limits.Budget
	caps   recordCaps
	m      *Model
	nodes  *[]Node // where walked nodes go: m.Nodes, or the body of the function being walked

	kinds    map[nodeKind]bool
	recorded int // nodes recorded
	texts    map[string]bool
	retained int64 // string bytes kept
	gapSeen  map[string]bool
	fields   int64 // fields visited, for context checks
	core     bool  // an ir_version, graph or opset_import field was seen
}

// model walks the top-level ModelProto.
func (w *walker) model(size int64) error {
	hdr := &onnxpb.ModelProto{}
	var training, functions int
	err := w.walk(0, size, loc{path: "model"}, func(f field) error {
		if !modelField(f) {
			return nil // unknown or mistyped: the loader ignores it too
		}
		w.core = w.core || f.Num == 1 || f.Num == 7 || f.Num == 8
		switch f.Num {
		case 7:
			return w.graph(f.Val, f.End, "graph", 0)
		case 20:
			training++
			return w.training(f, training-1)
		case 25:
			functions++
			return w.function(f, functions-1)
		case 14:
			if p, ok := w.prop(f, "model.metadata_props"); ok {
				w.m.Metadata = append(w.m.Metadata, p)
			}
		case 26:
		default:
			w.decode(f, hdr, "model")
		}
		return nil
	})
	w.m.IRVersion = hdr.GetIrVersion()
	w.m.ProducerName = w.keep(hdr.GetProducerName())
	w.m.ProducerVersion = w.keep(hdr.GetProducerVersion())
	w.m.Domain = w.keep(hdr.GetDomain())
	w.m.ModelVersion = hdr.GetModelVersion()
	w.m.DocString = w.keep(hdr.GetDocString())
	w.m.OpsetImports = w.opsets(hdr.GetOpsetImport())
	return err
}

// training walks one TrainingInfoProto: its initialization and algorithm graphs.
func (w *walker) training(f field, i int) error {
	return w.walk(f.Val, f.End, loc{path: "training_info", idx: i}, func(g field) error {
		if g.Type != protowire.BytesType {
			return nil
		}
		switch g.Num {
		case 1:
			return w.graph(g.Val, g.End, fmt.Sprintf("training_info[%d].initialization", i), 0)
		case 2:
			return w.graph(g.Val, g.End, fmt.Sprintf("training_info[%d].algorithm", i), 0)
		}
		return nil
	})
}

// walk calls fn for each field of the message in [start, end). A length-delimited field that
// runs past end is handed to fn cut at end, so the readable part of a truncated graph is still
// walked, and recorded as a gap; a malformed field ends the message with a gap. fn returns an
// error only for context or I/O failures, which stop the whole walk.
func (w *walker) walk(start, end int64, what loc, fn func(field) error) error {
	for off := start; off < end; {
		w.fields++
		if w.fields%ctxEvery == 0 {
			if err := w.ctx.Err(); err != nil {
				return fmt.Errorf("ONNX walk interrupted: %w", err)
			}
		}
		f, err := w.src.Next(off, end)
		if err != nil {
			if !errors.Is(err, pbwire.ErrTruncated) && !errors.Is(err, pbwire.ErrMalformed) {
				return err
			}
			if f.Cut {
				w.gap("%v is cut short: %v", what, err)
				f.End = end
				return fn(f)
			}
			w.gap("%v: %v; the rest of it was not read", what, err)
			return nil
		}
		if err := fn(f); err != nil {
			return err
		}
		off = f.End
	}
	return nil
}

// loc names the message being walked in gap messages; it is formatted only when one is
// recorded, so walking a million nodes costs no formatting.
type loc struct {
	path string
	kind string // "node" or "attribute", with idx, for messages inside a graph
	idx  int
}

func (l loc) String() string {
	if l.kind == "" {
		return l.path
	}
	return l.path + " " + l.kind + " " + strconv.Itoa(l.idx)
}

// decode merges the small field f, tag included, into msg, the message that holds it. Each
// field is decoded on its own so one bad field costs only itself.
func (w *walker) decode(f field, msg proto.Message, what any) bool {
	return w.unmarshal(f.Tag, f.End, f.Num, msg, what)
}

// decodeValue decodes the content of the small length-delimited field f as msg.
func (w *walker) decodeValue(f field, msg proto.Message, what any) bool {
	return w.unmarshal(f.Val, f.End, f.Num, msg, what)
}

func (w *walker) unmarshal(start, end int64, num protowire.Number, msg proto.Message, what any) bool {
	n := end - start
	if n > maxSmallField {
		w.gap("%v: field %d of %d bytes at offset %d is over the %d-byte cap and was not read", what, num, n, start, maxSmallField)
		return false
	}
	raw, err := w.src.Bytes(start, n)
	if err != nil {
		w.gap("%v: field %d at offset %d: %v", what, num, start, err)
		return false
	}
	if err := (proto.UnmarshalOptions{Merge: true, DiscardUnknown: true}).Unmarshal(raw, msg); err != nil {
		w.gap("%v: field %d at offset %d does not decode: %v", what, num, start, err)
		return false
	}
	return true
}

// prop decodes one StringStringEntryProto field.
func (w *walker) prop(f field, what string) (Prop, bool) {
	e := &onnxpb.StringStringEntryProto{}
	if f.Type != protowire.BytesType || !w.decodeValue(f, e, what) {
		return Prop{}, false
	}
	if !w.retain(len(e.GetKey())+len(e.GetValue()), what) {
		return Prop{}, false
	}
	return Prop{Key: e.GetKey(), Value: e.GetValue(), Offset: f.Val}, true
}

func (w *walker) opsets(in []*onnxpb.OperatorSetIdProto) []Opset {
	var out []Opset
	for _, o := range in {
		out = append(out, Opset{Domain: w.keep(o.GetDomain()), Version: o.GetVersion()})
	}
	return out
}

// keep accounts for a string kept in the model; over the budget it is replaced by "".
func (w *walker) keep(s string) string {
	if !w.retain(len(s), "strings") {
		return ""
	}
	return s
}

// retain takes n bytes from the string budget, recording a gap once when it runs out.
func (w *walker) retain(n int, what string) bool {
	if w.retained+int64(n) > maxRetained {
		w.gap("%s: more than %d bytes of names and text; the rest was not kept", what, maxRetained)
		return false
	}
	w.retained += int64(n)
	return true
}

// gap records one reason why the model was read only in part. Repeats are dropped.
func (w *walker) gap(format string, args ...any) {
	if len(w.m.gaps) > maxGaps {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if w.gapSeen[msg] {
		return
	}
	w.gapSeen[msg] = true
	if len(w.m.gaps) == maxGaps {
		msg = "further gaps were not listed"
	}
	w.m.gaps = append(w.m.gaps, msg)
}
