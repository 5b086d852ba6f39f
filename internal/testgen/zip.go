package testgen

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
)

// ZipEntry is one member of an archive written by WriteZip.
type ZipEntry struct {
	Name    string
	Data    []byte
	Deflate bool // compress with deflate (otherwise stored, as torch.save does)
}

// ZipTricks are the malformations real loaders tolerate and strict readers reject
// (CVE-2025-1944/1945, CVE-2025-10156). The zero value writes a well-formed archive.
type ZipTricks struct {
	Prepend    []byte            // junk before the archive; offsets stay relative to the archive, like `cat junk a.zip`
	BadCRC     bool              // record a wrong CRC-32 for every member
	Flags      uint16            // extra general-purpose bits on every member, both headers: 0x1 encrypted, 0x20 patched, 0x40 strong encryption
	LocalFlags uint16            // extra general-purpose bits in local headers only (central directory stays clean)
	LocalNames map[string]string // member name -> a different name written only in its local header
	Align      int               // pad member data to this alignment with an "FB" extra field, as torch.save does (64)
	Zip64      bool              // write zip64 records even when not needed
}

// WriteZip returns a zip archive holding entries in order, with the given tricks applied.
func WriteZip(entries []ZipEntry, opts ZipTricks) []byte {
	var buf bytes.Buffer
	buf.Write(opts.Prepend)
	z := &zipWriter{w: &buf, tricks: opts}
	for _, e := range entries {
		data, method := e.Data, uint16(0)
		if e.Deflate {
			data, method = deflate(e.Data), 8
		}
		// Writes to a bytes.Buffer cannot fail.
		_ = z.add(e.Name, method, crc32.ChecksumIEEE(e.Data), int64(len(e.Data)), int64(len(data)), bytes.NewReader(data))
	}
	_ = z.close()
	return buf.Bytes()
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression) // level is valid: no error
	_, _ = fw.Write(b)
	_ = fw.Close()
	return buf.Bytes()
}

// zipWriter writes a zip archive sequentially; data for large members can come from any reader
// (or be skipped over, leaving a sparse hole, by the caller's reader implementation).
type zipWriter struct {
	w       io.Writer
	off     int64 // bytes written since the archive start (Prepend excluded)
	tricks  ZipTricks
	central []centralRecord
}

type centralRecord struct {
	name         string
	method       uint16
	crc          uint32
	usize, csize int64
	offset       int64
}

const (
	dosDate   = 0x21 // 1980-01-01: fixed so archives are reproducible
	max32     = 0xffffffff
	zip64Need = 45
)

func (z *zipWriter) write(b []byte) error {
	n, err := z.w.Write(b)
	z.off += int64(n)
	return err
}

// add writes one member. data must yield exactly csize bytes.
func (z *zipWriter) add(name string, method uint16, crc uint32, usize, csize int64, data io.Reader) error {
	if z.tricks.BadCRC {
		crc ^= 0xdeadbeef
	}
	rec := centralRecord{name: name, method: method, crc: crc, usize: usize, csize: csize, offset: z.off}
	localName := name
	if alt, ok := z.tricks.LocalNames[name]; ok {
		localName = alt
	}
	big := z.tricks.Zip64 || usize >= max32 || csize >= max32
	var extra []byte
	if big {
		extra = binary.LittleEndian.AppendUint16(extra, 1)
		extra = binary.LittleEndian.AppendUint16(extra, 16)
		extra = binary.LittleEndian.AppendUint64(extra, uint64(usize))
		extra = binary.LittleEndian.AppendUint64(extra, uint64(csize))
	}
	extra = append(extra, z.alignPad(len(localName), len(extra))...)
	if err := z.write(z.localHeader(rec, localName, extra, big)); err != nil {
		return err
	}
	n, err := io.Copy(z.w, data)
	z.off += n
	if err != nil {
		return err
	}
	z.central = append(z.central, rec)
	return nil
}

// alignPad returns an "FB" extra field that makes member data start on a multiple of
// tricks.Align, like PyTorch's writer (which fills the padding with 'Z').
func (z *zipWriter) alignPad(nameLen, extraLen int) []byte {
	a := int64(z.tricks.Align)
	if a <= 0 {
		return nil
	}
	start := z.off + 30 + int64(nameLen) + int64(extraLen) + 4
	pad := (a - start%a) % a
	out := []byte{'F', 'B', byte(pad), byte(pad >> 8)}
	return append(out, bytes.Repeat([]byte{'Z'}, int(pad))...)
}

func (z *zipWriter) localHeader(r centralRecord, name string, extra []byte, big bool) []byte {
	h := binary.LittleEndian.AppendUint32(nil, 0x04034b50)
	h = binary.LittleEndian.AppendUint16(h, version(big))
	h = binary.LittleEndian.AppendUint16(h, z.tricks.Flags|z.tricks.LocalFlags)
	h = binary.LittleEndian.AppendUint16(h, r.method)
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = binary.LittleEndian.AppendUint16(h, dosDate)
	h = binary.LittleEndian.AppendUint32(h, r.crc)
	h = binary.LittleEndian.AppendUint32(h, size32(r.csize, big))
	h = binary.LittleEndian.AppendUint32(h, size32(r.usize, big))
	h = binary.LittleEndian.AppendUint16(h, uint16(len(name)))
	h = binary.LittleEndian.AppendUint16(h, uint16(len(extra)))
	h = append(h, name...)
	return append(h, extra...)
}

