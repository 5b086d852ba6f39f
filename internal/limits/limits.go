// Package limits holds the budgets every parser and container reader honours, so that hostile
// input costs a bounded amount of memory and time and never crashes the process.
package limits

import (
	"errors"
	"fmt"
	"time"
)

// Budget bounds the work spent on one top-level input (a file given or walked) including
// everything nested inside it. The zero value means "use Default()" for each field.
type Budget struct {
	MaxFileBytes     int64         // largest single file or member that is analysed
	MaxExpandedBytes int64         // total bytes produced by decompression within one top-level input
	MaxRatio         int64         // largest decompressed:compressed ratio of one stream (zip bombs)
	MaxEntries       int           // members read from one archive
	MaxDepth         int           // container nesting (a.zip!/b.tar!/c.gz is depth 3)
	FileTimeout      time.Duration // wall time for one top-level input
	MaxOpcodes       int64         // pickle opcodes walked per stream
	MaxStack         int           // symbolic stack and memo entries tracked per pickle stream
	MaxNested        int           // nesting of pickles embedded in pickles
	MaxDictBytes     int64         // allocation cap for compression dictionaries (7z LZMA, xz)
}

// Default returns budgets that let real models through (multi-GB checkpoints, thousands of
// members) while bounding hostile input.
func Default() Budget {
	return Budget{
		MaxFileBytes:     1 << 40, // 1 TiB: anything larger is not a model we can vouch for
		MaxExpandedBytes: 64 << 30,
		MaxRatio:         200,
		MaxEntries:       100_000,
		MaxDepth:         8,
		FileTimeout:      5 * time.Minute,
		MaxOpcodes:       50_000_000,
		MaxStack:         10_000_000,
		MaxNested:        4,
		MaxDictBytes:     256 << 20,
	}
}

// WithDefaults fills every zero (or negative) field of b from Default().
func (b Budget) WithDefaults() Budget {
	d := Default()
	b.MaxFileBytes = orDefault(b.MaxFileBytes, d.MaxFileBytes)
	b.MaxExpandedBytes = orDefault(b.MaxExpandedBytes, d.MaxExpandedBytes)
	b.MaxRatio = orDefault(b.MaxRatio, d.MaxRatio)
	b.MaxEntries = orDefault(b.MaxEntries, d.MaxEntries)
	b.MaxDepth = orDefault(b.MaxDepth, d.MaxDepth)
	b.FileTimeout = orDefault(b.FileTimeout, d.FileTimeout)
	b.MaxOpcodes = orDefault(b.MaxOpcodes, d.MaxOpcodes)
	b.MaxStack = orDefault(b.MaxStack, d.MaxStack)
	b.MaxNested = orDefault(b.MaxNested, d.MaxNested)
	b.MaxDictBytes = orDefault(b.MaxDictBytes, d.MaxDictBytes)
	return b
}

func orDefault[T int | int64 | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// ErrExceeded is matched (errors.Is) by every budget violation.
var ErrExceeded = errors.New("budget exceeded")

// ExceededError names the budget that was hit.
type ExceededError struct {
	What  string // e.g. "decompressed bytes", "archive entries"
	Limit int64
}

// Error implements error.
func (e *ExceededError) Error() string {
	return fmt.Sprintf("%s budget of %d exceeded", e.What, e.Limit)
}

// Is makes errors.Is(err, ErrExceeded) true.
func (e *ExceededError) Is(target error) bool { return target == ErrExceeded }

// Exceeded returns an *ExceededError.
func Exceeded(what string, limit int64) error { return &ExceededError{What: what, Limit: limit} }
