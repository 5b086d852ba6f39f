package source

import (
	"bufio"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz/lzma"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/limits"
)

// rawDeflate is the raw deflate stream of zip members; it is never sniffed at top level.
const rawDeflate format.Kind = "deflate"

// suffixes maps compression kinds to the name suffixes they replace, longest first within a
// kind, so that "m.tgz" becomes "m.tar" and "m.pkl.gz" becomes "m.pkl".
var suffixes = map[format.Kind][][2]string{
	format.Gzip:  {{".tgz", ".tar"}, {".taz", ".tar"}, {".gzip", ""}, {".gz", ""}},
	format.Bzip2: {{".tbz2", ".tar"}, {".tbz", ".tar"}, {".bz2", ""}, {".bz", ""}},
	format.XZ:    {{".txz", ".tar"}, {".xz", ""}},
	format.LZMA:  {{".tlz", ".tar"}, {".lzma", ""}},
	format.Zstd:  {{".tzst", ".tar"}, {".zstd", ""}, {".zst", ""}},
	format.LZ4:   {{".lz4", ""}},
	format.Zlib:  {{".zlib", ""}, {".zz", ""}, {".z", ""}},
}

// decompressedName names the single child of a compressed stream after its parent minus the
// compression suffix, or "<name>.decompressed".
func decompressedName(name string, kind format.Kind) string {
	lower := strings.ToLower(name)
	for _, s := range suffixes[kind] {
		if strings.HasSuffix(lower, s[0]) && len(name) > len(s[0]) {
			return name[:len(name)-len(s[0])] + s[1]
		}
	}
	if name == "" {
		name = "stream"
	}
	return name + ".decompressed"
}

// stream expands a single compressed stream into its one child, decompressed lazily when the
// caller opens it.
func (x *expander) stream(kind format.Kind) error {
	if !x.admit() {
		return nil
	}
	c := x.child(decompressedName(x.n.Name, kind), -1, x.n.Mode.Perm())
	member := c.Member
	s := &session{}
	c.Open = s.wrap(func() (io.ReadCloser, error) {
		rc, err := x.n.Open()
		if err != nil {
			return nil, fmt.Errorf("unable to open %s: %w", describe(x.n), err)
		}
		src := &countReader{r: rc}
		dec, err := x.decoder(kind, src, member)
		if err != nil {
			_ = rc.Close()
			return nil, x.decodeErr(member, err)
		}
		cfg := x.guardFor(member, -1)
		cfg.counter, cfg.src, cfg.closers = x.counter, src, []io.Closer{rc, dec}
		return newGuard(dec, cfg), nil
	}, true)
	return x.visit(c, s)
}

// decoder returns a decompressor of kind over src, with dictionary and window sizes capped by
// MaxDictBytes. Decoders run synchronously: no goroutines outlive a member.
func (x *expander) decoder(kind format.Kind, src io.Reader, member string) (io.ReadCloser, error) {
	switch kind {
	case rawDeflate:
		return flate.NewReader(src), nil
	case format.Gzip:
		return newGzipStream(src, func(detail string) { x.col.add(TrailingData, member, detail) })
	case format.Bzip2:
		return io.NopCloser(bzip2.NewReader(src)), nil
	case format.XZ:
		return newXZReader(src, x.b.MaxDictBytes, func(detail string) { x.col.add(TrailingData, member, detail) })
	case format.LZMA:
		return lzmaAlone(src, x.b.MaxDictBytes)
	case format.Zstd:
		return newZstd(src, x.b.MaxDictBytes)
	case format.LZ4:
		r := lz4.NewReader(src)
		if err := r.Apply(lz4.ConcurrencyOption(1)); err != nil {
			return nil, fmt.Errorf("unable to configure lz4: %w", err)
		}
		return io.NopCloser(r), nil
	case format.Zlib:
		return newZlib(src)
	}
	return nil, fmt.Errorf("unable to decompress %q: %w", kind, ErrNotContainer)
}

// newZlib reads a zlib stream, after the 21- or 22-byte header of joblib's old "ZF" files
// when there is one (format.Sniff calls those zlib too).
func newZlib(src io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReader(src)
	head, _ := br.Peek(zfPeek) // a short stream is left to the zlib reader to reject
	if n := format.ZFileHeaderLen(head); n > 0 {
		_, _ = br.Discard(n) // peeked: cannot fail
	}
	r, err := zlib.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("unable to read zlib header: %w", err)
	}
	return r, nil
}

// zfPeek covers a joblib "ZF" header and its optional trailing space.
const zfPeek = 22

