package describe

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"path"
	"strings"
)

// Dataset formats DatasetFormat returns.
const (
	FormatParquet    = "parquet"
	FormatArrow      = "arrow"
	FormatTFRecord   = "tfrecord"
	FormatCSV        = "csv"
	FormatTSV        = "tsv"
	FormatJSONL      = "jsonl"
	FormatJSON       = "json"
	FormatWebDataset = "webdataset"
	FormatImages     = "image-folder"
)

// Magic numbers.
const (
	parquetMagic     = "PAR1"
	parquetEncrypted = "PARE"
	arrowFileMagic   = "ARROW1\x00\x00"
)

// castagnoli is the CRC-32C table TFRecord checksums use.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// maskedCRC is TFRecord's masked CRC-32C: ((crc >> 15) | (crc << 17)) + 0xa282ead8.
func maskedCRC(b []byte) uint32 {
	c := crc32.Checksum(b, castagnoli)
	return ((c >> 15) | (c << 17)) + 0xa282ead8
}

// DatasetFormat identifies a dataset file from its name, its first bytes (head; 64 KiB is
// plenty) and its size. Binary formats are recognised by content whatever the name: Parquet
// ("PAR1" at 0; confirm with DatasetTail), Arrow IPC files ("ARROW1\0\0") and streams (the
// 0xFFFFFFFF continuation and a Schema message, as in Hugging Face datasets' cache files),
// TFRecord (a record length whose masked CRC-32C verifies). Text formats need both the
// extension and content that fits: CSV/TSV (.csv/.tsv with at least two records holding the
// same number of delimiters), JSON Lines (.jsonl/.ndjson whose first line is an object), JSON
// (.json named like a split — train, test, valid, data… — holding an array of objects with
// the same keys), and WebDataset shards (tar files named like shard-000001.tar).
func DatasetFormat(name string, head []byte, size int64) (format string, ok bool) {
	switch {
	case bytes.HasPrefix(head, []byte(parquetMagic)) && size >= 12:
		return FormatParquet, true
	case bytes.HasPrefix(head, []byte(arrowFileMagic)):
		return FormatArrow, true
	case arrowStream(head, size):
		return FormatArrow, true
	case tfRecord(head, size):
		return FormatTFRecord, true
	}
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	ext := path.Ext(base)
	whole := int64(len(head)) >= size
	switch ext {
	case ".csv":
		return textFormat(FormatCSV, delimited(head, whole, ',') || delimited(head, whole, ';'))
	case ".tsv":
		return textFormat(FormatTSV, delimited(head, whole, '\t'))
	case ".jsonl", ".ndjson", ".jsonlines":
		return textFormat(FormatJSONL, jsonLines(head))
	case ".json":
		return textFormat(FormatJSON, splitName(strings.TrimSuffix(base, ext)) && jsonRecords(head, whole))
	case ".tar":
		return textFormat(FormatWebDataset, shardName(strings.TrimSuffix(base, ext)) && len(head) >= 512 && string(head[257:262]) == "ustar")
	}
	return "", false
}

func textFormat(f string, ok bool) (string, bool) {
	if !ok {
		return "", false
	}
	return f, true
}

// DatasetTail confirms a format from the last bytes of the file: a Parquet file ends with the
// footer length and "PAR1" (an encrypted footer, "PARE", is Parquet too), and the footer
// length fits the file. Other formats need no tail and are confirmed.
func DatasetTail(format string, tail []byte, size int64) bool {
	if format != FormatParquet {
		return true
	}
	if len(tail) < 8 || size < 12 {
		return false
	}
	t := tail[len(tail)-8:]
	magic := string(t[4:])
	n := int64(binary.LittleEndian.Uint32(t[:4]))
	return (magic == parquetMagic || magic == parquetEncrypted) && n > 0 && n <= size-12
}

// arrowStream checks an Arrow IPC stream start: the 0xFFFFFFFF continuation marker, a
// metadata length that fits, and a flatbuffer Message whose header is a Schema (the first
// message of every stream) with a known metadata version.
func arrowStream(head []byte, size int64) bool {
	if len(head) < 16 || binary.LittleEndian.Uint32(head) != 0xFFFFFFFF {
		return false
	}
	n := int64(binary.LittleEndian.Uint32(head[4:]))
	if n < 8 || n > size-8 {
		return false
	}
	msg := head[8:min(int64(len(head)), 8+n)]
	version, okV := fbField(msg, 0, 2)
	header, okH := fbField(msg, 1, 1)
	return okV && okH && version <= 4 && header == 1
}

