package jsonkeys

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		json      string
		ambiguous bool
	}{
		{`{"a": 1, "b": {"c": [1, {"d": "a"}]}}`, false},
		{`{"a": "a", "b": "b"}`, false}, // values equal to keys are not keys
		{`{"a": [{"x": 1}, {"x": 2}]}`, false},
		{`{"a": 1, "a": 2}`, true},
		{`{"resources": [], "Resources": []}`, true},
		{`{"p": {"payload": "x", "PAYLOAD": "y"}}`, true},
		{`[{"k": 1}, {"K": 1, "k": 2}]`, true},
		{`{"a": {"b": 1}, "c": {"b": 2}}`, false}, // same key in sibling objects
		{`{"a": `, false},                         // syntax errors are the decoder's
	}
	for _, tt := range tests {
		err := Check([]byte(tt.json))
		if got := errors.Is(err, ErrAmbiguous); got != tt.ambiguous {
			t.Errorf("%s: ambiguous=%v, want %v (%v)", tt.json, got, tt.ambiguous, err)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"a": 1, "A": [{"b": null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Check(data) // must not panic or hang
	})
}
