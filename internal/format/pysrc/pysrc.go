// Package pysrc reads Python source shipped inside model archives (TorchScript code/ members)
// as bounded text for the code detectors. It never runs or imports it.
package pysrc

import (
	"fmt"
	"io"
)

// MaxLen bounds how much of one source file is kept.
const MaxLen = 16 << 20

// File is one Python source file.
type File struct {
	Text      string
	Truncated bool // the file was longer than MaxLen; only the prefix is in Text
}

// Read reads at most MaxLen bytes of source from r.
func Read(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxLen+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read source: %w", err)
	}
	f := &File{Text: string(b)}
	if len(b) > MaxLen {
		f.Text, f.Truncated = string(b[:MaxLen]), true
	}
	return f, nil
}
