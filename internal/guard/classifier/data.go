package classifier

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Example is one labelled text.
type Example struct {
	Text string
	// Label is true for an attack (prompt injection or jailbreak), false for benign text.
	Label bool
	// Source names where the example came from; evaluation reports per source and leaves one
	// source out at a time. LoadFiles uses the file name without its extension.
	Source string
	// Kind is the dataset's finer label ("jailbreak", "benign-borderline", …), informative.
	Kind string
	// Weight scales the example's loss; 0 (or any value that is not a positive finite
	// number) means 1.
	Weight float64
}

// MaxLineBytes bounds one JSONL record; longer lines are an error, not a truncation.
const MaxLineBytes = 1 << 20

// record is one line of the dataset format (see /work/shared/datasets/guard/README.md).
type record struct {
	Text  *string `json:"text"`
	Label string  `json:"label"`
	Kind  string  `json:"kind"`
}

// LoadJSONL reads examples in the dataset format, one JSON object per line:
// {"text", "label": "attack"|"benign", "kind", "source", "license"}. Every example gets the
// given source name (the record's own "source" field is the upstream provenance and is not
// used). Blank lines are skipped; anything else that is not a valid record is an error naming
// its line.
func LoadJSONL(r io.Reader, source string) ([]Example, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var out []Example
	for line := 1; ; line++ {
		b, err := readLine(br)
		if len(b) > 0 {
			ex, perr := parseRecord(b, source)
			if perr != nil {
				return nil, fmt.Errorf("line %d: %w", line, perr)
			}
			out = append(out, ex)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// readLine returns one line without its end-of-line bytes, refusing lines longer than
// MaxLineBytes without buffering them.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLineBytes+2 {
			return nil, fmt.Errorf("line longer than %d bytes", MaxLineBytes)
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSpace(buf), err
	}
}

func parseRecord(b []byte, source string) (Example, error) {
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return Example{}, fmt.Errorf("invalid JSON record: %w", err)
	}
	if rec.Text == nil {
		return Example{}, errors.New(`missing "text"`)
	}
	if strings.TrimSpace(*rec.Text) == "" {
		return Example{}, errors.New(`empty "text"`)
	}
	ex := Example{Text: *rec.Text, Source: source, Kind: rec.Kind}
	switch rec.Label {
	case "attack":
		ex.Label = true
	case "benign":
	default:
		return Example{}, fmt.Errorf(`"label" is %q, want "attack" or "benign"`, rec.Label)
	}
	return ex, nil
}

// SourceName is the source name LoadFiles gives a file: its base name without extension.
func SourceName(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// LoadFiles reads JSONL files, naming each file's examples by SourceName. Two files with the
// same source name are an error, since evaluation could not tell them apart.
func LoadFiles(paths []string) ([]Example, error) {
	seen := make(map[string]string, len(paths))
	var out []Example
	for _, p := range paths {
		name := SourceName(p)
		if prev, ok := seen[name]; ok {
			return nil, fmt.Errorf("files %s and %s have the same source name %q", prev, p, name)
		}
		seen[name] = p
		exs, err := loadFile(p, name)
		if err != nil {
			return nil, err
		}
		out = append(out, exs...)
	}
	return out, nil
}

func loadFile(path, source string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("unable to open dataset: %w", err)
	}
	defer f.Close()
	exs, err := LoadJSONL(f, source)
	if err != nil {
		return nil, fmt.Errorf("unable to read dataset %s: %w", path, err)
	}
	return exs, nil
}
