package hdf5

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// BenchmarkParse measures whole-file parses of a compact, a dense and a huge-object fixture.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"v0_keras.h5", "v3_dense_many.h5", "v3_dense.h5"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parseBytes(b, data, limits.Budget{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