// decodeErr records a decoder set-up failure as an anomaly and returns it for the caller.
func (x *expander) decodeErr(member string, err error) error {
	switch {
	case errors.Is(err, limits.ErrExceeded):
		x.col.budget(Budget, member, err.Error(), err, false)
	case errors.Is(err, errUnsupported):
		x.col.add(Unscannable, member, err.Error())
	default:
		x.col.add(Malformed, member, err.Error())
	}
	return fmt.Errorf("unable to decompress %s: %w", member, err)
}

// dictExceeded is the error for a dictionary or window larger than MaxDictBytes.
func dictExceeded(n, maxDict int64) error {
	return fmt.Errorf("dictionary of %d bytes: %w", n, limits.Exceeded("dictionary bytes", maxDict))
}

// dictCap converts MaxDictBytes to the range the lzma package accepts.
func dictCap(maxDict int64) int {
	return int(min(max(maxDict, lzma.MinDictCap), lzma.MaxDictCap, int64(^uint(0)>>1)))
}

// lzmaAlone reads the classic .lzma format; the library refuses headers whose dictionary is
// over the cap before allocating it.
func lzmaAlone(src io.Reader, maxDict int64) (io.ReadCloser, error) {
	r, err := lzma.ReaderConfig{DictCap: dictCap(maxDict)}.NewReader(src)
	if err != nil {
		var de *lzma.ErrDictSize
		if errors.As(err, &de) {
			return nil, dictExceeded(int64(de.HeaderDictSize), maxDict)
		}
		return nil, fmt.Errorf("unable to read lzma header: %w", err)
	}
	return io.NopCloser(r), nil
}

// zstdReader adapts a zstd decoder (whose Close returns nothing) and names window errors as
// budget hits.
type zstdReader struct {
	d       *zstd.Decoder
	maxDict int64
}

func newZstd(src io.Reader, maxDict int64) (io.ReadCloser, error) {
	window := uint64(max(maxDict, zstd.MinWindowSize))
	d, err := zstd.NewReader(src, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
		zstd.WithDecoderMaxWindow(window), zstd.WithDecoderMaxMemory(window))
	if err != nil {
		return nil, fmt.Errorf("unable to read zstd stream: %w", err)
	}
	return &zstdReader{d: d, maxDict: maxDict}, nil
}

func (z *zstdReader) Read(p []byte) (int, error) {
	n, err := z.d.Read(p)
	if errors.Is(err, zstd.ErrWindowSizeExceeded) || errors.Is(err, zstd.ErrDecoderSizeExceeded) {
		return n, fmt.Errorf("zstd window: %w", limits.Exceeded("dictionary bytes", z.maxDict))
	}
	return n, err
}

func (z *zstdReader) Close() error {
	z.d.Close()
	return nil
}

// gzipStream reads every member of a multi-member gzip file, skips the zero padding Python's
// gzip module also skips, and reports (instead of failing on) other bytes after the last member.
type gzipStream struct {
	br       *bufio.Reader
	z        *gzip.Reader
	trailing func(string)
	done     bool
}

func newGzipStream(src io.Reader, trailing func(string)) (*gzipStream, error) {
	br := bufio.NewReader(src)
	z, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("unable to read gzip header: %w", err)
	}
	z.Multistream(false)
	return &gzipStream{br: br, z: z, trailing: trailing}, nil
}

func (g *gzipStream) Read(p []byte) (int, error) {
	for !g.done {
		n, err := g.z.Read(p)
		if !errors.Is(err, io.EOF) {
			return n, err
		}
		if more, nerr := g.nextMember(); nerr != nil {
			return n, nerr
		} else if !more {
			g.done = true
		}
		if n > 0 {
			return n, nil
		}
	}
	return 0, io.EOF
}

// nextMember positions the reader on the next member, if any.
func (g *gzipStream) nextMember() (bool, error) {
	for {
		b, err := g.br.ReadByte()
		if err != nil {
			return false, nil // clean end of input
		}
		if b == 0 {
			continue // zero padding
		}
		_ = g.br.UnreadByte()
		if head, _ := g.br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
			if err := g.z.Reset(g.br); err != nil {
				return false, fmt.Errorf("unable to read gzip member header: %w", err)
			}
			g.z.Multistream(false)
			return true, nil
		}
		g.trailing("non-gzip bytes after the last gzip member")
		return false, nil
	}
}

func (g *gzipStream) Close() error { return g.z.Close() }

var (
	_ io.ReadCloser = (*zstdReader)(nil)
	_ io.ReadCloser = (*gzipStream)(nil)
)
