package metadata

import (
	"fmt"
	"slices"
	"strings"
)

// codePatterns find Python that reaches the OS or dynamic execution, and shell commands that
// destroy, download-and-run, open shells or persist. Prose rarely matches: calls need a "(",
// modules need their attribute or an import statement.
var codePatterns = []pattern{
	pat("Python OS or process call", `\b(?:os\s*\.\s*(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|fork|kill|remove|unlink|rmdir)|subprocess\s*\.\s*(?:call|run|Popen|check_output|check_call|getoutput|getstatusoutput)|pty\s*\.\s*spawn|commands\s*\.\s*getoutput)\s*\(`,
		"system", "popen", "exec", "spawn", "fork", "kill", "remove", "unlink", "rmdir", "subprocess", "getoutput"),
	pat("Python dynamic code execution", `(?:^|[^\w.])(?:eval|exec|execfile)\s*\(`, "eval", "exec"),
	pat("Python dynamic import", `__import__\s*\(|importlib\s*\.\s*import_module\s*\(`, "__import__", "import_module"),
	pat("Python import of an OS, network or serialisation module", `(?m)(?:^|;)\s*(?:import|from)\s+(?:os|subprocess|socket|pty|ctypes|shutil|marshal|pickle|base64|urllib|requests|commands|posix|nt|builtins)\b`, "import", "from"),
	pat("Python deserialisation call", `\b(?:pickle|cPickle|_pickle|dill|marshal|joblib)\s*\.\s*loads?\s*\(`, "load"),
	pat("Python base64 decoding", `\bbase64\s*\.\s*(?:b64decode|b32decode|b16decode|a85decode|b85decode|decodebytes|urlsafe_b64decode)\s*\(`, "base64"),
	pat("Python socket use", `\bsocket\s*\.\s*(?:socket|create_connection)\s*\(`, "socket"),
	pat("Python interpreter internals", `__builtins__|__globals__|__subclasses__\s*\(|getattr\s*\(\s*(?:os|sys|builtins|__import__)\b`, "__builtins__", "__globals__", "__subclasses__", "getattr"),
	pat("recursive forced delete", `\brm\s+(?:-[a-zA-Z]*r[a-zA-Z]*f|-[a-zA-Z]*f[a-zA-Z]*r|-r\s+-f|-f\s+-r)\b`, "rm"),
	pat("download piped into an interpreter", `\b(?:curl|wget)\b[^\n|;]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:curl|wget)\b[^\n|;]*\|\s*(?:sudo\s+)?python[23]?\b`, "curl", "wget"),
	pat("plain-HTTP download command", `\b(?:wget|curl)\s+(?:-[\w-]+\s+)*['"]?http://`, "curl", "wget"),
	pat("chmod making files executable or world-writable", `\bchmod\s+(?:-R\s+)?(?:[0-7]?[0-7]?7[0-7]{1,2}|[ugoa]*\+[rwx]*x)\b`, "chmod"),
	pat("shell invocation", `/bin/(?:ba|da|z|k|c|tc)?sh\b|\b(?:bash|sh|zsh|dash)\s+-c\b|\bcmd(?:\.exe)?\s+/[ck]\b`, "/bin/", "-c", "cmd"),
	pat("reverse shell", `/dev/(?:tcp|udp)/|\bnc(?:at)?\s+(?:-\w+\s+)*-\w*e\s|\bmkfifo\b|\bsocat\b[^\n]*\bexec:|\bbash\s+-i\b`, "/dev/", "nc", "mkfifo", "socat", "bash"),
	pat("PowerShell payload", `(?i)\bpowershell(?:\.exe)?\b[^\n]*\s-(?:e|ec|en|enc|enco|encod|encode|encodedcommand)\b|\b(?:iex|invoke-expression)\b|downloadstring\s*\(|\bnew-object\s+net\.webclient`,
		"powershell", "iex", "invoke-expression", "downloadstring", "webclient"),
	pat("Windows download utility", `(?i)\bcertutil(?:\.exe)?\s[^\n]*-urlcache|\bbitsadmin\b[^\n]*/transfer|\bmshta(?:\.exe)?\s+https?:`, "certutil", "bitsadmin", "mshta"),
	pat("persistence", `\bcrontab\s+-|>>?\s*~?/?[\w./]*\.(?:bashrc|bash_profile|profile|zshrc)\b|authorized_keys`, "crontab", "bashrc", "profile", "zshrc", "authorized_keys"),
	pat("script with an interpreter line", `(?m)^#!\s*/(?:usr/)?(?:local/)?s?bin/\S+`, "#!"),
}

// markupPatterns find markup that runs script when rendered.
var markupPatterns = []pattern{
	pat("<script> element", `(?i)<\s*script\b`, "script"),
	pat("javascript: URL", `(?i)(?:^|["'=\s(])javascript\s*:\S`, "javascript"),
	pat("inline event handler", `(?i)<[^>]*\son(?:error|load|click|mouseover|mouseenter|focus|blur|submit|toggle|animationstart|pointerover|begin)\s*=`,
		"onerror", "onload", "onclick", "onmouse", "onfocus", "onblur", "onsubmit", "ontoggle", "onanimationstart", "onpointerover", "onbegin"),
	pat("<iframe> element", `(?i)<\s*iframe\b`, "iframe"),
	pat("document.cookie access", `(?i)\bdocument\s*\.\s*cookie\b`, "cookie"),
	pat("embedded object", `(?i)<\s*(?:object|embed)\b[^>]*\b(?:data|src)\s*=`, "object", "embed"),
}

// match is one indicator found in a text.
type match struct {
	what     string
	lo, hi   int // byte range of the match in the text
	isMarkup bool
}

// findCode returns the code and markup indicators in s, at most one per pattern.
func findCode(s string) []match {
	lower := asciiLower(s)
	var out []match
	for _, p := range codePatterns {
		if lo, hi, ok := p.find(s, lower); ok {
			out = append(out, match{what: p.what, lo: lo, hi: hi})
		}
	}
	for _, p := range markupPatterns {
		if lo, hi, ok := p.find(s, lower); ok {
			out = append(out, match{what: p.what, lo: lo, hi: hi, isMarkup: true})
		}
	}
	return out
}

// CodeIndicator reports whether s contains code, a shell command or script markup, and what
// the first indicator is. Other detectors use it for text found where no text belongs (for
// example bytes no safetensors tensor covers).
func CodeIndicator(s string) (string, bool) {
	m := findCode(s)
	if len(m) == 0 {
		return "", false
	}
	return m[0].what, true
}

// looksLikeTemplate reports Jinja-style templates; the template detector owns their code
// patterns (SSTI), this one still checks them for secrets and URLs.
func looksLikeTemplate(s string) bool {
	return (strings.Contains(s, "{%") && strings.Contains(s, "%}")) || (strings.Contains(s, "{{") && strings.Contains(s, "}}"))
}

// splitMarkup separates code matches from markup matches, each in text order.
func splitMarkup(ms []match) (code, markup []match) {
	for _, m := range ms {
		if m.isMarkup {
			markup = append(markup, m)
		} else {
			code = append(code, m)
		}
	}
	byPos := func(a, b match) int { return a.lo - b.lo }
	slices.SortStableFunc(code, byPos)
	slices.SortStableFunc(markup, byPos)
	return code, markup
}

// describe names up to three indicators for evidence.
func describe(ms []match) string {
	var names []string
	for _, m := range ms {
		if len(names) == 3 {
			names = append(names, fmt.Sprintf("%d more", len(ms)-3))
			break
		}
		names = append(names, m.what)
	}
	return strings.Join(names, ", ")
}
