package hdf5

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// Layout of the synthetic dense attribute storage: a fractal heap of width 1 with 256-byte
// blocks, so its root indirect block has two direct rows and one row holding a child
// indirect block (heap offsets 512..1023), where the attribute message lives.
const (
	heapAt      = 2048
	rootIBlock  = 2304
	childIBlock = 2560
	childDBlock = 2816 // first direct block of the child: heap offset 512
	btreeAt     = 3328
	leafAt      = 3584
	dblockHdr   = 4 + 1 + 8 + 4 // signature, version, heap address, 4-byte block offset
)

// heapHeader is a fractal heap header with no huge objects, 32-bit heap offsets.
func heapHeader(width, start, maxDirect, rootRows uint64, root uint64) []byte {
	return withChecksum(cat([]byte("FRHP"), []byte{0}, le(2, 8), le(2, 0), []byte{0}, le(4, 4096),
		le(8, 0), le(8, undef), le(8, 0), le(8, undef), // next huge ID, huge tree, free space, manager
		le(8, 1024), le(8, 1024), le(8, 1024), le(8, 1), // managed space, allocated, iterator, objects
		le(8, 0), le(8, 0), le(8, 0), le(8, 0), // huge and tiny sizes and counts
		le(2, width), le(8, start), le(8, maxDirect), le(2, 32), le(2, 1), le(8, root), le(2, rootRows)))
}

// iblock is a fractal heap indirect block with the given child addresses.
func iblock(blockOff uint64, children ...uint64) []byte {
	b := cat([]byte("FHIB"), []byte{0}, le(8, heapAt), le(4, blockOff))
	for _, c := range children {
		b = append(b, le(8, c)...)
	}
	return withChecksum(b)
}

// dblock is a 256-byte fractal heap direct block holding obj right after its header.
func dblock(blockOff uint64, obj []byte) []byte {
	b := cat([]byte("FHDB"), []byte{0}, le(8, heapAt), le(4, blockOff), obj)
	return append(b, make([]byte, 256-len(b))...)
}

// attrIndex is a depth-0 v2 B-tree (type 8) with one record naming heap ID id; the library
// finds attributes by the lookup3 hash of their name.
func attrIndex(id []byte, name string) map[uint64][]byte {
	rec := cat(id, []byte{0}, le(4, 0), le(4, uint64(lookup3([]byte(name)))))
	return map[uint64][]byte{
		btreeAt: withChecksum(cat([]byte("BTHD"), []byte{0, btreeAttrName}, le(4, 512), le(2, 17), le(2, 0),
			[]byte{100, 40}, le(8, leafAt), le(2, 1), le(8, 1))),
		// The library reads whole nodes, so the leaf is padded to the node size.
		leafAt: cat(withChecksum(cat([]byte("BTLF"), []byte{0, btreeAttrName}, rec)), make([]byte, 512-27)),
	}
}

// denseFile builds a superblock v2 file whose root keeps one attribute, msg, in dense storage
// reached through a child indirect block. childAddr lets tests point the child elsewhere.
func denseFile(name string, msg []byte, childAddr uint64) []byte {
	heapOff := uint64(512 + dblockHdr)
	id := cat([]byte{0}, le(4, heapOff), le(2, uint64(len(msg))), []byte{0})
	extra := attrIndex(id, name)
	extra[heapAt] = heapHeader(1, 256, 256, 3, rootIBlock)
	extra[rootIBlock] = iblock(0, undef, undef, childAddr)
	extra[childIBlock] = iblock(512, childDBlock, undef)
	extra[childDBlock] = dblock(512, msg)
	info := cat([]byte{0, 0}, le(8, heapAt), le(8, btreeAt))
	return fileV2([][]byte{msg2(msgAttrInfo, info)}, extra)
}

func syntheticV1() []byte {
	chunk := msg1(msgAttribute, stringAttr1("backend", "tensorflow"))
	return fileV1([][]byte{
		msg1(msgAttribute, stringAttr1("keras_version", "2.4.0")),
		msg1(msgContinuation, continuation(1024, uint64(len(chunk)))),
	}, map[uint64][]byte{1024: chunk})
}

func syntheticV2() []byte {
	ch := ochk(msg2(msgAttribute, attr3("backend", fixedString(10), scalar(), []byte("tensorflow"))))
	return fileV2([][]byte{
		msg2(msgAttribute, attr3("keras_version", fixedString(5), scalar(), []byte("2.4.0"))),
		msg2(msgContinuation, continuation(1024, uint64(len(ch)))),
	}, map[uint64][]byte{1024: ch})
}

func syntheticDense() []byte {
	return denseFile("model_config", attr3("model_config", fixedString(17), scalar(), []byte(`{"class_name":1}`+"\x00")), childIBlock)
}

// TestSynthetic covers layouts h5py does not write: superblock v1, and a fractal heap whose
// object sits below a child indirect block.
func TestSynthetic(t *testing.T) {
	cases := []struct {
		name       string
		file       []byte
		superblock int
		want       map[string]string
	}{
		{"superblock v1 + v1 continuation", syntheticV1(), 1, map[string]string{"keras_version": "2.4.0", "backend": "tensorflow"}},
		{"superblock v2 + OCHK continuation", syntheticV2(), 2, map[string]string{"keras_version": "2.4.0", "backend": "tensorflow"}},
		{"dense via child indirect block", syntheticDense(), 2, map[string]string{"model_config": `{"class_name":1}`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseBytes(t, tc.file, limits.Budget{})
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Gaps()) > 0 {
				t.Errorf("gaps: %q", f.Gaps())
			}
			if f.Superblock != tc.superblock {
				t.Errorf("superblock %d, want %d", f.Superblock, tc.superblock)
			}
			got := map[string]string{}
			for _, a := range f.Attributes {
				got[a.Name] = strings.Join(a.Strings, ",")
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}

// TestSyntheticWithH5dump checks that the reference library reads the synthetic files the same
// way, so the builder (and with it the hostile variants) encodes real HDF5.
func TestSyntheticWithH5dump(t *testing.T) {
	h5dump, err := exec.LookPath("h5dump")
	if err != nil {
		t.Skip("SKIPPING: h5dump (Debian hdf5-tools) is not installed")
	}
	files := map[string][]byte{"v1.h5": syntheticV1(), "v2.h5": syntheticV2(), "dense.h5": syntheticDense()}
	want := map[string][]string{
		"v1.h5": {`"2.4.0"`, `"tensorflow"`}, "v2.h5": {`"2.4.0"`, `"tensorflow"`},
		"dense.h5": {`"{"class_name":1}"`},
	}
	dir := t.TempDir()
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(h5dump, "-A", path).CombinedOutput()
		if err != nil {
			t.Fatalf("h5dump %s: %v\n%s", name, err, out)
		}
		for _, w := range want[name] {
			if !strings.Contains(string(out), w) {
				t.Errorf("h5dump %s lacks %s:\n%s", name, w, out)
			}
		}
	}
}