func version(big bool) uint16 {
	if big {
		return zip64Need
	}
	return 20
}

func size32(n int64, big bool) uint32 {
	if big || n >= max32 {
		return max32
	}
	return uint32(n)
}

// close writes the central directory and the end records.
func (z *zipWriter) close() error {
	start := z.off
	for _, r := range z.central {
		if err := z.write(z.centralHeader(r)); err != nil {
			return err
		}
	}
	size := z.off - start
	big := z.tricks.Zip64 || start >= max32 || size >= max32 || len(z.central) >= 0xffff
	if big {
		if err := z.write(zip64End(len(z.central), size, start, z.off)); err != nil {
			return err
		}
	}
	return z.write(endRecord(len(z.central), size, start, big))
}

func (z *zipWriter) centralHeader(r centralRecord) []byte {
	big := z.tricks.Zip64 || r.usize >= max32 || r.csize >= max32 || r.offset >= max32
	var extra []byte
	if big {
		extra = binary.LittleEndian.AppendUint16(extra, 1)
		extra = binary.LittleEndian.AppendUint16(extra, 24)
		extra = binary.LittleEndian.AppendUint64(extra, uint64(r.usize))
		extra = binary.LittleEndian.AppendUint64(extra, uint64(r.csize))
		extra = binary.LittleEndian.AppendUint64(extra, uint64(r.offset))
	}
	h := binary.LittleEndian.AppendUint32(nil, 0x02014b50)
	h = binary.LittleEndian.AppendUint16(h, 3<<8|zip64Need) // made by: Unix, spec 4.5
	h = binary.LittleEndian.AppendUint16(h, version(big))
	h = binary.LittleEndian.AppendUint16(h, z.tricks.Flags)
	h = binary.LittleEndian.AppendUint16(h, r.method)
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = binary.LittleEndian.AppendUint16(h, dosDate)
	h = binary.LittleEndian.AppendUint32(h, r.crc)
	h = binary.LittleEndian.AppendUint32(h, size32(r.csize, big))
	h = binary.LittleEndian.AppendUint32(h, size32(r.usize, big))
	h = binary.LittleEndian.AppendUint16(h, uint16(len(r.name)))
	h = binary.LittleEndian.AppendUint16(h, uint16(len(extra)))
	h = binary.LittleEndian.AppendUint16(h, 0)         // comment length
	h = binary.LittleEndian.AppendUint16(h, 0)         // disk number
	h = binary.LittleEndian.AppendUint16(h, 0)         // internal attributes
	h = binary.LittleEndian.AppendUint32(h, 0o644<<16) // external attributes: -rw-r--r--
	h = binary.LittleEndian.AppendUint32(h, size32(r.offset, big))
	h = append(h, r.name...)
	return append(h, extra...)
}

// zip64End is the zip64 end-of-central-directory record followed by its locator.
func zip64End(n int, size, start, at int64) []byte {
	h := binary.LittleEndian.AppendUint32(nil, 0x06064b50)
	h = binary.LittleEndian.AppendUint64(h, 44)
	h = binary.LittleEndian.AppendUint16(h, 3<<8|zip64Need)
	h = binary.LittleEndian.AppendUint16(h, zip64Need)
	h = binary.LittleEndian.AppendUint32(h, 0)
	h = binary.LittleEndian.AppendUint32(h, 0)
	h = binary.LittleEndian.AppendUint64(h, uint64(n))
	h = binary.LittleEndian.AppendUint64(h, uint64(n))
	h = binary.LittleEndian.AppendUint64(h, uint64(size))
	h = binary.LittleEndian.AppendUint64(h, uint64(start))
	h = binary.LittleEndian.AppendUint32(h, 0x07064b50)
	h = binary.LittleEndian.AppendUint32(h, 0)
	h = binary.LittleEndian.AppendUint64(h, uint64(at))
	return binary.LittleEndian.AppendUint32(h, 1)
}

func endRecord(n int, size, start int64, big bool) []byte {
	count := uint16(min(n, 0xffff))
	if big {
		count = 0xffff
	}
	h := binary.LittleEndian.AppendUint32(nil, 0x06054b50)
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = binary.LittleEndian.AppendUint16(h, 0)
	h = binary.LittleEndian.AppendUint16(h, count)
	h = binary.LittleEndian.AppendUint16(h, count)
	h = binary.LittleEndian.AppendUint32(h, size32(size, big))
	h = binary.LittleEndian.AppendUint32(h, size32(start, big))
	return binary.LittleEndian.AppendUint16(h, 0)
}
