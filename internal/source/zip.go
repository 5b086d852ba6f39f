package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// Zip general-purpose flag bits and methods.
const (
	zipFlagEncrypted   = 0x0001
	zipFlagLZMAEOS     = 0x0002
	zipFlagPatched     = 0x0020
	zipFlagStrong      = 0x0040
	zipStored          = 0
	zipDeflated        = 8
	zipBzip2           = 12
	zipLZMA            = 14
	zipZstd            = 93
	zipAES             = 99
	zipCryptHeader     = 12       // bytes of the traditional PKWARE encryption header
	zipTrialBytes      = 4 << 10  // output decoded to tell ciphertext from plain data
	zipTrialCompressed = 64 << 10 // most input a member of at most zipTrialBytes may have
)

// zipMethods maps the zip compression methods Python's zipfile (and, for 0 and 8, PyTorch)
// can read to the stream kind that decodes them. LZMA is special-cased (zip framing).
var zipMethods = map[uint16]format.Kind{zipDeflated: rawDeflate, zipBzip2: format.Bzip2, zipZstd: format.Zstd}

// ZipNames lists the member names of a zip node from its central directory only, so the caller
// can classify the layout (PyTorch "<root>/data.pkl", TorchScript "<root>/code/", npz "*.npy")
// cheaply. n needs a ReaderAt or a DiskPath (else the error wraps ErrNoRandomAccess: call
// Materialize first); at most b.MaxEntries names are returned, with an error wrapping
// limits.ErrExceeded when there are more.
func ZipNames(n Node, b limits.Budget) ([]string, error) {
	b = b.WithDefaults()
	if n.ReaderAt == nil || n.Size < 0 {
		if n.DiskPath == "" {
			return nil, fmt.Errorf("unable to list zip %s: %w", describe(n), ErrNoRandomAccess)
		}
		on, closer, err := OpenFile(n)
		if err != nil {
			return nil, err
		}
		defer closer.Close()
		n = on
	}
	d, err := readZipDir(n.ReaderAt, n.Size, b.MaxEntries)
	if err != nil {
		return nil, fmt.Errorf("unable to list zip %s: %w", describe(n), err)
	}
	names := make([]string, 0, len(d.entries))
	for _, e := range d.entries {
		names = append(names, e.name)
	}
	if d.more {
		return names[:b.MaxEntries], fmt.Errorf("unable to list zip %s fully: %w", describe(n),
			limits.Exceeded("archive entries", int64(b.MaxEntries)))
	}
	if d.capped {
		return names, fmt.Errorf("unable to list zip %s fully: %w", describe(n), limits.Exceeded("zip name bytes", zipMaxNameBytes))
	}
	return names, nil
}

// span is the byte range a member occupies, for the overlap check.
type span struct {
	start, end int64
	member     string
}

func (x *expander) zip() error {
	ra, size, cleanup, err := x.random()
	if err != nil {
		return err
	}
	defer cleanup()
	d, err := readZipDir(ra, size, x.b.MaxEntries)
	if err != nil {
		return fmt.Errorf("unable to expand %s: %w", describe(x.n), err)
	}
	for _, nt := range d.notes {
		if nt.kind == Budget {
			x.col.budget(Budget, x.n.Member, nt.detail, limits.Exceeded("zip name bytes", zipMaxNameBytes), false)
			continue
		}
		x.col.add(nt.kind, x.n.Member, nt.detail)
	}
	seen := map[string]bool{}
	var spans []span
	for i := range d.entries {
		if x.col.stopped() || !x.admit() {
			break
		}
		c, s, sp, ok := x.zipMember(ra, size, &d.entries[i], seen)
		if sp.end > sp.start {
			spans = append(spans, sp)
		}
		if !ok {
			continue
		}
		if err := x.visit(c, s); err != nil {
			return err
		}
	}
	x.overlaps(spans)
	return nil
}

