package pickle

import (
	"strings"
	"testing"
)

// resultCase checks the summarised value of a small constant pickle.
type resultCase struct {
	name string
	in   []byte
	kind ValueKind
	repr string
	int  string
}

func runResults(t *testing.T, cases []resultCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := complete(t, c.in)
			if s.Result.Kind != c.kind || s.Result.Repr != c.repr || (c.int != "" && s.Result.Int != c.int) {
				t.Fatalf("got %+v, want kind=%s repr=%q int=%q", s.Result, c.kind, c.repr, c.int)
			}
		})
	}
}

func TestIntsAndLongs(t *testing.T) {
	magic := []byte{0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19}
	runResults(t, []resultCase{
		{"BININT1", b().Proto(2).Int(200).Stop().Bytes(), ValueInt, "200", "200"},
		{"BININT2", b().Proto(2).Raw('M', 0x34, 0x12).Stop().Bytes(), ValueInt, "4660", "4660"},
		{"BININT negative", b().Proto(2).Int(-5).Stop().Bytes(), ValueInt, "-5", "-5"},
		{"INT 01 is True", []byte("I01\n."), ValueInt, "True", "1"},
		{"INT 00 is False", []byte("I00\n."), ValueInt, "False", "0"},
		{"INT space 1 is True", []byte("I 1\n."), ValueInt, "True", "1"},
		{"INT 1", []byte("I1\n."), ValueInt, "1", "1"},
		{"INT octal via strtol", []byte("I010\n."), ValueInt, "8", "8"},
		{"INT hex via strtol", []byte("I0x10\n."), ValueInt, "16", "16"},
		{"INT underscores via int()", []byte("I1_0\n."), ValueInt, "10", "10"},
		{"INT big", []byte("I99999999999999999999\n."), ValueInt, "99999999999999999999", "99999999999999999999"},
		{"INT hex magic", []byte("I0x1950A86A20F9469CFC6C\n."), ValueInt, "119547037146038801333356", "119547037146038801333356"},
		{"LONG with L", []byte("L123L\n."), ValueInt, "123", "123"},
		{"LONG hex", []byte("L0x10\n."), ValueInt, "16", "16"},
		{"LONG1 -1", b().Proto(2).Long1([]byte{0xff}).Stop().Bytes(), ValueInt, "-1", "-1"},
		{"LONG1 256", b().Proto(2).Long1([]byte{0, 1}).Stop().Bytes(), ValueInt, "256", "256"},
		{"LONG1 zero length", b().Proto(2).Long1(nil).Stop().Bytes(), ValueInt, "0", "0"},
		{"LONG1 torch magic", b().Proto(2).Long1(magic).Stop().Bytes(), ValueInt, "119547037146038801333356", "119547037146038801333356"},
		{"LONG4 negative big", b().Proto(2).Long4([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0x80}).Stop().Bytes(), ValueInt, "-2361183241434822606848", "-2361183241434822606848"},
	})
}

// errCase checks that a malformed pickle ends with Err (and optionally an anomaly).
type errCase struct {
	name    string
	in      []byte
	msg     string
	anomaly AnomalyKind
}

func runErrs(t *testing.T, cases []errCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := one(t, c.in)
			if s.Err == nil || !strings.Contains(s.Err.Msg, c.msg) {
				t.Fatalf("want Err containing %q, got %v", c.msg, s.Err)
			}
			if s.Complete {
				t.Fatal("a failed stream must not be Complete")
			}
			if c.anomaly != "" && !hasAnomaly(s, c.anomaly) {
				t.Fatalf("want anomaly %s, got %+v", c.anomaly, s.Anomalies)
			}
		})
	}
}

func TestMalformedNumbers(t *testing.T) {
	runErrs(t, []errCase{
		{"INT junk", []byte("I12x\n."), "INT", ""},
		{"INT octal junk", []byte("I012345678901234567890\n."), "INT", ""},
		{"LONG 012", []byte("L012\n."), "LONG", ""},
		{"FLOAT underscore at the edge", []byte("F1_\n."), "FLOAT", ""},
		{"FLOAT hex is Go-only", []byte("F0x1p3\n."), "FLOAT", ""},
		{"LONG4 negative length", b().Proto(2).Raw(0x8b, 0xff, 0xff, 0xff, 0xff).Stop().Bytes(), "negative byte count", ""},
		{"LONG4 huge length", b().Proto(2).Raw(0x8b, 0xff, 0xff, 0xff, 0x7f).Stop().Bytes(), "exceeds", ""},
		{"INT without newline", []byte("I12"), "not terminated", ""},
	})
}

