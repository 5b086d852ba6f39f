package vuln

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/aisecops/aisec/internal/limits"
)

// member is one advisory to read: its declared size and how to open it.
type member struct {
	size int64
	open func() (io.ReadCloser, error)
	done func() // called once the member has been read (or dropped); may be nil
}

// emitFunc hands a member to the workers; it fails once loading has failed.
type emitFunc func(member) error

// loader reads members on a few workers into a builder, under the byte budgets.
type loader struct {
	o     Options
	b     *builder
	total *limits.Counter
}

func newLoader(o Options) *loader {
	return &loader{o: o, b: newBuilder(o.MaxAdvisories), total: limits.NewCounter("advisory bytes", o.MaxTotalBytes)}
}

// run calls produce, which emits members; workers read and parse them. The first error (from
// produce or a worker) stops everything and is returned.
func (l *loader) run(produce func(emitFunc) error) error {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	jobs := make(chan member)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 8) {
		wg.Go(func() {
			var buf bytes.Buffer
			for m := range jobs {
				if ctx.Err() == nil {
					if err := l.read(m, &buf); err != nil {
						cancel(err)
					}
				}
				if m.done != nil {
					m.done()
				}
			}
		})
	}
	emit := func(m member) error {
		select {
		case jobs <- m:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	err := produce(emit)
	close(jobs)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil {
		return cause // a worker's error explains a producer's stop
	}
	return err
}

// read reads one member into buf and adds it to the builder. Oversized or unreadable members
// are skipped; only a budget violation is an error.
func (l *loader) read(m member, buf *bytes.Buffer) error {
	if m.size > l.o.MaxAdvisoryBytes {
		l.b.skip()
		return nil
	}
	rc, err := m.open()
	if err != nil {
		l.b.skip()
		return nil
	}
	defer rc.Close()
	buf.Reset()
	n, err := buf.ReadFrom(io.LimitReader(rc, l.o.MaxAdvisoryBytes+1))
	if terr := l.total.Take(n); terr != nil {
		return terr
	}
	if err != nil || n > l.o.MaxAdvisoryBytes {
		l.b.skip() // corrupt member, or larger than it declared
		return nil
	}
	return l.b.add(buf.Bytes())
}

// walkDir emits every regular *.json file under root and the members of every *.zip file.
// Symbolic links are not followed.
func walkDir(root string, o Options, emit emitFunc) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		lower := strings.ToLower(d.Name())
		switch {
		case strings.HasSuffix(lower, ".json"):
			fi, err := d.Info()
			if err != nil {
				return err
			}
			return emit(fileMember(path, fi.Size()))
		case strings.HasSuffix(lower, ".zip"):
			return loadZip(path, o, emit)
		}
		return nil
	})
}

func fileMember(path string, size int64) member {
	return member{size: size, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// loadFile loads a single file, recognised by content: a zip archive or one JSON advisory.
func loadFile(path string, size int64, o Options, emit emitFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	f.Close()
	head = head[:n]
	text := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return loadZip(path, o, emit)
	case len(text) > 0 && text[0] == '{':
		return emit(fileMember(path, size))
	}
	return errors.New("not a zip archive or an OSV JSON advisory")
}

// loadZip emits the *.json members of a zip archive (osv.dev dumps hold one <ID>.json per
// advisory; any folder layout is accepted). Other members are ignored. It returns once every
// member emitted has been read, so the archive can be closed.
func loadZip(path string, o Options, emit emitFunc) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("unable to read zip %s: %w", path, err)
	}
	defer zr.Close()
	var pending sync.WaitGroup
	defer pending.Wait()
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !strings.HasSuffix(strings.ToLower(f.Name), ".json") {
			continue
		}
		size := int64(f.UncompressedSize64)
		if f.UncompressedSize64 > uint64(o.MaxAdvisoryBytes) {
			size = o.MaxAdvisoryBytes + 1 // skipped unread
		}
		pending.Add(1)
		if err := emit(member{size: size, open: f.Open, done: pending.Done}); err != nil {
			pending.Done()
			return err
		}
	}
	return nil
}
