package savedmodel

import (
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
)

// SniffLen is how many leading bytes Sniff wants to see.
const SniffLen = 4096

// Sniff identifies head, the first bytes of a file (up to SniffLen), as one of the TensorFlow
// protobufs this package reads. It decides by structure: every known field in head must have
// the wire type it has upstream, nested messages must parse in turn, and at least two node, op
// or version strings must look like TensorFlow's. Unknown fields are skipped, as TensorFlow's
// parser skips them. ONNX ModelProto (field 1 is a varint there; a SavedModel's is a schema
// version of 0 or 1), other protobufs and random bytes do not pass. name (a base name or path,
// may be empty) only breaks ties between kinds that validate equally well.
func Sniff(head []byte, name string) (Kind, bool) {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	best, bestScore, bestHinted := Kind(""), 0, false
	hint := nameHint(name)
	for _, c := range sniffOrder {
		v := validator{}
		if !v.message(head, c.schema, 0, true) || !c.accept(&v) {
			continue
		}
		if v.texts < 2 { // too few names to tell a TensorFlow graph from chance
			continue
		}
		// The reading that validates more names wins; the file name only settles a tie, so a
		// misleading name cannot make a graph be read as something else.
		hinted := c.kind == hint
		if v.texts > bestScore || v.texts == bestScore && hinted && !bestHinted {
			best, bestScore, bestHinted = c.kind, v.texts, hinted
		}
	}
	return best, best != ""
}

// KindForName returns the kind a file name conventionally holds (saved_model.pb, *.meta,
// keras_metadata.pb, *.pb), for callers deciding what to do with a file Sniff does not claim:
// TensorFlow skips unknown fields, so a SavedModel can start with padding longer than SniffLen.
// Parsing such a file with ParseAs reads it (or reports gaps for junk); Sniff alone never
// claims it.
func KindForName(name string) (Kind, bool) {
	k := nameHint(name)
	return k, k != ""
}

// nameHint maps a file name to the kind it conventionally holds.
func nameHint(name string) Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
	switch {
	case base == "saved_model.pb":
		return KindSavedModel
	case base == "keras_metadata.pb":
		return KindKerasMetadata
	case strings.HasSuffix(base, ".meta"):
		return KindMetaGraph
	case strings.HasSuffix(base, ".pb"), strings.HasSuffix(base, ".graphdef"):
		return KindGraphDef
	}
	return ""
}

type candidate struct {
	kind   Kind
	schema *schema
	accept func(*validator) bool
}

// sniffOrder lists the kinds in order of preference when the structure fits several.
var sniffOrder = []candidate{
	{KindSavedModel, savedModelSchema, func(v *validator) bool { return v.schemaVersion <= 1 }},
	{KindMetaGraph, metaGraphSchema, func(*validator) bool { return true }},
	{KindGraphDef, graphSchema, func(*validator) bool { return true }},
	{KindKerasMetadata, savedMetadataSchema, func(*validator) bool { return true }},
}

// text says what a string field must look like.
type text uint8

const (
	txtAny       text = iota // not checked
	txtPrintable             // UTF-8 without control characters
	txtNode                  // TensorFlow node name
	txtOp                    // TensorFlow op or function name
	txtInput                 // node input: [^]name[:output[:index]]
)

// slot is the expected wire type and content of one field number.
type slot struct {
	typ  protowire.Type
	alt  protowire.Type // a second accepted wire type (packed repeated scalars), or 0
	sub  *schema        // the message a length-delimited field holds, nil when opaque
	text text
}

// schema describes one message: every field number upstream defines, with its wire type.
// Nested messages the validator does not need are opaque.
type schema map[protowire.Number]slot

func msg(s *schema) slot        { return slot{typ: protowire.BytesType, sub: s} }
func str(t text) slot           { return slot{typ: protowire.BytesType, text: t} }
func opaque() slot              { return slot{typ: protowire.BytesType} }
func varint() slot              { return slot{typ: protowire.VarintType} }
func repeatedVarint() slot      { return slot{typ: protowire.VarintType, alt: protowire.BytesType} }
func fixed32() slot             { return slot{typ: protowire.Fixed32Type} }
func schemaOf(s schema) *schema { return &s }

