package describe

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/onnx/onnxpb"
	"github.com/aisecops/aisec/internal/limits"
)

func describeBytes(t *testing.T, kind format.Kind, data []byte) (*bom.ModelInfo, *FileMeta) {
	t.Helper()
	info, fm, err := ModelFileMeta(context.Background(), kind, bytes.NewReader(data), int64(len(data)), limits.Budget{})
	if err != nil {
		t.Fatalf("ModelFileMeta(%s): %v", kind, err)
	}
	return info, fm
}

func TestSafetensors(t *testing.T) {
	data := safetensorsFile(t, map[string]string{"format": "pt"}, []stTensor{
		{"model.embed.weight", "BF16", []uint64{4, 8}, 2},
		{"model.norm.weight", "F32", []uint64{3}, 4},
		{"lm_head.weight", "BF16", []uint64{2, 2}, 2},
		{"scalar", "F32", []uint64{}, 4},
	})
	info, _ := describeBytes(t, format.Safetensors, data)
	want := &bom.ModelInfo{Format: "safetensors", Framework: "pytorch", Parameters: 32 + 3 + 4 + 1, DType: "BF16"}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("got %+v, want %+v", info, want)
	}
}

func tinyGGUF() []byte {
	b := &ggufBuilder{}
	b.kvString("general.architecture", "llama").
		kvString("general.name", "Tiny Llama 3").
		kvString("general.license", "llama3").
		kvString("general.organization", "Meta").
		kvString("general.basename", "tiny-llama").
		kvString("general.size_label", "48").
		kvU32("general.file_type", 15).
		kvU32("general.quantization_version", 2).
		kvU32("llama.context_length", 8192).
		kvU32("general.base_model.count", 2).
		kvString("general.base_model.0.repo_url", "https://huggingface.co/meta-llama/Meta-Llama-3-8B").
		kvString("general.base_model.1.name", "Other Base").
		kvString("general.base_model.1.organization", "Acme").
		kvStrings("general.tags", "text-generation", "llama").
		kvStrings("general.languages", "en").
		tensor("token_embd.weight", 0, 4, 8).
		tensor("output.weight", 128, 4, 4)
	return b.bytes(128 + 64)
}

func TestGGUF(t *testing.T) {
	info, fm := describeBytes(t, format.GGUF, tinyGGUF())
	want := &bom.ModelInfo{Format: "gguf", Framework: "llama.cpp", ArchitectureFamily: "llama", Parameters: 48, DType: "F32",
		Quantization: "Q4_K_M", ContextLength: 8192}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("info: got %+v, want %+v", info, want)
	}
	golden(t, "gguf_meta.golden.json", fm)
}

func TestGGUFFileTypes(t *testing.T) {
	for n, want := range map[uint64]string{0: "F32", 1: "F16", 2: "Q4_0", 7: "Q8_0", 15: "Q4_K_M", 18: "Q6_K", 30: "IQ4_XS",
		32: "BF16", 36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE", 5: "file-type-5", 1024: "file-type-1024"} {
		if got := GGUFFileType(n); got != want {
			t.Errorf("GGUFFileType(%d) = %q, want %q", n, got, want)
		}
	}
}

func tinyONNX(t *testing.T) []byte {
	t.Helper()
	data := tinyONNXBytes()
	if data == nil {
		t.Fatal("unable to marshal the ONNX fixture")
	}
	return data
}

