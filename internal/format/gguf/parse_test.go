package gguf

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ggufparser "github.com/gpustack/gguf-parser-go"

	"github.com/aisecops/aisec/internal/limits"
)

func TestFixtures(t *testing.T) {
	tests := []struct {
		file     string
		version  uint32
		be       bool
		kvs      int
		tensors  int
		gaps     bool
		template string // a substring of some tokenizer.chat_template* value
		want     []AnomalyKind
	}{
		{file: "benign_llama3.gguf", version: 3, kvs: 12, tensors: 2, template: "<|start_header_id|>"},
		{file: "benign_v1.gguf", version: 1, kvs: 12, tensors: 2, template: "<|eot_id|>"},
		{file: "benign_bigendian.gguf", version: 3, be: true, kvs: 12, tensors: 2, template: "loop_messages"},
		{file: "vocab_only.gguf", version: 3, kvs: 7},
		{file: "malicious_chat_template.gguf", version: 3, kvs: 12, tensors: 2, template: "__subclasses__"},
		{file: "malicious_named_template.gguf", version: 3, kvs: 14, tensors: 2, template: "cycler.__init__"},
		{file: "duplicate_template.gguf", version: 3, kvs: 13, tensors: 2, template: "catch_warnings",
			want: []AnomalyKind{DuplicateKey}},
		{file: "bad_version.gguf", version: 7, gaps: true, want: []AnomalyKind{BadVersion}},
		{file: "broken_kv_count.gguf", version: 3, kvs: 1, gaps: true, want: []AnomalyKind{CountTooLarge, Truncated}},
		{file: "broken_string_len.gguf", version: 3, gaps: true, want: []AnomalyKind{LengthTooLarge}},
		{file: "broken_value_type.gguf", version: 3, gaps: true, want: []AnomalyKind{BadValueType}},
		{file: "nested_array.gguf", version: 3, kvs: 1, want: []AnomalyKind{NestedArray}},
		{file: "broken_alignment.gguf", version: 3, kvs: 1, tensors: 1, want: []AnomalyKind{BadAlignment}},
		{file: "broken_tensors.gguf", version: 3, kvs: 1, tensors: 8, want: []AnomalyKind{DimsOverflow, BadDims,
			UnknownTensorType, DuplicateTensor, LongName, Misaligned, OutOfBounds, Overlap}},
		{file: "broken_vocab.gguf", version: 3, kvs: 8, want: []AnomalyKind{KeyType, ValueOutOfRange, ArrayMismatch}},
		{file: "broken_token_id.gguf", version: 3, kvs: 7, want: []AnomalyKind{BadTokenID}},
		{file: "trailing_data.gguf", version: 3, kvs: 12, tensors: 2, template: "loop_messages", want: []AnomalyKind{TrailingData}},
		{file: "data_truncated.gguf", version: 3, kvs: 12, tensors: 2, template: "loop_messages",
			want: []AnomalyKind{DataTruncated}},
		{file: "truncated.gguf", version: 3, kvs: 12, tensors: 1, gaps: true, template: "loop_messages",
			want: []AnomalyKind{Truncated}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f := parseBytes(t, fixture(t, tc.file), limits.Budget{})
			if f.Version != tc.version || f.BigEndian != tc.be {
				t.Errorf("version %d big-endian %v, want %d %v", f.Version, f.BigEndian, tc.version, tc.be)
			}
			if len(f.KVs) != tc.kvs || len(f.Tensors) != tc.tensors {
				t.Errorf("%d KVs %d tensors, want %d %d", len(f.KVs), len(f.Tensors), tc.kvs, tc.tensors)
			}
			if got := len(f.Gaps()) > 0; got != tc.gaps {
				t.Errorf("gaps %q, want gaps=%v", f.Gaps(), tc.gaps)
			}
			got := slices.Sorted(maps.Keys(kinds(f)))
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("anomalies %v, want %v\n%+v", got, want, f.Anomalies)
			}
			if tc.template != "" && !hasTemplate(f, tc.template) {
				t.Errorf("no chat template containing %q in %+v", tc.template, f.MetaStrings())
			}
		})
	}
}

func hasTemplate(f *File, sub string) bool {
	for _, s := range f.MetaStrings() {
		if IsTemplateKey(s.Key) && strings.Contains(s.Value, sub) {
			return true
		}
	}
	return false
}

