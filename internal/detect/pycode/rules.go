package pycode

import "github.com/aisecops/aisec/internal/finding"

const (
	atlas    = "AML.T0011.000"
	owasp    = "LLM03:2025"
	fixCode  = "Do not load this model with trust_remote_code=True or run its Python files. Review the code; use a revision whose code you have read (pin revision= to a commit) or a model that needs no custom code."
	fixAudit = "Review why model code does this; if it is needed, pin the revision you reviewed."
)

// Rules of the Python source detector. They apply to Python shipped with models (modeling_*.py,
// tokenization_*.py, handlers), which transformers imports with trust_remote_code=True.
var (
	RuleProcess = finding.Rule{
		ID: "AISEC-PY-001", Severity: finding.Critical, Title: "Model code starts processes or a shell",
		Description: "Python shipped with the model calls os.system, subprocess, pty.spawn, os.exec*/spawn* or similar, holds " +
			"a shell command string (/bin/sh -i, /dev/tcp/, curl … | sh) or wires a socket to the standard streams " +
			"(reverse shell). Model code never needs to start processes; importing it with trust_remote_code=True runs it.",
		Remediation: fixCode, CWE: "CWE-78", ATLAS: atlas, OWASP: owasp,
	}
	RuleDecodedExec = finding.Rule{
		ID: "AISEC-PY-002", Severity: finding.Critical, Title: "Model code executes decoded or downloaded code",
		Description: "exec, eval, compile, marshal or pickle is fed data that was base64/hex/zlib-decoded, built from " +
			"character codes or fetched from the network (also when the decoding happens elsewhere in the same file). " +
			"Hiding code this way has no purpose besides evading review.",
		Remediation: fixCode, CWE: "CWE-506", ATLAS: atlas, OWASP: owasp,
	}
	RuleExfil = finding.Rule{
		ID: "AISEC-PY-003", Severity: finding.Critical, Title: "Model code sends environment variables or credentials over the network",
		Description: "A network call carries os.environ values or credential files (~/.ssh, ~/.aws/credentials, ~/.netrc, " +
			"the Hugging Face token), or the file dumps the whole environment or reads credential files and also opens " +
			"network connections: the shape of token theft.",
		Remediation: fixCode + " Rotate any token that was in the environment where it ran.", CWE: "CWE-201", ATLAS: "AML.T0025", OWASP: owasp,
	}
	RuleDynamic = finding.Rule{
		ID: "AISEC-PY-004", Severity: finding.High, Title: "Model code runs dynamic code or loads native libraries",
		Description: "exec/eval/compile of a computed value, __import__ or importlib.import_module with a computed name, " +
			"getattr on os/subprocess/builtins with a computed name, runpy, imp/importlib file loaders, types.CodeType, " +
			"ctypes/cffi libraries, torch.hub.load or in-memory unpickling (pickle.loads, marshal.loads). What runs cannot " +
			"be reviewed from the source.",
		Remediation: fixAudit, CWE: "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleNetwork = finding.Rule{
		ID: "AISEC-PY-005", Severity: finding.High, Title: "Model code contacts a hard-coded address or opens raw sockets",
		Description: "A network client (requests, urllib, httpx, http.client, ftplib, smtplib, paramiko, websockets…) is " +
			"called with a literal URL or IP address, or a raw socket is created. Model code that phones home at import " +
			"or inference time can exfiltrate data or fetch a second stage.",
		Remediation: fixAudit, CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleSensitivePath = finding.Rule{
		ID: "AISEC-PY-006", Severity: finding.High, Title: "Model code references credential files or persistence locations",
		Description: "A string in the code names SSH keys or authorized_keys, cloud and registry credentials, the Hugging " +
			"Face token, /etc/passwd, shadow, sudoers or cron, shell start-up files, or sitecustomize/.pth hooks. Model " +
			"code has no reason to read or write them.",
		Remediation: fixCode, CWE: "CWE-506", ATLAS: atlas, OWASP: owasp,
	}
	RuleUnsafeLoad = finding.Rule{
		ID: "AISEC-PY-007", Severity: finding.Medium, Title: "Model code calls an unsafe loader",
		Description: "pickle/dill/joblib/pandas.read_pickle, yaml.load without a safe Loader, numpy.load(allow_pickle=True), " +
			"torch.load(weights_only=False), torch.jit.load or from_pretrained(trust_remote_code=True): loading a file " +
			"this way runs code chosen by whoever wrote the file.",
		Remediation: "Load tensors from safetensors, use yaml.safe_load, weights_only=True and allow_pickle=False; avoid chaining trust_remote_code.",
		CWE:         "CWE-502", ATLAS: atlas, OWASP: owasp,
	}
	RuleTorchLoad = finding.Rule{
		ID: "AISEC-PY-008", Severity: finding.Low, Title: "Model code calls torch.load without weights_only=True",
		Description: "torch.load unpickles its input unless weights_only=True (the default only from torch 2.6). On older " +
			"torch this loads arbitrary pickles, typically from conversion helpers.",
		Remediation: "Pass weights_only=True or load safetensors.", CWE: "CWE-502", ATLAS: atlas, OWASP: owasp,
	}
	RuleNetworkUse = finding.Rule{
		ID: "AISEC-PY-009", Severity: finding.Low, Title: "Model code accesses the network",
		Description: "A network client is called with an address computed at run time (e.g. downloading an image URL a " +
			"caller passes in). Common in processors; noted so that offline deployments know.",
		Remediation: "No action needed if the address always comes from the caller.", CWE: "CWE-829", OWASP: owasp,
	}
)

// Rules lists every rule of the package, in ID order.
func Rules() []finding.Rule {
	return []finding.Rule{RuleProcess, RuleDecodedExec, RuleExfil, RuleDynamic, RuleNetwork, RuleSensitivePath,
		RuleUnsafeLoad, RuleTorchLoad, RuleNetworkUse}
}
