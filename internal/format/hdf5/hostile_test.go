package hdf5

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// vlenString is a variable-length string datatype whose base type is an unsigned byte.
func vlenString() []byte {
	return cat([]byte{0x19, 0x01, 0, 0}, le(4, 16), []byte{0x10, 0, 0, 0}, le(4, 1), le(2, 0), le(2, 8))
}

// simple is a version 1 simple dataspace.
func simple(dims ...uint64) []byte {
	b := []byte{1, byte(len(dims)), 0, 0, 0, 0, 0, 0}
	for _, d := range dims {
		b = append(b, le(8, d)...)
	}
	return b
}

// nestedArrays is an array datatype nested depth times around a 1-byte integer.
func nestedArrays(depth int) []byte {
	t := cat([]byte{0x10, 0, 0, 0}, le(4, 1), le(2, 0), le(2, 8))
	for range depth {
		t = cat([]byte{0x3a, 0, 0, 0}, le(4, 1), []byte{1}, le(4, 1), t)
	}
	return t
}

func rootAttr1(a []byte) [][]byte { return [][]byte{msg1(msgAttribute, a)} }

// v1Cycle is a continuation chunk at 1024 that names itself.
func v1Cycle() []byte {
	a := msg1(msgAttribute, stringAttr1("backend", "tensorflow"))
	chunk := cat(a, msg1(msgContinuation, continuation(1024, uint64(len(a)+24))))
	return fileV1([][]byte{msg1(msgContinuation, continuation(1024, uint64(len(chunk))))}, map[uint64][]byte{1024: chunk})
}

// v2PingPong is two OCHK chunks naming each other.
func v2PingPong() []byte {
	attr := msg2(msgAttribute, attr3("backend", fixedString(10), scalar(), []byte("tensorflow")))
	lenA := uint64(4 + len(attr) + 20 + 4)
	b := ochk(msg2(msgContinuation, continuation(1024, lenA)))
	a := ochk(attr, msg2(msgContinuation, continuation(1536, uint64(len(b)))))
	return fileV2([][]byte{msg2(msgContinuation, continuation(1024, lenA))}, map[uint64][]byte{1024: a, 1536: b})
}

// symtabCycle is an old-style root group whose B-tree node names itself as its child.
func symtabCycle() []byte {
	tree := cat([]byte("TREE"), []byte{0, 1}, le(2, 1), le(8, undef), le(8, undef), le(8, 0), le(8, 1024), le(8, 0))
	heap := cat([]byte("HEAP"), []byte{0, 0, 0, 0}, le(8, 16), le(8, undef), le(8, 1600))
	return fileV1([][]byte{msg1(msgSymbolTable, cat(le(8, 1024), le(8, 1536)))},
		map[uint64][]byte{1024: tree, 1536: heap, 1600: make([]byte, 16)})
}

func patched(b []byte, at int, v ...byte) []byte {
	b = slices.Clone(b)
	copy(b[at:], v)
	return b
}

type hostileCase struct {
	name    string
	file    []byte
	budget  limits.Budget
	wantErr string // substring of the error, or "" when Parse must succeed
	wantGap string // substring of one gap when Parse succeeds
	keep    string // an attribute that must still be read
}

