package pickle

// codeMarkers are substrings that make a constant worth a second look: Python that imports
// or evaluates, and shell commands that fetch or spawn. Matching is ASCII case-insensitive.
// The detector decides what they mean; this list only has to be cheap and broad.
var codeMarkers = []string{
	"import ", "exec(", "eval(", "compile(", "__import__", "__builtins__", "getattr(",
	"os.system", "os.popen", "subprocess.", "pty.spawn", "socket.", "pickle.loads", "marshal.loads",
	"base64.b64decode", "/bin/sh", "/bin/bash", "/dev/tcp", "sh -c", "bash -c", "python -c",
	"python3 -c", "cmd.exe", "cmd /c", "powershell ", "powershell.", "curl ", "wget ", "nc -e", "rm -rf", "chmod ",
	"| sh", "|sh", "| bash", "invoke-expression", "iex(",
}

// markersByFirst groups codeMarkers by first byte, and codeSpecial marks the bytes of which
// every marker contains at least one, so that plain words are rejected in one pass. Both are
// computed once from codeMarkers and only read afterwards.
var markersByFirst, codeSpecial = func() (t [256][]string, sp [256]bool) {
	for _, m := range codeMarkers {
		t[m[0]] = append(t[m[0]], m)
	}
	for _, c := range []byte(" (._/|-") {
		sp[c] = true
	}
	return t, sp
}()

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// looksLikeCode reports whether b contains one of codeMarkers.
func looksLikeCode(b []byte) bool {
	special := false
	for _, c := range b {
		if codeSpecial[c] {
			special = true
			break
		}
	}
	if !special {
		return false
	}
	for i := 0; i < len(b); i++ {
		for _, m := range markersByFirst[lower(b[i])] {
			if hasPrefixFold(b[i:], m) {
				return true
			}
		}
	}
	return false
}

func hasPrefixFold(b []byte, m string) bool {
	if len(b) < len(m) {
		return false
	}
	for j := 0; j < len(m); j++ {
		if lower(b[j]) != m[j] {
			return false
		}
	}
	return true
}