func TestFloats(t *testing.T) {
	runResults(t, []resultCase{
		{"BINFLOAT", b().Proto(2).BinFloat(1.5).Stop().Bytes(), ValueOther, "1.5", ""},
		{"BINFLOAT integral", b().Proto(2).BinFloat(2).Stop().Bytes(), ValueOther, "2.0", ""},
		{"BINFLOAT large", b().Proto(2).BinFloat(1e16).Stop().Bytes(), ValueOther, "1e+16", ""},
		{"FLOAT text", []byte("F0.25\n."), ValueOther, "0.25", ""},
		{"FLOAT inf", []byte("Finf\n."), ValueOther, "inf", ""},
		// pickle.py (joblib's unpickler) uses float(): spaces, underscores, overflow to inf.
		{"FLOAT overflow is inf for pickle.py", []byte("F1e999\n."), ValueOther, "inf", ""},
		{"FLOAT leading space", []byte("F 1.5\n."), ValueOther, "1.5", ""},
		{"FLOAT underscores", []byte("F1_5\n."), ValueOther, "15.0", ""},
		// _pickle.c reads a C string: signed nan and a NUL end the number.
		{"FLOAT signed nan", []byte("F-nan\n."), ValueOther, "nan", ""},
		{"FLOAT cut at NUL", []byte("F2.5\x00junk\n."), ValueOther, "2.5", ""},
	})
}

func TestStringsAndBytes(t *testing.T) {
	runResults(t, []resultCase{
		{"STRING single quotes with escapes", []byte("S'a\\x41\\'b'\n."), ValueString, `"aA'b"`, ""},
		{"STRING double quotes", []byte("S\"it's\"\n."), ValueString, `"it's"`, ""},
		{"STRING octal and unknown escape", []byte("S'\\101\\q'\n."), ValueString, `'A\\q'`, ""},
		{"UNICODE raw-unicode-escape", []byte("Vab\\u0041\\\\u0041\n."), ValueString, `'abA\\\\u0041'`, ""},
		{"UNICODE latin-1 byte", []byte("V\xe9\n."), ValueString, `'é'`, ""},
		{"BINUNICODE", b().Proto(2).Unicode(strings.Repeat("x", 300)).Stop().Bytes(), ValueString, "'" + strings.Repeat("x", strRenderLimit) + "'...", ""},
		{"BINUNICODE surrogatepass", b().Proto(2).Raw('X', 3, 0, 0, 0, 0xed, 0xa0, 0x80).Stop().Bytes(), ValueString, `'\ud800'`, ""},
		{"BINUNICODE8", b().Proto(4).BinUnicode8("hi").Stop().Bytes(), ValueString, "'hi'", ""},
		{"SHORT_BINSTRING", b().Proto(1).BinString("ab").Stop().Bytes(), ValueString, "'ab'", ""},
		{"BINSTRING", b().Proto(1).BinString(strings.Repeat("y", 260)).Stop().Bytes(), ValueString, "'" + strings.Repeat("y", strRenderLimit) + "'...", ""},
		{"SHORT_BINBYTES", b().Proto(3).BinBytes([]byte{0, 'a'}).Stop().Bytes(), ValueBytes, `b'\x00a'`, ""},
		{"BINBYTES8", b().Proto(4).BinBytes8([]byte("z")).Stop().Bytes(), ValueBytes, "b'z'", ""},
		{"BYTEARRAY8", b().Proto(5).ByteArray8([]byte("q")).Stop().Bytes(), ValueBytes, "bytearray(b'q')", ""},
	})
	runErrs(t, []errCase{
		{"STRING unquoted", []byte("Sabc\n."), "quoted", ""},
		{"STRING mismatched quotes", []byte("S'abc\"\n."), "quoted", ""},
		{"STRING bad hex escape", []byte("S'\\x4'\n."), "escape", ""},
		{"UNICODE truncated escape", []byte("V\\u12\n."), "escape", ""},
		{"BINUNICODE invalid UTF-8", b().Proto(2).Raw('X', 2, 0, 0, 0, 0xff, 0xfe).Stop().Bytes(), "utf-8", ""},
		{"BINSTRING negative", b().Proto(1).Raw('T', 0xff, 0xff, 0xff, 0xff).Stop().Bytes(), "negative", ""},
		{"BINBYTES past the end", b().Proto(3).Raw('B', 10, 0, 0, 0, 'a').Bytes(), "exceeds the 1 bytes left", ""},
	})
}

