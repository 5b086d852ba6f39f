package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"

	"github.com/bodgit/sevenzip"

	"github.com/aisecops/aisec/internal/limits"
)

// sevenZip expands a 7z archive with bodgit/sevenzip after inspect7z has bounded its header.
// Every library call runs under recover (the library has panicked on malformed headers).
// Decoding is charged up front by declared member size, because opening a member of a solid
// block decodes everything before it whether or not the caller reads it.
func (x *expander) sevenZip() error {
	ra, size, cleanup, err := x.random()
	if err != nil {
		return err
	}
	defer cleanup()
	info, err := inspect7z(ra, size, x.b.MaxDictBytes, x.b.MaxEntries)
	if err != nil {
		return x.szRefuse(err)
	}
	if info.numFiles > uint64(x.b.MaxEntries) {
		x.col.budget(Budget, x.n.Member, fmt.Sprintf("%d entries exceed the %d entry budget", info.numFiles, x.b.MaxEntries),
			limits.Exceeded("archive entries", int64(x.b.MaxEntries)), true)
		return nil
	}
	r, err := szNewReader(ra, size)
	if err != nil {
		return x.szRefuse(err)
	}
	return x.szMembers(r, info, size)
}

// szRefuse turns a refusal to open the archive into anomalies; only a malformed archive is an error.
func (x *expander) szRefuse(err error) error {
	var re *sevenzip.ReadError
	switch {
	case errors.Is(err, errSZEncryptedHeader), errors.As(err, &re) && re.Encrypted:
		x.col.add(Unscannable, x.n.Member, "7z archive is AES-encrypted: its members cannot be read without the password")
		return nil
	case errors.Is(err, errSZUnsupported):
		x.col.add(Unscannable, x.n.Member, err.Error())
		return nil
	case errors.Is(err, limits.ErrExceeded):
		x.col.budget(Budget, x.n.Member, err.Error(), err, true)
		return nil
	}
	return fmt.Errorf("unable to read 7z %s: %w", describe(x.n), err)
}

func (x *expander) szMembers(r *sevenzip.Reader, info *szInfo, archiveSize int64) error {
	seen := map[string]bool{}
	var declared int64
	for _, f := range r.File {
		if x.col.stopped() || !x.admit() {
			break
		}
		member := joinMember(x.n.Member, f.Name)
		x.checkName(member, f.Name)
		x.duplicate(seen, member, f.Name)
		mode := f.Mode()
		if mode.IsDir() {
			continue
		}
		if mode&fs.ModeSymlink != 0 {
			x.col.add(SymlinkMember, member, "symbolic link member is not followed")
			continue
		}
		size := int64(min(f.UncompressedSize, math.MaxInt64))
		if x.tooLarge(member, size) || !x.szFolderOK(info, f, member, size) {
			continue
		}
		declared += size
		if declared > ratioFloor && declared/max(archiveSize, 1) > x.b.MaxRatio {
			x.col.budget(Ratio, member, fmt.Sprintf("%d bytes declared from a %d byte archive exceeds %d:1", declared, archiveSize, x.b.MaxRatio),
				limits.Exceeded("compression ratio", x.b.MaxRatio), true)
			break
		}
		if err := x.counter.Take(size); err != nil {
			x.col.budget(Budget, member, "decompressed bytes budget exhausted", err, true)
			break
		}
		if err := x.szVisit(f, member, size, mode); err != nil {
			return err
		}
	}
	return nil
}

// szFolderOK refuses members whose folder is encrypted or needs a dictionary over budget.
func (x *expander) szFolderOK(info *szInfo, f *sevenzip.File, member string, size int64) bool {
	if size == 0 {
		return true // empty files have no folder
	}
	if f.Stream < 0 || f.Stream >= len(info.folders) {
		x.col.add(Malformed, member, "member refers to a folder the header does not describe")
		return false
	}
	fo := info.folders[f.Stream]
	if szEncrypted(fo) {
		x.col.add(Unscannable, member, "AES-encrypted member cannot be read without the password")
		return false
	}
	if d := szFolderDict(fo); d > x.b.MaxDictBytes {
		err := dictExceeded(d, x.b.MaxDictBytes)
		x.col.budget(Budget, member, err.Error(), err, false)
		return false
	}
	return true
}

// szVisit opens a member before the callback, so encryption and damage become anomalies.
func (x *expander) szVisit(f *sevenzip.File, member string, size int64, mode fs.FileMode) error {
	rc, err := szOpen(f)
	if err != nil {
		var re *sevenzip.ReadError
		if errors.As(err, &re) && re.Encrypted {
			x.col.add(Unscannable, member, "AES-encrypted member cannot be read without the password")
		} else {
			x.col.add(Malformed, member, err.Error())
		}
		return nil
	}
	cfg := x.guardFor(member, size)
	safe := &safeReader{rc: rc}
	cfg.closers = []io.Closer{safe}
	g := newGuard(safe, cfg)
	defer g.Close()
	c := x.child(f.Name, size, mode)
	s := &session{}
	c.Open = s.wrap(func() (io.ReadCloser, error) { return g, nil }, true)
	return x.visit(c, s)
}

func szNewReader(ra io.ReaderAt, size int64) (r *sevenzip.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%w: 7z library panic: %v", errSZFormat, p)
		}
	}()
	return sevenzip.NewReader(ra, size)
}

func szOpen(f *sevenzip.File) (rc io.ReadCloser, err error) {
	defer func() {
		if p := recover(); p != nil {
			rc, err = nil, fmt.Errorf("%w: 7z library panic: %v", errSZFormat, p)
		}
	}()
	return f.Open()
}

// safeReader turns library panics during decoding into errors.
type safeReader struct{ rc io.ReadCloser }

func (s *safeReader) Read(p []byte) (n int, err error) {
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("%w: 7z decoder panic: %v", errSZFormat, v)
		}
	}()
	return s.rc.Read(p)
}

func (s *safeReader) Close() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: 7z library panic on close: %v", errSZFormat, v)
		}
	}()
	return s.rc.Close()
}

var _ io.ReadCloser = (*safeReader)(nil)
