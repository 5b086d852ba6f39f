package pickle

import (
	"context"
	"fmt"
	"io"

	"github.com/aisecops/aisec/internal/limits"
)

// Options configures Parse.
type Options struct {
	// Budget bounds the walk. Parse uses MaxOpcodes (per stream), MaxStack (stack, marks and
	// memo entries per stream), MaxNested (pickles embedded in pickles) and MaxFileBytes
	// (input bytes read or skipped). Zero fields take limits.Default() values.
	Budget limits.Budget
	// MaxStreams caps how many stacked pickles are walked. 0 keeps walking while the bytes
	// after each STOP begin a plausible pickle; legacy torch files use 5.
	MaxStreams int
	// Carve looks for further pickles inside the bytes that follow the last one, instead of
	// stopping there. Formats that interleave pickles with raw data use it (the legacy torch
	// tar's storages and tensors members hold pickle, raw storage bytes, pickle). Carving
	// reads those bytes, so it is meant for members, not whole checkpoints.
	Carve bool
}

// Bounds that are not part of limits.Budget because they only shape this parser's output.
const (
	sniffLen        = 4 << 10  // bytes LooksLikePickle looks at
	keepConst       = 4 << 10  // prefix of a str/bytes constant kept and inspected
	maxNestedBytes  = 16 << 20 // decoded size of one embedded pickle held in memory
	nestedAllowance = 64 << 20 // decoded bytes held in memory for embedded pickles per Parse
	maxLineKeep     = 4 << 10  // bytes kept of GLOBAL/INST/INT/... lines
	maxStacked      = 10_000   // stacked pickles walked when Options.MaxStreams is 0
	maxCarveBytes   = 1 << 30  // raw bytes searched for pickles when Options.Carve is set
)

// config is the resolved configuration shared by a Parse call and its nested parses.
type config struct {
	budget     limits.Budget
	maxStreams int
	carve      bool
	nestedLeft *int64 // decoded bytes still allowed for embedded pickles
	recordLeft *int64 // record bytes still allowed (see recordBudget)
}

func newConfig(opts Options) *config {
	nested, records := int64(nestedAllowance), int64(recordBudget)
	return &config{budget: opts.Budget.WithDefaults(), maxStreams: opts.MaxStreams, carve: opts.Carve, nestedLeft: &nested, recordLeft: &records}
}

// Parse walks every pickle in r from its current position. r may also implement io.Seeker so
// that large payloads (BINBYTES, BINUNICODE, joblib arrays) are skipped without reading them.
// Malformed or truncated input is not an error: it is recorded in Stream.Err and everything
// seen before is kept. The returned error is only for ctx cancellation or an I/O error of r.
func Parse(ctx context.Context, r io.Reader, opts Options) (f *File, err error) {
	cfg := newConfig(opts)
	src, err := newSource(ctx, r, cfg.budget.MaxFileBytes)
	if err != nil {
		return &File{}, err
	}
	f, err = parseFile(ctx, cfg, src, 0)
	if err != nil {
		return f, fmt.Errorf("unable to parse pickle: %w", err)
	}
	return f, nil
}

// parseFile walks stacked streams from src until the input ends, a stream fails, or the bytes
// after a STOP do not begin another pickle.
func parseFile(ctx context.Context, cfg *config, src *source, depth int) (f *File, err error) {
	f = &File{}
	defer func() {
		if r := recover(); r != nil {
			st := &Stream{Offset: src.offset(), End: src.offset()}
			st.Err = &ParseError{Offset: src.offset(), Msg: fmt.Sprintf("internal error: %v", r)}
			f.Streams = append(f.Streams, st)
			err = nil
		}
	}()
	for {
		head := src.peek(sniffLen)
		if len(head) == 0 {
			return f, src.ioErr()
		}
		if len(f.Streams) > 0 && cfg.maxStreams > 0 && len(f.Streams) >= cfg.maxStreams {
			return f, countTrailing(f, src)
		}
		if len(f.Streams) > 0 && !LooksLikePickle(head) && !legacyTorchNext(f) {
			if !cfg.carve || !carveNext(src) {
				return f, countTrailing(f, src)
			}
		}
		if len(f.Streams) >= maxStacked {
			f.Exceeded = limits.Exceeded("stacked pickles", maxStacked)
			return f, countTrailing(f, src)
		}
		st, err := walkStream(ctx, cfg, src, depth)
		f.Streams = append(f.Streams, st)
		if err != nil || !st.Complete {
			return f, err
		}
	}
}

// legacyTorchMagic is the value of the first pickle of a legacy torch.save file
// (0x1950a86a20f9469cfc6c).
const legacyTorchMagic = "119547037146038801333356"

// LegacyTorchStreams is how many pickles torch.load reads from a legacy checkpoint (magic
// number, protocol version, sys_info, the data, the storage keys); raw storage bytes follow.
const LegacyTorchStreams = 5

// legacyTorchProtocol is the second pickle of a legacy checkpoint (torch's protocol version).
const legacyTorchProtocol = "1001"

// IsLegacyTorch reports whether the streams are a legacy torch.save checkpoint: the magic
// number first, or a first value computed by a call (torch.load goes on either way,
// GHSA-97f8-7cmv-76j2) followed by torch's protocol version.
func IsLegacyTorch(f *File) bool {
	if len(f.Streams) < 2 {
		return false
	}
	first, second := f.Streams[0].Result, f.Streams[1].Result
	return first.Int == legacyTorchMagic || (first.Kind == ValueCall && second.Int == legacyTorchProtocol)
}

// legacyTorchNext reports whether the next pickle must be walked whatever its bytes look like:
// after the literal magic number, the five pickles of a legacy checkpoint are pickles by
// position, not by appearance.
func legacyTorchNext(f *File) bool {
	n := len(f.Streams)
	return n > 0 && n < LegacyTorchStreams && f.Streams[0].Result.Int == legacyTorchMagic
}

// carveNext advances src to the next offset where a pickle with a PROTO opcode plausibly
// begins, within maxCarveBytes, and reports whether it found one.
func carveNext(src *source) bool {
	start := src.offset()
	for src.offset()-start < maxCarveBytes {
		if !src.fill(2) {
			return false
		}
		buf := src.buf[src.pos+1 : src.end]
		i := 0
		for ; i < len(buf)-1; i++ {
			if buf[i] == 0x80 && buf[i+1] >= 2 && buf[i+1] <= 5 {
				break
			}
		}
		src.pos += 1 + i
		if i < len(buf)-1 && LooksLikePickle(src.peek(sniffLen)) {
			return true
		}
	}
	return false
}

// countTrailing records the bytes after the last stream.
func countTrailing(f *File, src *source) error {
	f.TrailingOffset = src.offset()
	if left := src.left(); left >= 0 {
		f.Trailing = left
		return nil
	}
	for {
		f.Trailing += int64(src.avail())
		src.pos = src.end
		if !src.fill(1) {
			return src.ioErr()
		}
	}
}