var (
	versionSchema = schemaOf(schema{1: varint(), 2: varint(), 3: repeatedVarint()})
	attrSchema    = schemaOf(schema{1: opaque(), 2: opaque(), 3: varint(), 4: fixed32(), 5: varint(),
		6: varint(), 7: opaque(), 8: opaque(), 9: str(txtPrintable), 10: opaque()})
	attrEntrySchema = schemaOf(schema{1: str(txtPrintable), 2: msg(attrSchema)})
	nodeSchema      = schemaOf(schema{1: str(txtNode), 2: str(txtOp), 3: str(txtInput), 4: str(txtPrintable),
		5: msg(attrEntrySchema), 6: opaque(), 7: opaque()})
	argSchema = schemaOf(schema{1: str(txtPrintable), 2: str(txtPrintable), 3: varint(), 4: str(txtPrintable),
		5: str(txtPrintable), 6: str(txtPrintable), 7: opaque(), 16: varint(), 17: opaque()})
	opSchema = schemaOf(schema{1: str(txtOp), 2: msg(argSchema), 3: msg(argSchema), 4: opaque(),
		5: str(txtPrintable), 6: str(txtPrintable), 8: opaque(), 16: varint(), 17: varint(), 18: varint(),
		19: varint(), 20: str(txtPrintable), 21: varint()})
	functionSchema = schemaOf(schema{1: msg(opSchema), 2: opaque(), 3: msg(nodeSchema), 4: opaque(),
		5: opaque(), 6: opaque(), 7: opaque(), 8: opaque()})
	gradientSchema = schemaOf(schema{1: str(txtOp), 2: str(txtOp)})
	librarySchema  = schemaOf(schema{1: msg(functionSchema), 2: msg(gradientSchema), 3: opaque()})
	graphSchema    = schemaOf(schema{1: msg(nodeSchema), 2: msg(librarySchema), 3: varint(),
		4: msg(versionSchema), 5: opaque()})
	opListSchema   = schemaOf(schema{1: msg(opSchema)})
	metaInfoSchema = schemaOf(schema{1: str(txtPrintable), 2: msg(opListSchema), 3: opaque(), 4: str(txtPrintable),
		5: str(txtPrintable), 6: str(txtPrintable), 7: varint(), 8: opaque()})
	saverSchema = schemaOf(schema{1: str(txtInput), 2: str(txtInput), 3: str(txtInput), 4: varint(),
		5: varint(), 6: fixed32(), 7: varint()})
	metaGraphSchema = schemaOf(schema{1: msg(metaInfoSchema), 2: msg(graphSchema), 3: msg(saverSchema),
		4: opaque(), 5: opaque(), 6: opaque(), 7: opaque()})
	savedModelSchema    = schemaOf(schema{1: varint(), 2: msg(metaGraphSchema)})
	kerasObjectSchema   = schemaOf(schema{1: msg(versionSchema), 2: varint(), 3: str(txtPrintable), 4: str(txtOp), 5: str(txtPrintable)})
	savedMetadataSchema = schemaOf(schema{1: msg(kerasObjectSchema)})
)

// maxSniffDepth bounds the validator's recursion; the schemas above nest at most 6 deep.
const maxSniffDepth = 8

// validator checks bytes against a schema. A message cut by the end of head is accepted as
// far as it goes; a field running past the end of a message that head holds whole is not.
type validator struct {
	texts         int    // non-empty names and strings that passed their check
	schemaVersion uint64 // SavedModel field 1, when seen at the top level
}

