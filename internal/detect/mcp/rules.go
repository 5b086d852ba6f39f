package mcp

import "github.com/aisecops/aisec/internal/finding"

const (
	owaspSupply    = "LLM03:2025"
	owaspInjection = "LLM01:2025"
	owaspSecrets   = "LLM02:2025"
	atlasSupply    = "AML.T0010"
	atlasInjection = "AML.T0051"
)

// Rules of the MCP configuration detector.
var (
	RuleUnpinned = finding.Rule{
		ID: "AISEC-MCP-001", Severity: finding.Medium, Title: "MCP server launched from an unpinned package",
		Description: "A stdio MCP server is started with npx/bunx/pnpm dlx, uvx/pipx or docker run without an exact " +
			"version: no version, @latest, a range such as ^1, or an image with no tag or :latest. Every start may " +
			"fetch whatever the registry serves at that moment (also packages added with npx -p, uvx --with or an " +
			"install inside a shell script), so a hijacked or typo-squatted release runs with the " +
			"client's privileges and the credentials it passes to the server.",
		Remediation: "Pin an exact version (npx -y pkg@1.2.3, uvx pkg==1.2.3, image@sha256:…) that you reviewed, and " +
			"update it deliberately.",
		CWE: "CWE-1357", ATLAS: atlasSupply, OWASP: owaspSupply,
	}
	RuleSecret = finding.Rule{
		ID: "AISEC-MCP-002", Severity: finding.High, Title: "Secret written in plain text in an MCP configuration",
		Description: "An environment value, header, URL or argument of an MCP server holds a literal credential (an API " +
			"key, token, password or Authorization value) instead of a reference such as ${input:…}, ${env:VAR} or a " +
			"secret store. MCP configuration files are shared in repositories and dotfiles and read by every tool " +
			"on the machine.",
		Remediation: "Revoke and rotate the credential, then reference it: ${input:id} prompts (VS Code), " +
			"${env:VAR}/${VAR} read the environment, or use the client's secret storage or OAuth.",
		CWE: "CWE-798", OWASP: owaspSecrets,
	}
	RulePlainHTTP = finding.Rule{
		ID: "AISEC-MCP-003", Severity: finding.High, Title: "Remote MCP server reached over plain HTTP",
		Description: "A remote MCP server (or an mcp-remote/supergateway bridge) is contacted over http:// on a host " +
			"that is not the loopback interface. Tool calls, tool results and any Authorization header travel " +
			"unencrypted, and anyone on the path can read them or inject tool descriptions and results.",
		Remediation: "Use https:// for every server that is not on localhost.", CWE: "CWE-319", ATLAS: atlasInjection, OWASP: owaspInjection,
	}
	RulePoisoning = finding.Rule{
		ID: "AISEC-MCP-004", Severity: finding.High, Title: "Hidden instructions in an MCP tool description (tool poisoning)",
		Description: "A tool description or parameter description addresses the model rather than the user: hidden " +
			"instruction tags (<IMPORTANT>, <SYSTEM>), orders to ignore earlier instructions or to keep something " +
			"from the user, requests to read credential or configuration files and pass them in a parameter, rules " +
			"for other tools (shadowing), invisible Unicode characters, look-alike letters, comments or encoded text, " +
			"in any language, in tool titles and descriptions, parameter schemas and their defaults and examples, " +
			"or pushed out of view by sheer length. Models follow tool descriptions that users never see.",
		Remediation: "Do not connect the server. Report it to its publisher; pin a reviewed version and re-check tool " +
			"descriptions whenever they change.",
		CWE: "CWE-1427", ATLAS: atlasInjection, OWASP: owaspInjection,
	}
	RuleShell = finding.Rule{
		ID: "AISEC-MCP-005", Severity: finding.High, Title: "MCP server started through a shell that downloads or decodes code",
		Description: "The server command is a shell or interpreter given an inline script that fetches and runs code " +
			"(curl … | sh, iwr … | iex), runs encoded commands (powershell -EncodedCommand, base64 -d | sh) or opens " +
			"network shells. Whatever the URL serves runs every time the client starts the server.",
		Remediation: "Install the server as a pinned package or a reviewed local file and start it directly, without " +
			"a shell.",
		CWE: "CWE-494", ATLAS: atlasSupply, OWASP: owaspSupply,
	}
	RuleMutableTag = finding.Rule{
		ID: "AISEC-MCP-006", Severity: finding.Low, Title: "MCP server image pinned by a mutable tag",
		Description: "The server runs a container image by a tag other than latest (image:1.2). Tags can be moved to " +
			"other content by whoever controls the repository; only a digest pins the bytes.",
		Remediation: "Pin the image by digest (image:1.2@sha256:…).", CWE: "CWE-1357", ATLAS: atlasSupply, OWASP: owaspSupply,
	}
	RuleAutoApprove = finding.Rule{
		ID: "AISEC-MCP-007", Severity: finding.Medium, Title: "MCP tools run without user confirmation",
		Description: "The configuration approves tool calls in advance (Cline autoApprove, alwaysAllow, Gemini trust, " +
			"Codex approval_mode = \"approve\" or approval_policy = \"never\", Zed always_allow_tool_actions, VS Code " +
			"chat.tools.autoApprove, Claude Code permission rules or " +
			"bypassPermissions, agents started with --dangerously-skip-permissions or --yolo). A prompt injection " +
			"in any content the model reads can then call these tools without anyone seeing it.",
		Remediation: "Keep confirmation on for tools that write, send or execute; auto-approve only read-only tools " +
			"of servers you trust.",
		CWE: "CWE-862", ATLAS: atlasInjection, OWASP: "LLM06:2025",
	}
)

// Rules lists every rule of the package, in ID order.
func Rules() []finding.Rule {
	return []finding.Rule{RuleUnpinned, RuleSecret, RulePlainHTTP, RulePoisoning, RuleShell, RuleMutableTag, RuleAutoApprove}
}
