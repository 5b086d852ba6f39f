package deps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// errNotObject is returned for JSON manifests whose top level is not an object.
var errNotObject = errors.New("the document is not a JSON object")

// jsonReader walks a JSON document in order, with the line of every object key.
type jsonReader struct {
	dec   *json.Decoder
	lines lineCounter
}

// newJSONReader checks the nesting bound and starts a reader.
func newJSONReader(data []byte) (*jsonReader, error) {
	if d := jsonDepth(data); d > MaxDepth {
		return nil, fmt.Errorf("nesting deeper than %d", MaxDepth)
	}
	return &jsonReader{dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineCounter(data)}, nil
}

// object reads the object at the reader's position, calling fn for each member with its key
// and line; fn must consume the value (with decode, skip or a nested object call). A value
// that is not an object is skipped and reported as false.
func (r *jsonReader) object(fn func(key string, line int) error) (bool, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return false, r.wrap(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		if ok {
			return false, r.skipRest()
		}
		return false, nil
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return true, r.wrap(err)
		}
		key, _ := tok.(string)
		if err := fn(key, r.lines.at(int(r.dec.InputOffset()))); err != nil {
			return true, err
		}
	}
	_, err = r.dec.Token() // the closing brace
	return true, r.wrap(err)
}

// skipRest consumes the rest of an object or array whose opening delimiter was read.
func (r *jsonReader) skipRest() error {
	for depth := 1; depth > 0; {
		tok, err := r.dec.Token()
		if err != nil {
			return r.wrap(err)
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// decode reads the next value into v.
func (r *jsonReader) decode(v any) error {
	return r.wrap(r.dec.Decode(v))
}

// decodeObject reads the next value into the struct v. A value of another JSON type is
// consumed and reported as false rather than as an error.
func (r *jsonReader) decodeObject(v any) (bool, error) {
	err := r.decode(v)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return false, nil
	}
	return err == nil, err
}

// skip consumes the next value.
func (r *jsonReader) skip() error {
	return r.decode(&jsonSkip{})
}

// str reads the next value, returning it when it is a string and "" otherwise.
func (r *jsonReader) str() (string, error) {
	var s jsonString
	err := r.decode(&s)
	return string(s), err
}

// strMap reads an object of strings in order, calling fn for each member; ok is false for
// members whose value is not a string.
func (r *jsonReader) strMap(fn func(key, val string, ok bool, line int)) error {
	_, err := r.object(func(key string, line int) error {
		var v jsonOptString
		err := r.decode(&v)
		if err == nil {
			fn(key, v.s, v.ok, line)
		}
		return err
	})
	return err
}

// finish checks that nothing but white space follows the document.
func (r *jsonReader) finish() error {
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			return fmt.Errorf("line %d: unexpected data after the JSON document", r.lines.at(int(r.dec.InputOffset())))
		}
		return r.wrap(err)
	}
	return nil
}

// wrap adds the line to decoder errors.
func (r *jsonReader) wrap(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("line %d: %w", r.lines.at(int(r.dec.InputOffset())), err)
}

// jsonSkip accepts any JSON value without keeping it.
type jsonSkip struct{}

// UnmarshalJSON implements json.Unmarshaler.
func (*jsonSkip) UnmarshalJSON([]byte) error { return nil }

// jsonString keeps a JSON string and ignores any other value.
type jsonString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *jsonString) UnmarshalJSON(b []byte) error {
	v, _ := unquoteJSON(b)
	*s = jsonString(v)
	return nil
}

// unquoteJSON decodes a JSON string literal the decoder has already validated; literals
// without escapes (nearly all) are copied without a second parse.
func unquoteJSON(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' {
		return "", false
	}
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b[1 : len(b)-1]), true
	}
	var v string
	err := json.Unmarshal(b, &v)
	return v, err == nil
}

// jsonOptString keeps a JSON string and says whether the value was one.
type jsonOptString struct {
	s  string
	ok bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *jsonOptString) UnmarshalJSON(b []byte) error {
	o.s, o.ok = unquoteJSON(b)
	return nil
}

// jsonBool keeps a JSON true and reads anything else as false.
type jsonBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *jsonBool) UnmarshalJSON(b []byte) error {
	*v = jsonBool(string(b) == "true")
	return nil
}

// jsonStrMap keeps the string members of an object and ignores any other value.
type jsonStrMap map[string]string

// UnmarshalJSON implements json.Unmarshaler.
func (m *jsonStrMap) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	var raw map[string]jsonString
	if json.Unmarshal(b, &raw) != nil {
		return nil
	}
	*m = make(jsonStrMap, len(raw))
	for k, v := range raw {
		(*m)[k] = string(v)
	}
	return nil
}

// jsonDepth returns the deepest nesting of objects and arrays, skipping string contents.
func jsonDepth(b []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			i = skipJSONString(b, i+1)
		case '{', '[':
			depth++
			deepest = max(deepest, depth)
		case '}', ']':
			depth--
		}
	}
	return deepest
}

// skipJSONString returns the index of the quote that closes the string whose contents
// start at i (or len(b)): the next quote preceded by an even number of backslashes.
func skipJSONString(b []byte, i int) int {
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b)
		}
		i += j
		k := i
		for k > 0 && b[k-1] == '\\' {
			k--
		}
		if (i-k)%2 == 0 {
			return i
		}
		i++
	}
	return len(b)
}

var (
	_ json.Unmarshaler = (*jsonSkip)(nil)
	_ json.Unmarshaler = (*jsonString)(nil)
	_ json.Unmarshaler = (*jsonBool)(nil)
	_ json.Unmarshaler = (*jsonOptString)(nil)
	_ json.Unmarshaler = (*jsonStrMap)(nil)
)
