package pickle

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"testing/iotest"
)

func TestRecordCaps(t *testing.T) {
	p := b().Proto(2)
	for i := 0; i < softImports+2000; i++ {
		p.Global("os", "path").Pop()
	}
	p.Global("os", "system").Pop()
	for i := 0; i < softCalls+2000; i++ {
		p.Global("m", "f").EmptyTuple().Reduce().Pop()
	}
	p.Global("posix", "system").EmptyTuple().Reduce().Pop()
	for i := 0; i < maxAnomalies+500; i++ {
		p.Get(200).Pop()
	}
	s := complete(t, p.None().Stop().Bytes())
	if findImport(s, "os", "system") == nil || findImport(s, "posix", "system") == nil || findCall(s, "posix.system") == nil {
		t.Fatal("a new import or callee past the soft cap must still be listed")
	}
	if len(s.Imports) > softImports+10 || s.Omitted.Imports == 0 {
		t.Fatalf("imports %d omitted %d", len(s.Imports), s.Omitted.Imports)
	}
	if len(s.Calls) > softCalls+10 || s.Omitted.Calls == 0 {
		t.Fatalf("calls %d omitted %d", len(s.Calls), s.Omitted.Calls)
	}
	if len(s.Anomalies) != maxAnomalies || s.Omitted.Anomalies != 500 {
		t.Fatalf("anomalies %d omitted %d", len(s.Anomalies), s.Omitted.Anomalies)
	}
}

// TestOneByteReads parses seeds and corpus files through a reader that returns one byte per
// Read, which drives every slow path of the buffered source, and requires the same result.
func TestOneByteReads(t *testing.T) {
	inputs := fuzzSeeds()
	m, _ := filepath.Glob("/work/shared/corpus/models/*/*/*.pkl") // optional extra inputs
	m2, _ := filepath.Glob("/work/shared/corpus/models/*/*/*/*.pkl")
	for _, path := range append(m, m2...) {
		if data, err := os.ReadFile(path); err == nil {
			inputs = append(inputs, data)
		}
	}
	for i, in := range inputs {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			// Messages differ when the input size is unknown; offsets must not.
			errMsg := regexp.MustCompile(`err=[^=]* exceeded=`)
			want := errMsg.ReplaceAllString(summary(parseBytes(t, in, Options{}), ""), "err exceeded=")
			f, err := Parse(context.Background(), iotest.OneByteReader(bytes.NewReader(in)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := errMsg.ReplaceAllString(summary(f, ""), "err exceeded="); got != want {
				t.Fatalf("one-byte reads differ:\n%s\n---\n%s", got, want)
			}
		})
	}
}

// TestRecordBudgetIsShared checks that records of all streams draw on one byte budget, so a
// file of many stacked pickles full of long call chains cannot grow the model without bound.
func TestRecordBudgetIsShared(t *testing.T) {
	chain := b().Proto(2).Global("m", "f")
	for i := 0; i < 300; i++ {
		chain.EmptyTuple().Reduce() // f()()()...: each callee renders longer
	}
	one := chain.Stop().Bytes()
	cfg := newConfig(Options{})
	*cfg.recordLeft = 200 << 10
	src, err := newSource(context.Background(), bytes.NewReader(bytes.Repeat(one, 50)), 1<<40)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFile(context.Background(), cfg, src, 0)
	if err != nil || len(f.Streams) != 50 {
		t.Fatalf("err %v, %d streams", err, len(f.Streams))
	}
	last := f.Streams[49]
	if len(last.Calls) != 0 || last.Omitted.Calls != 300 || last.Omitted.Imports != 1 {
		t.Fatalf("the budget should be spent by the last stream: %d calls, omitted %+v", len(last.Calls), last.Omitted)
	}
}
