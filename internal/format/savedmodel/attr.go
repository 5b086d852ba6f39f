package savedmodel

import (
	"unicode/utf8"
)

// Field numbers of AttrValue, AttrValue.ListValue, NameAttrList and TensorProto.
const (
	entryKey   = 1
	entryValue = 2

	attrList   = 1
	attrS      = 2
	attrTensor = 8
	attrFunc   = 10

	listS      = 2
	listTensor = 8
	listFunc   = 9

	funcName = 1
	funcAttr = 2

	tensorDType   = 1
	tensorShape   = 2
	tensorContent = 4
	tensorString  = 8
)

// noiseAttrs are string attributes that never carry text worth a metadata scan.
var noiseAttrs = map[string]bool{
	"_class": true, "padding": true, "data_format": true, "shared_name": true, "container": true,
	"_user_specified_name": true, "reduction_type": true, "dct_method": true, "mode": true,
	"_XlaScope": true, "_xla_compile_device_type": true, "src_format": true, "dst_format": true,
}

// attrEntry reads one map<string, AttrValue> entry of n. It is kept when its value holds
// strings, function names or a tensor.
func (p *parser) attrEntry(f field, n *Node) (Attr, bool) {
	var a Attr
	var value field
	hasValue := false
	p.walk("NodeDef.attr", f.Val, f.End, func(g field) {
		switch {
		case g.Num == entryKey && g.IsBytes():
			a.Key = p.name(g)
		case g.Num == entryValue && g.IsBytes():
			value, hasValue = g, true
		}
	})
	if !hasValue {
		return a, false
	}
	p.attrValue(value, &a)
	if len(a.Strings) == 0 && len(a.Funcs) == 0 && a.Tensor == nil {
		return a, false
	}
	if !noiseAttrs[a.Key] {
		for _, s := range a.Strings {
			if len(s) >= 4 && utf8.ValidString(s) {
				p.text("node["+n.Name+"].attr."+a.Key, s, value.Val)
			}
		}
	}
	return a, true
}

// attrValue reads an AttrValue into a.
func (p *parser) attrValue(f field, a *Attr) {
	p.walk("AttrValue", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case attrS:
			s, cut := p.keptStr(g, p.caps.maxAttrString)
			a.Strings = append(a.Strings, s)
			a.Truncated = a.Truncated || cut
		case attrList:
			p.attrListValue(g, a)
		case attrTensor:
			a.Tensor = p.tensor(g)
		case attrFunc:
			p.nameAttrList(g, a)
		}
	})
}

func (p *parser) attrListValue(f field, a *Attr) {
	p.walk("AttrValue.list", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case listS:
			if len(a.Strings) >= p.caps.maxListStrings {
				a.Truncated = true
				return
			}
			s, cut := p.keptStr(g, p.caps.maxAttrString)
			a.Strings = append(a.Strings, s)
			a.Truncated = a.Truncated || cut
		case listTensor:
			if a.Tensor == nil {
				a.Tensor = p.tensor(g)
			}
		case listFunc:
			p.nameAttrList(g, a)
		}
	})
}

// nameAttrList reads a NameAttrList: the function name, and functions named in its attrs.
func (p *parser) nameAttrList(f field, a *Attr) {
	p.walk("NameAttrList", f.Val, f.End, func(g field) {
		if !g.IsBytes() {
			return
		}
		switch g.Num {
		case funcName:
			if len(a.Funcs) < p.caps.maxListStrings {
				a.Funcs = append(a.Funcs, p.name(g))
			}
		case funcAttr:
			p.walk("NameAttrList.attr", g.Val, g.End, func(h field) {
				if h.Num == entryValue && h.IsBytes() {
					var inner Attr
					p.attrValue(h, &inner)
					for _, fn := range inner.Funcs {
						if len(a.Funcs) < p.caps.maxListStrings {
							a.Funcs = append(a.Funcs, fn)
						}
					}
				}
			})
		}
	})
}

// tensor reads a TensorProto header and its first string values; numeric payloads and
// tensor_content are skipped by offset. Every string value is checked for a serialized
// GraphDef, which is read as a nested graph (nested.go).
func (p *parser) tensor(f field) *Tensor {
	t := &Tensor{}
	var content field
	elems := int64(1)
	p.walk("TensorProto", f.Val, f.End, func(g field) {
		switch {
		case g.Num == tensorDType && !g.IsBytes():
			t.DType = int32(g.V)
		case g.Num == tensorShape && g.IsBytes():
			elems = p.shapeElements(g)
		case g.Num == tensorContent && g.IsBytes():
			t.ContentBytes += g.Size()
			content = g
		case g.Num == tensorString && g.IsBytes():
			t.NumStrings++
			if p.nestedGraph(g) {
				t.Graphs++ // its nodes are recorded; the bytes are not kept as a string
				return
			}
			if len(t.Strings) < p.caps.maxTensorStrs {
				s, _ := p.keptStr(g, p.caps.maxTensorStr)
				t.Strings = append(t.Strings, s)
			}
		}
	})
	if t.DType == dtString && content.Size() > 0 {
		t.Graphs += p.stringContent(content, elems)
	}
	return t
}
