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

// ErrNoRandomAccess is returned by ZipNames for a node without a ReaderAt that is not a file
// on disk; Materialize gives such a node random access.
var ErrNoRandomAccess = errors.New("random access is required (use Materialize)")

// Materialize returns n with random access: n itself when it has a ReaderAt, the opened file
// for a top-level file, otherwise its bytes spooled to memory (up to 64 MiB) or to a temporary
// file, at most b.MaxFileBytes (an error wrapping limits.ErrExceeded beyond). The returned node's
// Open may be called any number of times; close the io.Closer (which removes any temporary
// file) when done with the node and its children. For a streaming member this uses its Open,
// so call it inside the Expand callback, before or instead of reading the member.
func Materialize(n Node, b limits.Budget) (Node, io.Closer, error) {
	b = b.WithDefaults()
	if n.ReaderAt != nil && n.Size >= 0 {
		return n, closerFunc(func() {}), nil
	}
	if n.DiskPath != "" {
		return OpenFile(n)
	}
	ra, size, cleanup, err := spool(n, b.MaxFileBytes)
	if err != nil {
		return n, nil, err
	}
	n.ReaderAt, n.Size = ra, size
	n.Open = func() (io.ReadCloser, error) { return io.NopCloser(io.NewSectionReader(ra, 0, size)), nil }
	return n, closerFunc(cleanup), nil
}

// closerFunc adapts a cleanup function to io.Closer.
type closerFunc func()

func (f closerFunc) Close() error {
	f()
	return nil
}

// random returns random access to the container being expanded (see Materialize); a spool over
// the member budget is recorded as a budget anomaly.
func (x *expander) random() (io.ReaderAt, int64, func(), error) {
	m, closer, err := Materialize(x.n, x.b)
	if err != nil {
		if errors.Is(err, limits.ErrExceeded) {
			x.col.budget(Budget, x.n.Member, fmt.Sprintf("container larger than %d bytes", x.b.MaxFileBytes), err, false)
		}
		return nil, 0, nil, err
	}
	return m.ReaderAt, m.Size, func() { _ = closer.Close() }, nil
}

// spool reads a streaming node into memory, or into a temporary file when it is large.
func spool(n Node, maxBytes int64) (io.ReaderAt, int64, func(), error) {
	rc, err := n.Open()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to open %s: %w", describe(n), err)
	}
	defer rc.Close()
	buf, err := io.ReadAll(io.LimitReader(rc, min(spoolInMemory, maxBytes)+1))
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to read %s: %w", describe(n), err)
	}
	if len(buf) <= spoolInMemory && int64(len(buf)) <= maxBytes {
		return bytes.NewReader(buf), int64(len(buf)), func() {}, nil
	}
	return spoolFile(n, buf, rc, maxBytes)
}

// spoolFile writes an oversized streaming node to a temporary file, bounded by maxBytes.
func spoolFile(n Node, head []byte, rest io.Reader, maxBytes int64) (io.ReaderAt, int64, func(), error) {
	if int64(len(head)) > maxBytes {
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(n), limits.Exceeded("member size", maxBytes))
	}
	f, err := os.CreateTemp("", "aisec-spool-*")
	if err != nil {
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(n), err)
	}
	cleanup := func() {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}
	k, err := f.Write(head)
	if err == nil {
		var more int64
		more, err = io.Copy(f, io.LimitReader(rest, maxBytes-int64(k)+1))
		k += int(more)
	}
	switch {
	case err != nil:
		cleanup()
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(n), err)
	case int64(k) > maxBytes:
		cleanup()
		return nil, 0, nil, fmt.Errorf("unable to spool %s: %w", describe(n), limits.Exceeded("member size", maxBytes))
	}
	return f, int64(k), cleanup, nil
}
