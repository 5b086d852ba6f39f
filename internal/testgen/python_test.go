package testgen

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// python is Debian's interpreter; the tests only ever run pickletools on fixtures, which
// disassembles opcodes and never executes them.
const python = "/usr/bin/python3"

// disassembleAll walks back-to-back pickles (legacy torch layout) with pickletools.dis and stops
// at the first byte that does not start another pickle.
const disassembleAll = `import io, pickletools, sys
data = open(sys.argv[1], "rb").read()
f = io.BytesIO(data)
pickletools.dis(f, out=io.StringIO())
while f.tell() < len(data) and data[f.tell()] == 0x80:
    pickletools.dis(f, out=io.StringIO())
`

// pickletoolsRejects are valid for CPython's unpickler but refused by pickletools' stricter checks.
var pickletoolsRejects = map[string]string{
	"memo_alias_decoy.pkl": "memo key 0 already defined",
}

func needPython(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skipf("SKIPPING: %s not found, cannot cross-check fixtures with pickletools", python)
	}
}

// pickletools runs the disassembler on data and reports its complaint, if any.
func pickletools(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.pkl")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", disassembleAll, path).CombinedOutput()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return lines[len(lines)-1]
	}
	return ""
}

// picklesIn returns the pickle streams of a fixture: the file itself, or for zip-based
// formats every member named *.pkl or starting with PROTO.
func picklesIn(t *testing.T, c Case) map[string][]byte {
	t.Helper()
	switch c.Format {
	case FmtPickle, FmtPyTorchLegacy:
		return map[string][]byte{c.Name: c.Data}
	case FmtNumPy:
		if !bytes.Contains(c.Data, []byte("'|O'")) {
			return nil
		}
		hlen := int(c.Data[8]) | int(c.Data[9])<<8 // version 1.0 header
		return map[string][]byte{c.Name: c.Data[10+hlen:]}
	case FmtPyTorchZip, FmtTorchScript, FmtZip, FmtNumPyZip:
	default:
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(c.Data), int64(len(c.Data)))
	if err != nil {
		t.Fatalf("%s: archive/zip: %v", c.Name, err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s!%s: %v", c.Name, f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s!%s: %v", c.Name, f.Name, err)
		}
		if strings.HasSuffix(f.Name, ".pkl") || bytes.HasPrefix(b, []byte{0x80}) {
			out[c.Name+"!"+f.Name] = b
		}
	}
	return out
}

func TestFixturesDisassemble(t *testing.T) {
	needPython(t)
	checked := 0
	for _, c := range Cases() {
		if c.Broken {
			continue // malformed on purpose: pickletools (or archive/zip) must reject them
		}
		for name, data := range picklesIn(t, c) {
			msg := pickletools(t, data)
			checked++
			want, rejected := pickletoolsRejects[name]
			switch {
			case rejected && !strings.Contains(msg, want):
				t.Errorf("%s: pickletools said %q, want a complaint containing %q", name, msg, want)
			case !rejected && msg != "":
				t.Errorf("%s: pickletools rejects it: %s", name, msg)
			}
		}
	}
	if checked < 80 {
		t.Errorf("only %d pickle streams checked, want >= 80", checked)
	}
}

func TestBrokenFixturesAreRejected(t *testing.T) {
	needPython(t)
	for _, c := range Cases() {
		if !c.Broken || c.Format != FmtPickle {
			continue
		}
		if msg := pickletools(t, c.Data); msg == "" {
			t.Errorf("%s is marked Broken but pickletools accepts it", c.Name)
		}
	}
}
