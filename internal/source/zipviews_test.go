package source

import (
	"bytes"
	"context"
	"hash/crc32"
	"io"
	"slices"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// Where a split zip's end records point: at directory A, at directory B, or at nothing.
const (
	toA = iota
	toB
	toJunk
	saturated
)

// splitLayout says which directory each end record of splitZip describes: the zip64 record
// right before the locator (Python's zipfile), the one the locator names (miniz) and the
// 32-bit end record.
type splitLayout struct{ python, locator, end32 int }

// splitZip writes members A and B, directory B, a zip64 end record for B, directory A, the
// zip64 record Python reads, a locator and a 32-bit end record, as in the red-team case
// hunt2_torch_zip64_locator_split.pt.
func splitZip(t *testing.T, a, b tzEntry, l splitLayout) []byte {
	t.Helper()
	var out, dirA, dirB bytes.Buffer
	member := func(e tzEntry, dir *bytes.Buffer) {
		crc := crc32.ChecksumIEEE(e.data)
		local := int64(out.Len())
		writeLocal(&out, e, e.name, crc, int64(len(e.data)), int64(len(e.data)), false)
		out.Write(e.data)
		writeCentral(dir, e, crc, int64(len(e.data)), int64(len(e.data)), local, false)
	}
	member(a, &dirA)
	member(b, &dirB)
	type cd struct{ off, size int64 }
	cdB := cd{int64(out.Len()), int64(dirB.Len())}
	out.Write(dirB.Bytes())
	recB := int64(out.Len())
	le(&out, uint32(zip64EOCDSig), uint64(44), uint16(45), uint16(45), uint32(0), uint32(0), uint64(1), uint64(1), uint64(cdB.size), uint64(cdB.off))
	cdA := cd{int64(out.Len()), int64(dirA.Len())}
	out.Write(dirA.Bytes())
	pick := map[int]cd{toA: cdA, toB: cdB}
	recPy := int64(out.Len())
	if c, ok := pick[l.python]; ok {
		le(&out, uint32(zip64EOCDSig), uint64(44), uint16(45), uint16(45), uint32(0), uint32(0), uint64(1), uint64(1), uint64(c.size), uint64(c.off))
	} else {
		out.Write(make([]byte, zip64EOCDLen))
	}
	locAt := map[int]int64{toA: recPy, toB: recB, toJunk: recPy - 10}[l.locator]
	le(&out, uint32(zip64LocatorSig), uint32(0), uint64(locAt), uint32(1))
	if c, ok := pick[l.end32]; ok {
		le(&out, uint32(zipEOCDSig), uint16(0), uint16(0), uint16(1), uint16(1), uint32(c.size), uint32(c.off), uint16(0))
	} else {
		le(&out, uint32(zipEOCDSig), uint16(0), uint16(0), uint16(0xFFFF), uint16(0xFFFF), uint32(zipSaturated32), uint32(zipSaturated32), uint16(0))
	}
	return out.Bytes()
}

func TestZipDirectoryViews(t *testing.T) {
	benign := tzEntry{name: "a/data.pkl", data: []byte("benign")}
	evil := tzEntry{name: "a/data.pkl", data: []byte("cos\nsystem\n")}
	tests := []struct {
		name   string
		layout splitLayout
		want   []AnomalyKind
		read   []string // contents visited, in order (duplicate names share a member chain)
	}{
		{name: "zip64 records agree", layout: splitLayout{toA, toA, saturated}, read: []string{"benign"}},
		{name: "locator names another record", layout: splitLayout{toA, toB, saturated},
			want: []AnomalyKind{DirectoryMismatch, DuplicateName}, read: []string{"benign", "cos\nsystem\n"}},
		{name: "python record unreadable, falls back to 32-bit", layout: splitLayout{toJunk, toB, toA},
			want: []AnomalyKind{PrependedData, DirectoryMismatch, DuplicateName}, read: []string{"benign", "cos\nsystem\n"}},
		{name: "miniz record unreadable, falls back to 32-bit", layout: splitLayout{toA, toJunk, toB},
			want: []AnomalyKind{DirectoryMismatch, DuplicateName}, read: []string{"benign", "cos\nsystem\n"}},
		{name: "unsaturated 32-bit record differs", layout: splitLayout{toA, toA, toB},
			want: []AnomalyKind{DirectoryMismatch, DuplicateName}, read: []string{"benign", "cos\nsystem\n"}},
		{name: "unsaturated 32-bit record agrees", layout: splitLayout{toA, toA, toA}, read: []string{"benign"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := splitZip(t, benign, evil, tt.layout)
			var read []string
			anomalies, err := Expand(context.Background(), memNode("t.pt", data), format.Zip, limits.Budget{}, nil, func(c Node) error {
				rc, err := c.Open()
				if err != nil {
					return err
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				read = append(read, string(b))
				return err
			})
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			if got := (result{anomalies: anomalies}).kinds(); !slices.Equal(got, tt.want) {
				t.Errorf("anomalies %s, want %s (%v)", joinKinds(got), joinKinds(tt.want), anomalies)
			}
			if !slices.Equal(read, tt.read) {
				t.Errorf("read %q, want %q", read, tt.read)
			}
		})
	}
}