// tinyONNXBytes is a linear model with two initializers (4×3 and 3 elements).
func tinyONNXBytes() []byte {
	s := proto.String
	m := &onnxpb.ModelProto{
		IrVersion:       proto.Int64(8),
		ProducerName:    s("pytorch"),
		ProducerVersion: s("2.1.0"),
		ModelVersion:    proto.Int64(3),
		DocString:       s("A tiny linear model."),
		OpsetImport: []*onnxpb.OperatorSetIdProto{
			{Domain: s("com.microsoft"), Version: proto.Int64(1)},
			{Domain: s(""), Version: proto.Int64(17)},
		},
		MetadataProps: []*onnxpb.StringStringEntryProto{{Key: s("author"), Value: s("Acme ML")}, {Key: s("license"), Value: s("MIT")}},
		Graph: &onnxpb.GraphProto{
			Name: s("linear"),
			Node: []*onnxpb.NodeProto{{OpType: s("Gemm"), Input: []string{"x", "W", "b"}, Output: []string{"y"}}},
			Initializer: []*onnxpb.TensorProto{
				{Name: s("W"), Dims: []int64{4, 3}, DataType: proto.Int32(1), RawData: make([]byte, 48)},
				{Name: s("b"), Dims: []int64{3}, DataType: proto.Int32(1), FloatData: []float32{1, 2, 3}},
			},
		},
	}
	data, err := proto.Marshal(m)
	if err != nil {
		return nil
	}
	return data
}

func TestONNX(t *testing.T) {
	info, fm := describeBytes(t, format.ONNX, tinyONNX(t))
	want := &bom.ModelInfo{Format: "onnx", Framework: "onnx", Parameters: 15, Opset: "ai.onnx:17, com.microsoft:1", Producer: "pytorch 2.1.0"}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("info: got %+v, want %+v", info, want)
	}
	if fm.Author != "Acme ML" || fm.License != "MIT" || fm.Version != "3" || fm.Description != "A tiny linear model." {
		t.Errorf("meta: %+v", fm)
	}
}

// TestONNXPackedDims: dims written packed (as protobuf-es and some exporters do) count too.
func TestONNXPackedDims(t *testing.T) {
	var tensor []byte
	tensor = protowire.AppendTag(tensor, 1, protowire.BytesType)
	tensor = protowire.AppendBytes(tensor, protowire.AppendVarint(protowire.AppendVarint(nil, 5), 7))
	tensor = protowire.AppendTag(tensor, 9, protowire.BytesType)
	tensor = protowire.AppendBytes(tensor, make([]byte, 140))
	var graph []byte
	graph = protowire.AppendTag(graph, 5, protowire.BytesType)
	graph = protowire.AppendBytes(graph, tensor)
	var model []byte
	model = protowire.AppendTag(model, 1, protowire.VarintType)
	model = protowire.AppendVarint(model, 7)
	model = protowire.AppendTag(model, 7, protowire.BytesType)
	model = protowire.AppendBytes(model, graph)
	n, err := ONNXParameters(context.Background(), bytes.NewReader(model), int64(len(model)))
	if err != nil || n != 35 {
		t.Errorf("ONNXParameters = %d, %v; want 35", n, err)
	}
	// Cut inside the tensor payload: the walk reports it and keeps what it counted.
	cut := model[:len(model)-20]
	if _, err := ONNXParameters(context.Background(), bytes.NewReader(cut), int64(len(cut))); err == nil {
		t.Error("a cut model gave no error")
	}
}

func TestONNXFixture(t *testing.T) {
	data, err := os.ReadFile("../../format/onnx/testdata/benign_conv.onnx")
	if err != nil {
		t.Skip(err)
	}
	info, _ := describeBytes(t, format.ONNX, data)
	if info.Parameters == 0 || !strings.Contains(info.Opset, "ai.onnx:") {
		t.Errorf("benign_conv.onnx: %+v", info)
	}
}

func TestKerasArchive(t *testing.T) {
	data := zipFile(t, map[string]string{
		"config.json":       `{"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": []}, "registered_name": null}`,
		"metadata.json":     `{"keras_version": "3.1.0", "date_saved": "2024-03-01@10:00:00", "backend": "tensorflow"}`,
		"model.weights.h5":  "",
		"../outside/x.json": "{}",
	})
	info, fm := describeBytes(t, format.Keras, data)
	want := &bom.ModelInfo{Format: "keras", Framework: "keras", Architecture: "Sequential", Producer: "keras 3.1.0"}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("info: got %+v, want %+v", info, want)
	}
	if !reflect.DeepEqual(fm.Properties, []bom.Property{{Name: "keras-backend", Value: "tensorflow"}, {Name: "keras-date-saved", Value: "2024-03-01@10:00:00"}}) {
		t.Errorf("properties: %+v", fm.Properties)
	}
}

