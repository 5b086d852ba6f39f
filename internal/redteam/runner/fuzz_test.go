package runner

import (
	"bytes"
	"testing"
)

// FuzzRead feeds arbitrary journals to the reader: it must return records or an error,
// never panic, and never report more bytes than it was given.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"type":"start","format":1,"run_id":"r","seed":1}` + "\n" + `{"type":"attempt","id":"a#0#0","status":"ok","results":[{"detector":"trigger","hit":true}]}` + "\n"))
	f.Add([]byte(`{"type":"start","format":1}` + "\n" + `{"type":"attempt","id":"a`))
	f.Add([]byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		start, attempts, good, err := read(bytes.NewReader(b))
		if err != nil {
			return
		}
		if start == nil || good > int64(len(b)) || (len(attempts) > 0 && good == 0) {
			t.Fatalf("start %v, %d attempts, good %d of %d", start, len(attempts), good, len(b))
		}
	})
}