// zipMember checks one entry and prepares its node; ok is false when there is nothing to read.
func (x *expander) zipMember(ra io.ReaderAt, size int64, e *zipEntry, seen map[string]bool) (Node, *session, span, bool) {
	member := joinMember(x.n.Member, e.name)
	if e.raw != e.name {
		x.col.add(NameMismatch, member, fmt.Sprintf("name %q holds a NUL byte; Python's zipfile reads it as %q", e.raw, e.name))
	}
	x.checkName(member, e.name)
	x.duplicate(seen, member, e.name)
	if e.isDir() {
		return Node{}, nil, span{}, false
	}
	if e.symlink {
		x.col.add(SymlinkMember, member, "symbolic link member is not followed")
		return Node{}, nil, span{}, false
	}
	loc, err := readLocal(ra, size, e)
	if err != nil {
		x.col.add(Malformed, member, err.Error())
		return Node{}, nil, span{}, false
	}
	if loc.name != e.raw {
		x.col.add(NameMismatch, member, fmt.Sprintf("local header name %q differs from central directory name %q (the central name is used, as PyTorch does)", loc.name, e.raw))
	}
	comp := x.zipExtent(member, size, loc.dataStart, e, e.flags|loc.flags)
	sp := span{start: e.local, end: loc.dataStart + comp, member: member}
	declared := e.size
	if e.method == zipStored {
		declared = max(declared, comp)
	}
	if x.tooLarge(member, declared) {
		return Node{}, nil, sp, false
	}
	c := x.child(e.name, e.size, e.mode)
	s := &session{}
	ok := x.zipData(&c, s, io.NewSectionReader(ra, min(loc.dataStart, size), comp), e, e.flags|loc.flags)
	return c, s, sp, ok
}

// zipExtent returns how many bytes from dataStart belong to the member. Compressed members
// span their compressed size. miniz (PyTorch) reads a stored member's uncompressed size
// whatever its compressed size says (its size check is skipped when the DOS time is not
// zero) and Python's zipfile the smaller of the two, so a stored member spans the larger one:
// each loader's view is a prefix of what is read. Bytes past the end of the archive are cut.
func (x *expander) zipExtent(member string, size, dataStart int64, e *zipEntry, flags uint16) int64 {
	want := e.compSize
	encrypted := flags&zipFlagEncrypted != 0 && e.compSize == e.size+zipCryptHeader
	if e.method == zipStored && !encrypted {
		want = max(e.compSize, e.size)
		if e.compSize != e.size {
			x.col.add(SizeMismatch, member, fmt.Sprintf("stored member declares %d compressed and %d uncompressed bytes; "+
				"PyTorch reads %d, Python's zipfile %d", e.compSize, e.size, e.size, min(e.compSize, e.size)))
		}
	}
	if dataStart > size || want > size-dataStart {
		x.col.add(Truncated, member, fmt.Sprintf("member data (%d bytes at %d) runs past the end of the archive", want, dataStart))
		return max(size-dataStart, 0)
	}
	return want
}

// zipData sets the child's readers for its compression method. flags is the union of the
// central and local flags: either may carry the evasion bits.
func (x *expander) zipData(c *Node, s *session, data *io.SectionReader, e *zipEntry, flags uint16) bool {
	member := c.Member
	if e.method == zipAES {
		x.col.add(Encrypted, member, "WinZip AES-encrypted member")
		return false
	}
	kind, known := zipMethods[e.method]
	if !known && e.method != zipStored && e.method != zipLZMA {
		x.col.add(Unscannable, member, fmt.Sprintf("compression method %d is not supported", e.method))
		return false
	}
	if flags&zipFlagEncrypted != 0 && x.zipEncrypted(e, data) {
		x.col.add(Encrypted, member, "traditional PKWARE-encrypted member")
		return false
	}
	if bits := flags & (zipFlagEncrypted | zipFlagPatched | zipFlagStrong); bits != 0 {
		x.col.add(FlagBits, member, fmt.Sprintf("general-purpose flags %#04x set on a member that reads as plain data (PyTorch ignores them)", bits))
	}
	if e.method == zipStored {
		// data spans what zipExtent chose; the CRC is checked when that is the declared size.
		c.Size = data.Size()
		c.ReaderAt = data
		c.Open = s.wrap(func() (io.ReadCloser, error) {
			cfg := x.guardFor(member, data.Size())
			if data.Size() == e.size {
				cfg.crc = &e.crc
			}
			return newGuard(io.NewSectionReader(data, 0, data.Size()), cfg), nil
		}, false)
		return true
	}
	c.Open = s.wrap(func() (io.ReadCloser, error) {
		src := &countReader{r: io.NewSectionReader(data, 0, data.Size())}
		r, err := x.zipDecoder(e, kind, src, member)
		if err != nil {
			return nil, err
		}
		cfg := x.guardFor(member, e.size)
		cfg.counter, cfg.src, cfg.crc, cfg.closers = x.counter, src, &e.crc, []io.Closer{r}
		return newGuard(r, cfg), nil
	}, false)
	return true
}

