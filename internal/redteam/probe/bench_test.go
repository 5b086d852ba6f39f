package probe

import (
	"bytes"
	"testing"
)

// BenchmarkLoad measures parsing the largest embedded family file, an
// upper bound for one fuzz iteration on realistic input.
func BenchmarkLoad(b *testing.B) {
	data, err := library.ReadFile("library/jailbreak.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data), "jailbreak.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefault measures loading the whole embedded library.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
