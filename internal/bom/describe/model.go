package describe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/safetensors"
	"github.com/aisecops/aisec/internal/limits"
)

// ErrUnsupported is returned by ModelFile for a kind that is not a model format.
var ErrUnsupported = errors.New("not a model format")

// FileMeta is what a model file says about the model beyond its structure: the descriptive
// metadata GGUF (general.*), ONNX (metadata_props, doc_string) and safetensors (__metadata__)
// carry. Properties hold facts bom.ModelInfo has no field for (names are short, without the
// "aisec:" prefix). Gaps say which parts of the file could not be read (format.Partial).
type FileMeta struct {
	Name, Version, License, Author, Description, URL string
	BaseModels, Tags, Languages, Datasets            []string
	Properties                                       []bom.Property
	Gaps                                             []string
}

func (m *FileMeta) prop(name, value string) {
	if value != "" {
		m.Properties = append(m.Properties, bom.Property{Name: name, Value: clip(value, maxValueLen)})
	}
}

// ModelFile describes one model file of a known format; kind is the scanner's format.Kind. It
// is ModelFileMeta without the descriptive metadata.
func ModelFile(ctx context.Context, kind format.Kind, r io.ReaderAt, size int64, b limits.Budget) (*bom.ModelInfo, error) {
	info, _, err := ModelFileMeta(ctx, kind, r, size, b)
	return info, err
}

// ModelFileMeta describes one model file of a known format and returns the descriptive
// metadata it carries. Per kind:
//
//   - safetensors: Parameters = Σ prod(shape); DType = the dtype holding most parameters, as
//     written ("BF16"); __metadata__ "format" (pt, tf, flax, mlx) → Framework.
//   - gguf: Framework "llama.cpp"; general.architecture, Σ tensor elements (or
//     general.parameter_count), general.file_type → Quantization (llama.cpp's LLAMA_FTYPE
//     names), <arch>.context_length; general.* → FileMeta.
//   - onnx: Opset "ai.onnx:17, com.microsoft:1" (sorted), Producer "pytorch 2.1.0",
//     Parameters = Σ initializer elements.
//   - keras (.keras zip), keras-h5 / hdf5, keras-config: Framework "keras", Architecture = the
//     top-level class_name, Producer "keras 3.1.0".
//   - tflite: Framework "tensorflow-lite"; tensorflow: SavedModel / GraphDef, Producer
//     "tensorflow 2.15.0".
//   - pickle, pytorch (zip, legacy, tar), torchscript, numpy, joblib: Format only (and the
//     framework the format implies); nothing is parsed.
//
// The returned ModelInfo is never nil for a model kind, even with an error (a file that could
// not be parsed still has a format). An unsupported kind gives ErrUnsupported.
func ModelFileMeta(ctx context.Context, kind format.Kind, r io.ReaderAt, size int64, b limits.Budget) (*bom.ModelInfo, *FileMeta, error) {
	b = b.WithDefaults()
	fm := &FileMeta{}
	info, ok := cheapModel(kind)
	if !ok {
		return nil, nil, fmt.Errorf("unable to describe %s: %w", kind, ErrUnsupported)
	}
	var err error
	switch kind {
	case format.Safetensors:
		err = describeSafetensors(ctx, r, size, b, info, fm)
	case format.GGUF:
		err = describeGGUF(ctx, r, size, b, info, fm)
	case format.ONNX:
		err = describeONNX(ctx, r, size, b, info, fm)
	case format.Keras:
		err = describeKerasZip(r, size, b, info, fm)
	case format.KerasH5, format.HDF5:
		err = describeH5(ctx, r, size, b, info, fm)
	case format.KerasConfig:
		err = describeKerasConfig(r, size, b, info, fm)
	case format.TFLite:
		err = describeTFLite(ctx, r, size, b, info, fm)
	case format.TensorFlow:
		err = describeTensorFlow(ctx, r, size, b, info, fm)
	}
	return info, fm, err
}

// cheapModel returns the ModelInfo a kind implies before any parsing.
func cheapModel(kind format.Kind) (*bom.ModelInfo, bool) {
	m := func(f, fw string) (*bom.ModelInfo, bool) { return &bom.ModelInfo{Format: f, Framework: fw}, true }
	switch kind {
	case format.Safetensors:
		return m("safetensors", "")
	case format.GGUF:
		return m("gguf", "llama.cpp")
	case format.ONNX:
		return m("onnx", "onnx")
	case format.Keras, format.KerasConfig:
		return m("keras", "keras")
	case format.KerasH5:
		return m("keras-h5", "keras")
	case format.HDF5:
		return m("hdf5", "")
	case format.TFLite:
		return m("tflite", "tensorflow-lite")
	case format.TensorFlow, format.TensorFlowText:
		return m("tensorflow", "tensorflow")
	case format.PyTorchZip, format.PyTorchLegacy, format.PyTorchTar:
		return m("pytorch", "pytorch")
	case format.TorchScript:
		return m("torchscript", "pytorch")
	case format.Pickle:
		return m("pickle", "")
	case format.NumPy, format.NumPyZip:
		return m("numpy", "")
	case format.Joblib:
		return m("joblib", "")
	}
	return nil, false
}

// safetensorsFrameworks maps __metadata__ "format" (written by the safetensors save helpers)
// to a framework.
var safetensorsFrameworks = map[string]string{"pt": "pytorch", "tf": "tensorflow", "flax": "flax", "mlx": "mlx", "np": "numpy", "paddle": "paddlepaddle"}

func describeSafetensors(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	f, err := safetensors.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read safetensors header: %w", err)
	}
	fm.Gaps = f.Gaps()
	if fw, ok := safetensorsFrameworks[f.Metadata["format"]]; ok {
		info.Framework = fw
	}
	fm.prop("safetensors-format", f.Metadata["format"])
	seen := make(map[string]bool, len(f.Tensors))
	byType := map[string]int64{}
	// The reference loader keeps the last entry of a duplicated name: walk backwards.
	for i := len(f.Tensors) - 1; i >= 0; i-- {
		t := f.Tensors[i]
		if !t.Valid || seen[t.Name] {
			continue
		}
		seen[t.Name] = true
		n := dimsProduct(t.Shape)
		info.Parameters = addSat(info.Parameters, n)
		byType[t.DType] = addSat(byType[t.DType], n)
	}
	info.DType = dominant(byType)
	return nil
}

// dominant returns the key with the largest count; ties go to the smallest key, so the result
// does not depend on map order.
func dominant(counts map[string]int64) string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best := ""
	for _, k := range keys {
		if best == "" || counts[k] > counts[best] {
			best = k
		}
	}
	return best
}
