package source

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
)

// Zip record signatures and fixed sizes (APPNOTE.TXT 4.3).
const (
	zipLocalSig      = 0x04034b50
	zipCentralSig    = 0x02014b50
	zipEOCDSig       = 0x06054b50
	zip64LocatorSig  = 0x07064b50
	zip64EOCDSig     = 0x06064b50
	zipEOCDLen       = 22
	zip64LocatorLen  = 20
	zip64EOCDLen     = 56
	zipCentralLen    = 46
	zipLocalLen      = 30
	zipEOCDSearch    = 1<<16 - 1 + zipEOCDLen // largest comment plus the record itself
	zipEOCDMaxTries  = 8                      // bounds the work a file full of fake end records causes
	zipMaxNameBytes  = 64 << 20               // member names kept in memory for one archive
	zipSaturated32   = math.MaxUint32
	zipHostUnix      = 3
	zipHostDarwin    = 19
	zipZip64ExtraTag = 0x0001
)

var errNoDirectory = errors.New("no readable central directory")

// Zip parser-differential anomaly kinds, declared next to the code that finds them.
const (
	// DirectoryMismatch: the end records lead different loaders to different central directories.
	DirectoryMismatch AnomalyKind = "directory-mismatch"
	// SizeMismatch: a stored member whose compressed and uncompressed sizes differ; loaders
	// read different byte counts (miniz the uncompressed size, Python's zipfile the smaller).
	SizeMismatch AnomalyKind = "size-mismatch"
)

// zipEntry is one central directory record, the source of truth for names, sizes and offsets
// (as in PyTorch's miniz and Python's zipfile).
type zipEntry struct {
	name     string // central name cut at the first NUL, as Python's zipfile does
	raw      string // central name bytes as stored
	flags    uint16
	method   uint16
	crc      uint32
	compSize int64
	size     int64
	local    int64 // absolute offset of the local header
	mode     fs.FileMode
	symlink  bool
}

func (e *zipEntry) isDir() bool {
	return strings.HasSuffix(e.name, "/") && e.size == 0 && e.compSize == 0
}

// note is an archive-wide anomaly found while reading the directory.
type note struct {
	kind   AnomalyKind
	detail string
}

// zipDir is a parsed central directory.
type zipDir struct {
	entries   []zipEntry
	notes     []note
	more      bool // more than the entry limit: entries holds limit+1 records
	nameBytes int
	capped    bool // names over zipMaxNameBytes: the rest of the directory was not read
}

func (d *zipDir) note(kind AnomalyKind, format string, args ...any) {
	d.notes = append(d.notes, note{kind: kind, detail: fmt.Sprintf(format, args...)})
}

// endRecord is what the (zip64) end of central directory record says.
type endRecord struct {
	entries uint64
	cdSize  int64
	cdOff   int64
	end     int64 // where the central directory should end: the start of the (zip64) end record
	python  bool  // Python's view, which shifts offsets by the bytes it infers were prepended
}

