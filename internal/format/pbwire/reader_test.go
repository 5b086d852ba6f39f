package pbwire

import (
	"bytes"
	"errors"
	"io"
	"math"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// tag returns the encoded tag of field num with wire type typ.
func tag(num protowire.Number, typ protowire.Type) []byte {
	return protowire.AppendTag(nil, num, typ)
}

// cat concatenates byte slices.
func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// padded returns v as a varint of exactly n bytes (non-minimal), which protowire accepts.
func padded(v uint64, n int) []byte {
	out := make([]byte, 0, n)
	for i := 0; i < n-1; i++ {
		out = append(out, byte(v&0x7f)|0x80)
		v >>= 7
	}
	return append(out, byte(v))
}

func TestNext(t *testing.T) {
	varint := cat(tag(1, protowire.VarintType), protowire.AppendVarint(nil, 300))
	str := cat(tag(2, protowire.BytesType), []byte{3}, []byte("abc"))
	deep := []byte{}
	for i := 0; i <= MaxGroupDepth; i++ {
		deep = append(deep, tag(1, protowire.StartGroupType)...)
	}
	tests := []struct {
		name     string
		in       []byte
		off, lim int64 // lim 0 means len(in)
		want     Field
		err      error // nil, ErrTruncated or ErrMalformed
	}{
		{"varint", varint, 0, 0, Field{Num: 1, Type: protowire.VarintType, Val: 1, End: 3, V: 300}, nil},
		{"fixed32", cat(tag(3, protowire.Fixed32Type), []byte{1, 2, 3, 4}), 0, 0,
			Field{Num: 3, Type: protowire.Fixed32Type, Val: 1, End: 5, V: 0x04030201}, nil},
		{"fixed64", cat(tag(4, protowire.Fixed64Type), []byte{1, 0, 0, 0, 0, 0, 0, 0x80}), 0, 0,
			Field{Num: 4, Type: protowire.Fixed64Type, Val: 1, End: 9, V: 0x8000000000000001}, nil},
		{"bytes", str, 0, 0, Field{Num: 2, Type: protowire.BytesType, Val: 2, End: 5}, nil},
		{"second field", cat(varint, str), 3, 0, Field{Num: 2, Type: protowire.BytesType, Tag: 3, Val: 5, End: 8}, nil},
		{"group", cat(tag(5, protowire.StartGroupType), varint, tag(6, protowire.StartGroupType), str,
			tag(6, protowire.EndGroupType), tag(5, protowire.EndGroupType)), 0, 0,
			Field{Num: 5, Type: protowire.StartGroupType, Val: 1, End: 12}, nil},
		{"padded tag and length", cat(padded(uint64(7)<<3|2, 10), padded(1, 10), []byte("x")), 0, 0,
			Field{Num: 7, Type: protowire.BytesType, Val: 20, End: 21}, nil},
		{"empty message", nil, 0, 0, Field{}, ErrTruncated},
		{"offset at limit", varint, 3, 0, Field{}, ErrTruncated},
		{"negative offset", varint, -1, 0, Field{}, ErrTruncated},
		{"truncated tag", []byte{0x80}, 0, 0, Field{}, ErrTruncated},
		{"truncated varint value", cat(tag(1, protowire.VarintType), []byte{0x80, 0x80}), 0, 0,
			Field{Num: 1, Type: protowire.VarintType, Val: 1}, ErrTruncated},
		{"truncated length", cat(tag(2, protowire.BytesType), []byte{0x80}), 0, 0,
			Field{Num: 2, Type: protowire.BytesType, Val: 1}, ErrTruncated},
		{"varint cut by limit", varint, 0, 2, Field{Num: 1, Type: protowire.VarintType, Val: 1}, ErrTruncated},
		{"length past the message", str, 0, 4, Field{Num: 2, Type: protowire.BytesType, Val: 2, End: 5, Cut: true}, ErrTruncated},
		{"length past the input", cat(tag(2, protowire.BytesType), []byte{100}, []byte("abc")), 0, 0,
			Field{Num: 2, Type: protowire.BytesType, Val: 2, End: 6, Cut: true}, ErrTruncated},
		{"limit past the input", str, 0, 1 << 40, Field{Num: 2, Type: protowire.BytesType, Val: 2, End: 5}, nil},
		{"length overflows int64", cat(tag(2, protowire.BytesType), protowire.AppendVarint(nil, math.MaxUint64)), 0, 0,
			Field{Num: 2, Type: protowire.BytesType, Val: 11, End: 12, Cut: true}, ErrTruncated},
		{"fixed64 past the message", cat(tag(4, protowire.Fixed64Type), []byte{1, 2, 3}), 0, 0,
			Field{Num: 4, Type: protowire.Fixed64Type, Val: 1, End: 9}, ErrTruncated},
		{"varint overflow", cat(tag(1, protowire.VarintType), bytes.Repeat([]byte{0xff}, 10), []byte{1}), 0, 0,
			Field{Num: 1, Type: protowire.VarintType, Val: 1}, ErrMalformed},
		{"tag overflow", cat(bytes.Repeat([]byte{0xff}, 10), []byte{1}), 0, 0, Field{}, ErrMalformed},
		{"field number zero", []byte{0x00, 0x01}, 0, 0, Field{}, ErrMalformed},
		{"wire type 6", []byte{0x0e, 0x01}, 0, 0, Field{Num: 1, Type: 6, Val: 1}, ErrMalformed},
		{"stray end group", tag(1, protowire.EndGroupType), 0, 0, Field{Num: 1, Type: protowire.EndGroupType, Val: 1}, ErrMalformed},
		{"group closed by another", cat(tag(5, protowire.StartGroupType), tag(6, protowire.EndGroupType)), 0, 0,
			Field{Num: 5, Type: protowire.StartGroupType, Val: 1}, ErrMalformed},
		{"group not closed", cat(tag(5, protowire.StartGroupType), varint), 0, 0,
			Field{Num: 5, Type: protowire.StartGroupType, Val: 1}, ErrTruncated},
		{"groups too deep", deep, 0, 0, Field{Num: 1, Type: protowire.StartGroupType, Val: 1}, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := tt.lim
			if lim == 0 {
				lim = int64(len(tt.in))
			}
			want := tt.want
			if want != (Field{}) {
				want.Tag = tt.off
			}
			got, err := NewReader(bytes.NewReader(tt.in), int64(len(tt.in))).Next(tt.off, lim)
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if got != want {
				t.Fatalf("field %+v, want %+v", got, want)
			}
			if got.Cut && (err == nil || !got.IsBytes()) {
				t.Fatalf("cut field %+v with error %v", got, err)
			}
		})
	}
}

