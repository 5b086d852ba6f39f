// Package torchscript finds dangerous calls in the Python source that TorchScript archives ship
// under code/. torch.jit.load compiles and runs that code; ordinary TorchScript only calls
// torch operators.
package torchscript

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/detect/pycode"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pysrc"
)

// RuleDangerousCode is reported for TorchScript source that reaches the OS, files, the network
// or dynamic code execution.
var RuleDangerousCode = finding.Rule{
	ID:       "AISEC-TS-001",
	Severity: finding.Critical,
	Title:    "TorchScript code calls a dangerous function",
	Description: "The code/ sources of this TorchScript archive reference processes, files, the network or " +
		"dynamic code execution. torch.jit.load (and torch.load on a TorchScript file with torch <= 2.5.1, " +
		"CVE-2025-32434) compiles and runs it.",
	Remediation: "Do not load the archive. Export the model again from trusted source code, or use safetensors.",
	CWE:         "CWE-94", ATLAS: "AML.T0011.000", OWASP: "LLM03:2025",
}

// RuleWeightsOnlyBypass notes that a TorchScript archive defeats torch.load(weights_only=True)
// on older torch (CVE-2025-32434): only the version of torch decides whether it is safe.
var RuleWeightsOnlyBypass = finding.Rule{
	ID:       "AISEC-TS-002",
	Severity: finding.Low,
	Title:    "TorchScript archive runs code even with weights_only=True on torch <= 2.5.1",
	Description: "torch.load(weights_only=True) hands TorchScript archives to torch.jit.load on torch 2.5.1 and " +
		"older (CVE-2025-32434, GHSA-53q9-r3pm-6pq6), which compiles and runs the archive's code/. aisec checks that " +
		"code, but loaders should not rely on weights_only for such files.",
	Remediation: "Load TorchScript only with torch >= 2.6, from a trusted source, or ship weights as safetensors.",
	CWE:         "CWE-502", ATLAS: "AML.T0011.000", OWASP: "LLM03:2025",
}

// patterns name what each expression means; TorchScript's generated code never needs any.
var patterns = []struct {
	what string
	re   *regexp.Regexp
}{
	{"OS, process or interpreter module", regexp.MustCompile(`\b(os|posix|nt|subprocess|sys|socket|shutil|pty|ctypes|importlib|builtins|__builtins__|marshal|pickle|urllib|requests|http)\s*\.\s*[A-Za-z_]`)},
	{"dynamic code execution", regexp.MustCompile(`(^|[^.\w])(eval|exec|compile|__import__|execfile)\s*\(`)},
	{"file access", regexp.MustCompile(`(^|[^.\w])open\s*\(|torch\s*\.\s*(ops\s*\.\s*aten\s*\.\s*)?(from_file|load|save)\s*\(|\bops\s*\.\s*aten\s*\.\s*from_file\b`)},
	{"import of a non-torch module", regexp.MustCompile(`(?m)^[ \t]*(import|from)\s+(os|sys|subprocess|socket|shutil|pty|ctypes|importlib|builtins|pickle|marshal|urllib|requests|http)\b`)},
	{"model download or load", regexp.MustCompile(`torch\s*\.\s*(hub|jit\s*\.\s*load)\b`)},
}

// Detector scans TorchScript code members (*pysrc.File models).
type Detector struct{}

// New returns the TorchScript code detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "torchscript" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RuleDangerousCode, RuleWeightsOnlyBypass}
}

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	if l, ok := t.Model.(format.Layout); ok && l.Kind == format.TorchScript {
		return []finding.Finding{RuleWeightsOnlyBypass.New(fmt.Sprintf("TorchScript archive with %d members", l.Members), finding.NoOffset)}
	}
	src, ok := t.Model.(*pysrc.File)
	if !ok || src == nil || !pycode.IsTorchScriptCode(t) {
		return nil // standalone Python modules are the pycode detector's
	}
	// Comments and string literals are data: TorchScript compiles every raise into a string
	// such as "builtins.ValueError". pycode's lexer blanks them, keeping offsets and lines.
	code := pycode.Strip(src.Text)
	var out []finding.Finding
	for _, p := range patterns {
		loc := p.re.FindStringIndex(code)
		if loc == nil {
			continue
		}
		line, text := pycode.Line(code, loc[0])
		out = append(out, RuleDangerousCode.New(fmt.Sprintf("%s at line %d: %s", p.what, line, text), int64(loc[0])))
	}
	return out
}

var _ detect.Detector = (*Detector)(nil)
