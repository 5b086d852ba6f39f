package runner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/aisecops/aisec/internal/redteam/record"
)

// MaxRecordBytes bounds one journal line. A record holds at most a 256 KiB reply, 256 KiB
// of tool-call arguments and a few 32 KiB prompt texts, and JSON escaping can grow
// control characters six times, so real records stay well under this; a longer line is
// refused when written, never produced and then found unreadable.
const MaxRecordBytes = 16 << 20

// Journal appends records to a JSONL file, one write per line, so a killed run leaves at
// worst one partial last line, which Resume drops.
type Journal struct {
	mu   sync.Mutex
	f    *os.File
	path string
	// err is the first write error: after it nothing more is written, so a failed write
	// can never be followed by good lines that make the file unreadable.
	err error
}

// Create starts a new journal at path with its start record. An existing non-empty file is
// never overwritten: it may hold a run the user wants to resume.
func Create(path string, start *record.Start) (*Journal, error) {
	// 0600: the journal holds system prompts and whole conversations.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("unable to start journal %s: the file exists (use --resume %s to continue it, or choose another --journal)", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("unable to start journal: %w", err)
	}
	j := &Journal{f: f, path: path}
	start.Type = record.TypeStart
	start.Format = record.Version
	if err := j.write(start); err != nil {
		_ = f.Close()
		return nil, err
	}
	return j, nil
}

// Resume reads the journal at path, drops a partial last line left by a killed run and
// reopens the file for appending.
func Resume(path string) (*Journal, *record.Start, []record.Attempt, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("unable to resume: %w", err)
	}
	start, attempts, good, err := read(f)
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err != nil {
		_ = f.Close()
		return nil, nil, nil, fmt.Errorf("unable to resume %s: %w", path, err)
	}
	return &Journal{f: f, path: path}, start, attempts, nil
}

// Read parses a journal. A partial last line (a run killed mid-write) is ignored; any
// other malformed line is an error.
func Read(r io.Reader) (*record.Start, []record.Attempt, error) {
	start, attempts, _, err := read(r)
	return start, attempts, err
}

// read returns the records and the byte length of the complete lines.
func read(r io.Reader) (*record.Start, []record.Attempt, int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		start    *record.Start
		attempts []record.Attempt
		good     int64
	)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			break // includes a partial last line without its newline
		}
		if err != nil {
			return nil, nil, 0, fmt.Errorf("line %d: %w", n, err)
		}
		if err := decodeLine(line, n, &start, &attempts); err != nil {
			return nil, nil, 0, err
		}
		good += int64(len(line))
	}
	if start == nil {
		return nil, nil, 0, errors.New("the journal has no start record")
	}
	return start, attempts, good, nil
}

// readLine returns one line with its newline, or io.EOF when no complete line is left.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > MaxRecordBytes {
			return nil, fmt.Errorf("record longer than %d bytes", MaxRecordBytes)
		}
		switch {
		case err == nil:
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			return nil, io.EOF
		default:
			return nil, err
		}
	}
}

func decodeLine(line []byte, n int, start **record.Start, attempts *[]record.Attempt) error {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil
	}
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return fmt.Errorf("line %d: not a journal record: %w", n, err)
	}
	switch {
	case head.Type == record.TypeStart && *start == nil:
		s := new(record.Start)
		if err := json.Unmarshal(line, s); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if s.Format != record.Version {
			return fmt.Errorf("line %d: journal format %d is not supported (want %d)", n, s.Format, record.Version)
		}
		*start = s
	case head.Type == record.TypeAttempt && *start != nil:
		var a record.Attempt
		if err := json.Unmarshal(line, &a); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		*attempts = append(*attempts, a)
	default:
		return fmt.Errorf("line %d: unexpected %q record", n, head.Type)
	}
	return nil
}

// Append writes one attempt record. It is safe for concurrent use.
func (j *Journal) Append(a *record.Attempt) error {
	a.Type = record.TypeAttempt
	return j.write(a)
}

func (j *Journal) write(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // replies full of markup would grow six-fold
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("unable to encode journal record: %w", err)
	}
	if buf.Len() > MaxRecordBytes {
		return fmt.Errorf("unable to write journal %s: a record of %d bytes exceeds %d", j.path, buf.Len(), MaxRecordBytes)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return j.err
	}
	if _, err := j.f.Write(buf.Bytes()); err != nil {
		j.err = fmt.Errorf("unable to write journal %s: %w", j.path, err)
		return j.err
	}
	return nil
}

// Close flushes the journal to stable storage and closes it.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	err := j.f.Sync()
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}
