package hdf5

import (
	"fmt"
)

// Object header message types the reader acts on.
const (
	msgNil          = 0x0000
	msgDataspace    = 0x0001
	msgLinkInfo     = 0x0002
	msgDatatype     = 0x0003
	msgLink         = 0x0006
	msgAttribute    = 0x000C
	msgContinuation = 0x0010
	msgSymbolTable  = 0x0011
	msgAttrInfo     = 0x0015
)

// Bounds on one object header. Real headers have a handful of chunks and at most a few
// thousand messages; these only stop hostile chains.
const (
	maxChunks     = 1024
	maxMessages   = 1 << 16
	maxChunkBytes = 64 << 20
)

// messageShared is the object header message flag saying the body is a reference into the
// shared object header message table rather than the message itself.
const messageShared = 0x02

// message is one object header message with the absolute file offset of its body.
type message struct {
	typ   uint16
	flags uint8
	data  []byte
	off   int64
}

// chunk is a contiguous run of messages: the first chunk of a header or a continuation block.
type chunk struct {
	at, n int64
}

// headerReader collects the messages of one object header across its continuation chunks.
type headerReader struct {
	p        *parser
	at       int64
	version  int
	corder   bool // v2 messages carry a 2-byte creation order
	queue    []chunk
	visited  map[int64]bool
	messages []message
}

// objectHeader reads every message of the object header at rel. Failing to read the first
// chunk is an error; failing later (continuations, cycles, budgets) is a gap.
func (p *parser) objectHeader(rel uint64) ([]message, error) {
	at, err := p.abs(rel)
	if err != nil {
		return nil, fmt.Errorf("unable to locate object header: %w", err)
	}
	h := &headerReader{p: p, at: at, visited: map[int64]bool{}}
	prefix, err := p.readUpTo(at, 4)
	if err != nil {
		return nil, fmt.Errorf("unable to read object header at %d: %w", at, err)
	}
	switch {
	case string(prefix) == "OHDR":
		h.version = 2
		err = h.firstChunkV2()
	case len(prefix) > 0 && prefix[0] == 1:
		h.version = 1
		err = h.firstChunkV1()
	default:
		return nil, fmt.Errorf("no object header at %d (found % x)", at, prefix)
	}
	if err != nil {
		return nil, err
	}
	h.followContinuations()
	return h.messages, nil
}

// firstChunkV1 reads the 16-byte v1 prefix (version, reserved, message count, reference
// count, header size, alignment) and the messages that follow it.
func (h *headerReader) firstChunkV1() error {
	b, err := h.p.readAt(h.at, 16)
	if err != nil {
		return fmt.Errorf("unable to read object header at %d: %w", h.at, err)
	}
	c := &cursor{b: b}
	c.skip(8)
	n := int64(c.u32())
	if n > maxChunkBytes {
		return fmt.Errorf("object header at %d claims %d bytes", h.at, n)
	}
	body, err := h.p.readAt(h.at+16, n)
	if err != nil {
		return fmt.Errorf("unable to read object header at %d: %w", h.at, err)
	}
	h.visited[h.at+16] = true
	h.parseMessages(body, h.at+16)
	return nil
}

// firstChunkV2 reads the "OHDR" prefix, whose optional fields depend on its flags, then the
// first chunk and its checksum.
func (h *headerReader) firstChunkV2() error {
	pre, err := h.p.readUpTo(h.at, 4+1+1+16+4+8)
	if err != nil {
		return fmt.Errorf("unable to read object header at %d: %w", h.at, err)
	}
	c := &cursor{b: pre}
	c.skip(4)
	if v := c.u8(); v != 2 && !c.short {
		return fmt.Errorf("unsupported object header version %d at %d", v, h.at)
	}
	flags := c.u8()
	h.corder = flags&0x04 != 0
	if flags&0x20 != 0 {
		c.skip(16) // access, modification, change and birth times
	}
	if flags&0x10 != 0 {
		c.skip(4) // attribute storage phase change values
	}
	n := c.uint(1 << (flags & 3))
	if c.short {
		return c.err("object header prefix")
	}
	if n > maxChunkBytes {
		return fmt.Errorf("object header at %d claims %d bytes", h.at, n)
	}
	start := int64(c.pos)
	b, err := h.p.readAt(h.at, start+int64(n)+4)
	if err != nil {
		return fmt.Errorf("unable to read object header at %d: %w", h.at, err)
	}
	h.p.verifyChecksum(b, len(b)-4, "object header", h.at)
	h.visited[h.at] = true
	h.parseMessages(b[start:len(b)-4], h.at+start)
	return nil
}

