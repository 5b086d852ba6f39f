package pickle

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestDump prints the parse of the files named in PICKLE_DUMP (space separated), for humans.
func TestDump(t *testing.T) {
	names := os.Getenv("PICKLE_DUMP")
	if names == "" {
		t.Skip("set PICKLE_DUMP to file paths to print their parse")
	}
	for _, n := range splitFields(names) {
		f, err := os.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		pf, err := Parse(context.Background(), f, Options{})
		f.Close()
		if os.Getenv("PICKLE_DUMP_JSON") != "" {
			b, _ := json.MarshalIndent(pf, "", " ")
			t.Logf("%s: err=%v\n%s", n, err, b)
			continue
		}
		t.Logf("%s: err=%v\n%s", n, err, summary(pf, ""))
	}
}

func splitFields(s string) []string {
	var out []string
	cur := ""
	for _, c := range s {
		if c == ' ' || c == '\n' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(c)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// summary renders a File compactly for humans.
func summary(f *File, indent string) string {
	out := fmt.Sprintf("%strailing=%d@%d\n", indent, f.Trailing, f.TrailingOffset)
	for i, s := range f.Streams {
		out += fmt.Sprintf("%s#%d [%d,%d) proto=%d complete=%v ops=%d err=%v exceeded=%v memo=%+v result=%s %q\n",
			indent, i, s.Offset, s.End, s.Protocol, s.Complete, s.Opcodes, s.Err, s.Exceeded, s.Memo, s.Result.Kind, s.Result.Repr)
		for _, im := range s.Imports {
			out += fmt.Sprintf("%s  import %s.%s @%d %s resolved=%v via=%q\n", indent, im.Module, im.Name, im.Offset, im.Opcode, im.Resolved, im.Via)
		}
		for _, c := range s.Calls {
			out += fmt.Sprintf("%s  call %s @%d %s(%s) roots=%d onGlobal=%v\n", indent, c.Opcode, c.Offset, c.Callee, c.Args, len(c.Roots), c.OnGlobal)
		}
		for _, a := range s.Anomalies {
			out += fmt.Sprintf("%s  anomaly %s @%d %s\n", indent, a.Kind, a.Offset, a.Detail)
		}
		for _, c := range s.Strings {
			out += fmt.Sprintf("%s  string @%d %s len=%d arg=%q %.60q\n", indent, c.Offset, c.Encoding, c.Len, c.Arg, c.Text)
		}
		for _, e := range s.Ext {
			out += fmt.Sprintf("%s  ext %d @%d\n", indent, e.Code, e.Offset)
		}
		for _, n := range s.Nested {
			out += fmt.Sprintf("%s  nested @%d %s loader=%q\n%s", indent, n.Offset, n.Encoding, n.Loader, summary(n.File, indent+"    "))
		}
		if s.Omitted != (Omitted{}) {
			out += fmt.Sprintf("%s  omitted %+v\n", indent, s.Omitted)
		}
	}
	return out
}
