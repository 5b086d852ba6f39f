package pickle

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// denseRecords is the size of the opcode-dense benchmark fixture (about 13 MB, 5.4M opcodes; 800k memo entries stay under the default MaxStack).
const denseRecords = 200_000

// denseFixture assembles what CPython's protocol 4 pickler writes for
// [{'id': i, 'name': 'item<i>', 'score': i*0.5, 'tags': ['a', 'b', str(i%7)], 'ok': i%2 == 0,
// 'pos': (i, i+1)} for i in range(records)]: memoized keys, batched APPENDS/SETITEMS, 64 KiB
// frames cut between records.
func denseFixture(records int) []byte {
	b := pickletest.New()
	memo := uint32(0)
	strs := map[string]uint32{}
	str := func(s string) {
		if i, ok := strs[s]; ok {
			b.Get(i)
			return
		}
		b.Unicode(s).Memoize()
		strs[s] = memo
		memo++
	}
	b.EmptyList().Memoize()
	memo++
	var cuts []int
	for i := 0; i < records; i++ {
		if i%1000 == 0 {
			b.Mark()
		}
		b.EmptyDict().Memoize()
		memo++
		b.Mark()
		str("id")
		b.Int(int32(i))
		str("name")
		b.Unicode("item" + strconv.Itoa(i)).Memoize()
		memo++
		str("score")
		b.BinFloat(float64(i) * 0.5)
		str("tags")
		b.EmptyList().Memoize()
		memo++
		b.Mark()
		str("a")
		str("b")
		str(strconv.Itoa(i % 7))
		b.Appends()
		str("ok")
		b.Bool(i%2 == 0)
		str("pos")
		b.Int(int32(i)).Int(int32(i + 1)).Tuple2().Memoize()
		memo++
		b.SetItems()
		if i%1000 == 999 || i == records-1 {
			b.Appends()
		}
		cuts = append(cuts, b.Len())
	}
	b.Stop()
	return pickletest.Framed(b.Bytes(), cuts, 64<<10)
}

// denseFixturePath writes the dense fixture under os.TempDir() once and returns its path.
func denseFixturePath(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("AISEC_DENSE_FIXTURE"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p // the file scripts/bench/opcode-dense.sh also times pickletools on
		}
	}
	p := filepath.Join(os.TempDir(), fmt.Sprintf("aisec-pickle-dense-%d.pkl", denseRecords))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	tmp := p + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, denseFixture(denseRecords), 0o644); err != nil {
		tb.Fatalf("unable to write dense fixture: %v", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		tb.Fatalf("unable to rename dense fixture: %v", err)
	}
	return p
}

// TestWriteDenseFixture writes the dense benchmark fixture to $AISEC_DENSE_FIXTURE, for
// scripts/bench/opcode-dense.sh (which times pickletools on the same bytes).
func TestWriteDenseFixture(t *testing.T) {
	out := os.Getenv("AISEC_DENSE_FIXTURE")
	if out == "" {
		t.Skip("set AISEC_DENSE_FIXTURE to a path to write the dense benchmark fixture")
	}
	if err := os.WriteFile(out, denseFixture(denseRecords), 0o644); err != nil {
		t.Fatal(err)
	}
}
