package hdf5

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// checkInvariants asserts what must hold for any input: offsets inside the file, decoded
// values within the budget, bounded counts, known classes.
func checkInvariants(t *testing.T, f *File, size int64, b limits.Budget) {
	t.Helper()
	maxValues := min(MaxValueBytes, b.MaxDictBytes)
	var total int64
	check := func(where string, attrs []Attribute) {
		if len(attrs) > min(maxAttributes, b.MaxEntries) {
			t.Fatalf("%s: %d attributes over the cap", where, len(attrs))
		}
		for _, a := range attrs {
			if a.Offset < -1 || a.Offset >= size {
				t.Fatalf("%s.%s: offset %d outside [-1, %d)", where, a.Name, a.Offset, size)
			}
			switch a.Class {
			case ClassString, ClassInt, ClassFloat, ClassOther:
			default:
				t.Fatalf("%s.%s: unknown class %q", where, a.Name, a.Class)
			}
			for _, s := range a.Strings {
				total += int64(len(s))
			}
			total += int64(8 * (len(a.Ints) + len(a.Floats)))
		}
	}
	check("/", f.Attributes)
	if len(f.Objects) > b.MaxEntries {
		t.Fatalf("%d objects over the cap of %d", len(f.Objects), b.MaxEntries)
	}
	for _, o := range f.Objects {
		check(o.Path, o.Attributes)
	}
	// Integers and floats decode to 8 bytes whatever their stored width, so allow for that.
	if total > 8*maxValues {
		t.Fatalf("%d value bytes decoded, budget %d", total, maxValues)
	}
	for _, s := range f.MetaStrings() {
		if s.Offset < -1 || s.Offset >= size {
			t.Fatalf("meta string %q: offset %d outside the file", s.Key, s.Offset)
		}
	}
	if len(f.Gaps()) > maxGaps+1 {
		t.Fatalf("%d gaps over the cap", len(f.Gaps()))
	}
}

// maxSeed leaves the 77 KB fixture out of the fuzz corpus: the fuzzer spends its time
// mutating large inputs without returning (v3_huge.h5 covers huge objects in 8 KB).
const maxSeed = 32 << 10

func fuzzSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, path := range fixtures(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) <= maxSeed {
			seeds = append(seeds, b)
		}
	}
	seeds = append(seeds, syntheticV1(), syntheticV2(), syntheticDense(), v1Cycle(), v2PingPong(), symtabCycle())
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	budget := limits.Budget{MaxDictBytes: 1 << 20, MaxEntries: 1000}.WithDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), budget)
		if err != nil {
			if file != nil {
				t.Fatalf("Parse returned both a file and an error: %v", err)
			}
			return
		}
		checkInvariants(t, file, int64(len(data)), budget)
	})
}

// TestTruncation parses prefixes of fixtures (every length for the small ones, a stride for
// the dense one): each must give an error or a file with gaps (the superblock records the
// full length), and never panic.
func TestTruncation(t *testing.T) {
	type input struct {
		data   []byte
		stride int
	}
	inputs := map[string]input{"synthetic dense": {syntheticDense(), 1}, "synthetic v1": {syntheticV1(), 1}}
	for name, stride := range map[string]int{"v0_keras.h5": 1, "v3_types.h5": 1, "v0_userblock.h5": 1, "v3_dense_many.h5": 7} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		inputs[name] = input{b, stride}
	}
	if testing.Short() {
		inputs = map[string]input{"v0_keras.h5": inputs["v0_keras.h5"]}
	}
	budget := limits.Budget{}.WithDefaults()
	for name, in := range inputs {
		for n := 0; n < len(in.data); n += in.stride {
			f, err := parseBytes(t, in.data[:n], budget)
			if err != nil {
				continue
			}
			if len(f.Gaps()) == 0 {
				t.Fatalf("%s cut at %d bytes: no error and no gap", name, n)
			}
			checkInvariants(t, f, int64(n), budget)
		}
	}
}