func TestPeek(t *testing.T) {
	data := bytes.Repeat([]byte{1, 2, 3, 4}, WindowSize/2) // two windows
	tests := []struct {
		name    string
		off     int64
		n       int
		wantLen int
		err     bool
	}{
		{"start", 0, 10, 10, false},
		{"clamped to the window", 0, 3 * WindowSize, WindowSize, false},
		{"clamped to the end", int64(len(data)) - 3, 10, 3, false},
		{"at the end", int64(len(data)), 10, 0, false},
		{"negative n", 5, -1, 0, false},
		{"past the end", int64(len(data)) + 1, 1, 0, true},
		{"negative offset", -1, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewReader(bytes.NewReader(data), int64(len(data))).Peek(tt.off, tt.n)
			if (err != nil) != tt.err || len(p) != tt.wantLen {
				t.Fatalf("%d bytes, error %v", len(p), err)
			}
			if err == nil && !bytes.Equal(p, data[tt.off:tt.off+int64(len(p))]) {
				t.Fatal("wrong bytes")
			}
		})
	}
}

func TestPeekWindow(t *testing.T) {
	data := bytes.Repeat([]byte{7}, 3*WindowSize)
	r := NewReader(bytes.NewReader(data), int64(len(data)))
	for off := int64(0); off < WindowSize-100; off += 100 {
		if _, err := r.Peek(off, 20); err != nil {
			t.Fatal(err)
		}
	}
	if r.Reads() != 1 {
		t.Fatalf("%d reads inside one window", r.Reads())
	}
	if _, err := r.Peek(2*WindowSize, 20); err != nil || r.Reads() != 2 {
		t.Fatalf("%d reads, error %v", r.Reads(), err)
	}
}

// failingReader fails every read after the first ok ones, scribbling over p as ReadAt may.
type failingReader struct {
	data []byte
	ok   int
}

func (f *failingReader) ReadAt(p []byte, off int64) (int, error) {
	if f.ok == 0 {
		for i := range p {
			p[i] = 0xee
		}
		return 0, errors.New("disk on fire")
	}
	f.ok--
	return bytes.NewReader(f.data).ReadAt(p, off)
}

func TestReadErrors(t *testing.T) {
	data := bytes.Repeat([]byte{9}, 2*WindowSize)
	r := NewReader(&failingReader{data: data, ok: 1}, int64(len(data)))
	if _, err := r.Peek(0, 10); err != nil {
		t.Fatal(err)
	}
	_, err := r.Peek(WindowSize+10, 10)
	if err == nil || errors.Is(err, ErrTruncated) {
		t.Fatalf("error %v, want the I/O error", err)
	}
	// The failed read overwrote the window: it must not be served from the cache.
	if _, err := r.Peek(0, 10); err == nil {
		t.Fatal("stale window served after a failed read")
	}
	if _, err := r.Bytes(0, 2*WindowSize); err == nil || errors.Is(err, ErrTruncated) {
		t.Fatalf("large copy: error %v, want the I/O error", err)
	}
}

func TestBytes(t *testing.T) {
	data := bytes.Repeat([]byte{1, 2, 3, 4, 5}, WindowSize/2)
	size := int64(len(data))
	tests := []struct {
		name   string
		off, n int64
		err    bool
	}{
		{"small", 3, 10, false},
		{"empty", 3, 0, false},
		{"larger than the window", 1, size - 1, false},
		{"to the end", size - 4, 4, false},
		{"past the end", size - 4, 5, true},
		{"overflowing length", 10, math.MaxInt64, true},
		{"negative length", 10, -1, true},
		{"negative offset", -1, 1, true},
		{"offset past the end", size + 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := NewReader(bytes.NewReader(data), size).Bytes(tt.off, tt.n)
			if tt.err {
				if !errors.Is(err, ErrTruncated) {
					t.Fatalf("error %v, want ErrTruncated", err)
				}
				return
			}
			if err != nil || !bytes.Equal(b, data[tt.off:tt.off+tt.n]) {
				t.Fatalf("%d bytes, error %v", len(b), err)
			}
		})
	}
}

// TestBytesShortReader checks that a ReaderAt returning fewer bytes than its declared size is
// a truncation, not a panic or a silent short copy.
func TestBytesShortReader(t *testing.T) {
	r := NewReader(bytes.NewReader(make([]byte, 10)), 2*WindowSize)
	if _, err := r.Bytes(0, 20); !errors.Is(err, ErrTruncated) {
		t.Fatalf("small copy: error %v", err)
	}
	if _, err := r.Bytes(0, WindowSize+1); !errors.Is(err, ErrTruncated) {
		t.Fatalf("large copy: error %v", err)
	}
}

var _ io.ReaderAt = (*failingReader)(nil)
