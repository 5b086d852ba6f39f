package template

import "github.com/aisecops/aisec/internal/finding"

const (
	cwe1336 = "CWE-1336" // improper neutralization of special elements used in a template engine
	atlas   = "AML.T0011.000"
	owasp   = "LLM03:2025"
	fixSSTI = "Do not load the model with a runtime that renders chat templates outside a sandbox " +
		"(llama-cpp-python < 0.2.72, custom jinja2.Environment). Replace the template with the publisher's " +
		"original, or obtain the model from a trusted source."
)

func rule(id string, sev finding.Severity, title, desc, fix string) finding.Rule {
	return finding.Rule{ID: id, Severity: sev, Title: title, Description: desc, Remediation: fix,
		CWE: cwe1336, ATLAS: atlas, OWASP: owasp}
}

// Rules of the template detector.
var (
	RuleInternals = rule("AISEC-TPL-001", finding.Critical, "Chat template reaches Python internals (template injection)",
		"A Jinja template in the model metadata reaches objects that lead out of the template engine: "+
			"__globals__, __builtins__, __subclasses__, __mro__, __base__(s), __import__, __code__, __dict__…, or "+
			"dunder attributes of Jinja's global objects (cycler, joiner, lipsum, namespace, self, config, request). "+
			"Runtimes that render chat templates without a sandbox run the payload when the model is loaded or "+
			"chatted with: CVE-2024-34359 (\"Llama Drama\", llama-cpp-python rendered GGUF tokenizer.chat_template "+
			"with a plain jinja2.Environment). Obfuscated names (escapes, concatenation, |join, |reverse, format) are "+
			"evaluated statically.", fixSSTI)
	RuleExec = rule("AISEC-TPL-002", finding.Critical, "Chat template calls process, code or import functions",
		"A Jinja template reaches functions that run commands, evaluate code, import modules or touch the "+
			"environment (popen, subprocess, system via os, eval/exec via builtins, __import__, import_module, "+
			"urlopen, os.environ). No chat template needs them; it is a template-injection payload (CVE-2024-34359).",
		fixSSTI)
	RuleDunder = rule("AISEC-TPL-003", finding.High, "Chat template uses Python special attributes",
		"A Jinja template accesses dunder attributes such as __class__, __init__ or __getitem__. Real chat "+
			"templates only read message fields; dunder access is the first step of every sandbox escape "+
			"(CVE-2024-34359) and has no legitimate use in a chat template.", fixSSTI)
	RuleObfuscation = rule("AISEC-TPL-004", finding.High, "Chat template hides attribute names",
		"A Jinja template spells an attribute or item name indirectly: Python escapes (\\x5f), string "+
			"concatenation, |join, |reverse, |format, chr(), dict(name=…) keys, or an |attr() filter whose name is "+
			"computed at render time. The only purpose is to evade scanners that look for names such as __globals__.",
		fixSSTI)
	RuleInclude = rule("AISEC-TPL-005", finding.Medium, "Chat template loads other templates",
		"A Jinja template uses include, import, extends or from. Chat templates are self-contained; loading "+
			"other templates reads files through the runtime's template loader.",
		"Review the referenced template names; replace the template with a self-contained one.")
	RulePartial = rule("AISEC-TPL-006", finding.Medium, "Chat template only partly analysed",
		"The template is larger than the analysed prefix (256 KiB), nests expressions deeper than followed, or "+
			"holds more names than recorded. The rest was only scanned as raw text.",
		"Review the template by hand; published chat templates are a few KiB.")
	RuleLexError = rule("AISEC-TPL-007", finding.Low, "Chat template does not lex",
		"The template is not valid Jinja (unbalanced brackets, unterminated strings or comments). A runtime "+
			"fails to load it; its text was scanned as raw text instead.",
		"Fix or replace the template.")
)