// message reports whether b parses as s. open says b is cut by the end of head, so its last
// field may be incomplete.
func (v *validator) message(b []byte, s *schema, depth int, open bool) bool {
	if depth > maxSniffDepth {
		return true
	}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return open && isTruncation(b) // a tag cut by the end of head
		}
		sl, known := (*s)[num]
		switch {
		case !known && typ == protowire.StartGroupType:
			m := protowire.ConsumeFieldValue(num, typ, b[n:])
			if m < 0 {
				return open && protowire.ParseError(m) == io.ErrUnexpectedEOF
			}
			b = b[n+m:]
			continue
		case !known:
			// A field this schema does not know (newer TensorFlow, or padding an attacker
			// adds to dodge scanners): TensorFlow's parser skips it, and so does the check.
			sl = slot{typ: typ}
		case typ != sl.typ && (sl.alt == 0 || typ != sl.alt):
			return false
		}
		rest, done, ok := v.field(b[n:], sl, num, depth, open)
		if !ok || done {
			return ok
		}
		b = rest
	}
	return true
}

// field checks the value of one field whose tag was consumed and returns what follows it.
// done reports that the value ran to the end of an open message.
func (v *validator) field(b []byte, sl slot, num protowire.Number, depth int, open bool) (rest []byte, done, ok bool) {
	switch sl.typ {
	case protowire.VarintType:
		val, m := protowire.ConsumeVarint(b)
		if m < 0 {
			return nil, true, open && isTruncation(b)
		}
		if depth == 0 && num == 1 {
			v.schemaVersion = val
		}
		return b[m:], false, true
	case protowire.Fixed32Type, protowire.Fixed64Type:
		size := 4
		if sl.typ == protowire.Fixed64Type {
			size = 8
		}
		if len(b) < size {
			return nil, true, open
		}
		return b[size:], false, true
	case protowire.BytesType:
		l, m := protowire.ConsumeVarint(b)
		if m < 0 {
			return nil, true, open && isTruncation(b)
		}
		b = b[m:]
		if l > uint64(len(b)) {
			return nil, true, open && v.content(b, sl, depth, true)
		}
		return b[l:], false, v.content(b[:l], sl, depth, false)
	}
	return nil, true, false // groups: TensorFlow's protos have none
}

// content checks the value of a length-delimited field; cut means the value continues past
// the end of head.
func (v *validator) content(b []byte, sl slot, depth int, cut bool) bool {
	if sl.sub != nil {
		return v.message(b, sl.sub, depth+1, cut)
	}
	if sl.text == txtAny {
		return true
	}
	if !textOK(b, sl.text, cut) {
		return false
	}
	if len(b) > 0 {
		v.texts++
	}
	return true
}

// isTruncation reports whether a varint failed only because head ends inside it.
func isTruncation(b []byte) bool {
	for _, c := range b {
		if c < 0x80 {
			return false
		}
	}
	return len(b) < 10
}

// textOK checks a string against its kind. A string cut by the end of head may end inside a
// UTF-8 sequence.
func textOK(b []byte, t text, cut bool) bool {
	if t == txtPrintable {
		return printableText(b, cut)
	}
	if len(b) == 0 {
		return cut // an empty name is invalid; a name cut before its first byte is unknown
	}
	if len(b) > 4096 && !cut {
		return false
	}
	s := string(b)
	if t == txtInput {
		s = strings.TrimPrefix(s, "^")
	}
	for i, c := range []byte(s) {
		if !nameByte(c, i == 0, t) {
			return false
		}
	}
	return true
}

func printableText(b []byte, cut bool) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return cut && len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
		b = b[n:]
	}
	return true
}

// nameByte follows TensorFlow's node name pattern [A-Za-z0-9.][A-Za-z0-9_.\-/>]* and op
// names ([A-Za-z_][A-Za-z0-9_>.\-]*, "Addons>Foo" included); inputs add ':' separators.
func nameByte(c byte, first bool, t text) bool {
	alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	switch {
	case alnum:
		return !(first && t == txtOp && c >= '0' && c <= '9')
	case c == '_':
		return !first || t != txtNode
	case c == '.':
		return !first || t != txtOp
	case c == '-', c == '>':
		return !first
	case c == '/':
		return !first && t != txtOp
	case c == ':':
		return !first && t == txtInput
	}
	return false
}

// sniffGraph reports whether head, the first bytes of a string value, is a GraphDef with at
// least two TensorFlow names in it. cut says the value continues past head.
func sniffGraph(head []byte, cut bool) bool {
	v := validator{}
	return v.message(head, graphSchema, 0, cut) && v.texts >= 2
}
