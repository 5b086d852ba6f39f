package numpy

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func npy(major byte, header string) []byte {
	b := []byte(Magic)
	b = append(b, major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(header)))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(header)))
	}
	return append(b, header...)
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name      string
		in        []byte
		descr     string
		object    bool
		shape     []int64
		wantError bool
	}{
		{"float v1", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }\n"), "<f8", false, []int64{3, 4}, false},
		{"object", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"), "|O", true, []int64{2}, false},
		{"structured with object", npy(2, "{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }"), "[('a', '<i4'), ('b', '|O')]", true, []int64{1}, false},
		{"scalar", npy(3, "{'descr': '<i8', 'fortran_order': True, 'shape': (), }"), "<i8", false, nil, false},
		{"keys reordered", npy(1, "{'shape': (5,), 'fortran_order': False, 'descr': '<U3'}"), "<U3", false, []int64{5}, false},
		{"object spelled as a word", npy(1, "{'descr': 'object', 'fortran_order': False, 'shape': (1,), }"), "object", true, []int64{1}, false},
		{"object as an escape", npy(1, `{'descr': '\x4f', 'fortran_order': False, 'shape': (1,), }`), "O", true, []int64{1}, false},
		{"object field spelled as a word", npy(1, "{'descr': [('a', 'object')], 'fortran_order': False, 'shape': (1,), }"), "[('a', 'object')]", true, []int64{1}, false},
		{"object subarray", npy(1, "{'descr': ('|O', (1,)), 'fortran_order': False, 'shape': (1,), }"), "('|O', (1,))", true, []int64{1}, false},
		{"unicode is not object", npy(1, "{'descr': '<U8', 'fortran_order': False, 'shape': (2,), }"), "<U8", false, []int64{2}, false},
		{"double quotes and u prefix", npy(1, `{"descr": u"|O8", "fortran_order": False, "shape": (3L,)}`), "|O8", true, []int64{3}, false},
		{"not npy", []byte("PK\x03\x04 not numpy at all"), "", false, nil, true},
		{"truncated header", npy(1, "{'descr': '<f8'")[:14], "", false, nil, true},
		{"bad version", append([]byte(Magic), 9, 0, 0, 0), "", false, nil, true},
		{"negative shape", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }"), "", false, nil, true},
		{"huge header length", append([]byte(Magic), 2, 0, 0xff, 0xff, 0xff, 0x7f), "", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHeader(bytes.NewReader(tt.in))
			if tt.wantError {
				if err == nil {
					t.Fatalf("expected an error, got %+v", h)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.Descr != tt.descr || h.HasObject != tt.object || h.DataOffset != int64(len(tt.in)) || len(h.Shape) != len(tt.shape) {
				t.Fatalf("got %+v", h)
			}
			for i := range tt.shape {
				if h.Shape[i] != tt.shape[i] {
					t.Fatalf("shape %v, want %v", h.Shape, tt.shape)
				}
			}
		})
	}
}

func FuzzParseHeader(f *testing.F) {
	f.Add(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"))
	f.Add(npy(2, "{'descr': [('a', '|O')], 'fortran_order': False, 'shape': (1,), }"))
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(bytes.NewReader(b))
		if err == nil && (h.DataOffset > int64(len(b)) || h.DataOffset < 10) {
			t.Fatalf("data offset %d outside input of %d bytes", h.DataOffset, len(b))
		}
	})
}
