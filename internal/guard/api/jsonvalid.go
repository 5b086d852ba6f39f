package api

// validJSON reports whether d is exactly one JSON value (RFC 8259) with optional surrounding
// whitespace, nested at most maxDepth deep. It accepts what encoding/json's Valid accepts (the
// fuzz test compares them) and is several times faster on text-heavy bodies, which matters
// because it runs on every request and every streamed event.
func validJSON(d []byte) bool {
	v := validator{d: d}
	i, ok := v.value(skipSpace(d, 0))
	return ok && skipSpace(d, i) == len(d)
}

// maxDepth matches encoding/json's nesting limit.
const maxDepth = 10000

type validator struct {
	d []byte
	// stack holds, per open container, true for an object.
	stack []bool
}

// needsCare reports the bytes that end a run of plain string content.
func needsCare(c byte) bool { return c < 0x20 || c == '"' || c == '\\' }

// value validates the value at i and everything after it up to the end of the outermost
// container it opens, iteratively; it returns the index after that value.
func (v *validator) value(i int) (int, bool) {
	for {
		var opened, ok bool
		if i, opened, ok = v.one(i); !ok {
			return i, false
		}
		if opened {
			continue // read the container's first value
		}
		if len(v.stack) == 0 {
			return i, true
		}
		if i, ok = v.next(i); !ok || len(v.stack) == 0 {
			return i, ok
		}
	}
}

// one validates a scalar or an empty container, or opens a non-empty container (opened is
// then true and i is at its first value).
func (v *validator) one(i int) (next int, opened, ok bool) {
	d := v.d
	if i >= len(d) {
		return i, false, false
	}
	switch c := d[i]; c {
	case '{', '[':
		if len(v.stack) >= maxDepth {
			return i, false, false
		}
		j := skipSpace(d, i+1)
		if j < len(d) && ((c == '{' && d[j] == '}') || (c == '[' && d[j] == ']')) {
			return j + 1, false, true
		}
		v.stack = append(v.stack, c == '{')
		if c == '{' {
			j, ok = v.key(j)
			return j, true, ok
		}
		return j, true, true
	case '"':
		next, ok = v.str(i)
	case 't':
		next, ok = literal(d, i, "true")
	case 'f':
		next, ok = literal(d, i, "false")
	case 'n':
		next, ok = literal(d, i, "null")
	default:
		next, ok = number(d, i)
	}
	return next, false, ok
}

// next moves past a value inside a container: it closes the containers that end there and
// stops at the next member's value, or at the end of the outermost container.
func (v *validator) next(i int) (int, bool) {
	d := v.d
	for len(v.stack) > 0 {
		i = skipSpace(d, i)
		if i >= len(d) {
			return i, false
		}
		obj := v.stack[len(v.stack)-1]
		switch {
		case d[i] == ',':
			i = skipSpace(d, i+1)
			if obj {
				return v.key(i)
			}
			return i, true
		case (obj && d[i] == '}') || (!obj && d[i] == ']'):
			v.stack = v.stack[:len(v.stack)-1]
			i++
		default:
			return i, false
		}
	}
	return i, true
}

// key validates `"key" :` and returns the index of the member's value.
func (v *validator) key(i int) (int, bool) {
	if i >= len(v.d) || v.d[i] != '"' {
		return i, false
	}
	i, ok := v.str(i)
	if !ok {
		return i, false
	}
	i = skipSpace(v.d, i)
	if i >= len(v.d) || v.d[i] != ':' {
		return i, false
	}
	return skipSpace(v.d, i+1), true
}

// str validates the string opening at d[i].
func (v *validator) str(i int) (int, bool) {
	d := v.d
	i++
	for i < len(d) {
		i += plainRun(d[i:])
		if i >= len(d) {
			break
		}
		c := d[i]
		switch {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		}
		// backslash
		if i+1 >= len(d) {
			return i, false
		}
		switch d[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+6 > len(d) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) || !isHex(d[i+5]) {
				return i, false
			}
			i += 6
		default:
			return i, false
		}
	}
	return i, false
}

func isHex(c byte) bool { return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'f') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func literal(d []byte, i int, lit string) (int, bool) {
	if len(d)-i < len(lit) || string(d[i:i+len(lit)]) != lit {
		return i, false
	}
	return i + len(lit), true
}

// number validates -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func number(d []byte, i int) (int, bool) {
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		return i, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			return i, false
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			return i, false
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	return i, true
}

// plainRun returns how many leading bytes of s need no care inside a JSON string (no quote, no
// backslash, no control character). It looks at eight bytes at a time: prompts are long runs
// of plain text, and this loop is most of the guard's per-byte cost.
func plainRun[T string | []byte](s T) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		ctl := (x - ones*0x20) & ^x & highs
		q := x ^ (ones * '"')
		q = (q - ones) & ^q & highs
		b := x ^ (ones * '\\')
		b = (b - ones) & ^b & highs
		if ctl|q|b != 0 {
			break
		}
	}
	for i < len(s) && !needsCare(s[i]) {
		i++
	}
	return i
}
