package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/aisecops/aisec/internal/limits"
)

// spoolInMemory is the largest container without random access (a zip inside a gzip or a
// deflated zip member) that is buffered in memory; larger ones go to a temporary file.
const spoolInMemory = 64 << 20

// OpenFile opens a top-level node from Walk for random access: the returned node has ReaderAt
// set (the open file), Size from fstat and an Open that may be called any number of times. The
// caller closes the returned io.Closer once the node and all its children are done.
func OpenFile(n Node) (Node, io.Closer, error) {
	if n.DiskPath == "" {
		return n, nil, fmt.Errorf("unable to open %s: not a file on disk", describe(n))
	}
	f, err := os.Open(n.DiskPath)
	if err != nil {
		return n, nil, fmt.Errorf("unable to open %s: %w", n.Path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return n, nil, fmt.Errorf("unable to stat %s: %w", n.Path, err)
	}
	if !fi.Mode().IsRegular() {
		_ = f.Close()
		return n, nil, fmt.Errorf("unable to open %s: not a regular file (%s)", n.Path, fi.Mode().Type())
	}
	size := fi.Size()
	n.Size, n.Mode, n.ReaderAt = size, fi.Mode(), f
	n.Open = func() (io.ReadCloser, error) { return io.NopCloser(io.NewSectionReader(f, 0, size)), nil }
	return n, f, nil
}

// Peek returns up to size leading bytes of n (fewer when n is shorter) for format sniffing,
// and the node to use afterwards. A node with a ReaderAt is read in place and returned
// unchanged; a streaming node is opened (its one allowed Open) and the returned node's Open
// replays the peeked bytes before the rest, so it may in turn be opened once.
func Peek(n Node, size int) ([]byte, Node, error) {
	buf := make([]byte, size)
	if n.ReaderAt != nil {
		k, err := n.ReaderAt.ReadAt(buf, 0)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, n, fmt.Errorf("unable to read %s: %w", describe(n), err)
		}
		return buf[:k], n, nil
	}
	rc, err := n.Open()
	if err != nil {
		return nil, n, fmt.Errorf("unable to open %s: %w", describe(n), err)
	}
	k, err := io.ReadFull(rc, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		_ = rc.Close()
		return nil, n, fmt.Errorf("unable to read %s: %w", describe(n), err)
	}
	head := buf[:k]
	used := false
	n.Open = func() (io.ReadCloser, error) {
		if used {
			return nil, errReopen
		}
		used = true
		return struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), rc), rc}, nil
	}
	return head, n, nil
}

// random returns random access to the container being expanded, spooling a streaming one to
// memory or a temporary file (removed by the returned cleanup).
func (x *expander) random() (io.ReaderAt, int64, func(), error) {
	if x.n.ReaderAt != nil && x.n.Size >= 0 {
		return x.n.ReaderAt, x.n.Size, func() {}, nil
	}
	rc, err := x.n.Open()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to open %s: %w", describe(x.n), err)
	}
	defer rc.Close()
	buf, err := io.ReadAll(io.LimitReader(rc, spoolInMemory+1))
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to read %s: %w", describe(x.n), err)
	}
	if len(buf) <= spoolInMemory && int64(len(buf)) <= x.b.MaxFileBytes {
		return bytes.NewReader(buf), int64(len(buf)), func() {}, nil
	}
	return x.spoolFile(buf, rc)
}

// spoolFile writes an oversized streaming container to a temporary file, bounded by MaxFileBytes.
func (x *expander) spoolFile(head []byte, rest io.Reader) (io.ReaderAt, int64, func(), error) {
	f, err := os.CreateTemp("", "aisec-spool-*")
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(x.n), err)
	}
	cleanup := func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}
	if _, err := f.Write(head); err != nil {
		cleanup()
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(x.n), err)
	}
	n, err := io.Copy(f, io.LimitReader(rest, max(x.b.MaxFileBytes-int64(len(head))+1, 0)))
	if err != nil {
		cleanup()
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(x.n), err)
	}
	size := int64(len(head)) + n
	if size > x.b.MaxFileBytes {
		cleanup()
		err := limits.Exceeded("member size", x.b.MaxFileBytes)
		x.col.budget(Budget, x.n.Member, fmt.Sprintf("container larger than %d bytes", x.b.MaxFileBytes), err, false)
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(x.n), err)
	}
	return f, size, cleanup, nil
}