func TestContainers(t *testing.T) {
	runResults(t, []resultCase{
		{"list APPENDS", b().Proto(2).EmptyList().Mark().Int(1).Int(2).Appends().Stop().Bytes(), ValueList, "[1, 2]", ""},
		{"list APPEND", b().Proto(2).EmptyList().Int(1).Append().Stop().Bytes(), ValueList, "[1]", ""},
		{"LIST", []byte("(I1\nI2\nl."), ValueList, "[1, 2]", ""},
		{"DICT", []byte("(S'a'\nI1\nd."), ValueDict, "{'a': 1}", ""},
		{"dict SETITEMS", b().Proto(2).EmptyDict().Mark().Unicode("k").None().SetItems().Stop().Bytes(), ValueDict, "{'k': None}", ""},
		{"dict SETITEM", b().Proto(2).EmptyDict().Unicode("k").Int(3).SetItem().Stop().Bytes(), ValueDict, "{'k': 3}", ""},
		{"TUPLE", b().Proto(2).Mark().Int(1).Int(2).Int(3).Int(4).Tuple().Stop().Bytes(), ValueTuple, "(1, 2, 3, 4)", ""},
		{"TUPLE1", b().Proto(2).Int(1).Tuple1().Stop().Bytes(), ValueTuple, "(1,)", ""},
		{"TUPLE2", b().Proto(2).Int(1).Int(2).Tuple2().Stop().Bytes(), ValueTuple, "(1, 2)", ""},
		{"TUPLE3", b().Proto(2).Int(1).Int(2).Int(3).Tuple3().Stop().Bytes(), ValueTuple, "(1, 2, 3)", ""},
		{"EMPTY_TUPLE", b().Proto(2).EmptyTuple().Stop().Bytes(), ValueTuple, "()", ""},
		{"set ADDITEMS", b().Proto(4).EmptySet().Mark().Int(1).Int(2).AddItems().Stop().Bytes(), ValueOther, "{1, 2}", ""},
		{"EMPTY_SET", b().Proto(4).EmptySet().Stop().Bytes(), ValueOther, "set()", ""},
		{"FROZENSET", b().Proto(4).Mark().Int(7).FrozenSet().Stop().Bytes(), ValueOther, "frozenset({7})", ""},
		{"POP_MARK", b().Proto(2).Int(9).Mark().Int(1).Int(2).PopMark().Stop().Bytes(), ValueInt, "9", ""},
		{"POP removes a MARK on top", b().Proto(2).Int(9).Mark().Pop().Stop().Bytes(), ValueInt, "9", ""},
		{"DUP", b().Proto(2).Int(5).Dup().Tuple2().Stop().Bytes(), ValueTuple, "(5, 5)", ""},
		{"long list is cut", b().Proto(2).EmptyList().Mark().Int(1).Int(2).Int(3).Int(4).Int(5).Int(6).Int(7).Int(8).Int(9).Appends().Stop().Bytes(), ValueList, "[1, 2, 3, 4, 5, 6, 7, 8, ...]", ""},
	})
	runErrs(t, []errCase{
		{"DICT odd", []byte("(S'a'\nd."), "odd number of items for DICT", ""},
		{"SETITEMS odd", b().Proto(2).EmptyDict().Mark().Int(1).SetItems().Stop().Bytes(), "odd number", ""},
		{"TUPLE without MARK", b().Proto(2).Int(1).Tuple().Stop().Bytes(), "MARK", AnomalyMarkMismatch},
		{"POP on empty stack", b().Proto(2).Pop().Stop().Bytes(), "underflow", AnomalyStackUnderflow},
		{"TUPLE2 past MARK", b().Proto(2).Int(1).Mark().Int(2).Tuple2().Stop().Bytes(), "underflow", AnomalyStackUnderflow},
		{"STOP on empty stack", b().Proto(2).Stop().Bytes(), "underflow", AnomalyStackUnderflow},
		{"APPENDS without target", b().Proto(2).Mark().Int(1).Appends().Stop().Bytes(), "underflow", AnomalyStackUnderflow},
	})
}

