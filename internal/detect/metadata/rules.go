package metadata

import "github.com/aisecops/aisec/internal/finding"

const (
	owasp        = "LLM03:2025"
	atlasPayload = "AML.T0011.000" // user execution of a malicious artifact
	atlasExfil   = "AML.T0025"     // exfiltration via cyber means
	notExecuted  = " Loaders do not run model metadata, but model cards, hubs, agents and pipelines read it: " +
		"a consumer that renders, evaluates or follows it runs the payload."
	fixReview = "Do not use the model until the metadata is explained; obtain it from a trusted publisher and " +
		"verify its signature (aisec verify). Strip the metadata before republishing."
)

// Rules of the metadata detector.
var (
	RuleSecret = finding.Rule{
		ID: "AISEC-META-001", Severity: finding.High, Title: "Secret in model metadata",
		Description: "A metadata value matches a credential pattern of the gitleaks default rules (API keys, " +
			"access tokens, private keys, webhook URLs). Anyone who downloads the model can use it. The evidence " +
			"shows only the first characters of the secret.",
		Remediation: "Revoke and rotate the credential, remove it from the metadata and publish the model again.",
		CWE:         "CWE-798", ATLAS: "AML.T0055", OWASP: "LLM02:2025",
	}
	RuleCodeSecret = finding.Rule{
		ID: "AISEC-SECRET-001", Severity: finding.High, Title: "Secret in code, notebook or environment file",
		Description: "Application source, a notebook cell or output, or a .env file holds a value matching a credential " +
			"pattern of the gitleaks default rules (AI provider keys such as OpenAI, Anthropic, Hugging Face and " +
			"Cohere tokens, cloud keys, private keys). Notebook outputs keep printed tokens even after the cell is " +
			"changed. The evidence shows only the first characters of the secret.",
		Remediation: "Revoke and rotate the credential; load it from the environment or a secret manager at run time, " +
			"clear notebook outputs before committing, and keep .env files out of version control.",
		CWE: "CWE-798", OWASP: "LLM02:2025",
	}
	RuleSuspiciousNetwork = finding.Rule{
		ID: "AISEC-META-002", Severity: finding.High, Title: "Suspicious network destination in model metadata",
		Description: "A URL or address in the metadata points at an exfiltration or request-capture service " +
			"(webhook.site, requestbin, pipedream, interactsh/OAST, Burp Collaborator, Discord webhooks, Telegram " +
			"bots, paste sites), a tunnel or dynamic-DNS host (ngrok, trycloudflare, duckdns…), a .onion service, a " +
			"raw public IP address, or an executable or script download, or sits under a key such as callback, " +
			"webhook, upload, exfil, beacon, payload or download." + notExecuted,
		Remediation: fixReview, CWE: "CWE-200", ATLAS: atlasExfil, OWASP: owasp,
	}
	RulePlainHTTP = finding.Rule{
		ID: "AISEC-META-003", Severity: finding.Medium, Title: "Plain-HTTP URL in model metadata",
		Description: "A metadata URL uses unencrypted http:// to a host that is neither local nor a well-known " +
			"documentation site. Whatever a consumer fetches from it can be swapped in transit, and attacker " +
			"infrastructure rarely bothers with TLS. With a suspicious key or path the finding is AISEC-META-002.",
		Remediation: "Check the URL; replace it with an https:// link to a trusted host or remove it.",
		CWE:         "CWE-319", ATLAS: atlasExfil, OWASP: owasp,
	}
	RuleURL = finding.Rule{
		ID: "AISEC-META-004", Severity: finding.Info, Title: "Network endpoint in model metadata",
		Description: "The metadata names an https URL to a host outside the well-known documentation sites " +
			"(Hugging Face, GitHub, arXiv, …), or a local or private address. Listed for review and inventory; links " +
			"to well-known documentation hosts are not reported.",
		Remediation: "No action needed if the endpoint is expected.",
		CWE:         "CWE-200", ATLAS: atlasExfil, OWASP: owasp,
	}
	RuleCode = finding.Rule{
		ID: "AISEC-META-005", Severity: finding.High, Title: "Code or shell command in model metadata",
		Description: "A metadata value holds Python that reaches the OS or dynamic execution (os.system, " +
			"subprocess, eval/exec, __import__, pickle.loads, base64-decode-and-exec), or a shell command (rm -rf, " +
			"curl|sh, plain-HTTP wget, chmod +x/777, bash -c, reverse-shell idioms such as /dev/tcp and nc -e, " +
			"PowerShell -enc or download cradles)." + notExecuted + " Chat templates are left to the template rules.",
		Remediation: fixReview, CWE: "CWE-94", ATLAS: atlasPayload, OWASP: owasp,
	}
	RuleMarkup = finding.Rule{
		ID: "AISEC-META-006", Severity: finding.High, Title: "Script injection (HTML/JavaScript) in model metadata",
		Description: "A metadata value carries <script>, javascript: URLs, inline event handlers (onerror=…), " +
			"iframes or document.cookie access. Model hubs, registries and dashboards that render metadata without " +
			"escaping run it in the viewer's browser (stored XSS).",
		Remediation: fixReview, CWE: "CWE-79", ATLAS: atlasPayload, OWASP: "LLM05:2025",
	}
	RuleEncoded = finding.Rule{
		ID: "AISEC-META-007", Severity: finding.High, Title: "Obfuscated payload in model metadata",
		Description: "A base64, hex, \\x-escaped or percent-encoded run inside a metadata value decodes to code, a " +
			"shell command, script markup or a suspicious URL. Encoding a payload has no purpose but hiding it " +
			"from review and scanners." + notExecuted,
		Remediation: fixReview, CWE: "CWE-506", ATLAS: atlasPayload, OWASP: owasp,
	}
	RuleExecutable = finding.Rule{
		ID: "AISEC-META-008", Severity: finding.High, Title: "Executable or pickle embedded in model metadata",
		Description: "A metadata value holds (raw or base64/hex-encoded) a native executable (ELF, PE, Mach-O), an " +
			"encoded shell script, or a pickle that imports a callable. Metadata never needs programs; this is a " +
			"second-stage payload waiting for a loader or script that extracts it.",
		Remediation: fixReview, CWE: "CWE-506", ATLAS: atlasPayload, OWASP: owasp,
	}
	RulePath = finding.Rule{
		ID: "AISEC-META-009", Severity: finding.Medium, Title: "Path traversal or sensitive path in model metadata",
		Description: "A metadata value climbs directories (../../) or names credential and system files " +
			"(/etc/passwd, /etc/shadow, ~/.ssh keys, .aws/credentials, /proc/self/environ, the Windows SAM). A " +
			"pipeline that joins metadata paths to its own directories reads or writes outside them.",
		Remediation: "Remove the path from the metadata; consumers must not use metadata paths unchecked.",
		CWE:         "CWE-22", ATLAS: atlasPayload, OWASP: owasp,
	}
	RuleTruncated = finding.Rule{
		ID: "AISEC-META-010", Severity: finding.Low, Title: "Model metadata too large to examine fully",
		Description: "The metadata holds more text than the detector examines per artifact (or per value); " +
			"the rest was not checked for secrets, code or URLs.",
		Remediation: "Review the metadata by other means, or raise the limits.",
		CWE:         "CWE-400", OWASP: owasp,
	}
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleSecret, RuleSuspiciousNetwork, RulePlainHTTP, RuleURL, RuleCode, RuleMarkup,
		RuleEncoded, RuleExecutable, RulePath, RuleTruncated, RuleCodeSecret}
}
