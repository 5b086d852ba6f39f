package code

import (
	"os"
	"strings"
	"testing"
)

// benchSource returns a Python file of about 2,000 lines built from the RAG sample.
func benchSource(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("testdata/samples/rag_app.py")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for b.Len() == 0 || strings.Count(b.String(), "\n") < 2000 {
		b.Write(data)
	}
	return []byte(b.String())
}

// BenchmarkParsePython measures Parse on a ~2,000-line Python file (reported as MB/s).
func BenchmarkParsePython(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(Python, src)
	}
}

// BenchmarkUsages measures Parse and Usages together on the same file.
func BenchmarkUsages(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Usages(Parse(Python, src))
	}
}

// BenchmarkLexPython measures the lexer alone on the same file.
func BenchmarkLexPython(b *testing.B) {
	src := string(benchSource(b))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		lx := newLexer(Python, src)
		for t := lx.next(); t.kind != tkEOF; t = lx.next() {
		}
	}
}
