// Package executable reports native programs found among model files. A model never needs to
// ship a program: inside a model archive one is a smuggled payload waiting for a loader gadget
// or an unpacking step; beside a model it is at least worth a look.
package executable

import (
	"context"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/exe"
)

// RuleInArchive is reported for an executable that is a member of a model archive or container.
var RuleInArchive = finding.Rule{
	ID:       "AISEC-EXE-001",
	Severity: finding.High,
	Title:    "Executable hidden inside a model archive",
	Description: "A member of this archive is a native executable (ELF, PE or Mach-O) or a shebang script. Model " +
		"loaders never need one; attackers pair such payloads with a loader gadget (a pickle that writes and runs a " +
		"member, a Lambda layer) or rely on users unpacking the archive.",
	Remediation: "Do not unpack or load the archive. Obtain the model from a trusted source, preferably as safetensors.",
	CWE:         "CWE-506", ATLAS: "AML.T0010.003", OWASP: "LLM03:2025",
}

// RuleBesideModel is reported for an executable file that sits among the scanned files.
var RuleBesideModel = finding.Rule{
	ID:       "AISEC-EXE-002",
	Severity: finding.Low,
	Title:    "Executable file among model files",
	Description: "A scanned file is a native executable (ELF, PE or Mach-O). Model repositories rarely ship " +
		"programs; check that this one is expected and comes from the model's publisher.",
	Remediation: "Remove the executable from the model repository, or confirm its origin and pin its hash.",
	CWE:         "CWE-506", ATLAS: "AML.T0010.003", OWASP: "LLM03:2025",
}

// Detector reports *exe.Hit models: the scanner found an executable at the start of a file.
type Detector struct{}

// New returns the executable detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "executable" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return []finding.Rule{RuleInArchive, RuleBesideModel} }

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	h, ok := t.Model.(*exe.Hit)
	if !ok || h == nil {
		return nil
	}
	rule := RuleBesideModel
	if t.Member != "" {
		rule = RuleInArchive
	}
	return []finding.Finding{rule.New(h.Detail, int64(h.Offset))}
}

var _ detect.Detector = (*Detector)(nil)
