package mcp

import (
	"regexp"
	"strings"
)

// shells run the script given after -c.
var shells = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "ash": true, "fish": true, "busybox": true}

// inlineFlags are the flags with which interpreters take code on the command line.
var inlineFlags = map[string][]string{
	"node": {"-e", "--eval", "-p", "--print"}, "bun": {"-e", "--eval"}, "deno": {"eval"},
	"python": {"-c"}, "py": {"-c"}, "perl": {"-e", "-E"}, "ruby": {"-e"}, "php": {"-r"},
}

// inlineScript returns the code a shell or interpreter is given on its command line, and
// whether it is encoded (powershell -EncodedCommand).
func inlineScript(command string, args []string) (script string, encoded, ok bool) {
	name := progName(command)
	switch {
	case shells[name]:
		for i, a := range args {
			if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.ContainsRune(a, 'c') {
				return strings.Join(args[i+1:], " "), false, i+1 < len(args)
			}
		}
	case name == "cmd":
		for i, a := range args {
			if strings.EqualFold(a, "/c") || strings.EqualFold(a, "/k") {
				return strings.Join(args[i+1:], " "), false, i+1 < len(args)
			}
		}
	case name == "powershell" || name == "pwsh":
		return powershellScript(args)
	default:
		for i, a := range args {
			for _, f := range inlineFlags[name] {
				if a == f && i+1 < len(args) {
					return strings.Join(args[i+1:], " "), false, true
				}
			}
		}
	}
	return "", false, false
}

func knownShell(name string) bool {
	_, interp := inlineFlags[name]
	return shells[name] || interp || name == "cmd" || name == "powershell" || name == "pwsh"
}

// powershellScript reads -Command / -c and -EncodedCommand / -enc / -e / -ec (PowerShell
// accepts any unambiguous prefix of a parameter name).
func powershellScript(args []string) (string, bool, bool) {
	for i, a := range args {
		l := strings.ToLower(strings.TrimLeft(a, "-/"))
		if !strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "/") || l == "" || i+1 >= len(args) {
			continue
		}
		switch {
		case l == "e" || l == "ec" || strings.HasPrefix("encodedcommand", l) && len(l) >= 2:
			return strings.Join(args[i+1:], " "), true, true
		case l == "c" || strings.HasPrefix("command", l) && len(l) >= 2:
			return strings.Join(args[i+1:], " "), false, true
		}
	}
	return "", false, false
}

var (
	downloaders = regexp.MustCompile(`(?i)\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|certutil|bitsadmin|downloadstring|downloadfile|net\.webclient|urlopen|urlretrieve|requests\.get|http\.get|https\.get|fetch)\b|require\(\s*['"](?:node:)?https?['"]\s*\)`)
	runners     = regexp.MustCompile(`(?i)\|\s*(?:sudo\s+)?(?:sh|bash|zsh|dash|python[0-9.]*|node|perl|ruby|iex|invoke-expression|pwsh|powershell)\b|\b(?:iex|invoke-expression|eval|exec|execsync|spawn|child_process|subprocess|os\.system)\b|<\(\s*(?:curl|wget)|chmod\s+\+x|\bmshta\b|\bregsvr32\b|\brundll32\b|\bmsiexec\b|\bstart\b|&&\s*\./|&&\s*[\w.\\/:-]+\.(?:exe|bat|cmd|ps1|sh|py)\b|-o\s+\S+\s*(?:&&|;)`)
	decoders    = regexp.MustCompile(`(?i)\bbase64\s+(?:-d|--decode|-D)\b|frombase64string|\batob\s*\(|b64decode|\bxxd\s+-r`)
	revShells   = regexp.MustCompile(`(?i)/dev/(?:tcp|udp)/|\bnc(?:at)?\b[^|;&]*\s-[a-z]*[ec]\b|\bmkfifo\b|\bsocat\b[^|;&]*\bexec:`)
)

// dangerousScript says why an inline script is more than a launcher: it downloads and runs
// code, decodes and runs code, or wires a shell to the network.
func dangerousScript(script string, encoded bool) (string, bool) {
	if len(script) > maxScan { // the head and the tail of a padded script
		if why, bad := dangerousScript(script[:maxScan/2], encoded); bad {
			return why, bad
		}
		return dangerousScript(script[len(script)-maxScan/2:], encoded)
	}
	switch {
	case encoded:
		return "encoded command", true
	case revShells.MatchString(script):
		return "network shell", true
	case decoders.MatchString(script) && runners.MatchString(script):
		return "decodes and runs code", true
	case downloaders.MatchString(script) && (runners.MatchString(script) || strings.Contains(script, "://") && strings.Contains(script, "|")):
		return "downloads and runs code", true
	}
	return "", false
}

// skipApprovalFlags are agent options that turn confirmation off.
var skipApprovalFlags = map[string]bool{
	"--dangerously-skip-permissions": true, "--dangerously-bypass-approvals-and-sandbox": true,
	"--yolo": true, "--approval-mode=yolo": true, "--permission-mode=bypasspermissions": true,
	"--allow-dangerously-skip-permissions": true,
}

// skipApprovalArg returns the argument that starts an agent without tool confirmation.
func skipApprovalArg(command string, args []string) string {
	gemini := progName(command) == "gemini"
	for i, a := range args {
		l := strings.ToLower(a)
		switch {
		case skipApprovalFlags[l]:
			return a
		case (l == "--approval-mode" || l == "--permission-mode") && i+1 < len(args) &&
			(strings.EqualFold(args[i+1], "yolo") || strings.EqualFold(args[i+1], "bypassPermissions")):
			return a + " " + args[i+1]
		case gemini && l == "-y":
			return a
		}
	}
	return ""
}

// progName is the lower-case base name of a program without a Windows extension or a
// version suffix (python3.12 is python).
func progName(cmd string) string {
	if i := strings.LastIndexAny(cmd, `/\`); i >= 0 {
		cmd = cmd[i+1:]
	}
	cmd = strings.ToLower(cmd)
	for _, ext := range [...]string{".exe", ".cmd", ".bat", ".ps1"} {
		cmd = strings.TrimSuffix(cmd, ext)
	}
	if strings.HasPrefix(cmd, "python") && strings.Trim(cmd[len("python"):], "0123456789.") == "" {
		return "python"
	}
	return cmd
}
