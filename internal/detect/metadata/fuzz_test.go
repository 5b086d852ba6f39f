package metadata

import (
	"context"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/format/meta"
)

func FuzzDetect(f *testing.F) {
	seeds := []string{
		"import os; os.system('echo pwned')",
		"<script>alert(1)</script>",
		"http://evil.com/exfiltrate",
		"aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk=",
		`\x69\x6d\x70\x6f\x72\x74\x20\x6f\x73`,
		"ghp_1234567890abcdefghijABCDEFGHIJ123456",
		"f0VMRgIBAQAAAAAAAAAAAAIAPgABAAAAeABAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAEAAOAABAEAAAAAAAA==",
		"203.0.113.7:4444 ../../etc/passwd",
		"{% for m in messages %}{{ m }}{% endfor %}",
	}
	for _, s := range seeds {
		f.Add("__metadata__.callback", s)
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		doc := &meta.Doc{Format: "fuzz", Strings: []meta.String{{Key: key, Value: value, Offset: 42}, {Key: key, Value: value + value, Offset: -1}}}
		fs := shared.Detect(context.Background(), detect.Target{Model: doc})
		if len(fs) > len(AllRules())*(MaxPerRule+1) {
			t.Fatalf("%d findings", len(fs))
		}
		for _, x := range fs {
			if len(x.Evidence) > 400 || x.Evidence == "" {
				t.Fatalf("evidence of %d bytes: %q", len(x.Evidence), x.Evidence)
			}
			if x.Offset != 42 && x.Offset != -1 {
				t.Fatalf("offset %d not from the input", x.Offset)
			}
		}
	})
}
