package pickle

import (
	"context"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// doubling builds levels of [prev, prev]: two GETs per PUT, so a GET:PUT ratio test misses it,
// yet the last list holds 2^levels leaves.
func doubling(levels int) []byte {
	p := pickletest.New().Proto(2).EmptyList().Put(0)
	for i := 1; i <= levels; i++ {
		p.Mark().Get(uint32(i - 1)).Get(uint32(i - 1)).Op('l').Put(uint32(i)).Pop()
	}
	return p.Get(uint32(levels)).Stop().Bytes()
}

// shared builds one list of n ints and a list holding refs references to it: linear sharing
// that real pickles contain.
func shared(n, refs int) []byte {
	p := pickletest.New().Proto(2).EmptyList().Put(0).Mark()
	for i := range n {
		p.Int(int32(i % 200))
	}
	p.Appends().Pop().EmptyList().Mark()
	for range refs {
		p.Get(0)
	}
	return p.Appends().Stop().Bytes()
}

func TestExpansion(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"2^60 leaves at GET:PUT ratio 2", doubling(60), true},
		{"2^10 leaves is nothing", doubling(10), false},
		{"10,000 references to a 1,000-element list", shared(1000, 10000), false},
	}
	for _, tt := range tests {
		fs := New(nil).Detect(context.Background(), detect.Target{Path: "a.pkl", Model: parse(t, tt.data)})
		got := rulesOf(fs)
		if _, hit := got[RuleExpansion.ID]; hit != tt.want {
			t.Errorf("%s: expansion reported %v, want %v (%+v)", tt.name, hit, tt.want, fs)
		}
	}
}
