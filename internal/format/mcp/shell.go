package mcp

import "strings"

// Budgets of a shell script read for launchers.
const (
	maxScriptBytes   = 64 << 10
	maxShellCommands = 64
	maxShellWords    = 64
)

// shellLaunch reads the script of "sh -c SCRIPT" (args are the shell's arguments): every
// command of the script (split at ;, &&, ||, |, & and line breaks) is read as a launcher.
// The first command that fetches a package gives the Package and the other fetching ones
// its Extra; a script that fetches nothing gives its first local launch; nil when the script
// launches nothing this package knows. Arg is -1: the package is inside the script.
func shellLaunch(args []string, depth int) *Package {
	script, ok := shellScript(args)
	if !ok {
		return nil
	}
	var pkgs []*Package
	for _, words := range shellCommands(script) {
		for len(words) > 0 && isAssignment(words[0]) { // NAME=value npx …
			words = words[1:]
		}
		if len(words) == 0 || !knownRunner(runnerName(words[0])) {
			continue
		}
		if p := launcher(words[0], words[1:], depth); p != nil {
			p.Arg = -1
			for i := range p.Extra {
				p.Extra[i].Arg = -1
			}
			pkgs = append(pkgs, p)
		}
	}
	return gather(pkgs)
}

// shellScript returns the script given after -c (or a cluster such as -lc, -ec); arguments
// after it are joined to it, for command lines that were split at spaces.
func shellScript(args []string) (string, bool) {
	for i, a := range args {
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		if !strings.ContainsRune(a[1:], 'c') || i+1 >= len(args) {
			continue
		}
		script := strings.Join(args[i+1:], " ")
		if len(script) > maxScriptBytes {
			script = script[:maxScriptBytes]
		}
		if n := len(script); n >= 2 && (script[0] == '"' || script[0] == '\'') && script[n-1] == script[0] {
			script = script[1 : n-1]
		}
		return script, true
	}
	return "", false
}

// shellCommands splits a POSIX shell script into simple commands and their words. Quotes
// and backslashes are honoured; expansions, redirections and subshell parentheses are not
// interpreted (parentheses and backquotes separate commands). Bounded by maxShellCommands
// and maxShellWords.
func shellCommands(script string) [][]string {
	var (
		cmds   [][]string
		words  []string
		cur    strings.Builder
		inWord bool
		quote  byte
	)
	endWord := func() {
		if inWord && len(words) < maxShellWords {
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord = false
	}
	endCommand := func() {
		endWord()
		if len(words) > 0 && len(cmds) < maxShellCommands {
			cmds = append(cmds, words)
		}
		words = nil
	}
	for i := 0; i < len(script) && len(cmds) < maxShellCommands; i++ {
		c := script[i]
		switch {
		case quote != 0:
			switch {
			case c == quote:
				quote = 0
			case c == '\\' && quote == '"' && i+1 < len(script):
				i++
				cur.WriteByte(script[i])
			default:
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == '\\' && i+1 < len(script):
			i++
			if script[i] != '\n' {
				cur.WriteByte(script[i])
				inWord = true
			}
		case c == ' ' || c == '\t':
			endWord()
		case c == ';' || c == '&' || c == '|' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '`':
			endCommand()
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	endCommand()
	return cmds
}

// isAssignment reports a NAME=value word before a command.
func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
