// Package source turns paths into analysable nodes: it walks files and directories and expands
// containers (zip, tar, compressed streams, 7z) into their members, under budgets. It reads
// archives the way the loaders being defended read them (PyTorch's miniz, Python's zipfile),
// because parser differentials are the main way malicious models slip past scanners, and it
// reports every structural oddity it tolerates as an Anomaly instead of hiding it.
package source

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"sync"
)

// Node is one file or container member to analyse.
type Node struct {
	// Path is the top-level file: relative to the root when walking a directory, as given for a
	// file argument. Members inherit their container's Path.
	Path string
	// Member is the member chain inside containers, "" at top level, each nesting level joined by
	// "!/": "c/inner.zip!/d.pkl" is d.pkl inside c/inner.zip inside the file at Path.
	Member string
	// Name is the base name of the innermost item (a hint only: formats are identified by content).
	Name string
	// Size is the byte size, or -1 when unknown (compressed streams). For compressed archive
	// members it is the declared size, which is also where reading stops (as in the loaders).
	Size int64
	// Depth is the container nesting: 0 for top-level files.
	Depth int
	// Mode is the file mode (from the file system, tar header or zip external attributes).
	Mode fs.FileMode
	// Open returns a reader over the node's bytes. Members are valid only inside the Expand
	// callback that received them. Members of streaming containers (tar read from a stream,
	// compressed streams, 7z) share one stream: a later Open replays what earlier Opens read and
	// continues, which allows "open, sniff the head, open again to parse", but fails once more
	// than 64 KiB were read, and the earlier readers stop working. Members with a ReaderAt may be
	// opened freely (each Open of a compressed zip member decompresses again and is charged
	// again). Top-level nodes from Walk may be opened at any time.
	Open func() (io.ReadCloser, error)
	// ReaderAt is non-nil when random access is cheap: files opened with OpenFile, stored zip
	// members, and members of a tar that itself has a ReaderAt. Valid as long as Open is.
	ReaderAt io.ReaderAt
	// DiskPath is the operating-system path of a top-level file (the resolved target for a
	// followed symlink); "" for members. OpenFile opens it.
	DiskPath string
	// WalkPath is where the walk found a top-level file, before symbolic links are resolved
	// (equal to DiskPath for other files); "" for members.
	WalkPath string
	// Root is the walk root the node was found under, exactly as given to Walk.
	Root string
}

// MemberSep separates nesting levels in Node.Member.
const MemberSep = "!/"

// joinMember appends name to a member chain.
func joinMember(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + MemberSep + name
}

// baseName returns the last path element of an archive member name, accepting both slash
// kinds because archives made on Windows use backslashes.
func baseName(name string) string {
	name = strings.TrimRight(name, "/\\")
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		return name[i+1:]
	}
	return name
}

// AnomalyKind names a structural oddity seen while expanding a container.
type AnomalyKind string

// Anomaly kinds. Kinds marked "incomplete" mean some content could not be analysed (see
// Anomaly.Incomplete); the others describe content that was still analysed.
const (
	PathTraversal  AnomalyKind = "path-traversal"      // member name with a ".." element
	AbsolutePath   AnomalyKind = "absolute-path"       // member name starting with "/" or "\" or a drive letter
	SymlinkMember  AnomalyKind = "symlink-member"      // symbolic link member (not followed, not analysed)
	HardlinkMember AnomalyKind = "hardlink-member"     // tar hard link (not analysed: its target is)
	SpecialMember  AnomalyKind = "special-member"      // device, fifo or other non-regular member
	Encrypted      AnomalyKind = "encrypted"           // incomplete: encrypted member (ZipCrypto, AES)
	NameMismatch   AnomalyKind = "name-mismatch"       // zip local header name differs from the central one
	FlagBits       AnomalyKind = "flag-bits"           // zip flags 0x1/0x20/0x40 on a member that reads as plain data
	CRCMismatch    AnomalyKind = "crc-mismatch"        // checksum differs (loaders that skip CRC checks still load it)
	DuplicateName  AnomalyKind = "duplicate-name"      // two members with the same name
	Overlapping    AnomalyKind = "overlapping-entries" // zip members whose byte ranges overlap
	Ratio          AnomalyKind = "ratio"               // incomplete: compression ratio over budget (bomb)
	Budget         AnomalyKind = "budget"              // incomplete: entries, depth, size or byte budget hit
	Unscannable    AnomalyKind = "unscannable"         // incomplete: unsupported method, AES 7z, dictionary too large
	Truncated      AnomalyKind = "truncated"           // incomplete: data ends early
	TrailingData   AnomalyKind = "trailing-data"       // bytes after the end of the archive or stream
	PrependedData  AnomalyKind = "prepended-data"      // bytes before a zip's first entry (polyglot, self-extractor)
	Malformed      AnomalyKind = "malformed"           // incomplete: structure that loaders reject (bad local header, ...)
)

// Anomaly is one structural oddity seen while expanding a container.
type Anomaly struct {
	Kind AnomalyKind
	// Member is the full member chain of the item concerned (as in Node.Member), or the
	// container's own chain for archive-wide anomalies ("" for a top-level container).
	Member string
	Detail string
}

// Incomplete reports whether the anomaly means some content was not analysed, so the caller
// must not report the input as fully scanned.
func (a Anomaly) Incomplete() bool {
	switch a.Kind {
	case Encrypted, Ratio, Budget, Unscannable, Truncated, Malformed:
		return true
	}
	return false
}

// ErrNotContainer is returned by Expand for a kind that is not a container.
var ErrNotContainer = errors.New("not a container kind")

// errUnsupported marks content in a format variant this package cannot decode (xz filters
// other than LZMA2, exotic 7z header coders); it becomes an Unscannable anomaly.
var errUnsupported = errors.New("unsupported format variant")

// collector gathers the anomalies of one Expand call. Member readers may report from the
// caller's goroutines, hence the mutex.
type collector struct {
	mu       sync.Mutex
	list     []Anomaly
	seen     map[Anomaly]bool
	exceeded error // first budget error, wraps limits.ErrExceeded
	stop     bool  // a shared allowance is exhausted: visit no further members
}

func (c *collector) add(kind AnomalyKind, member, detail string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a := Anomaly{Kind: kind, Member: member, Detail: detail}
	if c.seen == nil {
		c.seen = map[Anomaly]bool{}
	}
	if c.seen[a] {
		return // repeated Opens of one member must not repeat its anomalies
	}
	c.seen[a] = true
	c.list = append(c.list, a)
}

// budget records a budget anomaly and remembers err (which wraps limits.ErrExceeded); stop
// asks the expander not to visit further members.
func (c *collector) budget(kind AnomalyKind, member, detail string, err error, stop bool) {
	c.add(kind, member, detail)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.exceeded == nil {
		c.exceeded = err
	}
	if stop {
		c.stop = true
	}
}

func (c *collector) stopped() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stop
}

func (c *collector) snapshot() ([]Anomaly, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Anomaly(nil), c.list...), c.exceeded
}
