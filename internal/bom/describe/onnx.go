package describe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/format/pbwire"
	"github.com/aisecops/aisec/internal/limits"
)

// Bounds of the initializer walk: the fields visited (nodes included, since they share the
// graph message) and the bytes of one packed dims field.
const (
	maxONNXFields = 50_000_000
	maxPackedDims = 16 * 10 // 16 dimensions of at most 10 varint bytes
	onnxCtxEvery  = 4096
	maxMetaValues = 64
)

// ModelProto.graph, GraphProto.initializer and TensorProto.dims field numbers.
const (
	modelGraph, graphInitializer, tensorDims = 7, 5, 1
)

func describeONNX(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	m, err := onnx.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read ONNX model: %w", err)
	}
	fm.Gaps = m.Gaps()
	info.Opset = onnxOpsets(m.OpsetImports)
	info.Producer = strings.TrimSpace(clip(m.ProducerName, maxValueLen) + " " + clip(m.ProducerVersion, maxValueLen))
	if m.ModelVersion > 0 {
		fm.Version = strconv.FormatInt(m.ModelVersion, 10)
	}
	fm.Description = clip(strings.TrimSpace(m.DocString), maxDescription)
	fm.prop("onnx-ir-version", strconv.FormatInt(m.IRVersion, 10))
	fm.prop("onnx-domain", m.Domain)
	onnxMetaProps(m.Metadata, fm)
	n, err := ONNXParameters(ctx, r, size)
	if err != nil {
		fm.Gaps = append(fm.Gaps, "parameter count: "+err.Error())
	}
	info.Parameters = n
	return nil
}

// onnxOpsets formats the opset imports as "domain:version" sorted, the default domain written
// "ai.onnx"; the highest version wins for a domain imported twice.
func onnxOpsets(ops []onnx.Opset) string {
	best := map[string]int64{}
	for _, o := range ops {
		d := o.Domain
		if d == "" {
			d = "ai.onnx"
		}
		if v, ok := best[d]; !ok || o.Version > v {
			best[d] = o.Version
		}
	}
	out := make([]string, 0, len(best))
	for d, v := range best {
		out = append(out, clip(d, maxValueLen)+":"+strconv.FormatInt(v, 10))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// onnxMetaProps maps well-known metadata_props keys onto FileMeta.
func onnxMetaProps(props []onnx.Prop, fm *FileMeta) {
	for i, p := range props {
		if i >= maxMetaValues {
			return
		}
		v := clip(strings.TrimSpace(p.Value), maxValueLen)
		switch strings.ToLower(strings.TrimSpace(p.Key)) {
		case "author", "authors":
			fm.Author = firstNonEmpty(fm.Author, v)
		case "license":
			fm.License = firstNonEmpty(fm.License, v)
		case "name", "model_name", "title":
			fm.Name = firstNonEmpty(fm.Name, v)
		case "version", "model_version":
			fm.Version = firstNonEmpty(fm.Version, v)
		case "description":
			fm.Description = firstNonEmpty(fm.Description, clip(v, maxDescription))
		case "url", "source", "homepage":
			fm.URL = firstNonEmpty(fm.URL, v)
		}
	}
}

// ONNXParameters counts the elements of the main graph's initializers (ModelProto.graph →
// GraphProto.initializer → TensorProto.dims), reading only tags, lengths and dims: tensor
// payloads are skipped by offset. The count saturates at math.MaxInt64. An error says the
// walk stopped early; the count then covers the initializers read until then.
func ONNXParameters(ctx context.Context, r io.ReaderAt, size int64) (int64, error) {
	w := &onnxCounter{ctx: ctx, src: pbwire.NewReader(r, size)}
	err := w.fields(0, size, func(f pbwire.Field) error {
		if f.Num == modelGraph && f.IsBytes() {
			return w.fields(f.Val, f.End, w.graphField)
		}
		return nil
	})
	return w.total, err
}

// onnxCounter holds the state of one ONNXParameters walk.
type onnxCounter struct {
	ctx   context.Context
	src   *pbwire.Reader
	total int64
	seen  int64
}

func (w *onnxCounter) graphField(f pbwire.Field) error {
	if f.Num != graphInitializer || !f.IsBytes() {
		return nil
	}
	n := int64(1)
	err := w.fields(f.Val, f.End, func(g pbwire.Field) error {
		if g.Num != tensorDims {
			return nil
		}
		d, err := w.dims(g)
		n = mulSat(n, d)
		return err
	})
	w.total = addSat(w.total, n)
	return err
}

// dims returns the product of one dims field: a single varint, or a packed run of them.
func (w *onnxCounter) dims(f pbwire.Field) (int64, error) {
	switch {
	case f.Type == protowire.VarintType:
		return dimValue(f.V), nil
	case f.IsBytes():
		if f.Size() > maxPackedDims {
			return 0, errors.New("packed tensor dims longer than 16 dimensions")
		}
		buf, err := w.src.Bytes(f.Val, f.Size())
		if err != nil {
			return 0, err
		}
		n := int64(1)
		for len(buf) > 0 {
			v, k := protowire.ConsumeVarint(buf)
			if k < 0 {
				return 0, errors.New("malformed packed tensor dims")
			}
			n = mulSat(n, dimValue(v))
			buf = buf[k:]
		}
		return n, nil
	}
	return 1, nil
}

// dimValue reads one int64 dimension; negative (symbolic) and absurd values count as 0.
func dimValue(v uint64) int64 {
	if int64(v) < 0 {
		return 0
	}
	return int64(v)
}

// fields calls fn for every field of the message in [start, end). Truncated or malformed
// input stops the walk of that message with an error.
func (w *onnxCounter) fields(start, end int64, fn func(pbwire.Field) error) error {
	for off := start; off < end; {
		w.seen++
		if w.seen > maxONNXFields {
			return fmt.Errorf("more than %d protobuf fields", maxONNXFields)
		}
		if w.seen%onnxCtxEvery == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		f, err := w.src.Next(off, end)
		if err != nil {
			return fmt.Errorf("unable to walk ONNX structure at offset %d: %w", off, err)
		}
		if err := fn(f); err != nil {
			return err
		}
		off = f.End
	}
	return nil
}
