package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/report"
	"github.com/aisecops/aisec/internal/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestFormatsGolden(t *testing.T) {
	_, err := report.New("yaml", report.Options{})
	got := strings.Join(report.Formats(), "\n") + "\n---\n" + err.Error() + "\n"
	reporttest.Golden(t, "formats", []byte(got), *update)
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"table", "table", true}, {"json", "json", true}, {"sarif", "sarif", true},
		{"markdown", "markdown", true}, {"junit", "junit", true},
		{" SARIF ", "sarif", true}, {"", "", false}, {"html", "", false}, {"md", "", false},
	} {
		w, err := report.New(tc.in, report.Options{})
		if (err == nil) != tc.ok {
			t.Errorf("New(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if err != nil {
			for _, name := range report.Formats() {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("New(%q) error %q does not list %q", tc.in, err, name)
				}
			}
			continue
		}
		if w.Format() != tc.want {
			t.Errorf("New(%q).Format() = %q, want %q", tc.in, w.Format(), tc.want)
		}
	}
}

// TestEveryWriter is the conformance test every format must pass: it renders the sample, clean
// and empty reports, deterministically, without touching the report, ending in a newline.
func TestEveryWriter(t *testing.T) {
	for _, name := range report.Formats() {
		for rname, mk := range map[string]func() *finding.Report{
			"sample": reporttest.Sample, "clean": reporttest.Clean, "empty": reporttest.Empty,
		} {
			t.Run(name+"/"+rname, func(t *testing.T) {
				w, err := report.New(name, report.Options{Verbose: true})
				if err != nil {
					t.Fatal(err)
				}
				r := mk()
				first := render(t, w, r)
				if !bytes.Equal(first, render(t, w, r)) {
					t.Error("output differs between two writes")
				}
				if !reflect.DeepEqual(r, mk()) {
					t.Error("Write modified the report")
				}
				if !bytes.HasSuffix(first, []byte("\n")) {
					t.Error("output does not end in a newline")
				}
			})
		}
	}
}

func render(t testing.TB, w report.Writer, r *finding.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatalf("%s Write: %v", w.Format(), err)
	}
	return buf.Bytes()
}

// TestWriteErrorPropagates checks that a failing destination is reported, not swallowed.
func TestWriteErrorPropagates(t *testing.T) {
	for _, name := range report.Formats() {
		w, _ := report.New(name, report.Options{})
		if err := w.Write(failingWriter{}, reporttest.Sample()); err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// FuzzWriters feeds attacker-controlled strings (evidence, member names, errors) to every writer:
// none may fail or panic, machine formats must stay parseable, and human formats must not pass
// raw control characters to a terminal.
func FuzzWriters(f *testing.F) {
	for _, s := range []string{"", "a|b\nc", "\x1b[2J", "]]>", "<script>", "\xff\xfe", "\u202e", "\x00"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, evidence, member string) {
		r := reporttest.Sample()
		r.Findings[0].Evidence, r.Findings[0].Member, r.Files[0].Error = evidence, member, evidence
		for _, name := range report.Formats() {
			w, _ := report.New(name, report.Options{Verbose: true})
			out := render(t, w, r)
			switch name {
			case "json", "sarif":
				if !json.Valid(out) {
					t.Fatalf("%s: invalid JSON", name)
				}
			case "junit":
				dec := xml.NewDecoder(bytes.NewReader(out))
				for {
					if _, err := dec.Token(); errors.Is(err, io.EOF) {
						break
					} else if err != nil {
						t.Fatalf("junit: malformed XML: %v", err)
					}
				}
			default:
				for _, b := range out {
					if b < 0x20 && b != '\n' {
						t.Fatalf("%s: control byte %#x in output", name, b)
					}
				}
			}
		}
	})
}
