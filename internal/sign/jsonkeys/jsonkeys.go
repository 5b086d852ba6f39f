// Package jsonkeys refuses JSON objects whose keys Go and Python would read differently. Go's
// encoding/json matches struct fields case-insensitively and lets the last duplicate win; Python's
// json keeps exact keys. A signed document with both "resources" and "Resources" would verify in
// one reading and be reviewed in the other, so signatures and statements with duplicate keys,
// exact or differing only in case, are rejected before they are decoded.
package jsonkeys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrAmbiguous is returned for an object with two keys that are equal ignoring case.
var ErrAmbiguous = errors.New("JSON object has keys that differ only in case, or repeats a key")

// Check walks data and returns ErrAmbiguous (wrapped, naming the key) for the first object
// with keys equal ignoring case. Syntax errors are left to the decoder that runs afterwards.
func Check(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		keys   map[string]bool
		keyNow bool // the next string token in this object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return nil // malformed: the real decoder reports it
		}
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				if top != nil && top.object {
					top.keyNow = true
				}
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, keyNow: true})
			case '[':
				if top != nil && top.object {
					top.keyNow = true
				}
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		case string:
			if top != nil && top.object && top.keyNow {
				folded := strings.ToLower(t)
				if top.keys[folded] {
					return fmt.Errorf("%w: %q", ErrAmbiguous, t)
				}
				top.keys[folded] = true
				top.keyNow = false
				continue
			}
		}
		if top != nil && top.object {
			top.keyNow = true // a value ended: the next string is a key
		}
	}
}
