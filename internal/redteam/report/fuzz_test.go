package report

import (
	"encoding/json"
	"encoding/xml"
	"github.com/aisecops/aisec/internal/report/junit"
	"strings"
	"testing"
)

// FuzzWriters renders a run whose every untrusted field is the fuzzed text, in every format,
// and checks the invariants that keep hostile model output inert: no panic, no raw control
// character in the terminal table, no markup from the text in the HTML, well-formed JSON,
// SARIF and JUnit.
func FuzzWriters(f *testing.F) {
	for _, seed := range []string{hostileReply, "", "]]>", "```", "\x00\xff\xfe", "<details>", "a|b\\|c", "\u202e\U000E0041"} {
		f.Add(seed)
	}
	allowed := allowedTags()
	f.Fuzz(func(t *testing.T, text string) {
		s := hostileSummary(text)
		for _, format := range Formats() {
			out := render(t, s, format, WriteOptions{Color: true, Verbose: true})
			switch format {
			case FormatTable:
				plain := strings.NewReplacer(ansiReset, "", ansiBold, "", ansiBoldRed, "", ansiRed, "", ansiGreen, "",
					ansiYellow, "", ansiBlue, "", ansiGrey, "").Replace(string(out))
				if strings.ContainsAny(plain, "\x1b\r\a\x00") {
					t.Fatalf("table output carries a control character: %q", plain)
				}
			case FormatHTML:
				for _, m := range reTag.FindAllStringSubmatch(string(out), -1) {
					if !allowed[strings.ToLower(m[2])] || reBadAttr.MatchString(m[3]) {
						t.Fatalf("HTML output contains %s", m[0])
					}
				}
			case FormatJSON, FormatSARIF:
				if !json.Valid(out) {
					t.Fatalf("%s output is not valid JSON", format)
				}
			case FormatJUnit:
				var doc junit.Suites
				if err := xml.Unmarshal(out, &doc); err != nil {
					t.Fatalf("JUnit output is not XML: %v", err)
				}
			}
		}
	})
}
