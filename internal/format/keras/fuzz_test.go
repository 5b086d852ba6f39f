package keras

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// FuzzParse checks that arbitrary text never panics or hangs the parser, that budgets hold and
// that every offset it reports lies inside the input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"class_name": "Lambda", "config": {"function": ["4wAAAA==", null, null], "function_type": "lambda"}}`))
	f.Add([]byte(`{"class_name": "__lambda__", "config": {"value": ["YQ", [], null]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := limits.Budget{MaxEntries: 50}
		m, err := Parse(data, OriginKerasConfig, b)
		if err != nil {
			return
		}
		if len(m.Objects) > 50 {
			t.Fatalf("%d objects over the budget of 50", len(m.Objects))
		}
		size := int64(len(data))
		for _, o := range m.Objects {
			if o.Offset < -1 || o.Offset >= size {
				t.Fatalf("object offset %d outside %d bytes", o.Offset, size)
			}
			if len(o.Args) > maxArgs {
				t.Fatalf("%d args kept", len(o.Args))
			}
		}
		for _, l := range m.Lambdas {
			if l.Offset < -1 || l.Offset >= size || len(l.Words) > maxWords || len(l.Values) > maxValues {
				t.Fatalf("lambda out of bounds: %+v", l)
			}
		}
		for _, s := range m.MetaStrings() {
			if s.Offset < -1 || s.Offset >= size {
				t.Fatalf("meta string offset %d outside %d bytes", s.Offset, size)
			}
		}
	})
}
