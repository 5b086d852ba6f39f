package mcp

import (
	"fmt"
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
		return powershellScript(args, name == "powershell")
	default:
		for i, a := range args {
			for _, f := range inlineFlags[name] {
				if a == f && i+1 < len(args) {
					return strings.Join(args[i+1:], " "), false, true
				}
				if code, ok := strings.CutPrefix(a, f+"="); ok && strings.HasPrefix(f, "--") { // node --eval=…
					return strings.Join(append([]string{code}, args[i+1:]...), " "), false, true
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

// psValued are PowerShell host parameters that take a value (lower case, common spellings).
var psValued = map[string]bool{"executionpolicy": true, "ep": true, "ex": true, "exec": true, "windowstyle": true,
	"w": true, "win": true, "version": true, "v": true, "psconsolefile": true, "configurationname": true,
	"config": true, "workingdirectory": true, "wd": true, "outputformat": true, "o": true, "of": true,
	"inputformat": true, "if": true, "inp": true, "settingsfile": true, "settings": true, "custompipename": true}

// powershellScript reads -Command / -c and -EncodedCommand / -enc / -e / -ec (PowerShell
// accepts any unambiguous prefix of a parameter name). Windows PowerShell (positional is
// true) runs its first argument that is not a parameter as a command; pwsh runs it as a file.
func powershellScript(args []string, positional bool) (string, bool, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		l := strings.ToLower(strings.TrimLeft(a, "-/"))
		if !strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "/") || l == "" {
			if positional {
				return strings.Join(args[i:], " "), false, true
			}
			return "", false, false
		}
		if i+1 >= len(args) {
			continue
		}
		switch {
		case l == "e" || l == "ec" || strings.HasPrefix("encodedcommand", l) && len(l) >= 2:
			return strings.Join(args[i+1:], " "), true, true
		case l == "c" || strings.HasPrefix("command", l) && len(l) >= 2:
			return strings.Join(args[i+1:], " "), false, true
		case l == "f" || l == "file" || strings.HasPrefix("file", l) && len(l) >= 2:
			return "", false, false
		case psValued[l]:
			i++
		}
	}
	return "", false, false
}

var (
	downloaders = regexp.MustCompile(`(?i)\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|certutil|bitsadmin|downloadstring|downloadfile|net\.webclient|urlopen|urlretrieve|requests\.get|http\.get|https\.get|fetch)\b|require\(\s*['"](?:node:)?https?['"]\s*\)`)
	decoders    = regexp.MustCompile(`(?i)\bbase64\s+(?:-d|--decode|-D)\b|frombase64string|\batob\s*\(|b64decode|\bxxd\s+-r|buffer\.from\([^)]*['"]base64['"]|(?:\\x[0-9a-f]{2}){8,}`)
	revShells   = regexp.MustCompile(`(?i)/dev/(?:tcp|udp)/|\bnc(?:at)?\b[^|;&]*\s-[a-z]*[ec]\b|\bmkfifo\b|\bsocat\b[^|;&]*\bexec:`)
)

// runners are the ways a script runs code it holds (piped into an interpreter, eval, a
// written file executed…), each with the lower-case keys one of which the script must hold
// for its pattern to run (one large alternation is several times slower on long scripts).
var runners = []struct {
	keys []string
	re   *regexp.Regexp
}{
	{[]string{"|"}, regexp.MustCompile(`(?i)\|\s*(?:sudo(?:\s+-\S+)*\s+)?(?:[\w.~/-]*/)?(?:env\s+)?(?:sh|bash|zsh|dash|ksh|python[0-9.]*|node|perl|ruby|php|iex|invoke-expression|pwsh|powershell)\b`)},
	{[]string{"iex", "invoke-", "eval", "exec", "spawn", "child_process", "subprocess", "os.system"}, regexp.MustCompile(`(?i)\b(?:iex|invoke-expression|invoke-command|eval|exec|execsync|spawn|child_process|subprocess|os\.system)\b`)},
	{[]string{"scriptblock"}, regexp.MustCompile(`(?i)\[scriptblock\]::create`)},
	{[]string{"<("}, regexp.MustCompile(`(?i)<\(\s*(?:curl|wget)`)},
	{[]string{"chmod"}, regexp.MustCompile(`(?i)chmod\s+\+x`)},
	{[]string{"mshta", "regsvr32", "rundll32", "msiexec", "start"}, regexp.MustCompile(`(?i)\b(?:mshta|regsvr32|rundll32|msiexec|start)\b`)},
	{[]string{"&&"}, regexp.MustCompile(`(?i)&&\s*\./|&&\s*[\w.\\/:-]+\.(?:exe|bat|cmd|ps1|sh|py)\b`)},
	{[]string{"-o"}, regexp.MustCompile(`(?i)-o\s+\S+\s*(?:&&|;)`)},
	{[]string{"$(", "`"}, regexp.MustCompile(`(?i)\b(?:sh|bash|zsh|dash|ksh|python[0-9.]*|node|perl|ruby|eval|source|iex)\b[^|;&\n]*(?:\$\(|\x60)\s*(?:curl|wget|iwr|irm|invoke-webrequest)\b`)},
}

// runs reports whether a script (lower is its lower-case form) runs code by one of runners.
func runs(script, lower string) bool {
	for _, r := range runners {
		if containsAny(lower, r.keys) && r.re.MatchString(script) {
			return true
		}
	}
	return false
}

// Keys that prefilter the script patterns: each pattern needs one of its keys in the
// lower-cased script.
var (
	downloadKeys = []string{"curl", "wget", "iwr", "irm", "invoke-", "certutil", "bitsadmin", "download", "webclient",
		"urlopen", "urlretrieve", ".get", "fetch", "require("}
	decodeKeys   = []string{"base64", "atob", "b64decode", "xxd", `\x`}
	revShellKeys = []string{"/dev/", "nc", "mkfifo", "socat"}
)

// dangerousScript says why an inline script is more than a launcher: it downloads and runs
// code, decodes and runs code, or wires a shell to the network.
func dangerousScript(script string, encoded bool) (string, bool) {
	if encoded {
		return "encoded command", true
	}
	if len(script) > maxScan { // the head and the tail of a padded script, and its size
		if why, bad := dangerousScript(script[:maxScan/2], false); bad {
			return why, bad
		}
		if why, bad := dangerousScript(script[len(script)-maxScan/2:], false); bad {
			return why, bad
		}
		return fmt.Sprintf("inline script of %d KB, only its first and last %d KB were read", len(script)>>10, maxScan>>11), true
	}
	lower := strings.ToLower(script)
	download := containsAny(lower, downloadKeys)
	if !download && !containsAny(lower, decodeKeys) && !containsAny(lower, revShellKeys) {
		return "", false // most windows of a padded script: no regexp needs to run
	}
	if download && downloadThenRun(script) {
		return "downloads a file and runs it", true
	}
	switch {
	case encoded:
		return "encoded command", true
	case revShells.MatchString(script):
		return "network shell", true
	case decoders.MatchString(script) && runs(script, lower):
		return "decodes and runs code", true
	case download && downloaders.MatchString(script) && (runs(script, lower) || strings.Contains(script, "://") && strings.Contains(script, "|")):
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
	gemini, codex := progName(command) == "gemini", progName(command) == "codex"
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
		case (l == "--ask-for-approval" || codex && l == "-a") && i+1 < len(args) && strings.EqualFold(args[i+1], "never"):
			return a + " " + args[i+1]
		case l == "--ask-for-approval=never" || codex && l == "-a=never":
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

// downloadOut finds the file a downloader writes: curl -o F / --output F (also in a cluster
// such as -sSLo F), wget -O F / --output-document=F, Invoke-WebRequest -OutFile F, certutil
// -urlcache -f URL F, or a redirection > F after a downloader.
var downloadOut = regexp.MustCompile(`(?i)\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|certutil|bitsadmin)\b[^|;&\n]*?(?:\s-[a-z]*o\s+|\s--output(?:-document)?[=\s]\s*|\s-outfile\s+|\s-urlcache\s+(?:-split\s+)?-f\s+\S+\s+|>\s*)["']?([^\s"';&|<>]+)`)

// fileRunners are the words before a path that run (or make runnable) the file.
var fileRunners = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "python": true,
	"node": true, "perl": true, "ruby": true, "php": true, "source": true, ".": true, "pwsh": true, "powershell": true,
	"-file": true, "-f": true, "iex": true, "start": true, "start-process": true, "call": true, "&": true, "exec": true,
	"msiexec": true, "rundll32": true, "regsvr32": true, "mshta": true, "chmod": true, "+x": true, "755": true,
	"700": true, "777": true, "u+x": true, "a+x": true, "bun": true, "deno": true, "cscript": true, "wscript": true}

// maxAfterDownload bounds the script read after a download for a command that runs the file.
const maxAfterDownload = 4 << 10

// downloadThenRun reports a script that downloads a file and then runs it (curl -o f URL &&
// sh f, iwr URL -OutFile a.ps1; .\a.ps1, wget -O f URL; chmod +x f; f).
func downloadThenRun(script string) bool {
	for _, m := range downloadOut.FindAllStringSubmatchIndex(script, 16) {
		base := baseName(script[m[2]:m[3]])
		if base == "" || base == "-" || strings.HasPrefix(base, "-") {
			continue
		}
		rest := script[m[1]:min(len(script), m[1]+maxAfterDownload)]
		next := strings.IndexAny(rest, ";&|\n")
		if next < 0 {
			continue
		}
		for n, cmd := range strings.FieldsFunc(rest[next:], func(r rune) bool { return r == ';' || r == '&' || r == '|' || r == '\n' }) {
			if n >= 32 {
				break
			}
			words := strings.Fields(cmd)
			for k, w := range words {
				if k >= 16 {
					break
				}
				if baseName(w) != base {
					continue
				}
				if k == 0 || fileRunners[progName(words[k-1])] || fileRunners[strings.ToLower(words[k-1])] {
					return true
				}
			}
		}
	}
	return false
}

// baseName is the last element of a POSIX or Windows path, quotes removed.
func baseName(p string) string {
	p = strings.Trim(p, `"'()`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return p
}