func TestTypeConfusionContinues(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
	}{
		{"SETITEM on list", b().Proto(2).EmptyList().Int(0).Int(1).SetItem().Stop().Bytes()},
		{"SETITEMS on str", b().Proto(2).Unicode("s").Mark().Int(0).Int(1).SetItems().Stop().Bytes()},
		{"APPEND on dict", b().Proto(2).EmptyDict().Int(1).Append().Stop().Bytes()},
		{"APPENDS on tuple", b().Proto(2).Int(1).Tuple1().Mark().Int(2).Appends().Stop().Bytes()},
		{"ADDITEMS on list", b().Proto(4).EmptyList().Mark().Int(2).AddItems().Stop().Bytes()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := complete(t, c.in)
			if !hasAnomaly(s, AnomalyTypeConfusion) {
				t.Fatalf("want type-confusion anomaly, got %+v", s.Anomalies)
			}
		})
	}
	// Objects built by calls may implement __setitem__/append: no anomaly.
	s := complete(t, b().Proto(2).Call("collections", "OrderedDict").Unicode("k").Int(1).SetItem().Stop().Bytes())
	if hasAnomaly(s, AnomalyTypeConfusion) {
		t.Fatalf("SETITEM on a call result is legitimate: %+v", s.Anomalies)
	}
}

func TestMemo(t *testing.T) {
	runResults(t, []resultCase{
		{"PUT/GET text", []byte("I7\np3\n0g3\n."), ValueInt, "7", ""},
		{"BINPUT/BINGET", b().Proto(2).Int(7).Put(4).Pop().Get(4).Stop().Bytes(), ValueInt, "7", ""},
		{"LONG_BINPUT sparse key", b().Proto(2).Int(7).Put(4000000000).Pop().Get(4000000000).Stop().Bytes(), ValueInt, "7", ""},
		{"MEMOIZE counts distinct keys", b().Proto(4).Int(1).Put(1000).Int(2).Memoize().Tuple2().Pop().Get(1).Stop().Bytes(), ValueInt, "2", ""},
		{"MEMOIZE after a sparse PUT", b().Proto(4).Int(1).Memoize().Int(2).Put(5000).Int(3).Memoize().Pop().Pop().Pop().Get(2).Stop().Bytes(), ValueInt, "3", ""},
		{"MEMOIZE overwrites a PUT key", b().Proto(4).Int(1).Put(1).Int(2).Memoize().Tuple2().Pop().Get(1).Stop().Bytes(), ValueInt, "2", ""},
	})
	s := complete(t, b().Proto(2).Get(9).Stop().Bytes())
	if !hasAnomaly(s, AnomalyBadMemoKey) || s.Result.Repr != "<missing memo 9>" {
		t.Fatalf("missing memo key: got %+v %+v", s.Anomalies, s.Result)
	}
	if s.Memo.Gets != 1 {
		t.Fatalf("want 1 GET counted, got %+v", s.Memo)
	}
	runErrs(t, []errCase{
		{"PUT negative", []byte("I1\np-1\n."), "negative PUT", ""},
		{"PUT on empty stack", b().Proto(2).Put(1).Stop().Bytes(), "underflow", AnomalyStackUnderflow},
	})
}

func TestProto(t *testing.T) {
	s := complete(t, b().Proto(2).Proto(3).None().Stop().Bytes())
	if s.Protocol != 2 || !hasAnomaly(s, AnomalyMisplacedProto) {
		t.Fatalf("repeated PROTO: protocol=%d anomalies=%+v", s.Protocol, s.Anomalies)
	}
	s = complete(t, b().None().Proto(2).Stop().Bytes())
	if !hasAnomaly(s, AnomalyMisplacedProto) {
		t.Fatalf("late PROTO: %+v", s.Anomalies)
	}
	runErrs(t, []errCase{
		{"PROTO 6", b().Proto(6).None().Stop().Bytes(), "unsupported pickle protocol", ""},
		{"unknown opcode", b().Proto(2).Raw(0xff).Bytes(), "invalid load key", AnomalyUnknownOpcode},
	})
}

