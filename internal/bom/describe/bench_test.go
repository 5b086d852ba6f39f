package describe

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

func BenchmarkParseCard(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "cards", "llama3.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, _ = ParseCard(data)
	}
}

func BenchmarkCSVStats(b *testing.B) {
	data := []byte("id,text,label\n" + strings.Repeat("12345,\"some text, quoted\",1\n", 1<<20)) // ~28 MiB
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, _ = DatasetStats(context.Background(), FormatCSV, bytes.NewReader(data), int64(len(data)))
	}
}

func BenchmarkJSONLStats(b *testing.B) {
	data := []byte(strings.Repeat("{\"text\": \"some text without quotes inside\", \"label\": 1}\n", 1<<19))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, _ = DatasetStats(context.Background(), FormatJSONL, bytes.NewReader(data), int64(len(data)))
	}
}

func BenchmarkDatasetFormat(b *testing.B) {
	head := []byte("text,label\n" + strings.Repeat("hello world,1\n", 4000))
	for b.Loop() {
		_, _ = DatasetFormat("data/train.csv", head[:min(len(head), 64<<10)], 1<<30)
	}
}

func BenchmarkSafetensorsModelFile(b *testing.B) {
	var ts []stTensor
	for i := 0; i < 300; i++ {
		ts = append(ts, stTensor{name: "model.layers." + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ".weight",
			dtype: "BF16", shape: []uint64{16, 16}, esize: 2})
	}
	data := safetensorsFile(&testing.T{}, map[string]string{"format": "pt"}, ts)
	for b.Loop() {
		_, _ = ModelFile(context.Background(), format.Safetensors, bytes.NewReader(data), int64(len(data)), limits.Budget{})
	}
}
