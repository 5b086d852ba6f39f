package target

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// decode parses a JSON document the way rest targets do.
func decode(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

const pathDoc = `{
  "choices": [{"message": {"content": "hello", "tool_calls": [{"function": {"name": "a"}}, {"function": {"name": "b"}}]}}],
  "output": "plain",
  "n": 7, "f": 1.50, "ok": true, "none": null,
  "parts": ["a", "b", "c"],
  "odd.key": {"x[y]": "dotted", "it's": "quoted"},
  "obj": {"b": 2, "a": 1},
  "-1": "minus"
}`

func TestJSONPathFind(t *testing.T) {
	doc := decode(t, pathDoc)
	tests := []struct {
		path, want string // want is the JSON of the results; "null" means no match
	}{
		{"$.choices[0].message.content", `["hello"]`},
		{"choices[0].message.content", `["hello"]`},
		{"$['choices'][0][\"message\"]['content']", `["hello"]`},
		{"$.choices[-1].message.content", `["hello"]`},
		{"$.choices[1].message.content", `null`},
		{"$.choices[-2]", `null`},
		{"$.output", `["plain"]`},
		{"output", `["plain"]`},
		{"$", ""}, // the whole document, checked below
		{"$.n", `[7]`},
		{"$.f", `[1.50]`},
		{"$.ok", `[true]`},
		{"$.none", `[null]`},
		{"$.missing", `null`},
		{"$.output.deeper", `null`},
		{"$.output[0]", `null`},
		{"$.parts[*]", `["a","b","c"]`},
		{"$.parts.*", `["a","b","c"]`},
		{"$.parts[ 1 ]", `["b"]`},
		{"$.choices[0].message.tool_calls[*].function.name", `["a","b"]`},
		{"$['odd.key']['x[y]']", `["dotted"]`},
		{`$['odd.key']['it\'s']`, `["quoted"]`},
		{`$["odd.key"]["it's"]`, `["quoted"]`},
		{"$.obj.*", `[1,2]`}, // key order, not map order
		{"$['-1']", `["minus"]`},
		{"$[0]", `null`},
	}
	for _, tc := range tests {
		p, err := ParseJSONPath(tc.path)
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		got := p.Find(doc)
		if tc.path == "$" {
			if len(got) != 1 || !reflect.DeepEqual(got[0], doc) {
				t.Errorf("$: got %v", got)
			}
			continue
		}
		b, _ := json.Marshal(got)
		if string(b) != tc.want {
			t.Errorf("%s: got %s, want %s", tc.path, b, tc.want)
		}
	}
}

func TestJSONPathErrors(t *testing.T) {
	for _, p := range []string{
		"$..a", "$.", "$[", "$[a]", "$['a'", "$['a]", "$[1", "$[-]", "$[1.5]", "$x", "$.a[]",
		"$[99999999999]", "$.a..b", strings.Repeat(".a", 65), strings.Repeat("a", 2000),
	} {
		if _, err := ParseJSONPath(p); err == nil {
			t.Errorf("%q: accepted", p)
		}
	}
}

func TestJSONPathString(t *testing.T) {
	tests := map[string]string{
		"output":                       "$.output",
		"$['choices'][0]['message']":   "$.choices[0].message",
		"$['odd.key'][-1][*]":          "$['odd.key'][-1][*]",
		`$['it\'s']`:                   `$['it\'s']`,
		`$["a\\b"]`:                    `$['a\\b']`,
		"$.parts.*":                    "$.parts[*]",
		"$['0abc']":                    "$['0abc']",
		"$['has space']":               "$['has space']",
		"$.x_y-z":                      "$.x_y-z",
		"  $.a  ":                      "$.a",
		"$":                            "$",
		"[0]":                          "$[0]",
		"$.ünï":                        "$['ünï']",
		"$.choices[0].message.content": "$.choices[0].message.content",
	}
	for in, want := range tests {
		p, err := ParseJSONPath(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := p.String(); got != want {
			t.Errorf("%s: String() = %s, want %s", in, got, want)
		}
	}
}

// FuzzJSONPath parses arbitrary paths and evaluates them on arbitrary documents: no panic,
// String round-trips, results are bounded and deterministic.
func FuzzJSONPath(f *testing.F) {
	for _, s := range []string{
		"$.choices[0].message.content", "$['a\\'b'][-1][*]", "$..x", "a.b", "$[*].*", "$['", "[0]",
		"$[\"x\"]", "$.a[ 2 ]", "$.*.*.*",
	} {
		f.Add(s, pathDoc)
	}
	f.Add("$[*][*]", `[[1,2],[3,{"a":4}]]`)
	f.Fuzz(func(t *testing.T, path, doc string) {
		p, err := ParseJSONPath(path)
		if err != nil {
			return
		}
		q, err := ParseJSONPath(p.String())
		if err != nil || !reflect.DeepEqual(p.steps, q.steps) {
			t.Fatalf("%q: String %q does not round-trip: %v", path, p.String(), err)
		}
		dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		got := p.Find(v)
		if len(got) > maxPathResults {
			t.Fatalf("%d results", len(got))
		}
		if again := p.Find(v); !reflect.DeepEqual(got, again) {
			t.Fatal("nondeterministic results")
		}
		_, _ = replyText(got)
		_ = restCalls(got)
	})
}