func TestFrames(t *testing.T) {
	body := b().None().Stop().Bytes() // 2 bytes
	ok := append(b().Proto(4).Frame(uint64(len(body))).Bytes(), body...)
	if s := complete(t, ok); len(s.Anomalies) != 0 {
		t.Fatalf("exact frame: unexpected anomalies %+v", s.Anomalies)
	}
	cases := []struct {
		name string
		in   []byte
	}{
		{"opcode straddles the frame end", b().Proto(4).Frame(3).Unicode("abcdef").Stop().Bytes()},
		{"frame longer than the pickle", append(b().Proto(4).Frame(10).None().Stop().Bytes(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		{"frame inside a frame", b().Proto(4).Frame(20).None().Frame(2).Pop().None().Stop().Bytes()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := one(t, c.in)
			if !hasAnomaly(s, AnomalyFrameMismatch) {
				t.Fatalf("want frame-mismatch, got %+v (err %v)", s.Anomalies, s.Err)
			}
		})
	}
	s := one(t, b().Proto(4).Frame(1<<62).Global("os", "system").Stop().Bytes())
	if !hasAnomaly(s, AnomalyFrameMismatch) || s.Err == nil || findImport(s, "os", "system") == nil {
		t.Fatalf("huge FRAME: want anomaly, Err and the walk to go on, got %+v %v", s.Anomalies, s.Err)
	}
	s = one(t, b().Proto(4).Frame(1<<63).None().Stop().Bytes())
	if s.Err == nil {
		t.Fatal("FRAME length beyond 2^62 must fail")
	}
}

func TestGlobals(t *testing.T) {
	s := complete(t, []byte("cos\nsystem\n."))
	if im := findImport(s, "os", "system"); im == nil || !im.Resolved || im.Opcode != "GLOBAL" {
		t.Fatalf("GLOBAL: %+v", s.Imports)
	}
	if s.Result.Kind != ValueGlobal || s.Result.Repr != "os.system" {
		t.Fatalf("result %+v", s.Result)
	}
	s = complete(t, b().Proto(4).StackGlobal("bdb", "Bdb.run").Stop().Bytes())
	if im := findImport(s, "bdb", "Bdb.run"); im == nil || !im.Resolved {
		t.Fatalf("dotted STACK_GLOBAL: %+v", s.Imports)
	}
	s = complete(t, []byte("cos\xc3\xa9\nsystem\n."))
	if !hasAnomaly(s, AnomalyNonASCIIGlobal) || findImport(s, "osé", "system") == nil {
		t.Fatalf("non-ASCII GLOBAL: %+v %+v", s.Anomalies, s.Imports)
	}
	runErrs(t, []errCase{
		{"GLOBAL invalid UTF-8", []byte("cos\xff\nsystem\n."), "utf-8", AnomalyNonASCIIGlobal},
		{"STACK_GLOBAL with bytes", b().Proto(4).BinBytes([]byte("os")).Unicode("system").Op(0x93).Stop().Bytes(), "requires str", ""},
		{"GLOBAL cut", []byte("cos\nsys"), "not terminated", ""},
	})
	s = complete(t, b().Proto(4).Call("builtins", "input").Unicode("system").Op(0x93).Stop().Bytes())
	im := findImport(s, "builtins.input()", "system")
	if im == nil || im.Resolved || !strings.Contains(im.Via, "call result") {
		t.Fatalf("STACK_GLOBAL on a call result must be unresolved: %+v", s.Imports)
	}
}

func TestCallsRenderChains(t *testing.T) {
	// builtins.getattr(importlib.import_module('os'), 'system')('id')
	p := b().Proto(4).
		StackGlobal("builtins", "getattr").
		StackGlobal("importlib", "import_module").Unicode("os").Tuple1().Reduce().
		Unicode("system").Tuple2().Reduce().
		Unicode("id").Tuple1().Reduce().Stop().Bytes()
	s := complete(t, p)
	last := s.Calls[len(s.Calls)-1]
	if last.Callee != "builtins.getattr(importlib.import_module('os'), 'system')" || last.Args != "'id'" {
		t.Fatalf("callee %q args %q", last.Callee, last.Args)
	}
	if len(last.Roots) != 2 || last.Roots[0].Name != "getattr" || last.Roots[1].Name != "import_module" {
		t.Fatalf("roots %+v", last.Roots)
	}
	var c *Constant
	for i := range s.Strings {
		if s.Strings[i].Text == "id" {
			c = &s.Strings[i]
		}
	}
	if c == nil || c.Arg != last.Callee {
		t.Fatalf("argument constant not listed with its callee: %+v", s.Strings)
	}
	// NEWOBJ_EX renders keyword arguments; OBJ and INST are calls too.
	p = b().Proto(4).StackGlobal("m", "C").Unicode("a").Tuple1().EmptyDict().Unicode("k").Int(1).SetItem().NewObjEx().Stop().Bytes()
	if s = complete(t, p); s.Calls[0].Opcode != "NEWOBJ_EX" || s.Calls[0].Args != "'a', k=1" {
		t.Fatalf("NEWOBJ_EX: %+v", s.Calls)
	}
	p = b().Proto(1).Mark().Global("m", "C").Int(3).Obj().Stop().Bytes()
	if s = complete(t, p); s.Calls[0].Opcode != "OBJ" || s.Calls[0].Callee != "m.C" || s.Calls[0].Args != "3" {
		t.Fatalf("OBJ: %+v", s.Calls)
	}
	p = []byte("(S'ls'\nios\nsystem\n.")
	if s = complete(t, p); s.Calls[0].Opcode != "INST" || s.Imports[0].Opcode != "INST" || s.Calls[0].Args != "'ls'" {
		t.Fatalf("INST: %+v %+v", s.Calls, s.Imports)
	}
}

func TestExtPersIDBuffers(t *testing.T) {
	s := complete(t, b().Proto(2).Ext(7).Ext(300).Ext(70000).Tuple3().Stop().Bytes())
	if len(s.Ext) != 3 || s.Ext[0].Code != 7 || s.Ext[1].Code != 300 || s.Ext[2].Code != 70000 {
		t.Fatalf("ext: %+v", s.Ext)
	}
	if !strings.Contains(s.Result.Repr, "copyreg._extension_registry[7]") {
		t.Fatalf("ext symbol: %q", s.Result.Repr)
	}
	s = complete(t, b().Proto(2).Ext(5).EmptyTuple().Reduce().Stop().Bytes())
	if len(s.Calls) != 1 || len(s.Calls[0].Roots) != 0 {
		t.Fatalf("a call on an EXT global has no traceable root: %+v", s.Calls)
	}
	runErrs(t, []errCase{{"EXT1 code 0", b().Proto(2).Raw(0x82, 0).Stop().Bytes(), "code <= 0", ""}})

	s = complete(t, b().Proto(2).PersID("storage0").Unicode("x").BinPersID().Tuple2().Stop().Bytes())
	if s.PersIDs != 2 || !strings.Contains(s.Result.Repr, "persistent_load('storage0')") {
		t.Fatalf("persid: %d %q", s.PersIDs, s.Result.Repr)
	}
	runErrs(t, []errCase{{"PERSID non-ASCII", []byte("P\xff\n."), "ASCII", ""}})

	s = complete(t, b().Proto(5).NextBuffer().ReadOnlyBuffer().Stop().Bytes())
	if !hasAnomaly(s, AnomalyBufferOutOfBand) {
		t.Fatalf("NEXT_BUFFER: %+v", s.Anomalies)
	}
}

func TestBuildOnGlobal(t *testing.T) {
	p := b().Proto(4).StackGlobal("torch", "_utils").EmptyDict().Unicode("x").Unicode("y").SetItem().Build().Stop().Bytes()
	s := complete(t, p)
	c := s.Calls[0]
	if c.Opcode != "BUILD" || !c.OnGlobal || c.Callee != "torch._utils" || c.Args != "{'x': 'y'}" {
		t.Fatalf("BUILD on global: %+v", c)
	}
	p = b().Proto(2).Call("m", "C").EmptyDict().Build().Stop().Bytes()
	if s = complete(t, p); s.Calls[1].OnGlobal || s.Calls[1].Callee != "m.C()" {
		t.Fatalf("BUILD on an instance: %+v", s.Calls[1])
	}
}

// TestEveryOpcodeIsDecoded checks that the 68 opcodes of protocols 0-5 are known to the walker
// and the trial walk, and that every other byte is rejected as CPython rejects it.
func TestEveryOpcodeIsDecoded(t *testing.T) {
	known := 0
	for op := 0; op < 256; op++ {
		s := one(t, []byte{byte(op), '\n', '\n', '.'})
		unknown := hasAnomaly(s, AnomalyUnknownOpcode) && s.Err != nil && s.Err.Offset == 0
		if named := opNames[op] != ""; named == unknown {
			t.Errorf("opcode 0x%02x (%q): unknown-opcode anomaly=%v", op, opNames[op], unknown)
		}
		if opNames[op] != "" {
			known++
		} else if tr := (trial{b: []byte{'\n', '\n', '.'}}); tr.step(byte(op)) != trialBad {
			t.Errorf("trial walk accepts unknown opcode 0x%02x", op)
		}
	}
	if known != 68 {
		t.Fatalf("%d opcodes named, want 68", known)
	}
}
