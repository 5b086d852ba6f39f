package savedmodel

import (
	"context"
	"errors"
	"fmt"
	"io"

	"google.golang.org/protobuf/proto"

	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/pbwire"
	"github.com/aisecops/aisec/internal/limits"
)

// ErrNotTensorFlow is returned by Parse when the input is not one of the protobufs Sniff
// recognises.
var ErrNotTensorFlow = errors.New("not a TensorFlow SavedModel, MetaGraphDef, GraphDef or keras_metadata protobuf")

// caps bound what one file may cost. Tests shrink them.
type caps struct {
	maxDepth       int   // message nesting; TensorFlow's own parser stops at 100
	maxNodes       int   // nodes recorded (graph and functions)
	maxRetained    int64 // bytes of strings kept in the model
	maxName        int   // bytes kept of a name, op, device or input
	maxAttrString  int   // bytes kept of one string attribute value
	maxListStrings int   // strings kept of one list attribute
	maxTensorStrs  int   // string_val entries kept of one tensor
	maxTensorStr   int   // bytes kept of one string_val entry
	maxInputs      int   // inputs kept per node
	maxSmallMsg    int64 // largest message handed to proto.Unmarshal
	maxTexts       int   // metadata strings collected
	maxGaps        int
	maxGraphs      int // serialized GraphDefs read from string constants
	// maxGraphNesting bounds graphs in constants of graphs in constants; the smaller of this
	// and Budget.MaxNested applies.
	maxGraphNesting int
}

func defaultCaps() caps {
	return caps{
		maxDepth:        100,
		maxNodes:        1 << 20,
		maxRetained:     128 << 20,
		maxName:         16 << 10,
		maxAttrString:   16 << 10,
		maxListStrings:  64,
		maxTensorStrs:   16,
		maxTensorStr:    4 << 10,
		maxInputs:       8,
		maxSmallMsg:     64 << 20,
		maxTexts:        10_000,
		maxGaps:         32,
		maxGraphs:       1024,
		maxGraphNesting: 4,
	}
}

// unmarshalOpts decodes small messages: unknown (trimmed) fields are dropped, and nesting is
// bounded as in TensorFlow's parser.
var unmarshalOpts = proto.UnmarshalOptions{DiscardUnknown: true, RecursionLimit: 100}

// Parse identifies r (with Sniff, by content alone) and reads it. size is the input's length.
// An error means the input could not be read at all (not a TensorFlow protobuf, an I/O error
// before any structure, a cancelled ctx); a model read in part carries Gaps.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*Model, error) {
	if size < 0 {
		return nil, fmt.Errorf("unable to read a TensorFlow protobuf: negative size %d", size)
	}
	head := make([]byte, min(size, SniffLen))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return nil, fmt.Errorf("unable to read the head of a TensorFlow protobuf: %w", err)
	}
	kind, ok := Sniff(head, "")
	if !ok {
		return nil, ErrNotTensorFlow
	}
	return ParseAs(ctx, r, size, b, kind)
}

// ParseAs reads r as the given kind, for callers that identified it already (e.g. with Sniff
// and the file name).
func ParseAs(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, kind Kind) (*Model, error) {
	return parse(ctx, r, size, b, kind, defaultCaps())
}

func parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, kind Kind, c caps) (*Model, error) {
	if size < 0 {
		return nil, fmt.Errorf("unable to read a TensorFlow protobuf: negative size %d", size)
	}
	b = b.WithDefaults()
	c.maxGraphNesting = min(c.maxGraphNesting, b.MaxNested)
	limit := size
	p := &parser{ctx: ctx, caps: c, m: &Model{Kind: kind}, seenText: map[string]bool{},
		seenOp: map[string]bool{}, intern: map[string]string{}}
	if size > b.MaxFileBytes {
		limit = b.MaxFileBytes
		p.gapf("only the first %d of %d bytes were read (file size budget)", limit, size)
	}
	p.src = pbwire.NewReader(r, limit)
	switch kind {
	case KindSavedModel:
		p.walk("SavedModel", 0, limit, p.savedModelField)
	case KindMetaGraph:
		p.metaGraph(0, 0, limit)
	case KindGraphDef:
		p.m.MetaGraphs = []MetaGraph{{}}
		p.walk("GraphDef", 0, limit, p.graphField)
	case KindKerasMetadata:
		p.walk("SavedMetadata", 0, limit, p.kerasField)
	default:
		return nil, fmt.Errorf("unable to read a TensorFlow protobuf: unknown kind %q", kind)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("unable to read the TensorFlow protobuf: %w", err)
	}
	if p.ioErr != nil && p.empty() {
		return nil, fmt.Errorf("unable to read the TensorFlow protobuf: %w", p.ioErr)
	}
	return p.m, nil
}

// field is one protobuf field of the input, located by offsets.
type field = pbwire.Field

// parser is the state of one Parse.
type parser struct {
	ctx      context.Context
	src      *pbwire.Reader
	caps     caps
	m        *Model
	depth    int
	fields   int64
	stopped  bool // ctx was cancelled
	cut      bool // a truncation was reported
	ioErr    error
	retained int64
	full     bool // maxRetained reached
	mg       int  // index of the meta graph being read
	seenText map[string]bool
	seenOp   map[string]bool
	intern   map[string]string
	nest     string // Node.Nested of the graph being read
	nesting  int    // graphs in string constants enclosing the one being read
	graphs   int    // serialized GraphDefs found
	queued   []span // graphs found in the node being read
}

