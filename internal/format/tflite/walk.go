package tflite

import (
	"fmt"

	"github.com/aisecops/aisec/internal/format/meta"
)

// subgraphs reads Model.subgraphs and counts, per operator code, the operators using it.
func (p *parser) subgraphs(root table) error {
	start, n, _, err := p.f.vector(root, modelSubgraphs, 4)
	if !p.check("subgraphs", err) {
		return nil
	}
	for i := range n {
		t, err := p.f.elemTable(start, i)
		if !p.check(fmt.Sprintf("subgraph %d", i), err) {
			continue
		}
		sg := Subgraph{Offset: t.pos}
		name, _, _, err := p.f.str(t, subgraphName, maxName)
		p.check(fmt.Sprintf("subgraph %d name", i), err)
		sg.Name = name
		_, sg.Tensors, _, err = p.f.vector(t, subgraphTensors, 4)
		p.check(fmt.Sprintf("subgraph %d tensors", i), err)
		ops, nops, _, err := p.f.vector(t, subgraphOperators, 4)
		if !p.check(fmt.Sprintf("subgraph %d operators", i), err) {
			p.m.Subgraphs = append(p.m.Subgraphs, sg)
			continue
		}
		sg.Operators = nops
		if err := p.operators(i, ops, nops); err != nil {
			return err
		}
		p.m.Subgraphs = append(p.m.Subgraphs, sg)
	}
	return nil
}

// operators visits the operators of subgraph sg and counts the uses of each operator code.
func (p *parser) operators(sg int, start int64, n int) error {
	for j := range n {
		if err := p.tick(); err != nil {
			return err
		}
		if p.visited >= maxOperators {
			p.gap("more than %d operators; subgraph %d was read only up to operator %d", maxOperators, sg, j)
			return nil
		}
		p.visited++
		t, err := p.f.elemTable(start, j)
		if !p.check(fmt.Sprintf("subgraph %d operator %d", sg, j), err) {
			continue
		}
		idx, err := p.f.scalar32(t, operatorOpcode, 0)
		if !p.check(fmt.Sprintf("subgraph %d operator %d", sg, j), err) {
			continue
		}
		if int64(idx) >= int64(len(p.m.OperatorCodes)) {
			p.m.BadOpcodeRefs++
			continue
		}
		p.m.OperatorCodes[idx].Uses++
		if p.m.OperatorCodes[idx].IsFlex() {
			p.flexOptions(int(idx), t)
		}
	}
	return nil
}

// metadata reads Model.metadata and the text in the buffers the entries point at.
func (p *parser) metadata(root table) error {
	start, n, _, err := p.f.vector(root, modelMetadata, 4)
	if !p.check("metadata", err) {
		return nil
	}
	n = min(n, p.budget.MaxEntries)
	for i := range n {
		if err := p.tick(); err != nil {
			return err
		}
		t, err := p.f.elemTable(start, i)
		if !p.check(fmt.Sprintf("metadata %d", i), err) {
			continue
		}
		name, _, _, err := p.f.str(t, metadataName, maxName)
		p.check(fmt.Sprintf("metadata %d name", i), err)
		buf, err := p.f.scalar32(t, metadataBuffer, 0)
		p.check(fmt.Sprintf("metadata %d buffer", i), err)
		md := Metadata{Name: name, Buffer: buf, Size: -1, Offset: t.pos}
		md.Size = p.metadataText(root, md)
		p.m.Metadata = append(p.m.Metadata, md)
	}
	return nil
}

// metadataText finds buffer md.Buffer and keeps the printable runs of its data as texts. It
// returns the buffer's size, or -1 when the buffer cannot be located.
func (p *parser) metadataText(root table, md Metadata) int64 {
	start, n, _, err := p.f.vector(root, modelBuffers, 4)
	if err != nil || int64(md.Buffer) >= int64(n) {
		p.gap("metadata %q names buffer %d of %d", md.Name, md.Buffer, n)
		return -1
	}
	t, err := p.f.elemTable(start, int(md.Buffer))
	if !p.check(fmt.Sprintf("buffer %d of metadata %q", md.Buffer, md.Name), err) {
		return -1
	}
	at, size, err := p.bufferData(t)
	if !p.check(fmt.Sprintf("buffer %d of metadata %q", md.Buffer, md.Name), err) {
		return -1
	}
	want := min(size, maxMetaBuffer, maxMetaTotal-p.metaBytes)
	if want < size {
		p.gap("metadata %q: %d of %d buffer bytes searched for text", md.Name, max(want, 0), size)
	}
	if want <= 0 {
		return size
	}
	p.metaBytes += want
	data, err := p.readFile(at, want)
	if !p.check(fmt.Sprintf("buffer %d of metadata %q", md.Buffer, md.Name), err) {
		return size
	}
	p.texts("metadata."+md.Name, data, at)
	return size
}

// bufferData locates a Buffer's bytes: its data vector, or for models over 2 GB the offset
// (from the start of the file) and size fields.
func (p *parser) bufferData(t table) (int64, int64, error) {
	start, n, ok, err := p.f.vector(t, bufferData, 1)
	if err != nil || ok {
		return start, int64(n), err
	}
	off, err := p.f.scalar64(t, bufferOffset, 0)
	if err != nil {
		return 0, 0, err
	}
	size, err := p.f.scalar64(t, bufferSize, 0)
	if err != nil {
		return 0, 0, err
	}
	if off <= 1 || off > uint64(p.fileSize) || size > uint64(p.fileSize)-off {
		return 0, 0, nil // no data, or none that this file holds
	}
	return int64(off), int64(size), nil
}

// readFile reads n bytes at off, which may lie past the flatbuffer's 4 GiB range.
func (p *parser) readFile(off, n int64) ([]byte, error) {
	out := make([]byte, n)
	got, err := p.f.r.ReadAt(out, off)
	p.f.reads++
	if int64(got) < n {
		return nil, fmt.Errorf("unable to read %d bytes at offset %d: %w", n, off, err)
	}
	return out, nil
}

// texts keeps the printable ASCII runs of data (at least minTextRun long) under key.
func (p *parser) texts(key string, data []byte, at int64) {
	run := -1
	flush := func(end int) {
		if run >= 0 && end-run >= minTextRun && len(p.m.Texts) < maxTexts {
			p.m.Texts = append(p.m.Texts, meta.String{Key: key, Value: string(data[run:end]), Offset: at + int64(run)})
		}
		run = -1
	}
	for i, c := range data {
		printable := c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r'
		switch {
		case printable && run < 0:
			run = i
		case !printable:
			flush(i)
		}
	}
	flush(len(data))
}

// signatures reads Model.signature_defs.
func (p *parser) signatures(root table) {
	start, n, _, err := p.f.vector(root, modelSignatures, 4)
	if !p.check("signature_defs", err) {
		return
	}
	n = min(n, p.budget.MaxEntries)
	for i := range n {
		t, err := p.f.elemTable(start, i)
		if !p.check(fmt.Sprintf("signature %d", i), err) {
			continue
		}
		key, _, _, err := p.f.str(t, signatureKey, maxName)
		p.check(fmt.Sprintf("signature %d key", i), err)
		sg, err := p.f.scalar32(t, signatureSubgraph, 0)
		p.check(fmt.Sprintf("signature %d subgraph", i), err)
		p.m.Signatures = append(p.m.Signatures, Signature{Key: key, Subgraph: sg})
	}
}
