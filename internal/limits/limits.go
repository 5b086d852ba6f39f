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

// WithDefaults fills every zero field of b from Default().
func (b Budget) WithDefaults() Budget {
	d := Default()
	if b.MaxFileBytes <= 0 {
		b.MaxFileBytes = d.MaxFileBytes
	}
	if b.MaxExpandedBytes <= 0 {
		b.MaxExpandedBytes = d.MaxExpandedBytes
	}
	if b.MaxRatio <= 0 {
		b.MaxRatio = d.MaxRatio
	}
	if b.MaxEntries <= 0 {
		b.MaxEntries = d.MaxEntries
	}
	if b.MaxDepth <= 0 {
		b.MaxDepth = d.MaxDepth
	}
	if b.FileTimeout <= 0 {
		b.FileTimeout = d.FileTimeout
	}
	if b.MaxOpcodes <= 0 {
		b.MaxOpcodes = d.MaxOpcodes
	}
	if b.MaxStack <= 0 {
		b.MaxStack = d.MaxStack
	}
	if b.MaxNested <= 0 {
		b.MaxNested = d.MaxNested
	}
	if b.MaxDictBytes <= 0 {
		b.MaxDictBytes = d.MaxDictBytes
	}
	return b
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
