package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// Expand calls fn for every member of the container node n, in archive order, and returns the
// anomalies seen. kind is the sniffed container kind: format.Zip, PyTorchZip, TorchScript and
// NumPyZip are zip archives; Tar and PyTorchTar are tar archives; Gzip, Bzip2, XZ, LZMA, Zstd,
// LZ4 and Zlib are single compressed streams with one child; SevenZip is a 7z archive.
//
// counter is the decompressed-bytes allowance shared by the whole top-level input (nil: a fresh
// one of b.MaxExpandedBytes). A budget hit (depth, entries, bytes, ratio, member size) is
// returned both as an anomaly and as an error wrapping limits.ErrExceeded, so the caller marks
// the input partial; after a shared allowance (entries, bytes, depth) runs out no further members
// are visited, while a single oversized or bomb member is cut and the next members still visited.
//
// Each child's Open and ReaderAt are valid only while fn runs for it: readers left open are
// closed when fn returns. Anomalies found while the caller reads (crc-mismatch, ratio, truncated)
// are reported only if the reading happens inside fn. An error returned by fn stops the
// expansion and is returned wrapped. Members that cannot be analysed (encrypted, unsupported
// method, symlinks) are not passed to fn: they appear as anomalies, see Anomaly.Incomplete.
func Expand(ctx context.Context, n Node, kind format.Kind, b limits.Budget, counter *limits.Counter, fn func(child Node) error) ([]Anomaly, error) {
	b = b.WithDefaults()
	if counter == nil {
		counter = limits.NewCounter("decompressed bytes", b.MaxExpandedBytes)
	}
	x := &expander{ctx: ctx, n: n, b: b, counter: counter, fn: fn, col: &collector{}}
	var err error
	if n.Depth+1 > b.MaxDepth {
		x.col.budget(Budget, n.Member, fmt.Sprintf("containers nested deeper than %d", b.MaxDepth),
			limits.Exceeded("container depth", int64(b.MaxDepth)), true)
	} else {
		err = x.expand(kind)
	}
	anomalies, exceeded := x.col.snapshot()
	switch {
	case err == nil && exceeded != nil:
		err = fmt.Errorf("unable to expand %s fully: %w", describe(n), exceeded)
	case err != nil && exceeded != nil && !errors.Is(err, limits.ErrExceeded):
		err = errors.Join(err, fmt.Errorf("unable to expand %s fully: %w", describe(n), exceeded))
	}
	return anomalies, err
}

// describe names a node in error messages.
func describe(n Node) string {
	if n.Member == "" {
		return n.Path
	}
	return n.Path + MemberSep + n.Member
}

// expander holds the state of one Expand call.
type expander struct {
	ctx     context.Context
	n       Node
	b       limits.Budget
	counter *limits.Counter
	fn      func(Node) error
	col     *collector
	entries int
}

func (x *expander) expand(kind format.Kind) error {
	switch {
	case kind == format.Zip || kind == format.PyTorchZip || kind == format.TorchScript || kind == format.NumPyZip:
		return x.zip()
	case kind == format.Tar || kind == format.PyTorchTar:
		return x.tar()
	case kind == format.SevenZip:
		return x.sevenZip()
	case kind.IsCompression():
		return x.stream(kind)
	}
	return fmt.Errorf("unable to expand %s as %q: %w", describe(x.n), kind, ErrNotContainer)
}

// child returns the node of member name with the container's identity filled in.
func (x *expander) child(name string, size int64, mode fs.FileMode) Node {
	return Node{
		Path:   x.n.Path,
		Member: joinMember(x.n.Member, name),
		Name:   baseName(name),
		Size:   size,
		Depth:  x.n.Depth + 1,
		Mode:   mode,
		Root:   x.n.Root,
	}
}

// admit counts one archive entry and reports false once the entry budget is spent.
func (x *expander) admit() bool {
	x.entries++
	if x.entries <= x.b.MaxEntries {
		return true
	}
	x.col.budget(Budget, x.n.Member, fmt.Sprintf("more than %d entries; the rest were not read", x.b.MaxEntries),
		limits.Exceeded("archive entries", int64(x.b.MaxEntries)), true)
	return false
}

// tooLarge reports (as a budget anomaly) a member whose declared size is over MaxFileBytes.
func (x *expander) tooLarge(member string, size int64) bool {
	if size <= x.b.MaxFileBytes {
		return false
	}
	x.col.budget(Budget, member, fmt.Sprintf("declared size %d exceeds the %d byte member budget", size, x.b.MaxFileBytes),
		limits.Exceeded("member size", x.b.MaxFileBytes), false)
	return true
}

// visit hands one child to the callback; its readers are closed and invalidated afterwards.
func (x *expander) visit(c Node, s *session) error {
	defer s.end()
	if err := x.ctx.Err(); err != nil {
		return fmt.Errorf("unable to expand %s: %w", describe(x.n), err)
	}
	if err := x.fn(c); err != nil {
		return fmt.Errorf("unable to analyse member %q: %w", c.Member, err)
	}
	return nil
}

// guardFor returns the guard settings for a member; decompressing members also pass src.
func (x *expander) guardFor(member string, want int64) guardConfig {
	return guardConfig{ctx: x.ctx, col: x.col, member: member, ratio: x.b.MaxRatio, max: x.b.MaxFileBytes, want: want}
}

// checkName reports names that would escape an extraction directory. Backslashes alone are
// not reported (Windows tools write them), but they do count as separators for "..".
func (x *expander) checkName(member, name string) {
	switch {
	case strings.HasPrefix(name, "/") || strings.HasPrefix(name, "\\"):
		x.col.add(AbsolutePath, member, fmt.Sprintf("name %q is absolute", name))
	case len(name) >= 2 && name[1] == ':' && isLetter(name[0]):
		x.col.add(AbsolutePath, member, fmt.Sprintf("name %q starts with a drive letter", name))
	}
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			x.col.add(PathTraversal, member, fmt.Sprintf("name %q has a \"..\" element", name))
			return
		}
	}
}

// duplicate reports the second and later members with one name.
func (x *expander) duplicate(seen map[string]bool, member, name string) {
	clean := path.Clean(strings.ReplaceAll(name, "\\", "/"))
	if seen[clean] {
		x.col.add(DuplicateName, member, fmt.Sprintf("name %q appears more than once", name))
	}
	seen[clean] = true
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