// zipDecoder returns the decompressor of a member, recording dictionary budget hits.
func (x *expander) zipDecoder(e *zipEntry, kind format.Kind, src io.Reader, member string) (io.ReadCloser, error) {
	var r io.ReadCloser
	var err error
	if e.method == zipLZMA {
		r, err = zipLZMAReader(src, e.size, e.flags&zipFlagLZMAEOS != 0, x.b.MaxDictBytes)
	} else {
		r, err = x.decoder(kind, src, member)
	}
	if err != nil {
		return nil, x.decodeErr(member, err)
	}
	return r, nil
}

// zipEncrypted tells a truly encrypted member from one that merely has flag 0x1 set (a trick
// PyTorch ignores): stored ciphertext carries a 12-byte header, and compressed ciphertext does
// not decode as a valid stream. A small member must also decode to exactly its declared size
// and, for deflate, end exactly at its compressed size, so a few lucky bytes do not pass.
func (x *expander) zipEncrypted(e *zipEntry, data *io.SectionReader) bool {
	if e.method == zipStored {
		return e.compSize == e.size+zipCryptHeader
	}
	small := e.size <= zipTrialBytes
	var src io.Reader = io.NewSectionReader(data, 0, data.Size())
	var rest *bytes.Reader
	if small {
		if data.Size() > zipTrialCompressed {
			return true // far too much input for so little output
		}
		buf := make([]byte, data.Size())
		if _, err := data.ReadAt(buf, 0); err != nil {
			return true
		}
		rest = bytes.NewReader(buf) // a ByteReader: the inflater reads no further than it needs
		src = rest
	}
	y := *x
	y.col = &collector{} // trial anomalies are not the member's
	r, err := y.zipDecoder(e, zipMethods[e.method], src, "")
	if err != nil {
		return true
	}
	defer r.Close()
	if _, err := io.CopyN(io.Discard, r, min(e.size, zipTrialBytes)); err != nil {
		return true
	}
	if !small {
		return false
	}
	if k, err := io.CopyN(io.Discard, r, 1); k != 0 || !errors.Is(err, io.EOF) {
		return true
	}
	return e.method == zipDeflated && rest.Len() > 0
}

// overlaps reports members whose local header and data share bytes with another member's,
// the construction of overlapping-file zip bombs and of archives that show different content
// to different readers.
func (x *expander) overlaps(spans []span) {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var prev span
	for i, sp := range spans {
		if i > 0 && sp.start < prev.end {
			x.col.add(Overlapping, sp.member, fmt.Sprintf("bytes %d-%d overlap member %q", sp.start, min(sp.end, prev.end), prev.member))
		}
		if sp.end > prev.end || i == 0 {
			prev = sp
		}
	}
}

// zipLZMAReader decodes a zip LZMA member: a 4-byte version/properties-size prefix, the 5
// LZMA properties, then raw LZMA data whose size the zip entry gives.
func zipLZMAReader(src io.Reader, size int64, eos bool, maxDict int64) (io.ReadCloser, error) {
	pre := make([]byte, 9)
	if _, err := io.ReadFull(src, pre); err != nil {
		return nil, fmt.Errorf("unable to read zip LZMA header: %w", err)
	}
	if le16(pre[2:]) != 5 {
		return nil, fmt.Errorf("unable to read zip LZMA header: %d property bytes, want 5", le16(pre[2:]))
	}
	hdr := make([]byte, 13)
	copy(hdr, pre[4:9])
	declared := size
	if eos {
		declared = -1
	}
	for i := range 8 {
		hdr[5+i] = byte(uint64(declared) >> (8 * i))
	}
	return lzmaAlone(io.MultiReader(bytes.NewReader(hdr), src), maxDict)
}
