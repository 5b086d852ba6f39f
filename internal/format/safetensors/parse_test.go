package safetensors

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

var update = flag.Bool("update", false, "rewrite golden files")

// parseFile parses a fixture from testdata.
func parseFile(t testing.TB, path string) *File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{})
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return f
}

// dump renders the model as stable text for golden files.
func dump(f *File) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "size %d header %d data_start %d data_len %d uncovered %d\n", f.Size, f.HeaderLen, f.DataStart, f.DataLen, f.UncoveredBytes)
	for _, t := range f.Tensors {
		fmt.Fprintf(&sb, "tensor %q %s %v [%d,%d) valid=%v bytes=%d known=%v @%d\n", t.Name, t.DType, t.Shape, t.Begin, t.End, t.Valid, t.Bytes, t.SizeKnown, t.Offset)
	}
	keys := make([]string, 0, len(f.Metadata))
	for k := range f.Metadata {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&sb, "metadata %q = %q\n", k, f.Metadata[k])
	}
	for _, a := range f.Anomalies {
		fmt.Fprintf(&sb, "anomaly %s tensor=%q @%d: %s\n", a.Kind, a.Tensor, a.Offset, a.Detail)
	}
	for _, r := range f.Regions {
		fmt.Fprintf(&sb, "region %s [%d,%d) tensor=%q\n", r.Kind, r.Start, r.End, r.Tensor)
		for _, s := range r.Samples {
			fmt.Fprintf(&sb, "  sample @%d %d bytes: % x\n", s.Offset, len(s.Bytes), s.Bytes[:min(len(s.Bytes), 16)])
		}
	}
	for _, s := range f.Heads {
		fmt.Fprintf(&sb, "head %q @%d %d bytes: % x\n", s.Tensor, s.Offset, len(s.Bytes), s.Bytes[:min(len(s.Bytes), 8)])
	}
	for _, m := range f.MetaStrings() {
		fmt.Fprintf(&sb, "string %s @%d %q\n", m.Key, m.Offset, m.Value)
	}
	for _, g := range f.Gaps() {
		fmt.Fprintf(&sb, "gap %s\n", g)
	}
	return sb.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.safetensors")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range files {
		name := strings.TrimSuffix(filepath.Base(p), ".safetensors")
		t.Run(name, func(t *testing.T) {
			got := dump(parseFile(t, p))
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run with -update):\n%s", golden, got)
			}
		})
	}
}

// TestAnomalies checks the anomaly kinds each fixture must produce, and that benign files
// produce none.
func TestAnomalies(t *testing.T) {
	tests := map[string][]AnomalyKind{
		"benign":          nil,
		"benign_lora":     nil,
		"dup_tensor":      {DuplicateKey},
		"dup_metadata":    {DuplicateKey},
		"dup_meta_key":    {DuplicateKey},
		"nan":             {NonStandardNumber, ExtraField},
		"bom":             {ByteOrderMark},
		"lone_surrogate":  {LoneSurrogate},
		"escaped_key":     {EscapedKey},
		"invalid_utf8":    {InvalidUTF8},
		"syntax_error":    {InvalidJSON},
		"header_trailing": {HeaderTrailing},
		"not_object":      {NotObject},
		"bad_metadata":    {BadMetadata},
		"bad_tensor":      {BadTensor},
		"tab_padding":     {HeaderPadding},
		"extra_field":     {ExtraField},
		"unknown_dtype":   {UnknownDType},
		"subbyte":         {SubByteMisaligned},
		"size_mismatch":   {SizeMismatch, Uncovered},
		"overflow":        {SizeOverflow},
		"out_of_bounds":   {OutOfBounds},
		"inverted":        {InvertedOffsets},
		"overlap":         {Overlap},
		"gap":             {Uncovered},
		"trailing":        {Uncovered},
		"elf_trailing":    {Uncovered},
		"pickle_gap":      {Uncovered},
		"zip_trailing":    {Uncovered},
		"exe_tensor":      nil,
	}
	for name, want := range tests {
		f := parseFile(t, filepath.Join("testdata", name+".safetensors"))
		var got []AnomalyKind
		for _, a := range f.Anomalies {
			if !slices.Contains(got, a.Kind) {
				got = append(got, a.Kind)
			}
		}
		for _, k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("%s: anomalies %v lack %s", name, got, k)
			}
		}
		if want == nil && len(got) > 0 {
			t.Errorf("%s: unexpected anomalies %+v", name, f.Anomalies)
		}
	}
}

// header builds an in-memory safetensors file from header text and data.
func header(h string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
	return append(append(b, h...), data...)
}

func TestParseErrors(t *testing.T) {
	tests := map[string][]byte{
		"too short":        []byte("\x02\x00\x00\x00\x00\x00\x00\x00{"),
		"beyond size":      header("{}", nil)[:9],
		"beyond the limit": append(binary.LittleEndian.AppendUint64(nil, MaxHeaderLen+1), make([]byte, 16)...),
		"length near 2^64": append(binary.LittleEndian.AppendUint64(nil, ^uint64(0)), make([]byte, 16)...),
		"length longer":    append(binary.LittleEndian.AppendUint64(nil, 100), []byte("{}")...),
		"empty":            nil,
	}
	for name, b := range tests {
		if _, err := Parse(context.Background(), bytes.NewReader(b), int64(len(b)), limits.Budget{}); err == nil {
			t.Errorf("%s: Parse succeeded", name)
		}
	}
}

func TestParseEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []AnomalyKind
	}{
		{"empty object", header("{}", nil), nil},
		{"null metadata", header(`{"__metadata__":null}`, nil), nil},
		{"zero-size tensors share an offset", header(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[0,5],"data_offsets":[0,0]}}`, nil), nil},
		{"unsorted but contiguous", header(`{"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`, []byte{1, 2}), nil},
		{"leading space", header(` {}`, nil), []AnomalyKind{HeaderPadding}},
		{"no tensors but data", header(`{}`, []byte{1}), []AnomalyKind{Uncovered}},
		{"negative offset", header(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}}`, nil), []AnomalyKind{BadTensor}},
		{"huge offset", header(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,18446744073709551616]}}`, nil), []AnomalyKind{BadTensor}},
		{"three offsets", header(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}`, []byte{1}), []AnomalyKind{BadTensor}},
		{"Infinity", header(`{"a":{"dtype":"U8","shape":[Infinity],"data_offsets":[0,1]}}`, []byte{1}), []AnomalyKind{NonStandardNumber, BadTensor}},
		{"deep nesting", header(`{"__metadata__":{"a":`+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}}`, nil), []AnomalyKind{BadMetadata, InvalidJSON}},
		{"escaped dtype key", header(`{"a":{"\u0064type":"U8","shape":[1],"data_offsets":[0,1]}}`, []byte{1}), []AnomalyKind{EscapedKey}},
		{"surrogate pair is fine", header(`{"__metadata__":{"e":"\ud83d\ude00"}}`, nil), nil},
		{"oob begin", header(`{"a":{"dtype":"U8","shape":[0],"data_offsets":[5,5]}}`, nil), []AnomalyKind{OutOfBounds}},
		{"size beyond data", header(`{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,1]}}`, []byte{1}), []AnomalyKind{SizeMismatch, OutOfBounds}},
		{"control char", header("{\"__metadata__\":{\"a\":\"x\x01\"}}", nil), []AnomalyKind{InvalidJSON}},
		{"bad escape", header(`{"__metadata__":{"a":"\x41"}}`, nil), []AnomalyKind{InvalidJSON}},
		{"leading zero", header(`{"a":{"dtype":"U8","shape":[01],"data_offsets":[0,1]}}`, []byte{1}), []AnomalyKind{InvalidJSON}},
	}
	for _, tt := range tests {
		f, err := Parse(context.Background(), bytes.NewReader(tt.in), int64(len(tt.in)), limits.Budget{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []AnomalyKind
		for _, a := range f.Anomalies {
			got = append(got, a.Kind)
		}
		for _, k := range tt.want {
			if !slices.Contains(got, k) {
				t.Errorf("%s: anomalies %v lack %s", tt.name, got, k)
			}
		}
		if tt.want == nil && len(got) > 0 {
			t.Errorf("%s: unexpected anomalies %+v", tt.name, f.Anomalies)
		}
	}
}

func TestTensorBudget(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range 50 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"t%d":{"dtype":"U8","shape":[1],"data_offsets":[%d,%d]}`, i, i, i+1)
	}
	sb.WriteString("}")
	in := header(sb.String(), make([]byte, 50))
	f, err := Parse(context.Background(), bytes.NewReader(in), int64(len(in)), limits.Budget{MaxEntries: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Tensors) != 10 || len(f.Gaps()) == 0 {
		t.Fatalf("got %d tensors and gaps %v, want 10 and a gap", len(f.Tensors), f.Gaps())
	}
}

func TestParseCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := header(`{}`, nil)
	if _, err := Parse(ctx, bytes.NewReader(in), int64(len(in)), limits.Budget{}); err == nil {
		t.Fatal("Parse ignored a canceled context")
	}
}

func TestLooks(t *testing.T) {
	tests := []struct {
		head []byte
		want bool
	}{
		{header(`{"a":1}`, nil), true},
		{header(`{}`, nil), true},
		{header(" \n{ \"a\"", nil), true},
		{header("\xef\xbb\xbf{\"a\"", nil), true},
		{header(`[]`, nil), false},
		{header(`{x`, nil), false},
		{[]byte(`{"format":"pt"}`), false},
		{append(binary.LittleEndian.AppendUint64(nil, MaxHeaderLen+1), `{"a"`...), false},
		{[]byte("\x01\x00\x00\x00\x00\x00\x00\x00{"), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := Looks(tt.head); got != tt.want {
			t.Errorf("Looks(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
	if LooksSize(header(`{"a":1}`, nil)[:12], 12) {
		t.Error("LooksSize accepted a header longer than the input")
	}
	if !LooksSize(header(`{}`, nil), 10) {
		t.Error("LooksSize rejected a complete header")
	}
}

func TestTensorBytes(t *testing.T) {
	tests := []struct {
		dtype string
		shape []uint64
		want  uint64
		st    sizeStatus
	}{
		{"F32", []uint64{2, 3}, 24, sizeOK},
		{"F4", []uint64{4}, 2, sizeOK},
		{"F4", []uint64{3}, 0, sizeSubByte},
		{"F6_E2M3", []uint64{4}, 3, sizeOK},
		{"F32", nil, 4, sizeOK},
		{"F64", []uint64{1 << 61}, 0, sizeOverflow},
		{"U8", []uint64{1 << 32, 1 << 32}, 0, sizeOverflow},
		{"X", []uint64{1}, 0, sizeUnknownDType},
	}
	for _, tt := range tests {
		got, st := tensorBytes(tt.dtype, tt.shape)
		if got != tt.want || st != tt.st {
			t.Errorf("tensorBytes(%s, %v) = %d, %d; want %d, %d", tt.dtype, tt.shape, got, st, tt.want, tt.st)
		}
	}
}