// readZipDir finds the end record in the last 64 KiB + 22 bytes (latest candidate first, as
// miniz and zipfile do) and reads the central directory it points to, keeping at most
// maxEntries+1 records.
func readZipDir(ra io.ReaderAt, size int64, maxEntries int) (*zipDir, error) {
	if size < zipEOCDLen {
		return nil, fmt.Errorf("unable to read zip directory: %w", errNoDirectory)
	}
	n := min(size, zipEOCDSearch)
	tail := make([]byte, n)
	if _, err := ra.ReadAt(tail, size-n); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("unable to read zip end record: %w", err)
	}
	lastErr := errNoDirectory
	tries := 0
	for i := len(tail) - zipEOCDLen; i >= 0 && tries < zipEOCDMaxTries; i-- {
		if le32(tail[i:]) != zipEOCDSig {
			continue
		}
		tries++
		d, err := readFromEnd(ra, size, size-n+int64(i), tail[i:i+zipEOCDLen], maxEntries)
		if err == nil {
			return d, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("unable to read zip directory: %w", lastErr)
}

// readFromEnd reads the directories described by the end record at pos (see endViews).
func readFromEnd(ra io.ReaderAt, size, pos int64, rec []byte, maxEntries int) (*zipDir, error) {
	d := &zipDir{}
	e32 := endRecord{entries: uint64(le16(rec[10:])), cdSize: int64(le32(rec[12:])), cdOff: int64(le32(rec[16:])), end: pos, python: true}
	if extra := size - (pos + zipEOCDLen + int64(le16(rec[20:]))); extra > 0 {
		d.note(TrailingData, "%d bytes after the end of the zip archive", extra)
	}
	views := endViews(ra, pos, e32, d)
	found := 0
	for _, e := range views {
		before := len(d.entries)
		if !d.readView(ra, size, e, maxEntries) {
			continue
		}
		found++
		if got := len(d.entries) - before; !d.more && uint64(got) != e.entries {
			d.note(Malformed, "central directory holds %d entries, end record says %d", got, e.entries)
		}
	}
	if found == 0 {
		if views[0].entries == 0 {
			return d, nil // an empty archive has no directory to find
		}
		return nil, errNoDirectory
	}
	if found > 1 {
		d.note(DirectoryMismatch, "the zip64 end record before the locator (read by Python's zipfile), the one at "+
			"the locator's offset (read by miniz/PyTorch) and the 32-bit end record describe %d different "+
			"central directories; all were read", found)
	}
	return d, nil
}

// readView reads the central directory one end record describes; false when none is there.
func (d *zipDir) readView(ra io.ReaderAt, size int64, e endRecord, maxEntries int) bool {
	found := false
	bases := []int64{0}
	if e.python {
		bases = directoryBases(e, d)
	}
	for _, base := range bases {
		start := e.cdOff + base
		if start < 0 || start > size-4 || !hasSig(ra, start, zipCentralSig) {
			continue
		}
		found = true
		d.readCentral(ra, size, start, base, maxEntries)
	}
	return found
}

// directoryBases returns where offsets are counted from. miniz takes them as absolute;
// Python's zipfile shifts them by the bytes prepended before the archive, which it infers from
// the end record position. Both views are read so neither loader sees members the scanner misses.
func directoryBases(e endRecord, d *zipDir) []int64 {
	concat := e.end - e.cdSize - e.cdOff
	if concat > 0 && e.cdSize >= 0 {
		d.note(PrependedData, "%d bytes before the zip archive (offsets shifted as Python's zipfile does)", concat)
		return []int64{concat, 0}
	}
	return []int64{0}
}

// endViews returns the distinct end records loaders act on, Python's first. With a zip64
// locator before the 32-bit end record, Python's zipfile reads the zip64 record right before
// the locator and miniz (PyTorch) the one at the locator's offset; each falls back to the
// 32-bit record when its zip64 record is unreadable. Readers that consult zip64 only for
// saturated fields (Go's archive/zip and others) use the 32-bit record when none is saturated.
// A crafted archive makes these differ, so every one is returned and read.
func endViews(ra io.ReaderAt, pos int64, e32 endRecord, d *zipDir) []endRecord {
	if pos < zip64LocatorLen {
		return []endRecord{e32}
	}
	loc := make([]byte, zip64LocatorLen)
	if _, err := ra.ReadAt(loc, pos-zip64LocatorLen); err != nil || le32(loc) != zip64LocatorSig {
		return []endRecord{e32}
	}
	py, pyOK := readZip64End(ra, pos-zip64LocatorLen-zip64EOCDLen)
	mz, mzOK := endRecord{}, false
	if off := le64(loc[8:]); off <= math.MaxInt64 {
		mz, mzOK = readZip64End(ra, int64(off))
	}
	if !pyOK && !mzOK {
		d.note(Malformed, "zip64 locator without a readable zip64 end record")
		return []endRecord{e32}
	}
	// Only Python's fallback counts the zip64 records as bytes prepended to the archive.
	inner := e32
	inner.end, inner.python = pos-zip64LocatorLen-zip64EOCDLen, false
	if !pyOK {
		py = e32
	}
	py.python = true
	if !mzOK {
		mz = inner
	}
	views := []endRecord{py}
	for _, e := range []endRecord{mz, inner} {
		if e == inner && e32.saturated() {
			continue
		}
		if !slices.ContainsFunc(views, e.sameDirectory) {
			views = append(views, e)
		}
	}
	return views
}

// readZip64End reads the zip64 end of central directory record at at.
func readZip64End(ra io.ReaderAt, at int64) (endRecord, bool) {
	rec := make([]byte, zip64EOCDLen)
	if at < 0 {
		return endRecord{}, false
	}
	if _, err := ra.ReadAt(rec, at); err != nil || le32(rec) != zip64EOCDSig {
		return endRecord{}, false
	}
	cdSize, cdOff := le64(rec[40:]), le64(rec[48:])
	if cdSize > math.MaxInt64 || cdOff > math.MaxInt64 {
		return endRecord{}, false
	}
	return endRecord{entries: le64(rec[32:]), cdSize: int64(cdSize), cdOff: int64(cdOff), end: at}, true
}

// saturated reports a 32-bit end record with a field at its maximum, which tells readers to
// take the zip64 record instead.
func (e endRecord) saturated() bool {
	return e.entries == math.MaxUint16 || e.cdSize == zipSaturated32 || e.cdOff == zipSaturated32
}

// sameDirectory reports whether two end records describe the same central directory.
func (e endRecord) sameDirectory(o endRecord) bool {
	return e.entries == o.entries && e.cdSize == o.cdSize && e.cdOff == o.cdOff
}

// readCentral appends the records found from start on. It stops at the first non-record, so a
// wrong directory size in the end record does not hide entries.
func (d *zipDir) readCentral(ra io.ReaderAt, size, start, base int64, maxEntries int) {
	br := bufio.NewReaderSize(io.NewSectionReader(ra, start, size-start), 64<<10)
	hdr := make([]byte, zipCentralLen)
	for len(d.entries) <= maxEntries {
		if _, err := io.ReadFull(br, hdr[:4]); err != nil || le32(hdr) != zipCentralSig {
			return
		}
		if _, err := io.ReadFull(br, hdr[4:]); err != nil {
			d.note(Truncated, "central directory ends inside a record")
			return
		}
		nameLen, extraLen := int(le16(hdr[28:])), int(le16(hdr[30:]))
		if d.nameBytes += nameLen; d.nameBytes > zipMaxNameBytes {
			d.capped = true
			d.note(Budget, "member names exceed %d bytes; the rest of the directory was not read", zipMaxNameBytes)
			return
		}
		buf := make([]byte, nameLen+extraLen) // at most 128 KiB: both lengths are 16-bit
		if _, err := io.ReadFull(br, buf); err != nil {
			d.note(Truncated, "central directory ends inside a record")
			return
		}
		if _, err := br.Discard(int(le16(hdr[32:]))); err != nil {
			d.note(Truncated, "central directory ends inside a comment")
			return
		}
		e, err := parseCentral(hdr, buf[:nameLen], buf[nameLen:], base)
		if err != nil {
			d.note(Malformed, "central record %q: %v", string(buf[:nameLen]), err)
			continue
		}
		d.entries = append(d.entries, e)
	}
	d.more = true
}

// parseCentral decodes one central directory record.
func parseCentral(hdr, name, extra []byte, base int64) (zipEntry, error) {
	e := zipEntry{raw: string(name), flags: le16(hdr[8:]), method: le16(hdr[10:]), crc: le32(hdr[16:])}
	e.name = e.raw
	if i := strings.IndexByte(e.name, 0); i >= 0 {
		e.name = e.name[:i]
	}
	comp, size, local := uint64(le32(hdr[20:])), uint64(le32(hdr[24:])), uint64(le32(hdr[42:]))
	size, comp, local = applyZip64(extra, size, comp, local)
	if comp > math.MaxInt64 || size > math.MaxInt64 || local > math.MaxInt64-uint64(max(base, 0)) {
		return e, errors.New("size or offset out of range")
	}
	e.compSize, e.size, e.local = int64(comp), int64(size), int64(local)+base
	if host := hdr[5]; host == zipHostUnix || host == zipHostDarwin {
		unix := le32(hdr[38:]) >> 16
		e.mode = unixMode(unix)
		e.symlink = unix&0xF000 == 0xA000
	} else {
		e.mode = 0o644
	}
	return e, nil
}

// applyZip64 replaces saturated 32-bit fields with the zip64 extra field values, which appear
// only for the saturated fields and in this order.
func applyZip64(extra []byte, size, comp, local uint64) (uint64, uint64, uint64) {
	for len(extra) >= 4 {
		tag, n := le16(extra), int(le16(extra[2:]))
		if n > len(extra)-4 {
			return size, comp, local
		}
		data := extra[4 : 4+n]
		extra = extra[4+n:]
		if tag != zipZip64ExtraTag {
			continue
		}
		for _, f := range []*uint64{&size, &comp, &local} {
			if *f == zipSaturated32 && len(data) >= 8 {
				*f = le64(data)
				data = data[8:]
			}
		}
	}
	return size, comp, local
}

// unixMode converts st_mode bits to an fs.FileMode.
func unixMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & 0xF000 {
	case 0x4000:
		mode |= fs.ModeDir
	case 0xA000:
		mode |= fs.ModeSymlink
	case 0x8000, 0:
	default:
		mode |= fs.ModeIrregular
	}
	return mode
}

