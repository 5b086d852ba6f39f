package describe

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Bounds of DatasetStats.
const (
	// MaxScanBytes is how much of a text dataset is read to count records; beyond it the
	// count stops and Details.Truncated is set.
	MaxScanBytes = 256 << 20
	// MaxTFRecords is how many TFRecord headers are walked.
	MaxTFRecords = 1_000_000
	maxColumns   = 4096     // column names kept
	maxColumnLen = 256      // bytes of one column name kept
	maxHeaderRow = 1 << 20  // bytes of a CSV header line or a JSON Lines first line read
	maxJSONCount = 64 << 20 // largest .json array whose elements are counted
	scanChunk    = 1 << 20
)

// Details is what DatasetStats reads from one dataset file.
type Details struct {
	Records int64 // 0 when unknown
	Columns []string
	// Truncated says the records were counted only in part (MaxScanBytes, MaxTFRecords):
	// Records is a lower bound.
	Truncated bool
	Producer  string // Parquet created_by
}

// DatasetDetails returns the record count and column names of a dataset file of the given
// format (as DatasetFormat names it). It is DatasetStats without a context and without the
// truncation flag.
func DatasetDetails(format string, r io.ReaderAt, size int64) (records int64, columns []string, err error) {
	d, err := DatasetStats(context.Background(), format, r, size)
	if d == nil {
		return 0, nil, err
	}
	return d.Records, d.Columns, err
}

// DatasetStats reads the record count and column names of a dataset file:
//
//   - csv, tsv: the header line's columns; records are the lines after it (quoted newlines
//     in CSV do not count), counted over the first MaxScanBytes;
//   - jsonl: the keys of the first object; records are the non-empty lines;
//   - json: the keys of the first object; records are the array's elements when the file is
//     at most 64 MiB;
//   - parquet: num_rows, the top-level column names and created_by from the footer;
//   - tfrecord: records by walking the record headers (at most MaxTFRecords);
//   - arrow, webdataset, image-folder: nothing (zero Details, no error).
//
// On an error the Details read so far are returned with it.
func DatasetStats(ctx context.Context, format string, r io.ReaderAt, size int64) (*Details, error) {
	d := &Details{}
	var err error
	switch format {
	case FormatCSV:
		err = delimitedStats(ctx, r, size, ',', true, d)
	case FormatTSV:
		err = delimitedStats(ctx, r, size, '\t', false, d)
	case FormatJSONL:
		err = jsonlStats(ctx, r, size, d)
	case FormatJSON:
		err = jsonStats(r, size, d)
	case FormatParquet:
		err = parquetStats(r, size, d)
	case FormatTFRecord:
		err = tfrecordStats(ctx, r, size, d)
	case FormatArrow, FormatWebDataset, FormatImages:
	default:
		return d, fmt.Errorf("unable to describe dataset: unknown format %q", format)
	}
	return d, err
}

// firstLine reads the first line of r (at most maxHeaderRow bytes, quotes honoured when
// quoted is set so that a header cell may hold a newline).
func firstLine(r io.ReaderAt, size int64, quoted bool) ([]byte, error) {
	buf := make([]byte, min(size, maxHeaderRow))
	n, err := r.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	buf = bytes.TrimPrefix(buf[:n], []byte("\xef\xbb\xbf"))
	in := false
	for i, c := range buf {
		switch {
		case c == '"' && quoted:
			in = !in
		case c == '\n' && !in:
			return bytes.TrimRight(buf[:i], "\r"), nil
		}
	}
	if int64(n) < size {
		return nil, fmt.Errorf("first line longer than %d bytes", maxHeaderRow)
	}
	return bytes.TrimRight(buf, "\r"), nil
}

// splitRecord splits one delimited record into unquoted fields, keeping at most maxColumns.
func splitRecord(line []byte, delim byte, quoted bool) []string {
	var out []string
	var cell []byte
	in := false
	flush := func() {
		if len(out) < maxColumns {
			out = append(out, clip(string(bytes.TrimSpace(cell)), maxColumnLen))
		}
		cell = cell[:0]
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"' && quoted && in && i+1 < len(line) && line[i+1] == '"':
			cell = append(cell, '"')
			i++
		case c == '"' && quoted:
			in = !in
		case c == delim && !in:
			flush()
		default:
			if len(cell) < maxColumnLen*4 {
				cell = append(cell, c)
			}
		}
	}
	flush()
	return out
}

func delimitedStats(ctx context.Context, r io.ReaderAt, size int64, delim byte, quoted bool, d *Details) error {
	head, err := firstLine(r, size, quoted)
	if err != nil {
		return fmt.Errorf("unable to read the header line: %w", err)
	}
	d.Columns = splitRecord(head, delim, quoted)
	lines, err := countLines(ctx, r, size, quoted, d)
	d.Records = max(lines-1, 0)
	return err
}

