// Package check runs the guard's engine over JSON lines offline: one verdict line per input
// line, in order, with the lines inspected in parallel. It backs `aisec guard check`.
package check

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Inspector is what check needs of the engine.
type Inspector interface {
	Inspect(ctx context.Context, req *scanners.Request) *engine.Verdict
}

// Options tunes a run.
type Options struct {
	// Direction is the side the texts come from (scanners.Input by default).
	Direction scanners.Direction
	// Workers inspecting lines at once; zero means one per CPU.
	Workers int
	// MaxLineBytes bounds one input line; longer lines get an error verdict. Zero means 16 MiB.
	MaxLineBytes int
}

// Stats counts what a run saw.
type Stats struct {
	Lines, Flagged, Blocked, Invalid int
}

// Line is one output line. Action is "error" for an input line that could not be read; such a
// line is never reported as clean.
type Line struct {
	Flagged   bool               `json:"flagged"`
	Action    engine.Mode        `json:"action"`
	Findings  []engine.Hit       `json:"findings"`
	Errors    []engine.RuleError `json:"errors,omitempty"`
	Sanitized []string           `json:"sanitized,omitempty"`
	Error     string             `json:"error,omitempty"`
}

const batchSize = 512

// Run reads JSON lines from r and writes one verdict line per input line to w. Lines are
// inspected in batches by Workers goroutines so that memory stays bounded on large files
// while the output keeps the input order.
func Run(ctx context.Context, eng Inspector, r io.Reader, w io.Writer, o Options) (Stats, error) {
	if o.Direction == 0 {
		o.Direction = scanners.Input
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = 16 << 20
	}
	lines := newLineReader(r, o.MaxLineBytes)
	out := bufio.NewWriterSize(w, 64<<10)
	var st Stats
	for {
		batch, err := lines.next(batchSize)
		results := inspectAll(ctx, eng, batch, o)
		for _, res := range results {
			st.Lines++
			if res.Flagged {
				st.Flagged++
			}
			switch res.Action {
			case "error":
				st.Invalid++
			case engine.Block:
				st.Blocked++
			}
			b, merr := json.Marshal(res)
			if merr != nil {
				return st, fmt.Errorf("unable to encode a verdict: %w", merr)
			}
			out.Write(b)
			out.WriteByte('\n')
		}
		if err != nil {
			if ferr := out.Flush(); ferr != nil {
				return st, ferr
			}
			if errors.Is(err, io.EOF) {
				return st, nil
			}
			return st, err
		}
		if ctx.Err() != nil {
			out.Flush()
			return st, ctx.Err()
		}
	}
}

func inspectAll(ctx context.Context, eng Inspector, batch []rawLine, o Options) []Line {
	results := make([]Line, len(batch))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(o.Workers, len(batch)) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = inspectLine(ctx, eng, batch[i], o.Direction)
			}
		})
	}
	for i := range batch {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

func inspectLine(ctx context.Context, eng Inspector, l rawLine, d scanners.Direction) Line {
	if l.err != nil {
		return Line{Action: "error", Findings: []engine.Hit{}, Error: l.err.Error()}
	}
	req, err := parseRequest(l.data, d)
	if err != nil {
		return Line{Action: "error", Findings: []engine.Hit{}, Error: fmt.Sprintf("line %d: %v", l.number, err)}
	}
	v := eng.Inspect(ctx, req)
	hits := v.Hits
	if hits == nil {
		hits = []engine.Hit{}
	}
	return Line{Flagged: v.Flagged, Action: v.Action, Findings: hits, Errors: v.Errors, Sanitized: v.Sanitized}
}

// rawLine is one input line, or the reason it could not be read.
type rawLine struct {
	number int
	data   []byte
	err    error
}

type lineReader struct {
	r      *bufio.Reader
	max    int
	number int
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns up to n lines; the error (io.EOF at the end) comes with the last batch.
func (lr *lineReader) next(n int) ([]rawLine, error) {
	var out []rawLine
	for len(out) < n {
		data, tooLong, err := lr.readLine()
		if err != nil && len(data) == 0 && !tooLong {
			return out, err
		}
		lr.number++
		line := rawLine{number: lr.number, data: data}
		if tooLong {
			line.data, line.err = nil, fmt.Errorf("line %d: longer than %d bytes", lr.number, lr.max)
		}
		if len(bytes.TrimSpace(line.data)) > 0 || line.err != nil {
			out = append(out, line)
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// readLine reads one line without keeping more than max bytes of it.
func (lr *lineReader) readLine() ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > lr.max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, err
	}
}