// zipLocal is what the local header says; only the name and data offset are used.
type zipLocal struct {
	name      string
	flags     uint16
	dataStart int64
}

// readLocal reads the local header of e; its own name and extra lengths give the data offset.
func readLocal(ra io.ReaderAt, size int64, e *zipEntry) (zipLocal, error) {
	if e.local > size-zipLocalLen {
		return zipLocal{}, fmt.Errorf("local header at %d is past the end of the archive", e.local)
	}
	h := make([]byte, zipLocalLen)
	if _, err := ra.ReadAt(h, e.local); err != nil {
		return zipLocal{}, fmt.Errorf("unable to read local header: %w", err)
	}
	if le32(h) != zipLocalSig {
		return zipLocal{}, fmt.Errorf("no local header signature at offset %d", e.local)
	}
	nameLen, extraLen := int64(le16(h[26:])), int64(le16(h[28:]))
	name := make([]byte, nameLen)
	if _, err := ra.ReadAt(name, e.local+zipLocalLen); err != nil {
		return zipLocal{}, fmt.Errorf("unable to read local header name: %w", err)
	}
	return zipLocal{name: string(name), flags: le16(h[6:]), dataStart: e.local + zipLocalLen + nameLen + extraLen}, nil
}

func hasSig(ra io.ReaderAt, at int64, sig uint32) bool {
	b := make([]byte, 4)
	_, err := ra.ReadAt(b, at)
	return err == nil && le32(b) == sig
}

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }
