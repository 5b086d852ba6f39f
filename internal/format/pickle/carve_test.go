package pickle

import (
	"bytes"
	"context"
	"testing"
)

// Legacy torch tar members hold pickle, raw storage bytes, pickle: with Carve the pickle after
// the raw bytes is found, without it the raw bytes end the walk.
func TestCarve(t *testing.T) {
	first := b().Proto(2).Int(1).Stop().Bytes()
	raw := bytes.Repeat([]byte{0x00, 0x80, 0x3f, 0x80, 0x01, 0x41}, 500) // floats, stray 0x80 bytes
	payload := pickletestPayload("posix", "system", "id")
	data := append(append(append([]byte{}, first...), raw...), payload...)
	for _, carve := range []bool{false, true} {
		f, err := Parse(context.Background(), bytes.NewReader(data), Options{Carve: carve})
		if err != nil {
			t.Fatal(err)
		}
		found := len(f.Streams) == 2 && findImport(f.Streams[1], "posix", "system") != nil
		if found != carve {
			t.Errorf("carve=%v: payload found=%v, streams=%d trailing=%d", carve, found, len(f.Streams), f.Trailing)
		}
	}
}