func (p *parser) empty() bool {
	return len(p.m.Nodes) == 0 && len(p.m.KerasObjects) == 0 && len(p.m.Functions) == 0
}

// walk calls fn for each field of the message at [start, end). Broken structure ends the walk
// and becomes a gap; a length-delimited field cut by the end of its message is still handed
// to fn, clamped, so that what is there gets read.
func (p *parser) walk(what string, start, end int64, fn func(field)) {
	if p.stopped {
		return
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > p.caps.maxDepth {
		p.anomaly(AnomalyNesting, fmt.Sprintf("%s nested %d messages deep (TensorFlow stops at %d)", what, p.depth, p.caps.maxDepth), start)
		p.gapf("%s at offset %d is nested deeper than %d messages and was not read", what, start, p.caps.maxDepth)
		return
	}
	for off := start; off < end; {
		if p.tick() {
			return
		}
		f, err := p.src.Next(off, end)
		if err != nil {
			p.fieldError(what, f, err)
			if f.Cut {
				f.End = end
				fn(f)
			}
			return
		}
		fn(f)
		off = f.End
	}
}

// fieldError records a broken field as a gap. A file cut short is reported once, at the
// outermost message it cuts, rather than once per enclosing message.
func (p *parser) fieldError(what string, f field, err error) {
	switch {
	case errors.Is(err, pbwire.ErrTruncated) && (f.End > p.src.Size() || f.End == 0):
		if !p.cut {
			p.cut = true
			p.gapf("the input ends inside %s at offset %d (truncated file): %v", what, f.Tag, err)
		}
	case errors.Is(err, pbwire.ErrTruncated), errors.Is(err, pbwire.ErrMalformed):
		p.gapf("%s: %v", what, err)
	default:
		p.ioErr = err
		p.gapf("%s: %v", what, err)
	}
}

// tick checks for cancellation every few thousand fields.
func (p *parser) tick() bool {
	p.fields++
	if p.fields&0xfff == 0 && p.ctx.Err() != nil {
		p.stopped = true
	}
	return p.stopped
}

func (p *parser) gapf(format string, args ...any) {
	if len(p.m.gaps) < p.caps.maxGaps {
		p.m.gaps = append(p.m.gaps, fmt.Sprintf(format, args...))
	} else if len(p.m.gaps) == p.caps.maxGaps {
		p.m.gaps = append(p.m.gaps, "more gaps were not recorded")
	}
}

func (p *parser) anomaly(k AnomalyKind, detail string, off int64) {
	if len(p.m.Anomalies) < p.caps.maxGaps {
		p.m.Anomalies = append(p.m.Anomalies, Anomaly{Kind: k, Detail: detail, Offset: off})
	}
}

// keep accounts n retained bytes; false once the budget is spent (reported once).
func (p *parser) keep(n int) bool {
	if p.full {
		return false
	}
	p.retained += int64(n)
	if p.retained > p.caps.maxRetained {
		p.full = true
		p.gapf("more than %d bytes of names and strings; the rest of the file was walked but not recorded", p.caps.maxRetained)
		return false
	}
	return true
}

// str reads the string value of f, at most max bytes; cut reports a longer value.
func (p *parser) str(f field, max int) (s string, cut bool) {
	n := f.Size()
	if n > int64(max) {
		n, cut = int64(max), true
	}
	if n == 0 {
		return "", cut
	}
	b, err := p.src.Bytes(f.Val, n)
	if err != nil {
		p.fieldError("string", field{Tag: f.Val}, err)
		return "", cut
	}
	return string(b), cut
}

// keptStr reads a string that the model keeps, accounting it against the string budget as it
// is read so that one node with many large attributes cannot exhaust memory. Once the budget
// is spent it returns "" without reading.
func (p *parser) keptStr(f field, max int) (s string, cut bool) {
	if p.full {
		return "", f.Size() > 0
	}
	s, cut = p.str(f, max)
	if !p.keep(len(s) + 16) {
		return "", true
	}
	return s, cut
}

// name reads a short string that repeats often (op names, devices) and interns it.
func (p *parser) name(f field) string {
	s, _ := p.str(f, p.caps.maxName)
	if v, ok := p.intern[s]; ok {
		return v
	}
	if len(p.intern) < 1<<16 && p.keep(len(s)) {
		p.intern[s] = s
	}
	return s
}

// unmarshal decodes the small message in f into m.
func (p *parser) unmarshal(what string, f field, m proto.Message) bool {
	if f.Size() > p.caps.maxSmallMsg {
		p.gapf("%s at offset %d is %d bytes, over the %d-byte cap, and was not read", what, f.Tag, f.Size(), p.caps.maxSmallMsg)
		return false
	}
	b, err := p.src.Bytes(f.Val, f.Size())
	if err != nil {
		p.fieldError(what, field{Tag: f.Tag}, err)
		return false
	}
	if err := unmarshalOpts.Unmarshal(b, m); err != nil {
		p.gapf("%s at offset %d: %v", what, f.Tag, err)
		return false
	}
	return true
}

// text records a metadata string once.
func (p *parser) text(key, value string, off int64) {
	if value == "" || p.seenText[value] || len(p.m.texts) >= p.caps.maxTexts || !p.keep(len(key)+len(value)) {
		return
	}
	p.seenText[value] = true
	p.m.texts = append(p.m.texts, meta.String{Key: key, Value: value, Offset: off})
}
