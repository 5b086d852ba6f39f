package pickle

import (
	"fmt"
	"regexp"

	pkl "github.com/aisecops/aisec/internal/format/pickle"
)

// codePatterns match Python source or shell commands that do something dangerous. They are
// deliberately specific: model files legitimately carry base64 blobs, model cards that mention
// wget or eval(model), and (legacy torch.save) the source of module classes, which may import
// os without ever running anything. A match is a strong hint, never proof of absence.
var codePatterns = regexp.MustCompile(`(?i)(\bos\.(system|popen|exec[lv]p?e?|spawn[lv]p?e?)\s*\(|\bsubprocess\.(Popen|call|run|check_output|check_call|getoutput)\s*\(|\b(exec|eval)\s*\(\s*(["']|compile\s*\(|__import__|base64|bytes\.fromhex|codecs\.)|__import__\s*\(\s*['"](os|subprocess|socket|pty|builtins)['"]|\bfrom\s+(os|subprocess|pty)\s+import\s+(system|popen|Popen|call|run|spawn)\b|/bin/(ba|z|da)?sh\s+-[a-z]*c\b|\bbash\s+-i\b|\b(curl|wget)\s[^|\n]*\|\s*(\S*/)?(ba|z|da)?sh\b|\bpowershell(\.exe)?\s+(-[a-z]+\s+)*-e(nc(odedcommand)?)?\b|\bnc\s+-[a-z]*e\b|\bpty\.spawn\s*\(|socket\.socket\s*\()`)

// codeEvidence returns the evidence for a constant that carries dangerous code, or "".
// Constants passed straight to a call are covered by the call's own finding.
func codeEvidence(c pkl.Constant) string {
	if c.Arg != "" {
		return ""
	}
	loc := codePatterns.FindStringIndex(c.Text)
	if loc == nil {
		return ""
	}
	start, end := max(loc[0]-40, 0), min(loc[1]+60, len(c.Text))
	enc := ""
	if c.Encoding != "" && c.Encoding != "raw" {
		enc = " (" + c.Encoding + "-decoded)"
	}
	return fmt.Sprintf("constant%s of %d bytes contains %q", enc, c.Len, c.Text[start:end])
}
