package safetensors

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/limits"
)

// minHeaderLen is the shortest header that can be a JSON object ("{}").
const minHeaderLen = 2

// Looks reports whether head, the first bytes of an input, plausibly starts a safetensors
// file: a header length between 2 and MaxHeaderLen, then (after optional JSON whitespace or a
// UTF-8 byte order mark) "{" followed by a '"' or "}". It does not know the input's size; use
// LooksSize when it is known.
func Looks(head []byte) bool {
	if len(head) < 8+minHeaderLen {
		return false
	}
	n := binary.LittleEndian.Uint64(head)
	if n < minHeaderLen || n > MaxHeaderLen {
		return false
	}
	h := head[8:]
	if uint64(len(h)) > n {
		h = h[:n]
	}
	h = bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	h = bytes.TrimLeft(h, " \t\r\n")
	if len(h) == 0 || h[0] != '{' {
		return false
	}
	h = bytes.TrimLeft(h[1:], " \t\r\n")
	return len(h) == 0 || h[0] == '"' || h[0] == '}'
}

// LooksSize is Looks with the input size known: the header must also fit in it.
func LooksSize(head []byte, size int64) bool {
	return Looks(head) && size >= 8 && binary.LittleEndian.Uint64(head) <= uint64(size-8)
}

// Parse reads the header of the safetensors file r of the given size. It returns an error
// only when the input cannot be a safetensors file at all (too short, header length beyond
// MaxHeaderLen or the input, read failure) or ctx ends; malformed JSON, schema violations and
// layout problems are recorded as anomalies on the returned File.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*File, error) {
	b = b.WithDefaults()
	if size < 8+minHeaderLen {
		return nil, fmt.Errorf("unable to read safetensors header: input of %d bytes is too short", size)
	}
	var lenBuf [8]byte
	if err := readAt(r, lenBuf[:], 0); err != nil {
		return nil, fmt.Errorf("unable to read safetensors header length: %w", err)
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	switch {
	case n > MaxHeaderLen:
		return nil, fmt.Errorf("unable to read safetensors header: length %d exceeds the %d-byte limit of the reference loader", n, MaxHeaderLen)
	case n > uint64(size-8):
		return nil, fmt.Errorf("unable to read safetensors header: length %d exceeds the %d bytes after the length field", n, size-8)
	case int64(n) > b.MaxFileBytes:
		return nil, limits.Exceeded("safetensors header bytes", b.MaxFileBytes)
	}
	hdr := make([]byte, n)
	if err := readAt(r, hdr, 8); err != nil {
		return nil, fmt.Errorf("unable to read safetensors header: %w", err)
	}
	f := &File{Size: size, HeaderLen: n, DataStart: 8 + int64(n), DataLen: size - 8 - int64(n)}
	if err := parseJSON(ctx, f, hdr, b); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("unable to finish safetensors header: %w", err)
	}
	checkLayout(f)
	if err := sample(ctx, f, r); err != nil {
		return nil, err
	}
	return f, nil
}

// parseJSON runs the header parser. A syntax error becomes an anomaly, a header region (the
// unread rest is sampled like uncovered bytes) and a gap; only ctx errors are returned.
func parseJSON(ctx context.Context, f *File, hdr []byte, b limits.Budget) error {
	if !utf8.Valid(hdr) {
		at := invalidUTF8At(hdr)
		addAnomaly(f, Anomaly{Kind: InvalidUTF8, Detail: "the header is not valid UTF-8 (the reference loader rejects it)", Offset: 8 + int64(at)})
	}
	h := &hparser{ctx: ctx, f: f, maxTensors: b.MaxEntries, maxStrings: b.MaxEntries}
	h.s = scanner{b: hdr, base: 8, note: func(k AnomalyKind, d string, off int64) { h.anomaly(k, "", d, off) }}
	err := h.parseHeader()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("unable to finish safetensors header: %w", ctx.Err())
	}
	var se *syntaxError
	if !errors.As(err, &se) {
		return fmt.Errorf("unable to parse safetensors header: %w", err)
	}
	h.anomaly(InvalidJSON, "", se.Error(), se.off)
	h.headerRegion(h.s.i)
	f.gaps = append(f.gaps, fmt.Sprintf("safetensors header JSON is malformed (%s); what follows was not parsed", se.Error()))
	return nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// readAt fills p from off; io.EOF together with a full read is success, as io.ReaderAt allows.
func readAt(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}
