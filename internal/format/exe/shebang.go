package exe

import "strings"

const maxShebangLine = 256 // Linux reads at most 256 bytes of an interpreter line (BINPRM_BUF_SIZE)

// interpreterDirs are where interpreters live; a path elsewhere is too weak a signal.
var interpreterDirs = []string{"/bin/", "/usr/", "/sbin/", "/opt/", "/system/bin/", "/nix/", "/snap/", "/data/data/"}

// checkShebang validates "#!" followed by optional blanks and an absolute interpreter path in a
// standard directory, then blanks, arguments and the end of the line: printable ASCII only,
// no longer than the kernel reads. The description names the interpreter.
func checkShebang(b []byte) (Hit, bool) {
	if len(b) < 4 || b[0] != '#' || b[1] != '!' {
		return Hit{}, false
	}
	i := 2
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	start := i
	for i < len(b) && isPathByte(b[i]) {
		i++
	}
	path := string(b[start:i])
	if len(path) < 4 || !hasInterpreterDir(path) || strings.HasSuffix(path, "/") || strings.Contains(path, "//") {
		return Hit{}, false
	}
	end := i
	for ; end < len(b) && b[end] != '\n'; end++ {
		c := b[end]
		if end >= maxShebangLine || (c < 0x20 && c != '\t' && c != '\r') || c > 0x7e {
			return Hit{}, false
		}
	}
	if i < len(b) && b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n' {
		return Hit{}, false
	}
	interp := path
	if strings.HasSuffix(path, "/env") {
		for _, a := range strings.Fields(string(b[i:end])) {
			if !strings.HasPrefix(a, "-") && !strings.Contains(a, "=") {
				interp = a
				break
			}
		}
	}
	return Hit{Kind: Shebang, Detail: "script for " + truncate(interp, 64)}, true
}

func isPathByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '.' ||
		c == '_' || c == '-' || c == '+'
}

func hasInterpreterDir(p string) bool {
	for _, d := range interpreterDirs {
		if strings.HasPrefix(p, d) {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
