package safetensors

import (
	"strconv"

	"github.com/aisecops/aisec/internal/format/meta"
)

// value walks any JSON value, handing every string it contains (keys excluded) to the
// collector under a key path such as "__metadata__.cfg.items[2]". Strings in places the
// schema does not expect are exactly where text is smuggled past tools that read only
// "__metadata__". Nested keys are kept on a stack and joined only for strings, so walking a
// huge array of numbers allocates nothing per element.
func (h *hparser) value(path string, depth int) error {
	h.base, h.segs = path, h.segs[:0]
	return h.walk(depth)
}

func (h *hparser) walk(depth int) error {
	if depth > maxJSONDepth {
		return h.s.fail("JSON nested deeper than %d levels", maxJSONDepth)
	}
	h.s.ws()
	switch c := h.s.peek(); {
	case c == '"':
		v, off, _, err := h.s.str()
		if err != nil {
			return err
		}
		h.collect(h.path(), v, off)
		return nil
	case c == '{':
		return h.object("an object", "", func(key string, _ int64, _ bool) error {
			h.segs = append(h.segs, seg{key: key, idx: -1})
			err := h.walk(depth + 1)
			h.segs = h.segs[:len(h.segs)-1]
			return err
		})
	case c == '[':
		i := 0
		return h.array(func() error {
			h.segs = append(h.segs, seg{idx: i})
			err := h.walk(depth + 1)
			h.segs = h.segs[:len(h.segs)-1]
			i++
			return err
		})
	case c == '-' || (c >= '0' && c <= '9') || c == 'N' || c == 'I':
		_, err := h.s.num()
		return err
	default:
		_, err := h.s.literal()
		return err
	}
}

// seg is one step below the base path of value: an object key, or an array index (key "",
// idx >= 0).
type seg struct {
	key string
	idx int
}

// path joins the base path and the key stack.
func (h *hparser) path() string {
	p := h.base
	for _, s := range h.segs {
		if s.idx >= 0 {
			p += "[" + strconv.Itoa(s.idx) + "]"
		} else {
			p = joinPath(p, s.key)
		}
		if len(p) > maxKeyPathLength {
			return p[:maxKeyPathLength] + "…"
		}
	}
	return p
}

// object reads {"key": value, ...}, calling member for each key with the scanner positioned
// before the value. member must consume the value. Duplicate keys are noted with where (what
// the object is; empty for a tensor entry) and tensor (the tensor entry it belongs to, if any).
func (h *hparser) object(where, tensor string, member func(key string, off int64, escaped bool) error) error {
	if err := h.s.expect('{'); err != nil {
		return err
	}
	var seen keySet
	h.s.ws()
	if h.s.peek() == '}' {
		h.s.i++
		return nil
	}
	for {
		h.s.ws()
		key, off, escaped, err := h.s.str()
		if err != nil {
			return err
		}
		if !seen.add(key) {
			if where == "" {
				where = "tensor " + quote(tensor) // built only when needed: one object per tensor
			}
			h.anomaly(DuplicateKey, tensor, "key "+quote(key)+" appears more than once in "+where, off-1)
		}
		if err := h.s.expect(':'); err != nil {
			return err
		}
		if err := member(key, off-1, escaped); err != nil {
			return err
		}
		h.s.ws()
		switch h.s.peek() {
		case ',':
			h.s.i++
		case '}':
			h.s.i++
			return nil
		default:
			return h.s.unexpected(`"," or "}"`)
		}
	}
}

// array reads [value, ...], calling elem for each element.
func (h *hparser) array(elem func() error) error {
	if err := h.s.expect('['); err != nil {
		return err
	}
	h.s.ws()
	if h.s.peek() == ']' {
		h.s.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		h.s.ws()
		switch h.s.peek() {
		case ',':
			h.s.i++
		case ']':
			h.s.i++
			return nil
		default:
			return h.s.unexpected(`"," or "]"`)
		}
	}
}

// collect records one metadata string, within the entry budget.
func (h *hparser) collect(path, v string, off int64) {
	if len(h.f.strings) >= h.maxStrings {
		if !h.f.stringsTruncated {
			h.f.stringsTruncated = true
			h.f.gaps = append(h.f.gaps, "more header strings than the entry budget; the rest were not examined")
		}
		return
	}
	h.f.strings = append(h.f.strings, meta.String{Key: path, Value: v, Offset: off})
}

func joinPath(path, key string) string {
	p := key
	if path != "" {
		p = path + "." + key
	}
	if len(p) > maxKeyPathLength {
		p = p[:maxKeyPathLength] + "…"
	}
	return p
}

// quote renders a name for anomaly text, bounded.
func quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return strconv.Quote(s)
}

// keySet remembers the keys of one object. Tensor entries have three keys, so small objects
// are checked without allocating a map.
type keySet struct {
	small [8]string
	n     int
	big   map[string]struct{}
}

// add inserts key and reports whether it was new.
func (k *keySet) add(key string) bool {
	if k.big == nil {
		for _, s := range k.small[:k.n] {
			if s == key {
				return false
			}
		}
		if k.n < len(k.small) {
			k.small[k.n] = key
			k.n++
			return true
		}
		k.big = make(map[string]struct{}, 2*len(k.small))
		for _, s := range k.small {
			k.big[s] = struct{}{}
		}
	}
	if _, dup := k.big[key]; dup {
		return false
	}
	k.big[key] = struct{}{}
	return true
}
