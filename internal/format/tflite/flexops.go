package tflite

import (
	"fmt"
)

// Caps on reading the custom_options of Flex operators.
const (
	maxOptions      = 1 << 20  // bytes of one operator's custom_options
	maxOptionsTotal = 16 << 20 // bytes of custom_options read over the model
	maxFlexOps      = 1024     // distinct FlexOp entries kept
)

// flexKey identifies a distinct FlexOp.
type flexKey struct {
	opcode          int
	name, op, undec string
}

// capKey marks in parser.flexSeen that the maxFlexOps gap was recorded.
var capKey = flexKey{opcode: -1}

// flexOptions decodes the custom_options of Flex operator t (operator code opcode): the
// inline vector, or for models over 2 GB the bytes at large_custom_options_offset.
func (p *parser) flexOptions(opcode int, t table) {
	start, n, ok, err := p.f.vector(t, operatorCustomOptions, 1)
	if err != nil {
		p.addFlex(FlexOp{Opcode: opcode, Undecodable: "custom_options: " + err.Error(), Offset: t.pos})
		return
	}
	size := int64(n)
	if !ok {
		if start, size, err = p.largeOptions(t); err != nil {
			p.addFlex(FlexOp{Opcode: opcode, Undecodable: "large custom_options: " + err.Error(), Offset: t.pos})
			return
		}
		if size == 0 {
			return // no options: the delegate refuses the node, nothing runs
		}
	}
	op := FlexOp{Opcode: opcode, Offset: start}
	switch {
	case size > maxOptions:
		op.Undecodable = fmt.Sprintf("custom_options of %d bytes exceed the %d-byte cap", size, maxOptions)
	case p.optBytes+size > maxOptionsTotal:
		op.Undecodable = fmt.Sprintf("custom_options beyond %d bytes per model were not read", maxOptionsTotal)
	default:
		p.optBytes += size
		op = p.decodeOptions(op, start, size)
	}
	p.addFlex(op)
}

// largeOptions reads large_custom_options_offset and _size; size 0 means none.
func (p *parser) largeOptions(t table) (int64, int64, error) {
	off, err := p.f.scalar64(t, operatorLargeOptionsOffset, 0)
	if err != nil {
		return 0, 0, err
	}
	size, err := p.f.scalar64(t, operatorLargeOptionsSize, 0)
	if err != nil {
		return 0, 0, err
	}
	if off <= 1 || size == 0 {
		return 0, 0, nil // the interpreter ignores offsets 0 and 1
	}
	if off > uint64(p.fileSize) || size > uint64(p.fileSize)-off {
		return 0, 0, fmt.Errorf("%d bytes at offset %d outside the %d-byte file", size, off, p.fileSize)
	}
	return int64(off), int64(size), nil
}

// decodeOptions reads size bytes at start and fills op's names from them.
func (p *parser) decodeOptions(op FlexOp, start, size int64) FlexOp {
	data, err := p.readFile(start, size)
	if err != nil {
		op.Undecodable = err.Error()
		return op
	}
	name, nodeDef, err := flexPair(data)
	if err != nil {
		op.Undecodable = "custom_options: " + err.Error()
		return op
	}
	op.Name = clipName(cString(string(name)))
	if nodeDef == nil {
		return op // the delegate parses an empty NodeDef
	}
	nd, err := nodeDefOpName(nodeDef)
	if err != nil {
		op.Undecodable = err.Error()
	}
	op.NodeDefOp = clipName(cString(nd))
	return op
}

// addFlex merges op into the distinct FlexOps, recording undecodable options as gaps.
func (p *parser) addFlex(op FlexOp) {
	k := flexKey{op.Opcode, op.Name, op.NodeDefOp, op.Undecodable}
	if i, ok := p.flexSeen[k]; ok {
		p.m.FlexOps[i].Uses++
		return
	}
	if len(p.m.FlexOps) >= maxFlexOps {
		if _, noted := p.flexSeen[capKey]; !noted {
			p.gap("more than %d distinct Flex operator set-ups; the rest were not listed", maxFlexOps)
			p.flexSeen[capKey] = -1
		}
		return
	}
	if p.flexSeen == nil {
		p.flexSeen = map[flexKey]int{}
	}
	op.Uses = 1
	p.flexSeen[k] = len(p.m.FlexOps)
	p.m.FlexOps = append(p.m.FlexOps, op)
	if op.Undecodable != "" {
		p.gap("Flex operator code %d: %s", op.Opcode, op.Undecodable)
	}
}

// clipName bounds a name read from custom_options.
func clipName(s string) string { return s[:min(len(s), maxName)] }
