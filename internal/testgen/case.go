// Package testgen builds aisec's scanner fixtures in memory: malicious-but-harmless pickle-family
// files, one per known scanner bypass, plus benign look-alikes that must scan clean.
//
// Every payload is harmless if a careless loader ever runs it: commands only echo a marker
// (Cmd), files opened are /dev/null or do not exist, network targets are 127.0.0.1 port 9, and
// code blobs are inert placeholders. Nothing in this package executes or deserializes a pickle.
package testgen

import "sort"

// Cmd is the only shell command a fixture ever asks a loader to run.
const Cmd = "echo aisec-test"

// PyCode is the only Python source a fixture ever asks a loader to exec or eval.
const PyCode = "__import__('os').system('echo aisec-test')"

// Formats a Case can have, spelled exactly like the format.Kind values they correspond to (kept
// as strings so this package does not depend on internal/format).
const (
	FmtPickle        = "pickle"
	FmtPyTorchZip    = "pytorch-zip"
	FmtPyTorchLegacy = "pytorch-legacy"
	FmtPyTorchTar    = "pytorch-tar"
	FmtTorchScript   = "torchscript"
	FmtNumPy         = "numpy"
	FmtNumPyZip      = "numpy-zip"
	FmtZip           = "zip"
	FmtTar           = "tar"
	FmtGzip          = "gzip"
	FmtXZ            = "xz"
	FmtLZMA          = "lzma"
	FmtLZ4           = "lz4"
	FmtZlib          = "zlib"
	FmtImage         = "image"
	FmtText          = "text"
	FmtData          = "data"
)

// Case is one fixture.
type Case struct {
	Name      string // file name, with the extension such a file would have in the wild
	Technique string // what the fixture demonstrates, and which bypass or advisory it reproduces
	Data      []byte
	WantRule  string // rule ID the scanner should report; filled in by the scanner's author
	Malicious bool   // a scanner must report it (false: it must scan clean)
	// Format is the outer format a content sniffer should identify (a format.Kind value).
	Format string
	// Broken marks data deliberately malformed or truncated after the payload: a strict parser
	// (pickletools, Python's zipfile) rejects it, while the real loader would already have run
	// the payload.
	Broken bool
}

// Cases returns every fixture, malicious and benign, sorted by name. The bytes are
// deterministic: two calls return identical data.
func Cases() []Case {
	var cs []Case
	for _, group := range [][]Case{
		coreCases(), opcodeCases(), gadgetCases(), stdlibGadgetCases(), nestedCases(),
		torchCases(), zipTrickCases(), otherContainerCases(), benignCases(), huntCases(), hunt2Cases(),
	} {
		cs = append(cs, group...)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	return cs
}
