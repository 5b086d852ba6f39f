package pickle

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// wrapper appends joblib's NumpyArrayWrapper for a float64 array of shape dims at protocol 4,
// up to and including its BUILD. align < 0 leaves numpy_array_alignment_bytes out.
func wrapper(p *pickletest.Builder, dims []int32, typestr string, align int32) *pickletest.Builder {
	return wrapperFlags(p, dims, typestr, align, map[bool]int32{true: 63, false: 0}[typestr[0] == 'O' || typestr == "object"])
}

// wrapperFlags is wrapper with explicit dtype flags in the BUILD state (numpy writes 63 for
// object dtypes, 0 for plain numbers).
func wrapperFlags(p *pickletest.Builder, dims []int32, typestr string, align, flags int32) *pickletest.Builder {
	p.StackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper").EmptyTuple().NewObj().
		EmptyDict().Mark().
		Unicode("subclass").StackGlobal("numpy", "ndarray").
		Unicode("shape").Mark()
	for _, d := range dims {
		p.Int(d)
	}
	p.Tuple().
		Unicode("order").Unicode("C").
		Unicode("dtype").StackGlobal("numpy", "dtype").Unicode(typestr).Bool(false).Bool(true).Tuple3().Reduce().
		Mark().Int(3).Unicode("<").None().None().None().Int(-1).Int(-1).Int(flags).Tuple().Build().
		Unicode("allow_mmap").Bool(true)
	if align >= 0 {
		p.Unicode("numpy_array_alignment_bytes").Int(align)
	}
	return p.SetItems().Build()
}

func TestJoblibInlineArray(t *testing.T) {
	p := wrapper(b().Proto(4), []int32{2, 3}, "f8", 16)
	p.Raw(3, 0xff, 0xff, 0xff).Raw(bytes.Repeat([]byte{0x2e}, 48)...) // data full of STOP bytes
	p.Stop()
	s := complete(t, p.Bytes())
	if len(s.Anomalies) != 0 || s.Result.Repr != "numpy.ndarray(<inline joblib data>)" {
		t.Fatalf("anomalies %+v result %+v", s.Anomalies, s.Result)
	}
	// Without the alignment field there is no padding byte (joblib <= 1.1).
	p = wrapper(b().Proto(4), []int32{5}, "i4", -1).Raw(make([]byte, 20)...).Stop()
	complete(t, p.Bytes())
	// A scalar array (shape ()) holds one item.
	p = wrapper(b().Proto(4), nil, "u1", 16).Raw(0, 7).Stop()
	complete(t, p.Bytes())
}

func TestJoblibObjectArray(t *testing.T) {
	inner := pickletestPayload("posix", "system", "id")
	p := wrapper(b().Proto(4), []int32{1}, "O8", 16).Raw(inner...).Stop()
	s := complete(t, p.Bytes())
	if len(s.Nested) != 1 || s.Nested[0].Loader != "pickle.load" || findImport(s.Nested[0].File.Streams[0], "posix", "system") == nil {
		t.Fatalf("object array pickle not analysed: %+v", s.Nested)
	}
}

func TestJoblibWrapperFailsClosed(t *testing.T) {
	p := b().Proto(4).StackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper").EmptyTuple().NewObj().
		EmptyDict().Unicode("order").Unicode("C").SetItem().Build().Raw(1, 2, 3).Stop()
	s := one(t, p.Bytes())
	if s.Err == nil || !hasAnomaly(s, AnomalyJoblibArray) {
		t.Fatalf("want Err and joblib-array anomaly, got %v %+v", s.Err, s.Anomalies)
	}
	p = wrapper(b().Proto(4), []int32{1 << 30, 1 << 30}, "f8", 16).Raw(0).Stop()
	if s = one(t, p.Bytes()); s.Err == nil {
		t.Fatal("an array larger than the input must fail")
	}
}

// TestJoblibReal parses files written by the real joblib (skipped without python3, numpy
// and joblib). Generating files runs joblib.dump on our own data; nothing is loaded.
func TestJoblibReal(t *testing.T) {
	dir := t.TempDir()
	script := `
import sys, joblib, numpy as np
d = sys.argv[1]
objs = {'f': np.arange(1000, dtype='f8'), 'u': np.array([['x', 'yy'], ['z', 'w']], dtype='U3'),
        'o': np.array([1, 's', None], dtype=object), 'e': np.zeros((0, 3)), 's': np.float64(3.5),
        'F': np.asfortranarray(np.ones((3, 4), dtype='i2')), 'r': np.zeros(3, dtype=[('a', 'i4'), ('b', 'f8')]),
        'sub': np.zeros((2, 2), dtype='(2,3)f4'), 'dt': np.array(['2020-01-01'], dtype='M8[ns]'),
        'b': np.array([True, False]), 'c': np.arange(4, dtype='c16'), 'list': [np.ones(2), {'k': np.ones(3)}]}
for proto in range(6):
    joblib.dump(objs, '%s/p%d.joblib' % (d, proto), protocol=proto)
joblib.dump(objs, '%s/default.joblib' % d)
`
	out, err := exec.Command("/usr/bin/python3", "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Skipf("SKIPPING: cannot generate joblib files (python3 with numpy and joblib needed): %v %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.joblib"))
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pf := parseFileT(t, f)
			if len(pf.Streams) != 1 || pf.Trailing != 0 {
				t.Fatalf("want one stream and no trailing bytes:\n%s", summary(pf, ""))
			}
			s := pf.Streams[0]
			if !s.Complete || s.Err != nil || len(s.Anomalies) != 0 {
				t.Fatalf("joblib file not clean:\n%s", summary(pf, ""))
			}
			if findImport(s, "joblib.numpy_pickle", "NumpyArrayWrapper") == nil {
				t.Fatalf("no wrapper import:\n%s", summary(pf, ""))
			}
		})
	}
}

// An object dtype whose state clears the object flag makes joblib read raw bytes as object
// pointers (a crash primitive); it must not be sized as plain data and skipped.
func TestJoblibObjectFlagCleared(t *testing.T) {
	for _, typestr := range []string{"O8", "object"} {
		p := wrapperFlags(b().Proto(4), []int32{1}, typestr, 16, 0).Raw(3, 0xff, 0xff, 0xff).Raw(make([]byte, 8)...).Stop()
		f, err := Parse(context.Background(), bytes.NewReader(p.Bytes()), Options{})
		if err != nil || len(f.Streams) == 0 || f.Streams[0].Err == nil {
			t.Errorf("%s with cleared flags: want a stream error, got %+v", typestr, f.Streams)
		}
	}
	// The long spelling of the object type is an object array like 'O8'.
	p := wrapper(b().Proto(4), []int32{1}, "object", 16).Raw(pickletestPayload("posix", "system", "id")...).Stop()
	if s := complete(t, p.Bytes()); len(s.Nested) != 1 {
		t.Fatalf("object array spelled 'object' not analysed: %+v", s.Nested)
	}
}