// fbField reads scalar field i (of width bytes) of a flatbuffer's root table; absent fields
// read as 0.
func fbField(buf []byte, i, width int) (uint64, bool) {
	if len(buf) < 4 {
		return 0, false
	}
	table := int64(binary.LittleEndian.Uint32(buf))
	if table+4 > int64(len(buf)) {
		return 0, false
	}
	vt := table - int64(int32(binary.LittleEndian.Uint32(buf[table:])))
	if vt < 0 || vt+4 > int64(len(buf)) {
		return 0, false
	}
	vtLen := int64(binary.LittleEndian.Uint16(buf[vt:]))
	slot := vt + 4 + int64(2*i)
	if vtLen < 4 || vt+vtLen > int64(len(buf)) || slot+2 > vt+vtLen {
		return 0, true
	}
	off := int64(binary.LittleEndian.Uint16(buf[slot:]))
	if off == 0 {
		return 0, true
	}
	at := table + off
	if at+int64(width) > int64(len(buf)) {
		return 0, false
	}
	switch width {
	case 1:
		return uint64(buf[at]), true
	case 2:
		return uint64(binary.LittleEndian.Uint16(buf[at:])), true
	}
	return 0, false
}

// tfRecord checks a TFRecord start: a little-endian uint64 length that fits the file and the
// masked CRC-32C of those 8 bytes.
func tfRecord(head []byte, size int64) bool {
	if len(head) < 12 || size < 16 {
		return false
	}
	n := binary.LittleEndian.Uint64(head)
	return n <= uint64(size-16) && binary.LittleEndian.Uint32(head[8:]) == maskedCRC(head[:8])
}

// maxSniffRecords bounds the records compared by delimited.
const maxSniffRecords = 20

// delimited reports whether head holds at least two complete records with the same, non-zero
// number of delimiters outside quotes. The last record counts only when head is the whole
// file.
func delimited(head []byte, whole bool, delim byte) bool {
	counts := make([]int, 0, maxSniffRecords)
	quoted, n := false, 0
	for i := 0; i < len(head) && len(counts) < maxSniffRecords; i++ {
		switch c := head[i]; {
		case c == '"':
			quoted = !quoted
		case c == delim && !quoted:
			n++
		case c == '\n' && !quoted:
			if i > 0 || n > 0 {
				counts = append(counts, n)
			}
			n = 0
		case c == 0:
			return false // binary
		}
	}
	if whole && n > 0 && !quoted && len(counts) < maxSniffRecords {
		counts = append(counts, n)
	}
	if len(counts) < 2 || counts[0] == 0 {
		return false
	}
	for _, k := range counts[1:] {
		if k != counts[0] {
			return false
		}
	}
	return true
}

// jsonLines reports whether the first non-empty line of head is a JSON object. A line cut by
// the end of head only has to start like one.
func jsonLines(head []byte) bool {
	rest := head
	for len(rest) > 0 {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			rest = after
			continue
		}
		if !found {
			return bytes.HasPrefix(t, []byte("{\"")) || bytes.Equal(t, []byte("{"))
		}
		return t[0] == '{' && json.Valid(t)
	}
	return false
}

// jsonRecords reports whether head starts a JSON array of objects: the first two elements are
// objects with the same keys, or head ends inside the second (or the first) of a longer file.
func jsonRecords(head []byte, whole bool) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) < 2 || t[0] != '[' || !bytes.HasPrefix(bytes.TrimLeft(t[1:], " \t\r\n"), []byte("{")) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	if _, err := dec.Token(); err != nil {
		return false
	}
	var keys []map[string]json.RawMessage
	for len(keys) < 2 && dec.More() {
		var obj map[string]json.RawMessage
		if err := dec.Decode(&obj); err != nil {
			return !whole && errors.Is(err, io.ErrUnexpectedEOF)
		}
		if obj == nil {
			return false
		}
		keys = append(keys, obj)
	}
	if len(keys) < 2 {
		return false
	}
	if len(keys[0]) != len(keys[1]) || len(keys[0]) == 0 {
		return false
	}
	for k := range keys[0] {
		if _, ok := keys[1][k]; !ok {
			return false
		}
	}
	return true
}

// splitTokens name the files of dataset splits.
var splitTokens = map[string]bool{"train": true, "training": true, "test": true, "testing": true, "valid": true,
	"validation": true, "val": true, "dev": true, "eval": true, "data": true, "dataset": true}

// splitName reports whether a file stem has a split token: train.json, data_en.json,
// squad-dev-v2.json.
func splitName(stem string) bool {
	for _, tok := range strings.FieldsFunc(stem, func(r rune) bool { return !('a' <= r && r <= 'z') }) {
		if splitTokens[tok] {
			return true
		}
	}
	return false
}

// shardName reports whether a tar stem ends in a shard number: shard-000001, train-0003,
// 000017.
func shardName(stem string) bool {
	i := len(stem)
	for i > 0 && stem[i-1] >= '0' && stem[i-1] <= '9' {
		i--
	}
	digits := len(stem) - i
	return digits >= 4 && (i == 0 || stem[i-1] == '-' || stem[i-1] == '_' || stem[i-1] == '.')
}
