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
}

// Bounds that are not part of limits.Budget because they only shape this parser's output.
const (
	sniffLen        = 4 << 10  // bytes LooksLikePickle looks at
	keepConst       = 4 << 10  // prefix of a str/bytes constant kept and inspected
	maxNestedBytes  = 16 << 20 // decoded size of one embedded pickle held in memory
	nestedAllowance = 64 << 20 // decoded bytes held in memory for embedded pickles per Parse
	maxLineKeep     = 4 << 10  // bytes kept of GLOBAL/INST/INT/... lines
	maxStacked      = 10_000   // stacked pickles walked when Options.MaxStreams is 0
)

// config is the resolved configuration shared by a Parse call and its nested parses.
type config struct {
	budget     limits.Budget
	maxStreams int
	nestedLeft *int64 // decoded bytes still allowed for embedded pickles
	recordLeft *int64 // record bytes still allowed (see recordBudget)
}

func newConfig(opts Options) *config {
	nested, records := int64(nestedAllowance), int64(recordBudget)
	return &config{budget: opts.Budget.WithDefaults(), maxStreams: opts.MaxStreams, nestedLeft: &nested, recordLeft: &records}
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
		if len(f.Streams) > 0 && ((cfg.maxStreams > 0 && len(f.Streams) >= cfg.maxStreams) ||
			(!LooksLikePickle(head) && !legacyTorchNext(f))) {
			return f, countTrailing(f, src)
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

// IsLegacyTorchMagic reports whether a first pickle is the legacy torch.save magic number. A
// value computed by a call counts too: torch.load goes on to the next pickles either way
// (GHSA-97f8-7cmv-76j2).
func IsLegacyTorchMagic(s *Stream) bool {
	return s.Result.Int == legacyTorchMagic || s.Result.Kind == ValueCall
}

// legacyTorchNext reports whether the next pickle must be walked whatever its bytes look like:
// in a legacy checkpoint the five pickles are pickles by position, not by appearance.
func legacyTorchNext(f *File) bool {
	return len(f.Streams) > 0 && len(f.Streams) < LegacyTorchStreams && IsLegacyTorchMagic(f.Streams[0])
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
