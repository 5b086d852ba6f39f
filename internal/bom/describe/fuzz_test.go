package describe

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

func FuzzParseCard(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cards", "*.md"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\nmodel-index: [{results: [{metrics: [{type: a, value: 1}]}]}]\n---\n**Out-of-scope** x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCard(data)
		if err != nil || c == nil {
			t.Fatalf("ParseCard: %v", err)
		}
		if len(c.Description) > maxDescription {
			t.Fatalf("description of %d bytes", len(c.Description))
		}
		for _, list := range [][]string{c.UseCases, c.Limitations, c.Users} {
			if len(list) > maxItems {
				t.Fatalf("%d items", len(list))
			}
			for _, s := range list {
				if len(s) > maxItemLen {
					t.Fatalf("item of %d bytes", len(s))
				}
			}
		}
		if utf8.Valid(data) && !utf8.ValidString(c.Description) {
			t.Fatalf("description cut inside a rune: %q", c.Description)
		}
	})
}

func FuzzHFConfig(f *testing.F) {
	for _, s := range []string{
		`{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "torch_dtype": "bfloat16", "max_position_embeddings": 8192}`,
		`{"model_type": "x", "quantization_config": {"quant_method": "gptq", "bits": 4}, "text_config": {"n_ctx": 1e300}}`,
		`{"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.1"}`,
		`{"peft_type": "LORA", "base_model_name_or_path": "a/b", "target_modules": ["q", ["nested"]]}`,
		`{"__version__": {"sentence_transformers": 2}}`,
		`{"num_parameters": -5, "architectures": "notalist", "model_type": ["x"]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info := &bom.ModelInfo{}
		_ = HFConfig(data, info)
		if info.Parameters < 0 || info.ContextLength < 0 {
			t.Fatalf("negative count: %+v", info)
		}
		_, _ = AdapterConfig(data)
		if idx, err := ParseShardIndex(data); err == nil && (idx.TotalSize < 0 || len(idx.Shards) > maxShards) {
			t.Fatalf("bad shard index: %+v", idx)
		}
	})
}

func FuzzParquetFooter(f *testing.F) {
	f.Add(parquetFooter(10, "parquet-cpp", []schemaElem{{"schema", 2}, {"a", 0}, {"b", 0}}))
	f.Add(parquetFooter(0, "", []schemaElem{{"schema", 1}, {"g", 1}, {"leaf", 0}}))
	f.Add([]byte{0x19, 0xfc, 0x01})
	f.Add([]byte{0x1b, 0x01, 0x88, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _ := ParseParquetFooter(data)
		if p != nil && (p.NumRows < 0 || len(p.Columns) > maxColumns) {
			t.Fatalf("bad footer result: %+v", p)
		}
		file := parquetFile(data)
		_, _ = DatasetStats(context.Background(), FormatParquet, bytes.NewReader(file), int64(len(file)))
	})
}

func FuzzDatasetFormat(f *testing.F) {
	f.Add("train.csv", []byte("a,b\n1,2\n3,4\n"), int64(12))
	f.Add("x.jsonl", []byte("{\"a\": 1}\n"), int64(9))
	f.Add("train.json", []byte(`[{"a": 1}, {"a": 2}]`), int64(20))
	f.Add("x.tfrecord", tfRecordFile("abc"), int64(19))
	f.Add("cache.arrow", arrowStreamStart(4, 1), int64(4096))
	f.Add("shard-000001.tar", tarHead("0.jpg"), int64(1024))
	f.Add("x.parquet", []byte("PAR1"), int64(100))
	f.Fuzz(func(t *testing.T, name string, head []byte, size int64) {
		if size < int64(len(head)) {
			size = int64(len(head))
		}
		format, ok := DatasetFormat(name, head, size)
		if ok != (format != "") {
			t.Fatalf("format %q with ok=%v", format, ok)
		}
		_ = DatasetTail(format, head, size)
	})
}

func FuzzDatasetStats(f *testing.F) {
	f.Add(FormatCSV, []byte("a,\"b\nc\",d\n1,2,3\n"))
	f.Add(FormatTSV, []byte("a\tb\n1\t2\n"))
	f.Add(FormatJSONL, []byte("{\"a\": {\"b\": [1, 2]}, \"c\": null}\n{}\n"))
	f.Add(FormatJSON, []byte(`[{"a": 1}, 2, "x"]`))
	f.Add(FormatTFRecord, tfRecordFile("a", "bc"))
	f.Fuzz(func(t *testing.T, format string, data []byte) {
		d, _ := DatasetStats(context.Background(), format, bytes.NewReader(data), int64(len(data)))
		if d == nil || d.Records < 0 || d.Records > int64(len(data)) || len(d.Columns) > maxColumns {
			t.Fatalf("bad details: %+v", d)
		}
	})
}

// FuzzModelFile runs every parsed model kind, and the ONNX initializer walk, over the same
// bytes.
func FuzzModelFile(f *testing.F) {
	f.Add(tinyGGUF())
	f.Add([]byte("\x10\x00\x00\x00\x00\x00\x00\x00{\"__metadata__\":{}}"))
	f.Add(tinyONNXBytes())
	kinds := []format.Kind{format.Safetensors, format.GGUF, format.ONNX, format.Keras, format.KerasConfig, format.HDF5, format.TFLite, format.TensorFlow}
	b := limits.Budget{MaxFileBytes: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range kinds {
			info, _, _ := ModelFileMeta(context.Background(), k, bytes.NewReader(data), int64(len(data)), b)
			if info == nil || info.Parameters < 0 {
				t.Fatalf("%s: %+v", k, info)
			}
		}
		if n, _ := ONNXParameters(context.Background(), bytes.NewReader(data), int64(len(data))); n < 0 {
			t.Fatalf("negative parameter count %d", n)
		}
	})
}
