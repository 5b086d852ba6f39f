package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The wire formats are read with a small skimmer over the original bytes instead of a full
// decode: it finds the byte range of every value it needs, so that a rewrite splices new values
// into the original body and every field the guard does not know survives byte for byte, in
// order. The skimmer only runs on documents validJSON accepted, which keeps it simple; it still
// checks every index so that a bug can never turn into a panic or a loop.

// span is a JSON value's byte range [start,end) in its document; start < 0 means absent.
type span struct{ start, end int }

var absent = span{-1, -1}

func (s span) ok() bool { return s.start >= 0 }

// errMalformed is returned when the skimmer meets something validJSON should have rejected.
var errMalformed = errors.New("malformed JSON")

// errDuplicateKey marks an object that names a field the guard reads twice: parsers disagree
// on which copy wins, so such a body could show the guard one text and the model another.
var errDuplicateKey = errors.New("duplicate key")

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(d []byte, i int) int {
	for i < len(d) && isSpace(d[i]) {
		i++
	}
	return i
}

// root returns the span of the document's single top-level value.
func root(d []byte) (span, error) {
	i := skipSpace(d, 0)
	end := valueEnd(d, i)
	if end < 0 {
		return absent, errMalformed
	}
	return span{i, end}, nil
}

// stringEnd returns the index just past the closing quote of the string opening at d[i].
func stringEnd(d []byte, i int) int {
	j := i + 1
	for j < len(d) {
		k := bytes.IndexByte(d[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		bs := 0
		for p := q - 1; p > i && d[p] == '\\'; p-- {
			bs++
		}
		if bs%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return -1
}

// valueEnd returns the index just past the value starting at d[i], or -1.
func valueEnd(d []byte, i int) int {
	if i < 0 || i >= len(d) {
		return -1
	}
	switch d[i] {
	case '"':
		return stringEnd(d, i)
	case '{', '[':
		return containerEnd(d, i)
	}
	j := i
	for j < len(d) {
		switch c := d[j]; {
		case c == ',' || c == '}' || c == ']' || isSpace(c):
			return j
		case c == '"' || c == '{' || c == '[':
			return -1
		}
		j++
	}
	return j
}

// containerEnd skips an object or array by depth counting, stepping over strings whole.
func containerEnd(d []byte, i int) int {
	depth := 0
	for j := i; j < len(d); j++ {
		switch d[j] {
		case '"':
			e := stringEnd(d, j)
			if e < 0 {
				return -1
			}
			j = e - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

// kind is the first byte of a value: '{', '[', '"', 't', 'f', 'n' or a number's first byte.
func kind(d []byte, v span) byte {
	if !v.ok() || v.start >= len(d) {
		return 0
	}
	return d[v.start]
}

// eachMember calls fn for every member of the object at v, with the decoded key.
func eachMember(d []byte, v span, fn func(key []byte, val span) error) error {
	if kind(d, v) != '{' {
		return errMalformed
	}
	i := skipSpace(d, v.start+1)
	if i < v.end && d[i] == '}' {
		return nil
	}
	for i < v.end {
		if d[i] != '"' {
			return errMalformed
		}
		ke := stringEnd(d, i)
		if ke < 0 {
			return errMalformed
		}
		key, err := decodeKey(d, span{i, ke})
		if err != nil {
			return err
		}
		i = skipSpace(d, ke)
		if i >= v.end || d[i] != ':' {
			return errMalformed
		}
		i = skipSpace(d, i+1)
		ve := valueEnd(d, i)
		if ve < 0 || ve > v.end {
			return errMalformed
		}
		if err := fn(key, span{i, ve}); err != nil {
			return err
		}
		i = skipSpace(d, ve)
		if i < v.end && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		if i < v.end && d[i] == '}' {
			return nil
		}
		return errMalformed
	}
	return errMalformed
}

// eachElement calls fn for every element of the array at v.
func eachElement(d []byte, v span, fn func(i int, val span) error) error {
	if kind(d, v) != '[' {
		return errMalformed
	}
	i := skipSpace(d, v.start+1)
	if i < v.end && d[i] == ']' {
		return nil
	}
	for n := 0; i < v.end; n++ {
		ve := valueEnd(d, i)
		if ve < 0 || ve > v.end {
			return errMalformed
		}
		if err := fn(n, span{i, ve}); err != nil {
			return err
		}
		i = skipSpace(d, ve)
		if i < v.end && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		if i < v.end && d[i] == ']' {
			return nil
		}
		return errMalformed
	}
	return errMalformed
}

// fields reads the named members of the object at v into out (absent when missing). A name read
// twice is an error (errDuplicateKey); members not named are skipped.
func fields(d []byte, v span, names []string, out []span) error {
	for i := range out {
		out[i] = absent
	}
	return eachMember(d, v, func(key []byte, val span) error {
		for i, n := range names {
			if n != string(key) {
				continue
			}
			if out[i].ok() {
				return fmt.Errorf("%w %q", errDuplicateKey, key)
			}
			out[i] = val
			return nil
		}
		return nil
	})
}

// decodeString decodes the JSON string at v. Strings without escapes are converted directly.
func decodeString(d []byte, v span) (string, error) {
	if kind(d, v) != '"' || v.end-v.start < 2 || v.end > len(d) {
		return "", errMalformed
	}
	raw := d[v.start+1 : v.end-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw), nil
	}
	var s string
	if err := json.Unmarshal(d[v.start:v.end], &s); err != nil {
		return "", errMalformed
	}
	return s, nil
}

// decodeKey returns an object key's text without allocating when it has no escapes (a key such
// as "\u0063ontent" must still read as "content", as it does for the model's parser).
func decodeKey(d []byte, v span) ([]byte, error) {
	raw := d[v.start+1 : v.end-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw, nil
	}
	s, err := decodeString(d, v)
	return []byte(s), err
}

// stringOr decodes v when it is a string and returns def for anything else.
func stringOr(d []byte, v span, def string) string {
	if kind(d, v) != '"' {
		return def
	}
	s, err := decodeString(d, v)
	if err != nil {
		return def
	}
	return s
}

// boolOr reads a JSON boolean.
func boolOr(d []byte, v span, def bool) bool {
	switch kind(d, v) {
	case 't':
		return true
	case 'f':
		return false
	}
	return def
}

// numberOr reads a JSON number as float64.
func numberOr(d []byte, v span, def float64) (float64, bool) {
	c := kind(d, v)
	if c != '-' && (c < '0' || c > '9') {
		return def, false
	}
	f, err := strconv.ParseFloat(string(d[v.start:v.end]), 64)
	if err != nil {
		return def, false
	}
	return f, true
}

// intOr reads a JSON number as an int, clamped to a sane range.
func intOr(d []byte, v span, def int) int {
	f, ok := numberOr(d, v, 0)
	if !ok {
		return def
	}
	const lim = 1 << 40
	if f > lim {
		return lim
	}
	if f < -lim {
		return -lim
	}
	return int(f)
}

// appendString appends s as a JSON string. HTML characters are not escaped (the bodies are API
// traffic, not markup); U+2028 and U+2029 are, because some clients split event-stream lines on
// them; invalid UTF-8 becomes U+FFFD, as encoding/json does.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	// The fast path skips multi-byte runes without decoding them: valid UTF-8 without line or
	// paragraph separators (nearly every text) needs only its ASCII escaped.
	fast := utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
	start := 0
	for i := 0; i < len(s); {
		if fast {
			if i += plainRun(s[i:]); i >= len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if !needsCare(c) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscape(dst, c)
			i++
			start = i
			continue
		}
		if fast {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + 1
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, "89"[r-'\u2028'])
			start = i + size
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// quote returns s as a JSON string.
func quote(s string) []byte { return appendString(make([]byte, 0, len(s)+2), s) }

// edit replaces d[start:end] with data; start == end inserts.
type edit struct {
	start, end int
	data       []byte
}

// splice applies non-overlapping edits (in any order) to d and returns a new document.
func splice(d []byte, edits []edit) ([]byte, error) {
	sortEdits(edits)
	size := len(d)
	for i, e := range edits {
		if e.start < 0 || e.end < e.start || e.end > len(d) || (i > 0 && e.start < edits[i-1].end) {
			return nil, fmt.Errorf("unable to rewrite: overlapping edits at %d", e.start)
		}
		size += len(e.data) - (e.end - e.start)
	}
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range edits {
		out = append(out, d[pos:e.start]...)
		out = append(out, e.data...)
		pos = e.end
	}
	return append(out, d[pos:]...), nil
}

// sortEdits is an insertion sort: edit lists are short and usually already ordered.
func sortEdits(e []edit) {
	for i := 1; i < len(e); i++ {
		for j := i; j > 0 && e[j].start < e[j-1].start; j-- {
			e[j], e[j-1] = e[j-1], e[j]
		}
	}
}

// insertMember returns an edit adding `"key":value` as the first member of the object at obj.
func insertMember(d []byte, obj span, key string, value []byte) edit {
	b := appendString(nil, key)
	b = append(b, ':')
	b = append(b, value...)
	if !emptyContainer(d, obj) {
		b = append(b, ',')
	}
	return edit{start: obj.start + 1, end: obj.start + 1, data: b}
}

// prependElement returns an edit inserting value as the first element of the array at arr.
func prependElement(d []byte, arr span, value []byte) edit {
	b := append([]byte(nil), value...)
	if !emptyContainer(d, arr) {
		b = append(b, ',')
	}
	return edit{start: arr.start + 1, end: arr.start + 1, data: b}
}

// appendElement returns an edit adding value as the last element of the array at arr.
func appendElement(d []byte, arr span, value []byte) edit {
	var b []byte
	if !emptyContainer(d, arr) {
		b = append(b, ',')
	}
	b = append(b, value...)
	return edit{start: arr.end - 1, end: arr.end - 1, data: b}
}

func emptyContainer(d []byte, v span) bool {
	return skipSpace(d, v.start+1) >= v.end-1
}
