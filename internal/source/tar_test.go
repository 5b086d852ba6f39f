package source

import (
	"archive/tar"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// tarWith builds a tar from headers; regular members get body as content.
func tarWith(t *testing.T, hs ...*tar.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, h := range hs {
		body := ""
		if h.Typeflag == tar.TypeReg {
			body = "body of " + h.Name
			h.Size = int64(len(body))
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	_ = w.Close()
	return buf.Bytes()
}

func TestTarMembers(t *testing.T) {
	long := strings.Repeat("d/", 80) + "data.pkl" // needs a PAX or GNU long-name header
	tests := []struct {
		name    string
		headers []*tar.Header
		want    []AnomalyKind
		members []string
	}{
		{name: "regular", headers: []*tar.Header{{Name: "a.pkl", Typeflag: tar.TypeReg}, {Name: "dir/", Typeflag: tar.TypeDir}, {Name: "dir/b", Typeflag: tar.TypeReg}}, members: []string{"a.pkl", "dir/b"}},
		{name: "long name", headers: []*tar.Header{{Name: long, Typeflag: tar.TypeReg}, {Name: "next", Typeflag: tar.TypeReg}}, members: []string{long, "next"}},
		{name: "symlink", headers: []*tar.Header{{Name: "l", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}}, want: []AnomalyKind{SymlinkMember}},
		{name: "hardlink", headers: []*tar.Header{{Name: "a", Typeflag: tar.TypeReg}, {Name: "h", Typeflag: tar.TypeLink, Linkname: "a"}}, want: []AnomalyKind{HardlinkMember}, members: []string{"a"}},
		{name: "devices", headers: []*tar.Header{{Name: "c", Typeflag: tar.TypeChar}, {Name: "b", Typeflag: tar.TypeBlock}, {Name: "f", Typeflag: tar.TypeFifo}}, want: []AnomalyKind{SpecialMember, SpecialMember, SpecialMember}},
		{name: "traversal", headers: []*tar.Header{{Name: "../../x.pkl", Typeflag: tar.TypeReg}}, want: []AnomalyKind{PathTraversal}, members: []string{"../../x.pkl"}},
		{name: "absolute", headers: []*tar.Header{{Name: "/x.pkl", Typeflag: tar.TypeReg}}, want: []AnomalyKind{AbsolutePath}, members: []string{"/x.pkl"}},
		{name: "duplicate", headers: []*tar.Header{{Name: "x", Typeflag: tar.TypeReg}, {Name: "./x", Typeflag: tar.TypeReg}}, want: []AnomalyKind{DuplicateName}, members: []string{"x", "./x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tarWith(t, tt.headers...)
			for _, n := range []Node{memNode("t.tar", data), streamNode("t.tar", data)} {
				r := expandAll(t, n, format.Tar, limits.Budget{})
				if r.err != nil {
					t.Fatal(r.err)
				}
				if !slices.Equal(r.kinds(), tt.want) {
					t.Errorf("anomalies %v, want %s", r.anomalies, joinKinds(tt.want))
				}
				if !slices.Equal(r.order, tt.members) {
					t.Errorf("members %v, want %v", r.order, tt.members)
				}
				for _, m := range r.order {
					if string(r.members[m]) != "body of "+m {
						t.Errorf("member %q = %q", m, r.members[m])
					}
				}
			}
		})
	}
}

// TestTarReaderAt checks members of a random-access tar get a ReaderAt at the right offset.
func TestTarReaderAt(t *testing.T) {
	long := strings.Repeat("x", 150)
	data := tarWith(t, &tar.Header{Name: "first", Typeflag: tar.TypeReg}, &tar.Header{Name: long, Typeflag: tar.TypeReg, PAXRecords: map[string]string{"comment": "pax"}})
	seen := 0
	_, err := Expand(t.Context(), memNode("t.tar", data), format.PyTorchTar, limits.Budget{}, nil, func(c Node) error {
		if c.ReaderAt == nil {
			t.Fatalf("%s has no ReaderAt", c.Member)
		}
		buf := make([]byte, c.Size)
		if _, err := c.ReaderAt.ReadAt(buf, 0); err != nil || string(buf) != "body of "+c.Name {
			t.Errorf("ReadAt %s = %q, %v", c.Member, buf, err)
		}
		seen++
		return nil
	})
	if err != nil || seen != 2 {
		t.Errorf("err %v, %d members", err, seen)
	}
}

func TestTarDamaged(t *testing.T) {
	data := tarWith(t, &tar.Header{Name: "a", Typeflag: tar.TypeReg}, &tar.Header{Name: "b", Typeflag: tar.TypeReg})
	tests := []struct {
		name    string
		data    []byte
		want    []AnomalyKind
		wantErr bool
	}{
		{name: "not a tar", data: []byte(strings.Repeat("not a tar ", 100)), wantErr: true},
		{name: "cut in second member's data", data: data[:512*3+4], want: []AnomalyKind{Truncated, Truncated}, wantErr: true},
		{name: "cut in second header", data: data[:512*2+100], want: []AnomalyKind{Truncated}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range []Node{memNode("t.tar", tt.data), streamNode("t.tar", tt.data)} {
				r := expandAll(t, n, format.Tar, limits.Budget{})
				if (r.err != nil) != tt.wantErr {
					t.Errorf("err = %v, want error: %v", r.err, tt.wantErr)
				}
				if !slices.Equal(r.kinds(), tt.want) {
					t.Errorf("anomalies %v, want %s", r.anomalies, joinKinds(tt.want))
				}
			}
		})
	}
}

func TestTarEntryBudget(t *testing.T) {
	var hs []*tar.Header
	for _, n := range []string{"a", "b", "c", "d"} {
		hs = append(hs, &tar.Header{Name: n, Typeflag: tar.TypeReg})
	}
	r := expandAll(t, memNode("t.tar", tarWith(t, hs...)), format.Tar, limits.Budget{MaxEntries: 2})
	if len(r.order) != 2 || !errors.Is(r.err, limits.ErrExceeded) {
		t.Errorf("members %v err %v", r.order, r.err)
	}
}
