package testgen

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// WriteTorchZipCheckpoint writes a large benign checkpoint in torch.save's zip layout to path:
// archive/data.pkl (a state_dict of `members` float32 tensors, loaded through BINPERSID like
// real torch output), archive/byteorder, archive/data/<i>, archive/version. Members are
// stored, 64-byte aligned, and switch to zip64 when needed. Tensor data is all zeros and is
// skipped with Seek, so the file is sparse and a multi-GiB checkpoint takes seconds to create.
// totalBytes is the approximate sum of the tensor sizes.
func WriteTorchZipCheckpoint(path string, totalBytes int64, members int) (err error) {
	if members < 1 || totalBytes < int64(members)*4 {
		return fmt.Errorf("unable to plan checkpoint: need members >= 1 and totalBytes >= 4*members (got %d, %d)", members, totalBytes)
	}
	numel := totalBytes / int64(members) / 4
	tensors := make([]tensorSpec, members)
	for i := range tensors {
		tensors[i] = tensorSpec{name: fmt.Sprintf("layers.%d.weight", i), shape: []int64{numel}}
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("unable to create checkpoint %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("unable to close checkpoint %s: %w", path, cerr)
		}
	}()
	if err := writeCheckpoint(f, tensors, numel*4, false); err != nil {
		return fmt.Errorf("unable to write checkpoint %s: %w", path, err)
	}
	return nil
}

// writeCheckpoint streams the archive to f. forceZip64 lets tests cover the zip64 records
// without writing 4 GiB.
func writeCheckpoint(f *os.File, tensors []tensorSpec, size int64, forceZip64 bool) error {
	z := &zipWriter{w: f, tricks: ZipTricks{Align: 64, Zip64: forceZip64}}
	small := func(name string, data []byte) error {
		return z.add(name, 0, crc32.ChecksumIEEE(data), int64(len(data)), int64(len(data)), bytes.NewReader(data))
	}
	if err := small("archive/data.pkl", stateDictPickle(tensors, false)); err != nil {
		return err
	}
	if err := small("archive/byteorder", []byte("little")); err != nil {
		return err
	}
	crc, err := zerosCRC(size)
	if err != nil {
		return err
	}
	for i := range tensors {
		hole := &holeReader{f: f, n: size}
		if err := z.add(fmt.Sprintf("archive/data/%d", i), 0, crc, size, size, hole); err != nil {
			return err
		}
	}
	if err := small("archive/version", []byte("3\n")); err != nil {
		return err
	}
	return z.close()
}

// zerosCRC is the CRC-32 of n zero bytes.
func zerosCRC(n int64) (uint32, error) {
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, zeroReader{}, n); err != nil {
		return 0, fmt.Errorf("unable to checksum zero data: %w", err)
	}
	return h.Sum32(), nil
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// holeReader stands for n zero bytes. io.Copy hands it the *os.File through WriteTo, which
// seeks forward instead of writing, leaving a hole the file system reads back as zeros.
type holeReader struct {
	f *os.File
	n int64
}

func (h *holeReader) Read([]byte) (int, error) {
	return 0, errors.New("holeReader must be copied with WriteTo")
}

// WriteTo skips n bytes of w (which must be the checkpoint file).
func (h *holeReader) WriteTo(w io.Writer) (int64, error) {
	if w != io.Writer(h.f) {
		return 0, errors.New("holeReader can only skip within its own file")
	}
	if _, err := h.f.Seek(h.n, io.SeekCurrent); err != nil {
		return 0, fmt.Errorf("unable to skip %d bytes of tensor data: %w", h.n, err)
	}
	return h.n, nil
}

var (
	_ io.Reader   = zeroReader{}
	_ io.WriterTo = (*holeReader)(nil)
)
