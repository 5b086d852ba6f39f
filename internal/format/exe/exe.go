// Package exe recognises native executables and scripts (ELF, PE, Mach-O, shebang scripts)
// in untrusted bytes: at the start of a buffer (Identify) or at any offset inside one (Scan).
// Model files never need to carry programs, so the detectors use it to find payloads smuggled
// into unused file regions and metadata. Every signature is validated far beyond its magic
// number, so random tensor bytes essentially never match.
package exe

import "bytes"

// Kind names an executable format. The values appear in finding evidence.
type Kind string

// Executable kinds.
const (
	ELF     Kind = "ELF"
	PE      Kind = "PE"
	MachO   Kind = "Mach-O"
	FatMach Kind = "Mach-O universal"
	Shebang Kind = "shebang script"
)

// Hit is one executable found inside a buffer.
type Hit struct {
	Kind   Kind
	Offset int    // where the executable starts in the scanned buffer
	Detail string // short description, e.g. "ELF 64-bit LSB executable, x86-64"
}

// MaxHits bounds the hits Scan returns, so a buffer packed with headers costs bounded output.
const MaxHits = 16

// Identify reports whether b starts with an executable and which kind it is.
func Identify(b []byte) (Kind, bool) {
	h, ok := identify(b)
	return h.Kind, ok
}

// Describe is Identify with a human-readable description of the executable.
func Describe(b []byte) (Hit, bool) {
	return identify(b)
}

// checkers run in order on a candidate start.
var checkers = []func([]byte) (Hit, bool){checkELF, checkPE, checkMachO, checkFat, checkShebang}

func identify(b []byte) (Hit, bool) {
	for _, c := range checkers {
		if h, ok := c(b); ok {
			return h, true
		}
	}
	return Hit{}, false
}

// magics are the byte strings an executable can start with; each candidate is then
// validated by the matching checker.
var magics = []struct {
	magic string
	check func([]byte) (Hit, bool)
}{
	{"\x7fELF", checkELF},
	{"MZ", checkPE},
	{"\xfe\xed\xfa\xce", checkMachO},
	{"\xfe\xed\xfa\xcf", checkMachO},
	{"\xce\xfa\xed\xfe", checkMachO},
	{"\xcf\xfa\xed\xfe", checkMachO},
	{"\xca\xfe\xba\xbe", checkFat},
	{"\xca\xfe\xba\xbf", checkFat},
	{"#!", checkShebang},
}

// Scan finds executables starting at any offset of b, in offset order, at most MaxHits.
// A shebang counts only at the start of b or of a line (after '\n' or NUL), where an
// extracted file would begin.
func Scan(b []byte) []Hit {
	var hits []Hit
	for _, m := range magics {
		for from := 0; from < len(b) && len(hits) < 4*MaxHits; {
			i := bytes.Index(b[from:], []byte(m.magic))
			if i < 0 {
				break
			}
			at := from + i
			from = at + 1
			if m.magic == "#!" && at > 0 && b[at-1] != '\n' && b[at-1] != 0 {
				continue
			}
			if h, ok := m.check(b[at:]); ok {
				h.Offset = at
				hits = append(hits, h)
			}
		}
	}
	sortHits(hits)
	if len(hits) > MaxHits {
		hits = hits[:MaxHits]
	}
	return hits
}

// sortHits orders hits by offset (insertion sort: the slice is small).
func sortHits(h []Hit) {
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].Offset < h[j-1].Offset; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}
