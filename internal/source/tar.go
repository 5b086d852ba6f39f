package source

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"strings"
)

// tar expands a tar archive. Members of a tar with a ReaderAt get their own ReaderAt (their
// data offsets are where archive/tar leaves the section reader after each header); members of
// a streaming tar are read through the tar reader and may be opened once.
func (x *expander) tar() error {
	var r io.Reader
	var sec *io.SectionReader
	if x.n.ReaderAt != nil && x.n.Size >= 0 {
		sec = io.NewSectionReader(x.n.ReaderAt, 0, x.n.Size)
		r = sec
	} else {
		rc, err := x.n.Open()
		if err != nil {
			return fmt.Errorf("unable to open %s: %w", describe(x.n), err)
		}
		defer rc.Close()
		r = rc
	}
	tr := tar.NewReader(r)
	seen := map[string]bool{}
	for i := 0; !x.col.stopped(); i++ {
		if err := x.ctx.Err(); err != nil {
			return fmt.Errorf("unable to expand %s: %w", describe(x.n), err)
		}
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return x.tarErr(i, err)
		}
		if !x.admit() {
			return nil
		}
		if err := x.tarEntry(tr, sec, h, seen); err != nil {
			return err
		}
	}
	return nil
}

// tarErr reports a header that cannot be read: an error before the first entry means this is
// not a tar at all; later it is a truncated or damaged archive whose rest was not analysed.
func (x *expander) tarErr(entries int, err error) error {
	var done *recorded
	if entries > 0 && !errors.As(err, &done) {
		x.col.add(Truncated, x.n.Member, fmt.Sprintf("tar unreadable after %d entries: %v", entries, err))
	}
	return fmt.Errorf("unable to read tar %s: %w", describe(x.n), err)
}

// tarEntry reports link and special members and visits regular ones. Unknown type flags are
// read as regular files, as Python's tarfile does.
func (x *expander) tarEntry(tr *tar.Reader, sec *io.SectionReader, h *tar.Header, seen map[string]bool) error {
	member := joinMember(x.n.Member, h.Name)
	x.checkName(member, h.Name)
	x.duplicate(seen, member, h.Name)
	switch h.Typeflag {
	case tar.TypeDir:
		return nil
	case tar.TypeSymlink:
		x.col.add(SymlinkMember, member, fmt.Sprintf("symbolic link to %q is not followed", h.Linkname))
		return nil
	case tar.TypeLink:
		x.col.add(HardlinkMember, member, fmt.Sprintf("hard link to %q (its target is analysed)", h.Linkname))
		return nil
	case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
		x.col.add(SpecialMember, member, fmt.Sprintf("special file (type %q) is not analysed", h.Typeflag))
		return nil
	}
	if x.tooLarge(member, h.Size) {
		return nil
	}
	c := x.child(h.Name, h.Size, h.FileInfo().Mode())
	s := &session{}
	if sec != nil && !tarSparse(h) {
		if off, err := sec.Seek(0, io.SeekCurrent); err == nil && off <= x.n.Size-h.Size {
			ra, size := x.n.ReaderAt, h.Size
			c.ReaderAt = io.NewSectionReader(ra, off, size)
			c.Open = s.wrap(func() (io.ReadCloser, error) {
				return newGuard(io.NewSectionReader(ra, off, size), x.guardFor(member, size)), nil
			}, false)
			return x.visit(c, s)
		}
	}
	c.Open = s.wrap(func() (io.ReadCloser, error) {
		return newGuard(tr, x.guardFor(member, h.Size)), nil
	}, true)
	return x.visit(c, s)
}

// tarSparse reports sparse members, whose stored bytes are not their content.
func tarSparse(h *tar.Header) bool {
	if h.Typeflag == tar.TypeGNUSparse {
		return true
	}
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}