// TestKerasArchiveNoMetadata: an archive without metadata.json still names its architecture.
func TestKerasArchiveNoMetadata(t *testing.T) {
	data := zipFile(t, map[string]string{"config.json": `{"class_name": "Functional", "config": {"layers": []}}`})
	info, _, err := ModelFileMeta(context.Background(), format.Keras, bytes.NewReader(data), int64(len(data)), limits.Budget{})
	if err != nil || info.Architecture != "Functional" || info.Producer != "" {
		t.Errorf("got %+v, %v", info, err)
	}
	data = zipFile(t, map[string]string{"metadata.json": `{"keras_version": "3.0.0"}`})
	if _, _, err := ModelFileMeta(context.Background(), format.Keras, bytes.NewReader(data), int64(len(data)), limits.Budget{}); err == nil {
		t.Error("an archive without config.json gave no error")
	}
}

func TestCommittedFixtures(t *testing.T) {
	tests := []struct {
		file string
		kind format.Kind
		want bom.ModelInfo
	}{
		{"../../format/hdf5/testdata/v0_keras.h5", format.HDF5, bom.ModelInfo{Format: "keras-h5", Framework: "keras"}},
		{"../../format/tflite/testdata/benign_builtin.tflite", format.TFLite, bom.ModelInfo{Format: "tflite", Framework: "tensorflow-lite"}},
		{"../../format/savedmodel/testdata/benign_tf2.pb", format.TensorFlow, bom.ModelInfo{Format: "tensorflow", Framework: "tensorflow", Producer: "tensorflow 2.15.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Skip(err)
			}
			info, _ := describeBytes(t, tt.kind, data)
			if info.Format != tt.want.Format || info.Framework != tt.want.Framework || (tt.want.Producer != "" && info.Producer != tt.want.Producer) {
				t.Errorf("got %+v, want %+v", info, tt.want)
			}
			if tt.kind == format.HDF5 && (info.Architecture == "" || !strings.HasPrefix(info.Producer, "keras ")) {
				t.Errorf("Keras .h5: no architecture or producer: %+v", info)
			}
		})
	}
}

func TestCheapKinds(t *testing.T) {
	for kind, want := range map[format.Kind]string{format.Pickle: "pickle", format.PyTorchZip: "pytorch", format.PyTorchLegacy: "pytorch",
		format.TorchScript: "torchscript", format.NumPy: "numpy", format.NumPyZip: "numpy", format.Joblib: "joblib"} {
		info, err := ModelFile(context.Background(), kind, bytes.NewReader(nil), 0, limits.Budget{})
		if err != nil || info.Format != want {
			t.Errorf("%s: %+v, %v", kind, info, err)
		}
	}
	if _, err := ModelFile(context.Background(), format.Image, bytes.NewReader(nil), 0, limits.Budget{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("image: %v, want ErrUnsupported", err)
	}
}

// TestBrokenInputs: garbage under every parsed kind gives an error or an empty description,
// always with the format, never a panic.
func TestBrokenInputs(t *testing.T) {
	junk := []byte("this is not a model at all, just some text\n")
	for _, kind := range []format.Kind{format.Safetensors, format.GGUF, format.ONNX, format.Keras, format.KerasH5, format.HDF5,
		format.KerasConfig, format.TFLite, format.TensorFlow} {
		info, _, err := ModelFileMeta(context.Background(), kind, bytes.NewReader(junk), int64(len(junk)), limits.Budget{})
		if info == nil || info.Format == "" {
			t.Errorf("%s: no format (err %v)", kind, err)
		}
		if info != nil && info.Parameters != 0 {
			t.Errorf("%s: parameters %d from junk", kind, info.Parameters)
		}
	}
}
