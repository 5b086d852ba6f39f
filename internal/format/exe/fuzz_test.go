package exe

import "testing"

func FuzzIdentify(f *testing.F) {
	f.Add([]byte("#!/bin/sh\nid\n"))
	f.Add(peHeader(0x8664, 0x20b))
	f.Add([]byte("\xca\xfe\xba\xbe\x00\x00\x00\x01\x01\x00\x00\x07\x00\x00\x00\x03\x00\x00\x10\x00\x00\x00\x10\x00\x00\x00\x00\x0c"))
	f.Add([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00\x01\x00\x00\x00"))
	f.Add([]byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, ok := Identify(b)
		h, ok2 := Describe(b)
		if ok != ok2 || k != h.Kind {
			t.Fatalf("Identify and Describe disagree: %v %s / %v %+v", ok, k, ok2, h)
		}
		if ok && (h.Detail == "" || len(h.Detail) > 200) {
			t.Fatalf("bad detail %q", h.Detail)
		}
		hits := Scan(b)
		if len(hits) > MaxHits {
			t.Fatalf("%d hits over the cap", len(hits))
		}
		last := -1
		for _, x := range hits {
			if x.Offset < 0 || x.Offset >= len(b) || x.Offset < last {
				t.Fatalf("hit offset %d out of order or range (len %d)", x.Offset, len(b))
			}
			last = x.Offset
			if _, ok := Identify(b[x.Offset:]); !ok {
				t.Fatalf("Scan hit at %d that Identify rejects", x.Offset)
			}
		}
		if ok && (len(hits) == 0 || hits[0].Offset != 0) {
			t.Fatalf("Identify matched at 0 but Scan did not: %+v", hits)
		}
	})
}
