package api

import (
	"bytes"
	"errors"
	"fmt"
)

// Event is one server-sent event.
type Event struct {
	// Name is the "event:" field ("" for the default "message" type).
	Name string
	// Data is the "data:" lines joined by "\n"; HasData is false for an event without any
	// (a comment or keep-alive).
	Data    []byte
	HasData bool
	// Raw is the event exactly as received, terminating blank line included: an event the guard
	// does not change is forwarded as Raw.
	Raw []byte
}

// IsDone reports the OpenAI end-of-stream marker "data: [DONE]" (like the SDKs, anything
// starting with it: a client stops reading there).
func (e *Event) IsDone() bool {
	return e.HasData && bytes.HasPrefix(bytes.TrimLeft(e.Data, " \t"), []byte("[DONE]"))
}

// ErrEventTooLarge is returned when one event (or one line) exceeds the parser's limit.
var ErrEventTooLarge = errors.New("server-sent event too large")

// Parser reads a text/event-stream incrementally: Feed it the body in chunks of any size (a
// line or a CRLF may be split anywhere) and it calls back once per complete event. Its memory
// is bounded by the largest event it accepts.
type Parser struct {
	max  int
	buf  []byte
	pos  int // next byte of buf to examine
	ev   int // start of the current event in buf
	seen bool
	// fields of the event being read
	name    string
	data    []byte
	hasData bool
	lines   int
}

// DefaultMaxEvent bounds one event when NewParser is given no limit. A Responses stream ends
// with an event holding the whole response, so this is generous.
const DefaultMaxEvent = 8 << 20

// NewParser returns a parser that fails on any event larger than maxEvent bytes (0: default).
func NewParser(maxEvent int) *Parser {
	if maxEvent <= 0 {
		maxEvent = DefaultMaxEvent
	}
	return &Parser{max: maxEvent}
}

// Feed consumes the next chunk of the stream and calls emit for every event it completes. An
// error from emit stops the parse and is returned.
func (p *Parser) Feed(chunk []byte, emit func(Event) error) error {
	if len(p.buf) == p.ev && p.ev > 0 { // nothing pending: reuse the buffer from the start
		p.buf, p.pos, p.ev = p.buf[:0], 0, 0
	}
	p.buf = append(p.buf, chunk...)
	if !p.seen {
		if len(p.buf) < len(bom) && bytes.HasPrefix([]byte(bom), p.buf) {
			return nil // wait: this may be the start of a byte-order mark
		}
		p.seen = true
		p.buf = bytes.TrimPrefix(p.buf, []byte(bom))
	}
	if err := p.scanLines(emit, false); err != nil {
		return err
	}
	if len(p.buf)-p.ev > p.max {
		return fmt.Errorf("%w (over %d bytes)", ErrEventTooLarge, p.max)
	}
	if p.ev > 0 && p.ev >= len(p.buf)/2 { // compact so that the buffer does not creep
		n := copy(p.buf, p.buf[p.ev:])
		p.buf, p.pos, p.ev = p.buf[:n], p.pos-p.ev, 0
	}
	return nil
}

// Close ends the stream: an event that was not terminated by a blank line is still emitted (the
// guard would rather inspect it than drop it silently).
func (p *Parser) Close(emit func(Event) error) error {
	p.seen = true
	if err := p.scanLines(emit, true); err != nil {
		return err
	}
	if p.pos < len(p.buf) { // a last line without a line ending
		p.field(p.buf[p.pos:])
		p.pos = len(p.buf)
	}
	if p.lines > 0 {
		raw := append(append([]byte(nil), p.buf[p.ev:]...), '\n', '\n')
		return emit(p.take(raw))
	}
	return nil
}

// bom is the UTF-8 byte-order mark, which the standard says to ignore at the start of a stream.
const bom = "\xef\xbb\xbf"

// scanLines processes every complete line in buf.
func (p *Parser) scanLines(emit func(Event) error, final bool) error {
	for p.pos < len(p.buf) {
		rest := p.buf[p.pos:]
		i := bytes.IndexAny(rest, "\r\n")
		if i < 0 {
			return nil
		}
		end := i + 1
		if rest[i] == '\r' {
			if i+1 == len(rest) && !final {
				return nil // a CR at the end of the chunk may be the first half of CRLF
			}
			if i+1 < len(rest) && rest[i+1] == '\n' {
				end++
			}
		}
		line := rest[:i]
		p.pos += end
		if len(line) > 0 {
			p.field(line)
			continue
		}
		if p.lines == 0 { // stray blank line between events
			p.ev = p.pos
			continue
		}
		raw := append([]byte(nil), p.buf[p.ev:p.pos]...)
		p.ev = p.pos
		if err := emit(p.take(raw)); err != nil {
			return err
		}
	}
	return nil
}

// field applies one non-empty line to the current event.
func (p *Parser) field(line []byte) {
	p.lines++
	if line[0] == ':' {
		return // comment
	}
	name, value, found := bytes.Cut(line, []byte(":"))
	if found && len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	switch string(name) {
	case "event":
		p.name = string(value)
	case "data":
		if p.hasData {
			p.data = append(p.data, '\n')
		}
		p.data = append(p.data, value...)
		p.hasData = true
	}
}

// take returns the finished event and resets the per-event fields.
func (p *Parser) take(raw []byte) Event {
	ev := Event{Name: p.name, HasData: p.hasData, Raw: raw}
	if p.hasData {
		ev.Data = append([]byte(nil), p.data...)
	}
	p.name, p.data, p.hasData, p.lines = "", p.data[:0], false, 0
	return ev
}

// AppendEvent appends an event in wire form: the optional name, then one "data:" line per line
// of data, then the blank line.
func AppendEvent(dst []byte, name string, data []byte) []byte {
	if name != "" {
		dst = append(dst, "event: "...)
		dst = append(dst, name...)
		dst = append(dst, '\n')
	}
	for {
		line, rest, more := bytes.Cut(data, []byte("\n"))
		dst = append(dst, "data: "...)
		dst = append(dst, bytes.TrimSuffix(line, []byte("\r"))...)
		dst = append(dst, '\n')
		if !more {
			break
		}
		data = rest
	}
	return append(dst, '\n')
}
