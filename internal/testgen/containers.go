package testgen

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
	"github.com/ulikunitz/xz/lzma"
)

// otherContainerCases wrap payloads in numpy, joblib, compression and archive formats, or
// give them misleading names.
func otherContainerCases() []Case {
	payload := p2Payload("os", "system", Cmd)
	npy := npyFile("|O", "(1,)", payload)
	wrap := func(name, technique, format string, data []byte) Case {
		c := malicious(name, technique, data)
		c.Format = format
		return c
	}
	cs := []Case{
		wrap("npy_object_payload.npy", ".npy with dtype object: the array body is a pickle, here os.system (np.load(allow_pickle=True))", FmtNumPy, npy),
		wrap("npz_object_payload.npz", ".npz (zip) whose arr_0.npy is an object array carrying os.system", FmtNumPyZip, WriteZip([]ZipEntry{{Name: "arr_0.npy", Data: npy}}, ZipTricks{})),
		wrap("joblib_payload.joblib", "joblib file (a plain pickle) with os.system", FmtPickle, p4Payload("os", "system", Cmd)),
		wrap("joblib_payload_zlib.joblib", "joblib compress=('zlib', 3): a bare zlib stream around the payload", FmtZlib, zlibBytes(payload)),
		wrap("joblib_payload.joblib.gz", "joblib compress='gzip'", FmtGzip, gzipBytes(payload)),
		wrap("joblib_payload.joblib.xz", "joblib compress='xz'", FmtXZ, xzBytes(payload)),
		wrap("joblib_payload.joblib.lzma", "joblib compress='lzma' (legacy .lzma 'alone' format)", FmtLZMA, lzmaBytes(payload)),
		wrap("joblib_payload.joblib.lz4", "joblib compress='lz4' (LZ4 frame)", FmtLZ4, lz4Bytes(payload)),
		wrap("pickle_named_weights.bin", "raw os.system pickle named like a weights blob; PyTorch-path scanners error out (CVE-2025-10155)", FmtPickle, payload),
		wrap("pickle_no_extension", "raw os.system pickle with no file extension: only content sniffing finds it", FmtPickle, payload),
		wrap("gzip_payload.pkl.gz", "gzip-wrapped os.system pickle", FmtGzip, gzipBytes(payload)),
		wrap("tar_payload.tar", "tar holding model/model.pkl with os.system", FmtTar, tarBytes(map[string][]byte{"model/model.pkl": payload})),
		wrap("tar_payload.tar.gz", "gzip-compressed tar holding model/model.pkl with os.system", FmtGzip, gzipBytes(tarBytes(map[string][]byte{"model/model.pkl": payload}))),
		wrap("nested_zip.zip", "zip in a zip: outer.zip!inner.zip!model/model.pkl is os.system", FmtZip, nestedZip(payload)),
	}
	return cs
}

// npyFile builds a version 1.0 .npy: magic, header dict padded so data starts at a multiple of
// 64 (as numpy >= 1.20 writes), then body.
func npyFile(descr, shape string, body []byte) []byte {
	header := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shape)
	const prefix = 10 // magic (6) + version (2) + header length (2)
	total := prefix + len(header) + 1
	header += strings.Repeat(" ", (64-total%64)%64) + "\n"
	out := append([]byte("\x93NUMPY\x01\x00"), byte(len(header)), byte(len(header)>>8))
	out = append(out, header...)
	return append(out, body...)
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, 3) // valid level: no error
	return finish(&buf, w, b)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	return finish(&buf, gzip.NewWriter(&buf), b) // zero ModTime: reproducible
}

func xzBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := xz.NewWriter(&buf) // default config is valid
	return finish(&buf, w, b)
}

func lzmaBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := lzma.NewWriter(&buf) // default config is valid
	return finish(&buf, w, b)
}

func lz4Bytes(b []byte) []byte {
	var buf bytes.Buffer
	return finish(&buf, lz4.NewWriter(&buf), b)
}

// finish writes b through w, closes it and returns buf's bytes. The writers all target an
// in-memory buffer, so errors cannot occur.
func finish(buf *bytes.Buffer, w io.WriteCloser, b []byte) []byte {
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// tarBytes writes members in sorted order with fixed metadata.
func tarBytes(members map[string][]byte) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(members)) {
		data := members[name]
		_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Format: tar.FormatUSTAR, Uname: "aisec", Gname: "aisec"})
		_, _ = tw.Write(data)
	}
	_ = tw.Close()
	return buf.Bytes()
}

func nestedZip(payload []byte) []byte {
	inner := WriteZip([]ZipEntry{{Name: "model/model.pkl", Data: payload, Deflate: true}}, ZipTricks{})
	return WriteZip([]ZipEntry{{Name: "README.txt", Data: []byte("model bundle\n")}, {Name: "inner.zip", Data: inner}}, ZipTricks{})
}

// npyFloat32 is a .npy of float32 values.
func npyFloat32(vals []float32) []byte {
	body := make([]byte, 0, 4*len(vals))
	for _, v := range vals {
		body = binary.LittleEndian.AppendUint32(body, math.Float32bits(v))
	}
	return npyFile("<f4", fmt.Sprintf("(%d,)", len(vals)), body)
}
