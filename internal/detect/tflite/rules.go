package tflite

import "github.com/aisecops/aisec/internal/finding"

const (
	atlas = "AML.T0011.000" // User Execution: Unsafe ML Artifacts
	owasp = "LLM03:2025"    // Supply Chain
)

// Rules of the TFLite detector.
//
// Severity choices. A TFLite model cannot carry code; its operators name kernels the
// application provides. Custom operators are medium: the interpreter resolves them against
// native code the application registered under that name, the analogue of an unknown pickle
// global. Flex (Select TF) operators run full TensorFlow kernels through the Flex delegate,
// which tf.lite.Interpreter in the TensorFlow pip package applies automatically: medium in
// general, high when the TensorFlow op reads or writes files or talks to the network
// (it runs when the model is invoked, with paths fixed in the model), critical when it calls
// into Python (PyFunc and friends), as in TensorFlow SavedModels.
var (
	RuleCustomOp = finding.Rule{
		ID:       "AISEC-TFLITE-001",
		Severity: finding.Medium,
		Title:    "TFLite model needs a custom operator",
		Description: "An operator code is CUSTOM (builtin code 32) with a custom_code name that TFLite does not ship. " +
			"The interpreter runs whatever native kernel the application registered under that name; the model cannot " +
			"be run, or audited, without knowing that code. Custom ops registered by TFLite's own BuiltinOpResolver " +
			"(TFLite_Detection_PostProcess, Mfcc, AudioSpectrogram, NumericVerify) are not reported.",
		Remediation: "Confirm which library implements the operator and that it is trusted, or convert the model " +
			"with builtin operators only.",
		CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleFlexOp = finding.Rule{
		ID:       "AISEC-TFLITE-002",
		Severity: finding.Low, // ordinary compute kernels; file, network and Python ops have their own rules
		Title:    "TFLite model uses TensorFlow (Flex) operators",
		Description: "An operator code names a Select TF op (custom_code \"Flex<Op>\"). The Flex delegate, applied " +
			"automatically by tf.lite.Interpreter from the TensorFlow package, runs the full TensorFlow kernel for it, " +
			"which widens what the model can do far beyond TFLite's builtin operators.",
		Remediation: "Review the TensorFlow ops the model needs; convert it with TFLITE_BUILTINS only where possible.",
		CWE:         "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleFlexIO = finding.Rule{
		ID:       "AISEC-TFLITE-003",
		Severity: finding.High,
		Title:    "TFLite Flex operator reads or writes files or uses the network",
		Description: "A Select TF op touches the file system or the network (ReadFile, WriteFile, MatchingFiles, " +
			"Save/Restore, readers and record datasets, summary writers, PrintV2 to a file, ImmutableConst, RPC…). " +
			"With the Flex delegate, invoking the model performs that I/O with the paths the model holds.",
		Remediation: "Do not run the model with the Flex delegate. Obtain it from a trusted source and verify its " +
			"signature (aisec verify).",
		CWE: "CWE-73", ATLAS: atlas, OWASP: owasp,
	}
	RulePythonOp = finding.Rule{
		ID:       "AISEC-TFLITE-004",
		Severity: finding.Critical,
		Title:    "TFLite operator calls into Python",
		Description: "An operator is TensorFlow's PyFunc, PyFuncStateless or EagerPyFunc (as a Flex op or a custom op " +
			"of that name). Running it calls a Python function of the host process, as in TensorFlow SavedModels.",
		Remediation: "Do not run the model. Obtain it from a trusted source and verify its signature (aisec verify).",
		CWE:         "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleMalformed = finding.Rule{
		ID:       "AISEC-TFLITE-005",
		Severity: finding.Low,
		Title:    "TFLite model structure is inconsistent",
		Description: "Operators refer to operator codes that do not exist, a custom operator code has no name, or the " +
			"file lacks the TFL3 identifier. The interpreter rejects or misreads such models; converters never write " +
			"them.",
		Remediation: "Convert the model again with the TFLite converter.",
		CWE:         "CWE-20", ATLAS: atlas, OWASP: owasp,
	}
	RuleFlexMismatch = finding.Rule{
		ID:       "AISEC-TFLITE-006",
		Severity: finding.High,
		Title:    "TFLite Flex operator runs a different op than its name",
		Description: "A Flex operator's custom_options name a TensorFlow op (FlexBuffer v[0], and the op field of the " +
			"NodeDef in v[1]) other than its custom_code \"Flex<Op>\". The Flex delegate claims every custom code " +
			"starting with \"Flex\" and runs the op named in custom_options, so the code's name only disguises what " +
			"runs. The TFLite converter writes the same op in all three places; a disagreement is a crafted model. " +
			"The op actually run is judged by the other rules as well.",
		Remediation: "Do not run the model. Obtain it from a trusted source and verify its signature (aisec verify).",
		CWE:         "CWE-436", ATLAS: atlas, OWASP: owasp,
	}
	RuleFlexUndecodable = finding.Rule{
		ID:       "AISEC-TFLITE-007",
		Severity: finding.Medium,
		Title:    "TFLite Flex operator options cannot be decoded",
		Description: "The custom_options of a Flex operator are not the FlexBuffer vector [op name, NodeDef] the " +
			"converter writes, or are too large to read. They decide which TensorFlow op the Flex delegate runs, so " +
			"what the operator does is unknown; the file is reported as only partly analysed.",
		Remediation: "Convert the model again with the TFLite converter, or review the operator's options by hand.",
		CWE:         "CWE-20", ATLAS: atlas, OWASP: owasp,
	}
	RuleDisguisedName = finding.Rule{
		ID:       "AISEC-TFLITE-008",
		Severity: finding.High,
		Title:    "TFLite custom operator name hides bytes after a NUL or control characters",
		Description: "A custom_code holds a NUL byte, control characters or invalid UTF-8. The interpreter and the " +
			"Flex delegate read the name as a C string, up to the first NUL, so tools that compare the whole string " +
			"see a different operator than the one that runs (e.g. \"FlexPyFunc\\x00x\"). Converters never write " +
			"such names.",
		Remediation: "Do not run the model. Obtain it from a trusted source and verify its signature (aisec verify).",
		CWE:         "CWE-626", ATLAS: atlas, OWASP: owasp,
	}
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleCustomOp, RuleFlexOp, RuleFlexIO, RulePythonOp, RuleMalformed,
		RuleFlexMismatch, RuleFlexUndecodable, RuleDisguisedName}
}
