package pickle

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// fuzzSeeds are corpus-like pickles: payloads, memo tricks, frames, nesting, joblib arrays.
func fuzzSeeds() [][]byte {
	inner := pickletestPayload("posix", "system", "id")
	return [][]byte{
		inner,
		[]byte("(lp0\nS'a'\np1\na."),
		[]byte("cos\nsystem\n(S'ls'\ntR."),
		[]byte("S'os'\nS'system'\n\x93(S'id'\ntR."),
		[]byte("I01\nI0x10\nL12L\nF1.5\nV\\u0041\n(tp0\n0g0\n."),
		b().Proto(4).Unicode("os").Memoize().Unicode("system").Memoize().Get(0).Get(1).Op(0x93).Unicode("id").Tuple1().Reduce().Stop().Bytes(),
		b().Proto(4).Frame(5).Global("os", "system").Stop().Bytes(),
		b().Proto(4).EmptyDict().Unicode("b").BinBytes(inner).SetItem().Unicode("c").Unicode(base64.StdEncoding.EncodeToString(inner)).SetItem().Stop().Bytes(),
		b().Proto(2).Ext(7).PersID("x").Tuple2().EmptySet().Mark().Int(1).AddItems().Stop().Bytes(),
		b().Proto(5).NextBuffer().ReadOnlyBuffer().ByteArray8([]byte("q")).Tuple2().Stop().Bytes(),
		wrapper(b().Proto(4), []int32{2}, "f8", 16).Raw(1, 0xff).Raw(make([]byte, 16)...).Stop().Bytes(),
		wrapper(b().Proto(4), []int32{1}, "O8", 16).Raw(inner...).Stop().Bytes(),
		b().Proto(4).StackGlobal("torch", "_utils").EmptyDict().Unicode("x").Unicode("builtins").SetItem().Build().Stop().Bytes(),
		append(append([]byte{}, inner...), inner...),
		denseFixture(3),
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	budget := limits.Budget{MaxOpcodes: 100_000, MaxStack: 10_000, MaxNested: 3}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Parse(context.Background(), bytes.NewReader(data), Options{Budget: budget})
		if err != nil {
			t.Fatalf("Parse returned an error for in-memory input: %v", err)
		}
		checkFile(t, pf, budget, int64(len(data)))
	})
}

func checkFile(t *testing.T, pf *File, budget limits.Budget, size int64) {
	t.Helper()
	if pf.Trailing < 0 || pf.TrailingOffset+pf.Trailing > size {
		t.Fatalf("trailing %d@%d out of range", pf.Trailing, pf.TrailingOffset)
	}
	for _, s := range pf.Streams {
		if s.Err != nil && strings.HasPrefix(s.Err.Msg, "internal error") {
			t.Fatalf("panic recovered: %v", s.Err)
		}
		if s.Opcodes > budget.MaxOpcodes {
			t.Fatalf("%d opcodes over the budget of %d", s.Opcodes, budget.MaxOpcodes)
		}
		if s.End < s.Offset || s.End > size {
			t.Fatalf("stream [%d,%d) out of range", s.Offset, s.End)
		}
		if len(s.Calls) > hardCalls || len(s.Imports) > hardImports || len(s.Anomalies) > maxAnomalies {
			t.Fatalf("caps not enforced")
		}
		for _, n := range s.Nested {
			if n.File != nil {
				checkFile(t, n.File, budget, 1<<62)
			}
		}
	}
}

func FuzzLooksLikePickle(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := LooksLikePickle(data)
		if b := LooksLikePickle(append([]byte(nil), data...)); a != b {
			t.Fatal("not deterministic")
		}
		if len(data) > sniffLen && a != LooksLikePickle(data[:sniffLen]) {
			t.Fatal("looked past the first 4 KiB")
		}
	})
}
