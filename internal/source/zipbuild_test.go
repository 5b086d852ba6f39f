package source

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz/lzma"
)

// tzEntry describes one member of a hand-built zip; zero fields take sane defaults.
type tzEntry struct {
	name      string
	localName string // "" = name
	data      []byte // content (compressed per method unless raw is set)
	raw       []byte // stored as the compressed bytes verbatim
	method    uint16
	flags     uint16
	badCRC    bool
	size      int64 // >0 overrides the declared uncompressed size
	compSize  int64 // >0 overrides the declared compressed size
	unixMode  uint32
	localAt   int64 // with skipLocal: the local header offset the central record points at
	skipLocal bool  // write no local header: share another member's (overlap tests)
}

// tzOpts describes archive-level tricks.
type tzOpts struct {
	prepend  []byte
	trailing []byte
	zip64    bool
}

// compress returns the member bytes for method.
func compress(t *testing.T, method uint16, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	switch method {
	case zipStored:
		return data
	case zipDeflated:
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		_, _ = w.Write(data)
		_ = w.Close()
	case zipZstd:
		enc, _ := zstd.NewWriter(nil)
		defer enc.Close()
		return enc.EncodeAll(data, nil)
	case zipLZMA:
		w, err := lzma.WriterConfig{Size: int64(len(data)), DictCap: 1 << 16}.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(data)
		_ = w.Close()
		alone := buf.Bytes()
		return append([]byte{9, 20, 5, 0}, append(alone[:5:5], alone[13:]...)...)
	default:
		t.Fatalf("no compressor for method %d", method)
	}
	return buf.Bytes()
}

// buildZip writes a zip archive byte by byte so tests control every field.
func buildZip(t *testing.T, entries []tzEntry, o tzOpts) []byte {
	t.Helper()
	var out, cd bytes.Buffer
	out.Write(o.prepend)
	base := int64(len(o.prepend))
	for _, e := range entries {
		comp := e.raw
		if comp == nil {
			comp = compress(t, e.method, e.data)
		}
		crc := crc32.ChecksumIEEE(e.data)
		if e.badCRC {
			crc ^= 0xdeadbeef
		}
		size := int64(len(e.data))
		if e.size > 0 {
			size = e.size
		}
		declared := int64(len(comp))
		if e.compSize > 0 {
			declared = e.compSize
		}
		local := int64(out.Len()) - base
		if e.skipLocal {
			local = e.localAt
		}
		if !e.skipLocal {
			ln := e.localName
			if ln == "" {
				ln = e.name
			}
			writeLocal(&out, e, ln, crc, declared, size, o.zip64)
			out.Write(comp)
		}
		writeCentral(&cd, e, crc, declared, size, local, o.zip64)
	}
	cdOff := int64(out.Len()) - base
	out.Write(cd.Bytes())
	writeEnd(&out, len(entries), int64(cd.Len()), cdOff, base, o.zip64)
	out.Write(o.trailing)
	return out.Bytes()
}

func le(w *bytes.Buffer, vs ...any) {
	for _, v := range vs {
		_ = binary.Write(w, binary.LittleEndian, v)
	}
}

func writeLocal(w *bytes.Buffer, e tzEntry, name string, crc uint32, comp, size int64, zip64 bool) {
	c32, s32 := uint32(comp), uint32(size)
	if zip64 {
		c32, s32 = zipSaturated32, zipSaturated32
	}
	le(w, uint32(zipLocalSig), uint16(20), e.flags, e.method, uint16(0), uint16(0), crc, c32, s32, uint16(len(name)), uint16(0))
	w.WriteString(name)
}

func writeCentral(w *bytes.Buffer, e tzEntry, crc uint32, comp, size, local int64, zip64 bool) {
	host := uint16(0)
	if e.unixMode != 0 {
		host = zipHostUnix << 8
	}
	c32, s32, l32 := uint32(comp), uint32(size), uint32(local)
	var extra bytes.Buffer
	if zip64 {
		c32, s32, l32 = zipSaturated32, zipSaturated32, zipSaturated32
		le(&extra, uint16(zipZip64ExtraTag), uint16(24), uint64(size), uint64(comp), uint64(local))
	}
	le(w, uint32(zipCentralSig), host|20, uint16(20), e.flags, e.method, uint16(0), uint16(0), crc, c32, s32,
		uint16(len(e.name)), uint16(extra.Len()), uint16(0), uint16(0), uint16(0), e.unixMode<<16, l32)
	w.WriteString(e.name)
	w.Write(extra.Bytes())
}

func writeEnd(w *bytes.Buffer, n int, cdSize, cdOff, base int64, zip64 bool) {
	if zip64 {
		recAt := int64(w.Len()) - base
		le(w, uint32(zip64EOCDSig), uint64(44), uint16(45), uint16(45), uint32(0), uint32(0),
			uint64(n), uint64(n), uint64(cdSize), uint64(cdOff))
		le(w, uint32(zip64LocatorSig), uint32(0), uint64(recAt), uint32(1))
		le(w, uint32(zipEOCDSig), uint16(0), uint16(0), uint16(0xFFFF), uint16(0xFFFF), uint32(zipSaturated32), uint32(zipSaturated32), uint16(0))
		return
	}
	le(w, uint32(zipEOCDSig), uint16(0), uint16(0), uint16(n), uint16(n), uint32(cdSize), uint32(cdOff), uint16(0))
}