// followContinuations reads the continuation chunks queued while parsing, once each.
func (h *headerReader) followContinuations() {
	for chunks := 1; len(h.queue) > 0; chunks++ {
		ch := h.queue[0]
		h.queue = h.queue[1:]
		if chunks >= maxChunks {
			h.p.gap("object header at %d has more than %d continuation chunks", h.at, maxChunks)
			return
		}
		if h.visited[ch.at] {
			h.p.gap("object header at %d: continuation chunk at %d is visited twice (cycle)", h.at, ch.at)
			continue
		}
		h.visited[ch.at] = true
		if err := h.readContinuation(ch); err != nil {
			h.p.gap("object header at %d: %v", h.at, err)
		}
	}
}

func (h *headerReader) readContinuation(ch chunk) error {
	if ch.n > maxChunkBytes {
		return fmt.Errorf("continuation chunk at %d claims %d bytes", ch.at, ch.n)
	}
	b, err := h.p.readAt(ch.at, ch.n)
	if err != nil {
		return fmt.Errorf("unable to read continuation chunk: %w", err)
	}
	if h.version == 1 {
		h.parseMessages(b, ch.at)
		return nil
	}
	if len(b) < 8 || string(b[:4]) != "OCHK" {
		return fmt.Errorf("continuation chunk at %d has no OCHK signature", ch.at)
	}
	h.p.verifyChecksum(b, len(b)-4, "object header continuation", ch.at)
	h.parseMessages(b[4:len(b)-4], ch.at+4)
	return nil
}

// parseMessages splits one chunk into messages and queues the continuations it names. A v2
// chunk may end in a gap shorter than a message header, which is skipped.
func (h *headerReader) parseMessages(b []byte, at int64) {
	c := &cursor{b: b}
	hdr := 8
	if h.version == 2 {
		hdr = 4
		if h.corder {
			hdr = 6
		}
	}
	for c.left() >= hdr {
		var m message
		var size int
		if h.version == 1 {
			m.typ, size, m.flags = c.u16(), int(c.u16()), c.u8()
			c.skip(3)
		} else {
			m.typ, size, m.flags = uint16(c.u8()), int(c.u16()), c.u8()
			c.skip(hdr - 4)
		}
		m.off = at + int64(c.pos) // before take moves the cursor
		m.data = c.take(size)
		if c.short {
			h.p.gap("object header at %d: message of type %#04x at %d runs past its chunk", h.at, m.typ, m.off)
			return
		}
		if !h.add(m) {
			return
		}
	}
}

// add keeps one message, queueing the chunk it points to when it is a continuation.
func (h *headerReader) add(m message) bool {
	if len(h.messages) >= maxMessages {
		h.p.gap("object header at %d has more than %d messages", h.at, maxMessages)
		return false
	}
	if h.p.nmsgs++; h.p.nmsgs > maxFileMessages {
		h.p.gap("more than %d object header messages in the file", maxFileMessages)
		return false
	}
	switch m.typ {
	case msgNil:
		return true
	case msgContinuation:
		c := &cursor{b: m.data}
		rel, n := c.uint(h.p.offSize), c.uint(h.p.lenSize)
		if c.short {
			h.p.gap("object header at %d: truncated continuation message", h.at)
			return true
		}
		at, err := h.p.abs(rel)
		if err != nil || n > uint64(h.p.size) {
			h.p.gap("object header at %d: continuation chunk %d+%d is outside the file", h.at, rel, n)
			return true
		}
		if len(h.queue)+len(h.visited) >= maxChunks {
			h.p.gap("object header at %d has more than %d continuation chunks", h.at, maxChunks)
			return false
		}
		h.queue = append(h.queue, chunk{at: at, n: int64(n)})
		return true
	}
	h.messages = append(h.messages, m)
	return true
}
