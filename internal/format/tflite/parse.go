package tflite

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/aisecops/aisec/internal/limits"
)

// Field indices of the schema.fbs tables read (the order of fields in each table; a union
// takes two slots, its type and its value).
const (
	modelVersion, modelOpcodes, modelSubgraphs, modelDescription, modelBuffers, modelMetadata, modelSignatures = 0, 1, 2, 3, 4, 6, 7

	opcodeDeprecated, opcodeCustom, opcodeVersion, opcodeBuiltin = 0, 1, 2, 3

	subgraphTensors, subgraphOperators, subgraphName = 0, 3, 4

	operatorOpcode, operatorCustomOptions, operatorLargeOptionsOffset, operatorLargeOptionsSize = 0, 5, 9, 10

	bufferData, bufferOffset, bufferSize = 0, 1, 2

	metadataName, metadataBuffer = 0, 1

	signatureKey, signatureSubgraph = 2, 4
)

// Caps that shape the output; the input's size bounds everything else.
const (
	maxOperators    = 1 << 22  // operators visited over all subgraphs
	maxName         = 4 << 10  // bytes kept of a name or a custom_code
	maxDescription  = 64 << 10 // bytes kept of the description
	maxMetaBuffer   = 1 << 20  // bytes of one metadata buffer searched for text
	maxMetaTotal    = 8 << 20  // bytes of all metadata buffers searched for text
	minTextRun      = 5        // shortest printable run kept from a metadata buffer
	maxTexts        = 10_000   // texts kept
	maxGaps         = 64
	ctxEvery        = 4096
	headerBytes     = 8 // root offset and file identifier
	minRootPosition = headerBytes
)

// Looks reports whether head starts a TFLite model: the "TFL3" file identifier at bytes 4..8
// and a root table offset that points past the 8-byte header.
func Looks(head []byte) bool {
	return len(head) >= headerBytes && string(head[4:8]) == Identifier &&
		binary.LittleEndian.Uint32(head) >= minRootPosition
}

// Parse reads the structure of the TFLite model in r (size bytes), reading only tables,
// vectors and strings of the schema plus the buffers of metadata entries. It returns an error
// when the root table cannot be read, when size exceeds b.MaxFileBytes, or when ctx ends; any
// later part that cannot be read is recorded as a gap (Model.Gaps) and the rest is kept.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*Model, error) {
	b = b.WithDefaults()
	if size < headerBytes {
		return nil, fmt.Errorf("unable to read TFLite model: %d bytes is too small", size)
	}
	if size > b.MaxFileBytes {
		return nil, fmt.Errorf("unable to read TFLite model of %d bytes: %w", size, limits.Exceeded("file bytes", b.MaxFileBytes))
	}
	p := &parser{ctx: ctx, f: newReader(r, size), fileSize: size, budget: b, m: &Model{}}
	head, err := p.f.at(0, headerBytes)
	if err != nil {
		return nil, fmt.Errorf("unable to read TFLite header: %w", err)
	}
	p.m.Identifier = string(head[4:8])
	rootPos, err := p.f.ref(0)
	if err != nil {
		return nil, fmt.Errorf("unable to read TFLite root table: %w", err)
	}
	root, err := p.f.table(rootPos)
	if err != nil {
		return nil, fmt.Errorf("unable to read TFLite root table: %w", err)
	}
	if err := p.model(root); err != nil {
		return nil, err
	}
	return p.m, nil
}

// parser holds the state of one Parse.
type parser struct {
	ctx       context.Context
	f         *reader
	fileSize  int64
	budget    limits.Budget
	m         *Model
	visited   int   // operators visited
	metaBytes int64 // metadata buffer bytes searched
	optBytes  int64 // Flex custom_options bytes read
	flexSeen  map[flexKey]int
	steps     int
}

func (p *parser) model(root table) error {
	v, err := p.f.scalar32(root, modelVersion, 0)
	p.check("version", err)
	p.m.Version = v
	p.operatorCodes(root)
	if err := p.subgraphs(root); err != nil {
		return err
	}
	desc, _, truncated, err := p.f.str(root, modelDescription, maxDescription)
	p.check("description", err)
	if truncated {
		p.gap("description longer than %d bytes; the rest was not read", maxDescription)
	}
	p.m.Description = desc
	_, n, _, err := p.f.vector(root, modelBuffers, 4)
	p.check("buffers", err)
	p.m.Buffers = n
	if err := p.metadata(root); err != nil {
		return err
	}
	p.signatures(root)
	return nil
}

// operatorCodes reads Model.operator_codes.
func (p *parser) operatorCodes(root table) {
	start, n, _, err := p.f.vector(root, modelOpcodes, 4)
	if !p.check("operator_codes", err) {
		return
	}
	if n > p.budget.MaxEntries {
		p.gap("%d operator codes; only the first %d were read", n, p.budget.MaxEntries)
		n = p.budget.MaxEntries
	}
	for i := range n {
		c, err := p.operatorCode(start, i)
		if !p.check(fmt.Sprintf("operator code %d", i), err) {
			c = OperatorCode{Index: i, Builtin: -1}
		}
		p.m.OperatorCodes = append(p.m.OperatorCodes, c)
	}
}

func (p *parser) operatorCode(start int64, i int) (OperatorCode, error) {
	t, err := p.f.elemTable(start, i)
	if err != nil {
		return OperatorCode{}, err
	}
	dep, err := p.f.scalar8(t, opcodeDeprecated, 0)
	if err != nil {
		return OperatorCode{}, err
	}
	builtin, err := p.f.scalar32(t, opcodeBuiltin, 0)
	if err != nil {
		return OperatorCode{}, err
	}
	version, err := p.f.scalar32(t, opcodeVersion, 1)
	if err != nil {
		return OperatorCode{}, err
	}
	custom, has, truncated, err := p.f.str(t, opcodeCustom, maxName)
	if err != nil {
		return OperatorCode{}, err
	}
	if truncated {
		p.gap("custom_code of operator code %d is longer than %d bytes", i, maxName)
	}
	// schema v3a: codes above 127 keep 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) in the
	// deprecated byte; the interpreter takes the larger of the two.
	eff := max(int32(int8(dep)), int32(builtin))
	return OperatorCode{Index: i, Builtin: eff, CustomCode: custom, HasCustom: has, Version: int32(version), Offset: t.pos}, nil
}

// check records err, if any, as a gap about what and reports whether err was nil.
func (p *parser) check(what string, err error) bool {
	if err == nil {
		return true
	}
	p.gap("%s: %v", what, err)
	return false
}

// gap records one reason why the model was read only in part.
func (p *parser) gap(format string, args ...any) {
	switch {
	case len(p.m.gaps) < maxGaps:
		p.m.gaps = append(p.m.gaps, fmt.Sprintf(format, args...))
	case len(p.m.gaps) == maxGaps:
		p.m.gaps = append(p.m.gaps, "further gaps were not listed")
	}
}

// tick checks the context every ctxEvery steps.
func (p *parser) tick() error {
	p.steps++
	if p.steps%ctxEvery == 0 {
		if err := p.ctx.Err(); err != nil {
			return fmt.Errorf("TFLite walk interrupted: %w", err)
		}
	}
	return nil
}
