package metadata

import (
	"fmt"

	"github.com/aisecops/aisec/internal/format/exe"
	"github.com/aisecops/aisec/internal/format/meta"
)

// Paths: directory climbing and the files attackers want.
var (
	traversal = pat("path traversal", `(?:\.\.[/\\]){2,}`, "..")
	sensitive = pat("sensitive file", `(?i)/etc/(?:passwd|shadow|sudoers|crontab)\b|\.ssh/(?:id_[a-z0-9]+|authorized_keys)|\.aws/credentials|\.git-credentials|\.netrc\b|/proc/self/(?:environ|mem|cmdline)|\\windows\\system32\\config\\sam\b|\.kube/config\b`,
		"/etc/", ".ssh/", ".aws/", ".git-credentials", ".netrc", "/proc/self/", "system32", ".kube/")
)

// checkPaths reports traversal sequences and sensitive file paths.
func checkPaths(c *collector, s meta.String, v string, secrets []secret) {
	lower := asciiLower(v)
	for _, p := range []pattern{traversal, sensitive} {
		if lo, hi, ok := p.find(v, lower); ok {
			c.add(RulePath, fmt.Sprintf("%s: %s: %s", keyLabel(s.Key), p.what, snippet(v, lo, hi, secrets)), offset(s))
		}
	}
}

// checkExecutables reports native executables written straight into a value (JSON escapes
// make any byte representable).
func checkExecutables(c *collector, s meta.String, v string) {
	for _, h := range exe.Scan([]byte(v)) {
		if h.Kind == exe.Shebang {
			continue // a plain-text script is judged by its commands (RuleCode)
		}
		c.add(RuleExecutable, fmt.Sprintf("%s: %s at byte %d of the value", keyLabel(s.Key), h.Detail, h.Offset), offset(s))
	}
}

// checkEncoded decodes the encoded runs of v and reports those that hide code, markup,
// suspicious URLs, executables or pickles; decoded text is decoded again up to maxDecodeDepth.
func checkEncoded(c *collector, s meta.String, v string, secrets []secret, depth int) {
	if depth >= maxDecodeDepth {
		return
	}
	for _, d := range decodeRuns(v) {
		where := fmt.Sprintf("%s: %s at byte %d", keyLabel(s.Key), d.how, d.lo)
		for _, h := range exe.Scan(d.bytes) {
			c.add(RuleExecutable, fmt.Sprintf("%s decodes to an executable: %s", where, h.Detail), offset(s))
		}
		if what, ok := PickleImport(d.bytes); ok {
			c.add(RuleExecutable, fmt.Sprintf("%s decodes to a pickle importing %s", where, what), offset(s))
		}
		if !printable(d.bytes) {
			continue
		}
		text := string(d.bytes)
		if ms := findCode(text); len(ms) > 0 {
			code, markup := splitMarkup(ms)
			first := append(code, markup...)[0]
			c.add(RuleEncoded, fmt.Sprintf("%s decodes to %s: %s", where, describe(append(code, markup...)), snippet(text, first.lo, first.hi, secrets)), offset(s))
		}
		for _, ind := range findNetwork(s.Key, text) {
			if ind.kind == netSuspicious {
				c.add(RuleEncoded, fmt.Sprintf("%s decodes to a URL: %s (%s)", where, snippet(ind.text, 0, len(ind.text), secrets), ind.reason), offset(s))
			}
		}
		checkEncoded(c, s, text, secrets, depth+1)
	}
}
