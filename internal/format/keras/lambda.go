package keras

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/format/pymarshal"
)

// lambdaFields are the Lambda layer settings that may hold a function, with the Keras 2 keys
// naming their function type and module.
var lambdaFields = []struct{ field, typeKey, moduleKey string }{
	{"function", "function_type", "module"},
	{"output_shape", "output_shape_type", "output_shape_module"},
	{"mask", "mask_type", "mask_module"},
}

// lambdaLayer reads the functions of a Lambda layer's config. Keras 2 stores bytecode as a
// func_dump list [code, defaults, closure] with function_type "lambda", a name with "function",
// and a plain value with "raw"; Keras 3 stores a {"class_name": "__lambda__"} dict (decoded when
// the walk reaches it) or a serialised function reference (an Object of its own).
func (w *walker) lambdaLayer(cfg *node, path, layer string) {
	for _, f := range lambdaFields {
		v := cfg.get(f.field)
		if v == nil || v.kind == nodeNull {
			continue
		}
		l := Lambda{Path: join(join(path, "config"), f.field), Offset: v.off, Layer: layer, Field: f.field,
			FunctionType: cfg.get(f.typeKey).text(), Module: cfg.get(f.moduleKey).text()}
		if l.FunctionType == "raw" {
			continue // a plain value, e.g. an output shape
		}
		switch v.kind {
		case nodeArray:
			if len(v.kids) == 0 || !v.kids[0].is(nodeString) || (l.FunctionType == "" && f.field != "function") {
				continue // an output shape written as a list
			}
			l.Values = collectStrings(&node{kind: nodeArray, kids: v.kids[1:]}, maxValues, nil)
			w.decode(l, v.kids[0])
		case nodeString:
			if l.FunctionType == "function" {
				l.Kind, l.FuncName = KindByName, v.str
				w.m.Lambdas = append(w.m.Lambdas, l)
				continue
			}
			w.decode(l, v)
		case nodeObject:
			if v.get("class_name").text() == "__lambda__" {
				w.pending[l.Path] = pendingLambda{layer: layer, field: f.field}
			}
		}
	}
}

// bareLambda reads a Keras 3 {"class_name": "__lambda__"} object: config.code (Lambda layers)
// or config.value, a func_dump list (any other lambda serialize_keras_object met).
func (w *walker) bareLambda(n *node, path string) {
	p := w.pending[path]
	l := Lambda{Path: path, Offset: n.off, Layer: p.layer, Field: p.field}
	if l.Field == "" {
		l.Field = "value"
	}
	cfg := n.get("config")
	if code := cfg.get("code"); code != nil {
		l.Values = collectStrings(&node{kind: nodeArray, kids: []*node{cfg.get("defaults"), cfg.get("closure")}}, maxValues, nil)
		w.decode(l, code)
		return
	}
	v := cfg.get("value")
	if v.is(nodeArray) && len(v.kids) > 0 {
		l.Values = collectStrings(&node{kind: nodeArray, kids: v.kids[1:]}, maxValues, nil)
		v = v.kids[0]
	}
	w.decode(l, v)
}

// decode turns a function's code text into bytes as Keras' func_load does and reads them as a
// marshalled code object. Text that is not bytecode is kept as source (Python where bytecode
// belongs) or, for a bare dotted name without a function_type, as a by-name reference.
func (w *walker) decode(l Lambda, n *node) {
	code := n.text()
	raw, enc := funcLoadBytes(code)
	l.Encoding, l.CodeLen = enc, len(raw)
	c, err := pymarshal.ReadCode(raw, w.lim)
	switch {
	case err == nil:
		l.Kind, l.Code = KindBytecode, c
		w.code[n] = true // the base64 text is replaced by the constants below
		l.Summary = pymarshal.Summarize(c, 500)
		for i, s := range l.Summary.Strings {
			w.addStringAt(fmt.Sprintf("%s<co_consts>[%d]", l.Path, i), s, l.Offset)
		}
	case len(raw) > 0 && raw[0]&^0x80 == 'c':
		l.Kind, l.DecodeError = KindBytecode, err.Error()
		l.Words = pymarshal.Identifiers(raw, maxWords)
		if errBudget(err) {
			w.gap("marshal:"+l.Path, fmt.Sprintf("Lambda bytecode at %s is beyond the decoding budget: %v", l.Path, err))
		}
	case l.FunctionType == "" && isDottedName(code):
		l.Kind, l.FuncName, l.Encoding, l.CodeLen = KindByName, code, "", 0
	default:
		l.Kind, l.DecodeError = KindSource, err.Error()
		l.Words = pymarshal.Identifiers([]byte(code), maxWords)
	}
	w.m.Lambdas = append(w.m.Lambdas, l)
}

func isDottedName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if !isPlainKey(part) || part[0] >= '0' && part[0] <= '9' {
			return false
		}
	}
	return true
}

// funcLoadBytes mirrors keras func_load: binascii.a2b_base64 of the ASCII text, and when that
// raises (non-ASCII text, bad padding) the text encoded as raw_unicode_escape.
func funcLoadBytes(code string) ([]byte, string) {
	if b, ok := a2bBase64(code); ok {
		return b, "base64"
	}
	return rawUnicodeEscape(code), "raw_unicode_escape"
}

// a2bBase64 is CPython's non-strict binascii.a2b_base64: characters outside the alphabet are
// skipped, a complete pad sequence ends the input, and a final partial quad is an error.
func a2bBase64(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s)*3/4)
	quad, pads := 0, 0
	var left byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false // str.encode("ascii") raises UnicodeEncodeError
		}
		if c == '=' {
			if pads++; quad >= 2 && quad+pads >= 4 {
				return out, true
			}
			continue
		}
		v := b64val(c)
		if v < 0 {
			continue
		}
		pads = 0
		switch quad {
		case 0:
			left, quad = byte(v), 1
		case 1:
			out = append(out, left<<2|byte(v)>>4)
			left, quad = byte(v)&0x0f, 2
		case 2:
			out = append(out, left<<4|byte(v)>>2)
			left, quad = byte(v)&0x03, 3
		case 3:
			out = append(out, left<<6|byte(v))
			left, quad = 0, 0
		}
	}
	return out, quad == 0
}

func b64val(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// rawUnicodeEscape is Python's str.encode("raw_unicode_escape"): code points below 256 become
// one byte, others \uXXXX or \UXXXXXXXX.
func rawUnicodeEscape(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < 0x100:
			out = append(out, byte(r))
		case r <= 0xffff:
			out = fmt.Appendf(out, "\\u%04x", r)
		default:
			out = fmt.Appendf(out, "\\U%08x", r)
		}
	}
	return out
}
