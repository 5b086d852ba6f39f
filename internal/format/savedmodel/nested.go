package savedmodel

import (
	"encoding/binary"

	"google.golang.org/protobuf/encoding/protowire"
)

// A DT_STRING constant may hold a serialized GraphDef that an op parses and instantiates when
// it runs: DatasetFromGraph takes one as its graph_def input and builds the dataset it
// describes, library functions included. The parser reads such strings as graphs in their own
// right, in place (the bytes are a range of the file, so nothing is copied), and records their
// nodes and functions with Nested set, so the detector judges them like any other node.

// minGraphBytes is the shortest string worth sniffing: a NodeDef with a one-byte name and op
// takes at least 8 bytes.
const minGraphBytes = 8

// span is a byte range of the input.
type span struct{ start, end int64 }

// nestedGraph reports whether the string value in f parses as a GraphDef, and queues it to be
// read once the node holding it is recorded. A graph past the nesting or count cap is not
// read, and the gap says so; the detector then treats the constant as uninspected.
func (p *parser) nestedGraph(f field) bool {
	if f.Size() < minGraphBytes || !p.sniffGraph(f) {
		return false
	}
	switch {
	case p.nesting >= p.caps.maxGraphNesting:
		p.gapf("a serialized GraphDef at offset %d is nested more than %d graphs deep and was not read", f.Val, p.caps.maxGraphNesting)
		return false
	case p.graphs >= p.caps.maxGraphs:
		if p.graphs == p.caps.maxGraphs {
			p.gapf("more than %d serialized GraphDefs in string constants; later ones were not read", p.caps.maxGraphs)
		}
		p.graphs++
		return false
	}
	p.graphs++
	p.queued = append(p.queued, span{f.Val, f.End})
	return true
}

// maxGraphPadding bounds the unknown fields skipped before a nested graph's first GraphDef
// field.
const maxGraphPadding = 64

// sniffGraph validates the string in f against the GraphDef schema: SniffLen bytes from its
// first GraphDef field. Unknown fields before it are skipped by offset, as TensorFlow's parser
// skips them, so padding cannot push the graph's names out of the sniffed window.
func (p *parser) sniffGraph(f field) bool {
	start := f.Val
	for i := 0; i < maxGraphPadding && start < f.End; i++ {
		g, err := p.src.Next(start, f.End)
		if err != nil {
			return false
		}
		if g.Num >= graphNode && g.Num <= graphDebugInfo {
			break
		}
		start = g.End
	}
	if start >= f.End {
		return false
	}
	head, err := p.src.Peek(start, int(min(f.End-start, SniffLen)))
	if err != nil || len(head) == 0 {
		return false
	}
	return sniffGraph(head, f.End-start > int64(len(head)))
}

// readNested reads the graphs queued while node owner was read, as graphs nested in it.
func (p *parser) readNested(owner string, graphs []span) {
	prev := p.nest
	p.nest = owner
	if prev != "" {
		p.nest = prev + NestSep + owner
	}
	p.nesting++
	defer func() { p.nest, p.nesting = prev, p.nesting-1 }()
	for _, g := range graphs {
		p.walk("nested GraphDef", g.start, g.end, p.graphField)
	}
}

// NestSep joins the names of the constants on a nested graph's path (Node.Nested). Node
// names cannot contain spaces, so the path splits back unambiguously.
const NestSep = " > "

// Field numbers of TensorShapeProto and its Dim, and the DataType of strings.
const (
	shapeDim     = 2
	shapeDimSize = 1
	dtString     = 7
)

// maxContentStrings bounds the elements of a string tensor_content decoded for graphs.
const maxContentStrings = 1024

// shapeElements returns the element count of the TensorShapeProto in f, or -1 when it is
// unknown, negative or over maxContentStrings.
func (p *parser) shapeElements(f field) int64 {
	n := int64(1)
	p.walk("TensorShapeProto", f.Val, f.End, func(g field) {
		if g.Num != shapeDim || !g.IsBytes() {
			return
		}
		size := int64(-1)
		p.walk("TensorShapeProto.Dim", g.Val, g.End, func(h field) {
			if h.Num == shapeDimSize && !h.IsBytes() {
				size = int64(h.V)
			}
		})
		if size < 0 || n < 0 || size > maxContentStrings || n*size > maxContentStrings {
			n = -1
			return
		}
		n *= size
	})
	return n
}

// stringContent reads the tensor_content of a string tensor of n elements, which TensorFlow
// decodes as n varint lengths followed by the strings, and checks each string for a
// serialized GraphDef (make_tensor_proto never writes this form; a hand-made file may).
// It returns how many were read as nested graphs.
func (p *parser) stringContent(content field, n int64) int {
	if n < 1 || n > maxContentStrings {
		return 0
	}
	head, err := p.src.Peek(content.Val, int(min(content.Size(), n*binary.MaxVarintLen64)))
	if err != nil {
		return 0
	}
	sizes := make([]int64, 0, n)
	used := 0
	for int64(len(sizes)) < n {
		v, k := protowire.ConsumeVarint(head[used:])
		if k < 0 || v > uint64(content.Size()) {
			return 0
		}
		sizes = append(sizes, int64(v))
		used += k
	}
	graphs := 0
	off := content.Val + int64(used)
	for _, size := range sizes {
		if size > content.End-off {
			break
		}
		if p.nestedGraph(field{Val: off, End: off + size}) {
			graphs++
		}
		off += size
	}
	return graphs
}
