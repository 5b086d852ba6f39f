package pickle

import "github.com/aisecops/aisec/internal/finding"

const (
	cwe502  = "CWE-502"
	atlas   = "AML.T0011.000"
	owasp   = "LLM03:2025"
	fixLoad = "Do not load this file with pickle, torch.load(weights_only=False), joblib or numpy allow_pickle. " +
		"Obtain the model from a trusted source, prefer safetensors, and verify its signature (aisec verify)."
)

func rule(id string, sev finding.Severity, title, desc, fix string) finding.Rule {
	return finding.Rule{ID: id, Severity: sev, Title: title, Description: desc, Remediation: fix,
		CWE: cwe502, ATLAS: atlas, OWASP: owasp}
}

// Rules of the pickle detector.
var (
	RuleDangerousGlobal = rule("AISEC-PKL-001", finding.Critical, "Pickle imports a dangerous callable",
		"Loading this pickle imports a global that runs code, touches files or processes, or opens the network "+
			"(e.g. os.system, builtins.exec, subprocess.Popen). Unpickling it executes attacker-chosen behaviour.", fixLoad)
	RuleGadget = rule("AISEC-PKL-002", finding.High, "Pickle imports a call gadget",
		"The pickle imports a gadget that calls or looks up arbitrary callables (functools.partial, operator.attrgetter, "+
			"builtins.map…). Gadgets are how payloads slip past allowlists; ordinary checkpoints never need them.", fixLoad)
	RuleUnresolved = rule("AISEC-PKL-003", finding.Critical, "Pickle resolves a callable that cannot be known statically",
		"A STACK_GLOBAL took operands that are not constant strings, or a call was made on a value that does not derive "+
			"from any import. What runs on load cannot be known without executing the file, so it is treated as dangerous.", fixLoad)
	RuleUnknownGlobal = rule("AISEC-PKL-004", finding.Medium, "Pickle imports a global outside the allowlist",
		"The global is neither a known-safe ML type nor a known-dangerous callable. Review it; if it is expected, add it "+
			"to allow_globals in .aisec.yaml.", "Confirm the class is part of a trusted library, then allowlist it in .aisec.yaml.")
	RuleUnknownCall = rule("AISEC-PKL-006", finding.High, "Pickle calls a function outside the allowlist",
		"Loading this pickle calls a function that is neither a known-safe ML helper nor on the denylist. Ordinary "+
			"checkpoints call only reconstruction helpers; calling any other function is how payloads slip past "+
			"denylists (import trampolines, eval-like helpers in third-party modules).",
		"Review the function; if it is a trusted reconstruction helper, add it to allow_globals in .aisec.yaml.")
	RuleMalformed = rule("AISEC-PKL-005", finding.High, "Malformed pickle stream",
		"The stream is truncated or malformed. A loader executes every opcode before the error, so a payload placed "+
			"before deliberate corruption runs while scanners that give up on the error report nothing (nullifAI). "+
			"Severity is high when imports other than known-safe types precede the error, low otherwise.", fixLoad)
	RuleBuildOnGlobal = rule("AISEC-PKL-007", finding.High, "Pickle rebinds attributes of an imported class or module",
		"BUILD is applied to an imported global itself, overwriting attributes of a live class or module. Scanners that "+
			"trust the name of a later import are fooled by it; no ordinary pickler writes this.", fixLoad)
	RuleExt = rule("AISEC-PKL-008", finding.High, "Pickle uses the copyreg extension registry",
		"EXT1/EXT2/EXT4 opcodes import whatever global the loading process registered under a code. The callable is "+
			"chosen at load time, not in the file; ordinary checkpoints never use them.", fixLoad)
	RuleStructure = rule("AISEC-PKL-009", finding.High, "Pickle structure that standard picklers never write",
		"A parser-differential construct (FRAME length disagreeing with its contents, misplaced PROTO, SETITEM on a "+
			"non-dict, GET of an unset memo slot…). Such tricks exist to make scanners and loaders disagree.", fixLoad)
	RuleExpansion = rule("AISEC-PKL-010", finding.High, "Pickle memo expansion (billion laughs)",
		"The pickle re-references memoised values far more often than any pickler does, which makes loading consume "+
			"exponential memory or time.", fixLoad)
	RuleSecondStage = rule("AISEC-PKL-011", finding.High, "Embedded second-stage pickle payload",
		"A string or bytes constant holds another pickle (raw, base64 or hex) that would itself be dangerous to load. "+
			"Nothing in this file unpickles it, but a second stage can (e.g. code that loads the field).", fixLoad)
	RuleEmbeddedCode = rule("AISEC-PKL-012", finding.High, "Embedded code or shell command",
		"A constant carries Python source or a shell command that calls dangerous functions, a classic second-stage "+
			"payload.", fixLoad)
	RuleDisguised = rule("AISEC-PKL-013", finding.High, "Pickle hidden under a non-pickle name",
		"The content is a pickle but the name claims another format (e.g. .txt, .json, .safetensors). Loaders that "+
			"sniff content still unpickle it; scanners that trust extensions skip it.", fixLoad)
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleDangerousGlobal, RuleGadget, RuleUnresolved, RuleUnknownGlobal, RuleUnknownCall, RuleMalformed,
		RuleBuildOnGlobal, RuleExt, RuleStructure, RuleExpansion, RuleSecondStage, RuleEmbeddedCode, RuleDisguised}
}
