package manifest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"

	"golang.org/x/crypto/blake2b"
	"lukechampine.com/blake3"
)

// chunkSize is the read size per worker; large reads keep hashing CPU-bound.
const chunkSize = 1 << 20

// newHash returns a fresh hash for a canonical hash_type. blake2b is BLAKE2b-512 (64-byte
// digests) like Python's hashlib.blake2b(); blake3 is 32 bytes.
func newHash(name string) hash.Hash {
	switch name {
	case HashBLAKE2b:
		h, _ := blake2b.New512(nil) // cannot fail without a key
		return h
	case HashBLAKE3:
		return blake3.New(32, nil)
	}
	return sha256.New()
}

// task is one unit of hashing: a whole file (end < 0) or the byte range [start, end).
type task struct {
	f          *file
	start, end int64
}

// hashTask opens the task's file, checks it is still the enumerated regular file, and hashes
// the requested bytes with buf as the only read buffer.
func hashTask(ctx context.Context, t task, hashName string, buf []byte) ([]byte, error) {
	fh, err := os.Open(t.f.abs)
	if err != nil {
		return nil, fmt.Errorf("unable to open %s: %w", t.f.rel, err)
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("unable to stat %s: %w", t.f.rel, err)
	}
	if !fi.Mode().IsRegular() || (t.f.info != nil && !os.SameFile(fi, t.f.info)) {
		return nil, fmt.Errorf("%s changed while hashing", t.f.rel)
	}
	h := newHash(hashName)
	if t.end < 0 {
		err = copyAll(ctx, h, fh, buf)
	} else {
		err = copyRange(ctx, h, fh, t.start, t.end, buf)
	}
	if err != nil {
		return nil, fmt.Errorf("unable to hash %s: %w", t.f.rel, err)
	}
	return h.Sum(nil), nil
}

// copyAll streams r into h until EOF. It avoids io.Copy, whose os.File path would fall back
// to a 32 KiB buffer.
func copyAll(ctx context.Context, h hash.Hash, r io.Reader, buf []byte) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := io.ReadFull(r, buf)
		h.Write(buf[:n])
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// copyRange streams bytes [start, end) of f into h; a short file is an error.
func copyRange(ctx context.Context, h hash.Hash, f io.ReaderAt, start, end int64, buf []byte) error {
	for off := start; off < end; {
		if err := ctx.Err(); err != nil {
			return err
		}
		want := min(int64(len(buf)), end-off)
		n, err := f.ReadAt(buf[:want], off)
		h.Write(buf[:n])
		off += int64(n)
		if n < int(want) {
			if err == nil || errors.Is(err, io.EOF) {
				return fmt.Errorf("file shrank while hashing (offset %d, want %d)", off, end)
			}
			return err
		}
	}
	return nil
}

// hashAll runs tasks on jobs workers, each with one chunkSize buffer, and returns digests
// in task order. The first error cancels the rest.
func hashAll(ctx context.Context, tasks []task, hashName string, jobs int) ([][]byte, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	digests := make([][]byte, len(tasks))
	next := make(chan int)
	done := make(chan struct{})
	jobs = max(1, min(jobs, len(tasks)))
	for range jobs {
		go func() {
			defer func() { done <- struct{}{} }()
			buf := make([]byte, chunkSize)
			for i := range next {
				d, err := hashTask(ctx, tasks[i], hashName, buf)
				if err != nil {
					cancel(err)
					continue
				}
				digests[i] = d
			}
		}()
	}
	feed(ctx, next, len(tasks))
	for range jobs {
		<-done
	}
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return digests, nil
}

// feed sends 0..n-1 on next until done or cancelled, then closes next.
func feed(ctx context.Context, next chan<- int, n int) {
	defer close(next)
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			return
		}
	}
}
