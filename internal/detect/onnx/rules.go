package onnx

import "github.com/aisecops/aisec/internal/finding"

const (
	atlas     = "AML.T0011.000" // User Execution: Unsafe ML Artifacts
	owasp     = "LLM03:2025"    // Supply Chain
	fixSource = "Obtain the model from a trusted source and verify its signature (aisec verify)."
)

// Rules of the ONNX detector.
//
// Severity choices. External data that escapes the model's directory is critical: onnx.load
// (load_external_data=True by default) and onnxruntime's InferenceSession open and read the
// named file while loading, so merely loading the model reads an attacker-chosen file into a
// tensor (and onnx.save writes it back out, CVE-2025-51480) — the severity model's "loading
// touches files". Python operators are critical for the same reason TensorFlow's PyFunc is:
// running the graph dispatches into Python callables. A custom domain is medium: the loader
// resolves it against native custom-op libraries the application registered, the analogue of
// a pickle global outside the allowlist; the model itself cannot supply the code. Operators of
// well-known vendor runtimes (PyTorch ATen fallback, OpenVINO, DirectML) are low: they name
// code of a known runtime, not arbitrary code.
var (
	RuleExternalEscape = finding.Rule{
		ID:       "AISEC-ONNX-001",
		Severity: finding.Critical,
		Title:    "ONNX external data reads a file outside the model directory",
		Description: "A tensor's external_data location is absolute (/etc/passwd, C:\\…, a UNC share \\\\host\\share or a " +
			"device path \\\\.\\…) or climbs out of the model's directory with '..' (with / or \\ as separator). onnx.load " +
			"and onnxruntime read that file into the tensor while loading the model (CVE-2022-25882, CVE-2024-27318), so " +
			"loading it discloses local files or, for UNC paths, contacts a remote host; re-saving the model writes to the " +
			"path (CVE-2025-51480). Symbolic links inside the model directory are another way out; they are reported by " +
			"the archive and directory checks, not here.",
		Remediation: "Do not load the model. Ship external data files next to the model and reference them by relative " +
			"names, and keep onnx and onnxruntime at releases that validate external data paths. " + fixSource,
		CWE: "CWE-22", ATLAS: atlas, OWASP: owasp,
	}
	RulePythonOp = finding.Rule{
		ID:       "AISEC-ONNX-002",
		Severity: finding.Critical,
		Title:    "ONNX graph calls a Python operator",
		Description: "A node's operator runs Python code: onnxruntime's PythonOp/PythonOpGrad (com.microsoft, which " +
			"calls the torch.autograd.Function named by func_name), onnxruntime-extensions PyOp and TensorFlow-style " +
			"PyFunc/EagerPyFunc ops. Running the graph dispatches into Python callables, the ONNX counterpart of TF PyFunc.",
		Remediation: "Do not run the model. Re-export it with standard ONNX operators only. " + fixSource,
		CWE:         "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleCustomDomain = finding.Rule{
		ID:       "AISEC-ONNX-003",
		Severity: finding.Medium,
		Title:    "ONNX operator from a custom domain",
		Description: "A node uses an operator domain outside the ONNX standard and onnxruntime's own (\"\", ai.onnx, " +
			"ai.onnx.ml, ai.onnx.training, ai.onnx.preview(.training), com.microsoft and its internal variants) and no " +
			"function in the model defines it. Loading it requires a native custom-op library registered by the " +
			"application; the ai.onnx.contrib domain of onnxruntime-extensions also hosts Python functions registered " +
			"with @onnx_op. Nodes inside model-local functions are checked the same way.",
		Remediation: "Confirm which library implements the operator and that it is trusted before registering it. " + fixSource,
		CWE:         "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleAmbiguousLocation = finding.Rule{
		ID:       "AISEC-ONNX-004",
		Severity: finding.High,
		Title:    "ONNX external data location that loaders read differently",
		Description: "An external_data location contains a NUL or control character (C++ loaders stop at the NUL, " +
			"Python rejects it, so what a scanner checks is not what is opened), is a URL that no ONNX loader fetches, " +
			"or names a Windows device (CON, NUL, COM1…) that blocks or misbehaves when read. None of these occur in " +
			"models written by onnx's own tools; they exist to confuse checks.",
		Remediation: "Do not load the model. Re-export it with plain relative external data file names. " + fixSource,
		CWE:         "CWE-436", ATLAS: atlas, OWASP: owasp,
	}
	RuleExternalAnomaly = finding.Rule{
		ID:       "AISEC-ONNX-005",
		Severity: finding.Low,
		Title:    "ONNX external data is malformed or self-referential",
		Description: "External data points at the model file itself, two tensors claim overlapping byte ranges of the " +
			"same file, an offset or length is not a non-negative integer, or a tensor marked EXTERNAL has no location. " +
			"Loaders reject or misread such models; exporters never write them.",
		Remediation: "Re-export the model with onnx.save_model(..., save_as_external_data=True).",
		CWE:         "CWE-20", ATLAS: atlas, OWASP: owasp,
	}
	RuleVendorDomain = finding.Rule{
		ID:       "AISEC-ONNX-006",
		Severity: finding.Low,
		Title:    "ONNX operator from a vendor runtime domain",
		Description: "A node uses an operator of a well-known vendor runtime (org.pytorch.aten / org.pytorch._caffe2 " +
			"from PyTorch's ATen fallback export, org.openvinotoolkit, com.microsoft.dml). The model only runs where that " +
			"runtime's native operators are available.",
		Remediation: "Re-export the model with standard ONNX operators where portability matters.",
		CWE:         "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleExternalEscape, RulePythonOp, RuleCustomDomain, RuleAmbiguousLocation, RuleExternalAnomaly, RuleVendorDomain}
}
