package gguf

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/aisecops/aisec/internal/limits"
)

// Minimum encoded sizes, used to tell whether a declared count can fit in the file at all.
const (
	minKVv1     = 4 + 4 + 1         // key length, type, smallest value
	minKV       = 8 + 4 + 1         // from v2 on
	minTensorV1 = 4 + 4 + 4 + 4 + 8 // name length, n_dims, one dim, type, offset
	minTensor   = 8 + 4 + 8 + 4 + 8
)

// Parse reads the GGUF header from r (size bytes). An error means the input is not GGUF or
// could not be read at all; structural problems become Anomalies and unread parts Gaps.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*File, error) {
	b = b.WithDefaults()
	if size > b.MaxFileBytes {
		return nil, limits.Exceeded("file bytes", b.MaxFileBytes)
	}
	var head [8]byte
	if size < int64(len(head)) {
		return nil, fmt.Errorf("unable to read GGUF header: %w (%d bytes)", ErrNotGGUF, size)
	}
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("unable to read GGUF header: %w", err)
	}
	if string(head[:4]) != Magic {
		return nil, ErrNotGGUF
	}
	f := &File{Size: size, Alignment: defaultAlignment, HeaderEnd: -1, DataOffset: -1, DataEnd: -1}
	rd := newReader(ctx, r, size)
	rd.walkLimit = min(size, MaxHeaderBytes)
	if !f.readVersion(rd, head[4:8]) {
		return f, nil
	}
	err := f.readHeader(rd, b)
	if err == nil {
		f.layout()
		return f, nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, fmt.Errorf("unable to read GGUF header: %w", cerr)
	}
	f.stop(rd, err)
	return f, nil
}

// readVersion picks the byte order from the version field: GGUF v3 allows big-endian files,
// which keep the magic bytes but store every number big-endian.
func (f *File) readVersion(rd *reader, v []byte) bool {
	le, be := binary.LittleEndian.Uint32(v), binary.BigEndian.Uint32(v)
	switch {
	case le >= 1 && le <= maxVersion:
		f.Version = le
	case be >= 1 && be <= maxVersion:
		f.Version, f.BigEndian, rd.bo = be, true, binary.BigEndian
	default:
		f.Version = le
		f.anomaly(BadVersion, 4, "GGUF version %d (0x%08x) is not 1-3", le, le)
		f.gap("GGUF version %d is not supported: metadata not read", le)
		return false
	}
	rd.pos = 8
	rd.br.Reset(newSection(rd, 8))
	return true
}

// readHeader reads the counts, the metadata and the tensor infos.
func (f *File) readHeader(rd *reader, b limits.Budget) error {
	v1 := f.Version == 1
	var err error
	if f.TensorCount, err = rd.length(v1); err != nil {
		return err
	}
	if f.KVCount, err = rd.length(v1); err != nil {
		return err
	}
	f.checkCount("metadata", f.KVCount, pick(v1, minKVv1, minKV), rd)
	if err := f.readKVs(rd, b); err != nil {
		return err
	}
	f.checkKVs()
	f.checkCount("tensor", f.TensorCount, pick(v1, minTensorV1, minTensor), rd)
	if err := f.readTensors(rd, b); err != nil {
		return err
	}
	f.HeaderEnd = rd.pos
	return nil
}

// checkCount records a count that cannot fit in the rest of the file: the historical heap
// overflows in llama.cpp's GGUF loader came from trusting such counts (CVE-2024-23605).
func (f *File) checkCount(what string, n, minSize uint64, rd *reader) {
	if n > uint64(rd.remaining())/minSize {
		f.anomaly(CountTooLarge, rd.pos, "%s count %d cannot fit in the %d bytes that remain", what, n, rd.remaining())
	}
}

// readKVs reads the metadata key/value pairs, keeping at most b.MaxEntries of them.
func (f *File) readKVs(rd *reader, b limits.Budget) error {
	seen := make(map[string]bool)
	for i := uint64(0); i < f.KVCount; i++ {
		if len(f.KVs) >= b.MaxEntries {
			f.gap("only %d of %d metadata entries read (entry budget)", len(f.KVs), f.KVCount)
			return errStop
		}
		kv, err := f.readKV(rd)
		if err != nil {
			return fmt.Errorf("metadata entry %d: %w", i, err)
		}
		if seen[kv.Key] {
			f.anomaly(DuplicateKey, kv.Offset, "metadata key %q appears more than once", clip(kv.Key))
		}
		seen[kv.Key] = true
		f.KVs = append(f.KVs, kv)
	}
	return nil
}

// readTensors reads the tensor infos, keeping at most b.MaxEntries of them.
func (f *File) readTensors(rd *reader, b limits.Budget) error {
	seen := make(map[string]bool)
	for i := uint64(0); i < f.TensorCount; i++ {
		if len(f.Tensors) >= b.MaxEntries {
			f.gap("only %d of %d tensor infos read (entry budget)", len(f.Tensors), f.TensorCount)
			return errStop
		}
		t, err := f.readTensor(rd)
		if err != nil {
			return fmt.Errorf("tensor info %d: %w", i, err)
		}
		if seen[t.Name] {
			f.anomaly(DuplicateTensor, t.InfoOffset, "tensor %q appears more than once", clip(t.Name))
		}
		seen[t.Name] = true
		f.Tensors = append(f.Tensors, t)
	}
	return nil
}

// errStop ends the walk after a gap was already recorded.
var errStop = errors.New("walk stopped")

// stop turns the error that ended the walk into an anomaly and a gap.
func (f *File) stop(rd *reader, err error) {
	switch {
	case errors.Is(err, errStop):
	case errors.Is(err, errHeaderBudget):
		f.gap("header walk stopped after %d bytes (budget of %d)", rd.pos, int64(MaxHeaderBytes))
	case errors.Is(err, errTruncated):
		f.anomaly(Truncated, rd.pos, "%v", err)
		f.gap("header unreadable from offset %d: %v", rd.pos, err)
	default:
		f.gap("header unreadable from offset %d: %v", rd.pos, err)
	}
}

func pick(v1 bool, a, b uint64) uint64 {
	if v1 {
		return a
	}
	return b
}

// newSection returns a reader over the rest of the file from off.
func newSection(rd *reader, off int64) io.Reader {
	return io.NewSectionReader(rd.ra, off, rd.size-off)
}

// clip shortens s for anomaly details.
func clip(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