// TestAgreesWithGGUFParser checks the fixture writer and this reader against gguf-parser-go on
// well-formed files: same counts, keys, tensor offsets and data section start. The big-endian
// fixture is left out: gguf-parser-go expects a byte-swapped magic, while gguf-py (the
// reference writer) keeps the "GGUF" bytes and swaps only what follows.
func TestAgreesWithGGUFParser(t *testing.T) {
	for _, name := range []string{"benign_llama3.gguf", "benign_v1.gguf",
		"malicious_named_template.gguf", "vocab_only.gguf"} {
		t.Run(name, func(t *testing.T) {
			lib, err := ggufparser.ParseGGUFFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatalf("gguf-parser-go: %v", err)
			}
			f := parseBytes(t, fixture(t, name), limits.Budget{})
			if uint64(len(f.KVs)) != lib.Header.MetadataKVCount || uint64(len(f.Tensors)) != lib.Header.TensorCount {
				t.Fatalf("counts %d/%d, library %d/%d", len(f.KVs), len(f.Tensors), lib.Header.MetadataKVCount, lib.Header.TensorCount)
			}
			for i, kv := range lib.Header.MetadataKV {
				if f.KVs[i].Key != kv.Key || uint32(f.KVs[i].Type) != uint32(kv.ValueType) {
					t.Errorf("kv %d: %q %s, library %q %v", i, f.KVs[i].Key, f.KVs[i].Type, kv.Key, kv.ValueType)
				}
				if s, ok := kv.Value.(string); ok && strings.TrimSpace(f.KVs[i].Str) != s {
					t.Errorf("kv %q: %q, library %q", kv.Key, f.KVs[i].Str, s)
				}
			}
			for i, ti := range lib.TensorInfos {
				got := f.Tensors[i]
				if got.Name != ti.Name || got.Offset != ti.Offset || got.Type != uint32(ti.Type) || got.Bytes != ti.Bytes() {
					t.Errorf("tensor %d: %+v, library %+v (%d bytes)", i, got, ti, ti.Bytes())
				}
			}
			if len(f.Tensors) > 0 && f.DataOffset != lib.TensorDataStartOffset {
				t.Errorf("data offset %d, library %d", f.DataOffset, lib.TensorDataStartOffset)
			}
			if len(f.Anomalies) > 0 || len(f.Gaps()) > 0 {
				t.Errorf("well-formed file: anomalies %+v gaps %q", f.Anomalies, f.Gaps())
			}
		})
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"GGUF\x03\x00\x00\x00", true},
		{"GGUF\x00\x00\x00\x03", true},
		{"GGUF\x01\x00\x00\x00rest", true},
		{"GGUF\x00\x00\x00\x00", false},
		{"GGUF is a file format", false},
		{"GGUF\x03\x00", false},
		{"GGML\x03\x00\x00\x00", false},
	}
	for _, tc := range tests {
		if got := Looks([]byte(tc.head)); got != tc.want {
			t.Errorf("Looks(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	for _, in := range []string{"", "GGU", "GGUF\x03\x00\x00", "PK\x03\x04\x00\x00\x00\x00"} {
		if _, err := Parse(ctx, strings.NewReader(in), int64(len(in)), limits.Budget{}); !errors.Is(err, ErrNotGGUF) {
			t.Errorf("Parse(%q) error %v, want ErrNotGGUF", in, err)
		}
	}
	data := fixture(t, "benign_llama3.gguf")
	_, err := Parse(ctx, bytes.NewReader(data), int64(len(data)), limits.Budget{MaxFileBytes: 100})
	if !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("file over MaxFileBytes: %v", err)
	}
}

func TestCanceled(t *testing.T) {
	names := make([]string, 20_000)
	for i := range names {
		names[i] = "x"
	}
	data := (&builder{}).kvStrings("general.tags", names).bytes(nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, bytes.NewReader(data), int64(len(data)), limits.Budget{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled parse: %v", err)
	}
}

func TestCaps(t *testing.T) {
	t.Run("long template kept to MaxStringKeep", func(t *testing.T) {
		long := strings.Repeat("{{ x }}", MaxStringKeep/7+10)
		f := parseBytes(t, (&builder{}).kvString("tokenizer.chat_template", long).bytes(nil), limits.Budget{})
		kv, _ := f.Get("tokenizer.chat_template")
		if len(kv.Str) != MaxStringKeep || kv.StrLen != uint64(len(long)) || len(f.Gaps()) != 1 {
			t.Fatalf("kept %d of %d, gaps %q", len(kv.Str), kv.StrLen, f.Gaps())
		}
	})
	t.Run("entry budget", func(t *testing.T) {
		b := (&builder{}).kvU32("a", 1).kvU32("b", 2).kvU32("c", 3)
		f := parseBytes(t, b.bytes(nil), limits.Budget{MaxEntries: 2})
		if len(f.KVs) != 2 || len(f.Gaps()) != 1 {
			t.Fatalf("%d KVs, gaps %q", len(f.KVs), f.Gaps())
		}
	})
	t.Run("string arrays", func(t *testing.T) {
		names := make([]string, MaxArrayKeep+5)
		for i := range names {
			names[i] = "n"
		}
		b := (&builder{}).kvStrings("general.tags", names).kvStrings("tokenizer.ggml.tokens", names)
		f := parseBytes(t, b.bytes(nil), limits.Budget{})
		if n := len(f.MetaStrings()); n != MaxArrayKeep {
			t.Fatalf("%d meta strings, want %d (vocabulary not exposed)", n, MaxArrayKeep)
		}
		if len(f.Gaps()) != 1 {
			t.Fatalf("gaps %q", f.Gaps())
		}
	})
	t.Run("anomalies capped", func(t *testing.T) {
		b := &builder{}
		for i := 0; i < 500; i++ {
			b.tensor("t", []uint64{8}, 250, 0)
		}
		f := parseBytes(t, b.bytes(make([]byte, 32)), limits.Budget{})
		if len(f.Anomalies) > maxAnomalies || f.AnomaliesDropped == 0 {
			t.Fatalf("%d anomalies, %d dropped", len(f.Anomalies), f.AnomaliesDropped)
		}
	})
}
