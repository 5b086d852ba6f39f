package tflite

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseFlexOps(t *testing.T) {
	tests := []struct {
		file string
		want []string // opcode:name/nodedef-op×uses, then "!" when undecodable
		gaps int
	}{
		{"flex_benign.tflite", nil, 0}, // no custom_options: nothing to decode
		{"flex_agree.tflite", []string{"0:AddV2/AddV2×2", "1:RFFT/RFFT×2"}, 0},
		{"flex_mismatch_pyfunc.tflite", []string{"0:PyFunc/PyFunc×1"}, 0},
		{"flex_mismatch_write.tflite", []string{"0:WriteFile/WriteFile×1"}, 0},
		{"flex_nodedef_mismatch.tflite", []string{"0:Identity/EagerPyFunc×1"}, 0},
		{"flex_undecodable.tflite", []string{"0:/×1!", "1:RFFT/×1!"}, 2},
		{"custom_nul.tflite", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := mustParse(t, fixture(t, tt.file))
			var got []string
			for _, op := range m.FlexOps {
				s := fmt.Sprintf("%d:%s/%s×%d", op.Opcode, op.Name, op.NodeDefOp, op.Uses)
				if op.Undecodable != "" {
					s += "!"
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) || len(m.Gaps()) != tt.gaps {
				t.Errorf("flex ops %q, gaps %q; want %q and %d gaps", got, m.Gaps(), tt.want, tt.gaps)
			}
		})
	}
}

func TestCustomName(t *testing.T) {
	m := mustParse(t, fixture(t, "custom_nul.tflite"))
	c := m.OperatorCodes[0]
	if c.CustomCode != "FlexPyFunc\x00x" || c.CustomName() != "FlexPyFunc" || !c.IsFlex() {
		t.Errorf("%+v: name %q", c, c.CustomName())
	}
	if (OperatorCode{Builtin: 3, CustomCode: "FlexX"}).IsFlex() || !(OperatorCode{Builtin: BuiltinCustom, CustomCode: "Flex"}).IsFlex() {
		t.Error("IsFlex")
	}
}

// fb builds a FlexBuffer [s0, s1] with 1-byte widths: strings then the vector then the root.
func fb(s0, s1 string, vecType, elemType byte) []byte {
	b := []byte{byte(len(s0))}
	p0 := len(b)
	b = append(append(b, s0...), 0, byte(len(s1)))
	p1 := len(b)
	b = append(append(b, s1...), 0, 2)
	vec := len(b)
	b = append(b, byte(vec-p0), byte(vec+1-p1), elemType<<2, elemType<<2)
	return append(b, byte(len(b)-vec), vecType<<2, 1)
}

func TestFlexPair(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		v0, v1 string
		err    string
	}{
		{"strings", fb("PyFunc", "\x12\x06PyFunc", fbtVector, fbtString), "PyFunc", "\x12\x06PyFunc", ""},
		{"map values", fb("A", "B", fbtMap, fbtString), "A", "B", ""},
		{"keys", fb("A", "B", fbtVector, fbtKey), "A", "B", ""},
		{"blobs", fb("A", "B", fbtVector, fbtBlob), "A", "B", ""},
		{"ints", fb("A", "B", fbtVector, 1), "", "", "type 1"},
		{"root not a vector", fb("A", "B", fbtString, fbtString), "", "", "root of type"},
		{"short", []byte{1, 2}, "", "", "2 bytes"},
		{"bad width", []byte{0, 0, 0, 3}, "", "", "byte width 3"},
		{"width past start", []byte{0, fbtVector << 2, 8}, "", "", "byte width"},
		{"offset before start", []byte{0, 0, 9, fbtVector << 2, 1}, "", "", "before the start"},
		{"huge vector", []byte{0xff, 0, 1, fbtVector << 2, 1}, "", "", "does not fit"},
		{"empty vector", []byte{0, 0, fbtVector << 2, 1}, "", "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v0, v1, err := flexPair(tt.data)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, errFlex) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || string(v0) != tt.v0 || string(v1) != tt.v1 {
				t.Fatalf("%q %q %v", v0, v1, err)
			}
		})
	}
}

func TestNodeDefOpName(t *testing.T) {
	tests := []struct {
		data, want string
		err        bool
	}{
		{"\x0a\x01n\x12\x06PyFunc", "PyFunc", false},
		{"\x12\x01A\x12\x01B", "B", false},         // the last op wins
		{"\x10\x05\x12\x01A", "A", false},          // field 2 as a varint is an unknown field
		{"\x2a\x03\x0a\x01T\x12\x01C", "C", false}, // attr entry skipped
		{"", "", false},             // empty NodeDef
		{"\x12\x09Py", "", true},    // truncated op
		{"\xff", "", true},          // truncated tag
		{"\x0b\x12\x01A", "", true}, // unterminated group
	}
	for _, tt := range tests {
		got, err := nodeDefOpName([]byte(tt.data))
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("nodeDefOpName(%q) = %q, %v", tt.data, got, err)
		}
	}
}

// FuzzFlexPair checks the FlexBuffer and NodeDef readers alone: no panic, results inside
// the input.
func FuzzFlexPair(f *testing.F) {
	f.Add(fb("PyFunc", "\x12\x06PyFunc", fbtVector, fbtString))
	f.Add(fb("A", "B", fbtMap, fbtKey))
	f.Fuzz(func(t *testing.T, data []byte) {
		v0, v1, err := flexPair(data)
		if err != nil {
			return
		}
		if len(v0) > len(data) || len(v1) > len(data) {
			t.Fatalf("%d and %d bytes out of %d", len(v0), len(v1), len(data))
		}
		if op, err := nodeDefOpName(v1); err == nil && len(op) > len(v1) {
			t.Fatalf("op of %d bytes from %d", len(op), len(v1))
		}
	})
}