func hostileCases() []hostileCase {
	v1 := syntheticV1()
	v2 := syntheticV2()
	hugeHeader := fileV1(nil, nil)
	binary.LittleEndian.PutUint32(hugeHeader[128+8:], 0xfffffff0)
	dense := syntheticDense()
	return []hostileCase{
		{name: "continuation names itself", file: v1Cycle(), wantGap: "cycle", keep: "backend"},
		{name: "OCHK ping-pong", file: v2PingPong(), wantGap: "cycle", keep: "backend"},
		{name: "continuation length 2^62", file: fileV1([][]byte{msg1(msgContinuation, continuation(1024, 1<<62))}, nil), wantGap: "outside the file"},
		{name: "continuation address 2^40", file: fileV1([][]byte{msg1(msgContinuation, continuation(1<<40, 16))}, nil), wantGap: "outside the file"},
		{name: "message larger than its chunk", file: fileV1([][]byte{msg1(msgContinuation, continuation(1024, 64))},
			map[uint64][]byte{1024: cat(le(2, msgAttribute), le(2, 0xffff), make([]byte, 60))}), wantGap: "runs past"},
		{name: "v1 header size 4 GiB", file: hugeHeader, wantErr: "claims"},
		{name: "root address undefined", file: patched(v1, 68, le(8, undef)...), wantErr: "undefined address"},
		{name: "root address outside", file: patched(v1, 68, le(8, 1<<40)...), wantErr: "outside the file"},
		{name: "object header checksum", file: patched(v2, bytes.Index(v2, []byte("2.4.0")), '3'), wantGap: "checksum mismatch in object header", keep: "keras_version"},
		{name: "superblock checksum", file: patched(v2, 45, 0xff), wantGap: "checksum mismatch in superblock"},
		{name: "truncated file", file: v1[:len(v1)-8], wantGap: "truncated", keep: "keras_version"},
		{name: "not HDF5", file: []byte("not an hdf5 file at all, just text........"), wantErr: "not an HDF5 file"},
		{name: "empty", file: nil, wantErr: "not an HDF5 file"},
		{name: "offset size 16", file: patched(v1, 13, 16), wantErr: "offset/length sizes"},
		{name: "superblock version 7", file: patched(v1, 8, 7), wantErr: "superblock version 7"},
		{name: "name longer than message", file: fileV1(rootAttr1(patched(stringAttr1("n", "v"), 2, 0xff, 0x7f)), nil), wantGap: "attribute message"},
		{name: "2^60 elements", file: fileV1(rootAttr1(attr1("a", fixedString(1), simple(1<<60), []byte("x"))), nil), wantGap: "exceed the cap", keep: "a"},
		{name: "element count overflow", file: fileV1(rootAttr1(attr1("a", fixedString(1), simple(1<<40, 1<<40), nil)), nil), wantGap: "overflows"},
		{name: "value larger than message", file: fileV1(rootAttr1(attr1("a", fixedString(1000), scalar(), []byte("x"))), nil), wantGap: "does not fit"},
		{name: "vlen heap outside", file: fileV1(rootAttr1(attr1("s", vlenString(), scalar(), cat(le(4, 5), le(8, 1<<40), le(4, 1)))), nil), wantGap: "global heap"},
		{name: "vlen collection 2^62 bytes", file: fileV1(rootAttr1(attr1("s", vlenString(), scalar(), cat(le(4, 5), le(8, 1024), le(4, 1)))),
			map[uint64][]byte{1024: cat([]byte("GCOL\x01\x00\x00\x00"), le(8, 1<<62))}), wantGap: "claims"},
		{name: "vlen longer than object", file: fileV1(rootAttr1(attr1("s", vlenString(), scalar(), cat(le(4, 1<<31), le(8, 1024), le(4, 1)))),
			map[uint64][]byte{1024: cat([]byte("GCOL\x01\x00\x00\x00"), le(8, 64), le(2, 1), le(2, 1), le(4, 0), le(8, 5), []byte("hello\x00\x00\x00"), make([]byte, 32))}),
			wantGap: "shorter", keep: "s"},
		{name: "shared datatype", file: fileV1(rootAttr1(patched(attr3("a", fixedString(1), scalar(), []byte("x")), 1, 1)), nil), wantGap: "shared"},
		{name: "compound", file: fileV1(rootAttr1(attr1("c", cat([]byte{0x16, 1, 0, 0}, le(4, 4), make([]byte, 40)), scalar(), le(4, 7))), nil), wantGap: "compound", keep: "c"},
		{name: "datatype nested 20 deep", file: fileV1(rootAttr1(attr1("d", nestedArrays(20), scalar(), []byte{1})), nil), wantGap: "nested deeper"},
		{name: "value budget", file: fileV1(rootAttr1(stringAttr1("big", strings.Repeat("x", 100))), nil), budget: limits.Budget{MaxDictBytes: 80}, wantGap: "budget", keep: "big"},
		{name: "attribute count", file: fileV1([][]byte{msg1(msgAttribute, stringAttr1("a", "1")), msg1(msgAttribute, stringAttr1("b", "2")), msg1(msgAttribute, stringAttr1("c", "3"))}, nil),
			budget: limits.Budget{MaxEntries: 2}, wantGap: "more than 2 attributes", keep: "b"},
		{name: "dense heap outside", file: fileV2([][]byte{msg2(msgAttrInfo, cat([]byte{0, 0}, le(8, 1<<40), le(8, 1<<40)))}, nil), wantGap: "dense attribute storage"},
		{name: "heap child is its own parent", file: patched(dense, rootIBlock, iblock(0, undef, undef, rootIBlock)...), wantGap: "visited twice"},
		{name: "heap object overruns block", file: patched(dense, leafAt+6+5, 0xff, 0x0f), wantGap: "overruns"},
		{name: "B-tree claims 60000 records", file: patched(dense, btreeAt, patched(dense[btreeAt:btreeAt+38], 24, le(2, 60000)...)...), wantGap: "claims 60000 records"},
		{name: "symbol table B-tree cycle", file: symtabCycle(), wantGap: "reached twice"},
	}
}

// TestHostile checks that malformed and malicious structures end in an error or a gap, never
// a clean result, a panic or a hang.
func TestHostile(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseBytes(t, tc.file, tc.budget)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !slices.ContainsFunc(f.Gaps(), func(g string) bool { return strings.Contains(g, tc.wantGap) }) {
				t.Errorf("gaps %q lack %q", f.Gaps(), tc.wantGap)
			}
			if _, ok := f.Attr(tc.keep); tc.keep != "" && !ok {
				t.Errorf("attribute %q was not kept (have %+v)", tc.keep, f.Attributes)
			}
			checkInvariants(t, f, int64(len(tc.file)), tc.budget.WithDefaults())
		})
	}
}

// TestLinkCycle checks that hard links back to the root or to an ancestor end the walk.
func TestLinkCycle(t *testing.T) {
	hard := func(name string, addr uint64) []byte {
		return msg2(msgLink, cat([]byte{1, 0, byte(len(name))}, []byte(name), le(8, addr)))
	}
	child := ohdr2(hard("back", 64), hard("self", 1024),
		msg2(msgAttribute, attr3("weight_names", fixedString(1), scalar(), []byte("w"))))
	file := fileV2([][]byte{hard("child", 1024), hard("root", 64)}, map[uint64][]byte{1024: child})
	f, err := parseBytes(t, file, limits.Budget{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Objects) != 1 || f.Objects[0].Path != "/child" || len(f.Objects[0].Attributes) != 1 {
		t.Errorf("objects = %+v, want only /child with its attribute", f.Objects)
	}
	if len(f.Gaps()) > 0 {
		t.Errorf("gaps: %q", f.Gaps())
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := syntheticV1()
	_, err := Parse(ctx, bytesReader(b), int64(len(b)), limits.Budget{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestFileTooLarge(t *testing.T) {
	b := syntheticV1()
	_, err := Parse(context.Background(), bytesReader(b), int64(len(b)), limits.Budget{MaxFileBytes: 10})
	if !errors.Is(err, limits.ErrExceeded) {
		t.Errorf("err = %v, want a budget error", err)
	}
}