// countLines counts the records of a text file over its first MaxScanBytes: newlines outside
// quotes (when quoted), plus a last line without one, skipping empty lines.
func countLines(ctx context.Context, r io.ReaderAt, size int64, quoted bool, d *Details) (int64, error) {
	limit := min(size, MaxScanBytes)
	d.Truncated = size > limit
	buf := make([]byte, min(limit, scanChunk))
	var lines int64
	in, content := false, false
	for off := int64(0); off < limit; {
		if err := ctx.Err(); err != nil {
			return lines, err
		}
		n, err := r.ReadAt(buf[:min(int64(len(buf)), limit-off)], off)
		if n == 0 && err != nil {
			return lines, fmt.Errorf("unable to read records: %w", err)
		}
		if quoted {
			lines += countQuoted(buf[:n], &in, &content)
		} else {
			var k int64
			k, content = countPlain(buf[:n], content)
			lines += k
		}
		off += int64(n)
	}
	if content && !d.Truncated {
		lines++
	}
	return lines, nil
}

// countPlain counts the non-empty lines ended in chunk, with no quoting: content says whether
// the line in progress has content, before and after.
func countPlain(chunk []byte, content bool) (int64, bool) {
	var lines int64
	for {
		i := bytes.IndexByte(chunk, '\n')
		seg := chunk
		if i >= 0 {
			seg = chunk[:i]
		}
		content = content || hasContent(seg)
		if i < 0 {
			return lines, content
		}
		if content {
			lines++
		}
		content = false
		chunk = chunk[i+1:]
	}
}

func hasContent(seg []byte) bool {
	for _, c := range seg {
		if c != ' ' && c != '\t' && c != '\r' {
			return true
		}
	}
	return false
}

// countQuoted counts the non-empty records ended in chunk, newlines inside double quotes
// aside: the stretches between quotes are counted as plain text.
func countQuoted(chunk []byte, in, content *bool) int64 {
	var lines int64
	for len(chunk) > 0 {
		q := bytes.IndexByte(chunk, '"')
		if *in {
			if q < 0 {
				return lines
			}
			*in, chunk = false, chunk[q+1:]
			continue
		}
		seg := chunk
		if q >= 0 {
			seg = chunk[:q]
		}
		k, c := countPlain(seg, *content)
		lines, *content = lines+k, c
		if q < 0 {
			return lines
		}
		*in, *content, chunk = true, true, chunk[q+1:]
	}
	return lines
}

func jsonlStats(ctx context.Context, r io.ReaderAt, size int64, d *Details) error {
	if line, err := firstLine(r, size, false); err == nil {
		d.Columns = objectKeys(line)
	}
	lines, err := countLines(ctx, r, size, false, d)
	d.Records = lines
	return err
}

func jsonStats(r io.ReaderAt, size int64, d *Details) error {
	dec := json.NewDecoder(io.NewSectionReader(r, 0, min(size, maxJSONCount)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return errors.New("unable to read JSON records: not an array")
	}
	var n int64
	for dec.More() {
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			d.Truncated = size > maxJSONCount
			if !d.Truncated {
				return fmt.Errorf("unable to read JSON records: %w", err)
			}
			break
		}
		if n == 0 {
			d.Columns = objectKeys(el)
		}
		n++
	}
	d.Records = n
	return nil
}

// objectKeys returns the top-level keys of a JSON object in the order written.
func objectKeys(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := tok.(string)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
		if len(keys) < maxColumns {
			keys = append(keys, clip(k, maxColumnLen))
		}
	}
	return keys
}

// tfrecordStats walks the record headers: length, masked CRC of the length, data, masked CRC
// of the data (not checked: the data is never read).
func tfrecordStats(ctx context.Context, r io.ReaderAt, size int64, d *Details) error {
	var hdr [12]byte
	off := int64(0)
	for off < size {
		if d.Records >= MaxTFRecords {
			d.Truncated = true
			return nil
		}
		if d.Records%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if size-off < 16 {
			return fmt.Errorf("TFRecord at %d is cut short", off)
		}
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			return fmt.Errorf("unable to read TFRecord header at %d: %w", off, err)
		}
		n := binary.LittleEndian.Uint64(hdr[:])
		if binary.LittleEndian.Uint32(hdr[8:]) != maskedCRC(hdr[:8]) {
			return fmt.Errorf("TFRecord length checksum mismatch at %d", off)
		}
		if n > uint64(size-off-16) {
			return fmt.Errorf("TFRecord at %d runs past the end of the file", off)
		}
		off += 16 + int64(n)
		d.Records++
	}
	return nil
}
