package mcp

import "strings"

// Launcher reports what a stdio command runs: a package fetched by npx, bunx, pnpm dlx,
// yarn dlx, npm exec, deno (npm:/jsr: specifiers), uvx, uv tool run, pipx run, pip install or
// npm install, or a docker/podman/nerdctl image; or local code run by node, bun, python or uv
// run. Windows "cmd /c", "env NAME=value", wsl, sudo, nohup, nice and timeout prefixes and a
// whole command line written into command are looked through, and so is the script of
// "sh -c …" (bash, zsh…): its commands are read one by one (see Package.Extra). It returns
// nil for anything else (a binary on the PATH, a shell script that launches nothing known).
func Launcher(command string, args []string) *Package {
	return launcher(command, args, 0)
}

// maxShellDepth bounds shells started by shells (sh -c "bash -c '…'").
const maxShellDepth = 3

func launcher(command string, args []string, depth int) *Package {
	l := unwrap(command, args)
	var p *Package
	switch runnerName(l.cmd) {
	case "npx":
		p = l.npx("npx", 0)
	case "bunx":
		p = l.npx("bunx", 0)
	case "pnpx":
		p = l.npx("pnpx", 0)
	case "pnpm", "yarn", "npm", "bun":
		p = l.subcommand(runnerName(l.cmd))
	case "deno":
		p = l.deno()
	case "uvx":
		p = l.uvx("uvx", 0)
	case "uv":
		p = l.uv()
	case "pipx":
		p = l.pipx()
	case "docker", "podman", "nerdctl":
		p = l.docker(runnerName(l.cmd))
	case "node", "nodejs", "tsx", "ts-node":
		p = l.script(runnerName(l.cmd), nodeValued)
	case "python", "py":
		p = l.python()
	case "pip":
		p = l.pip("pip", 0)
	case "sh", "bash", "zsh", "dash", "ksh", "ash":
		if depth < maxShellDepth {
			p = shellLaunch(l.args, depth+1)
		}
	}
	return p
}

// launch is a command with its arguments after wrappers were removed.
type launch struct {
	cmd  string
	args []string
	base int // args[i] is Server.Args[i+base]; -1 when the arguments came from the command string
}

// arg returns the Server.Args index of args[i], -1 when unknown.
func (l launch) arg(i int) int {
	if l.base < 0 || i < 0 {
		return -1
	}
	return i + l.base
}

// unwrap removes "cmd /c", "env A=B" and a command line written whole into command.
func unwrap(command string, args []string) launch {
	l := launch{cmd: strings.TrimSpace(command), args: args}
	if f := strings.Fields(l.cmd); len(f) > 1 && knownRunner(runnerName(f[0])) {
		l = launch{cmd: f[0], args: append(f[1:len(f):len(f)], args...), base: -1}
	}
	for range 6 {
		if next, ok := unwrapPrefix(l); ok {
			l = next
			continue
		}
		switch runnerName(l.cmd) {
		case "cmd":
			if len(l.args) < 2 || !strings.EqualFold(l.args[0], "/c") && !strings.EqualFold(l.args[0], "/k") {
				return l
			}
			rest := l.args[1:]
			if f := strings.Fields(rest[0]); len(rest) == 1 && len(f) > 1 {
				l = launch{cmd: f[0], args: f[1:], base: -1}
				continue
			}
			l = launch{cmd: rest[0], args: rest[1:], base: shifted(l.base, 2)}
		case "env":
			i := 0
			for i < len(l.args) && (strings.HasPrefix(l.args[i], "-") || strings.Contains(l.args[i], "=")) {
				i++
			}
			if i >= len(l.args) {
				return l
			}
			l = launch{cmd: l.args[i], args: l.args[i+1:], base: shifted(l.base, i+1)}
		default:
			return l
		}
	}
	return l
}

func shifted(base, by int) int {
	if base < 0 {
		return -1
	}
	return base + by
}

// prefixValued lists, per program that runs the rest of its command line (wsl, sudo…), the
// options that take a value; timeout also takes a duration before the command.
var prefixValued = map[string]func(string) bool{
	"wsl":     setOf("-d", "--distribution", "-u", "--user", "--cd", "--distribution-id"),
	"sudo":    setOf("-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T", "--command-timeout"),
	"doas":    setOf("-u", "-C"),
	"nohup":   setOf(),
	"nice":    setOf("-n", "--adjustment"),
	"timeout": setOf("-s", "--signal", "-k", "--kill-after"),
	"stdbuf":  setOf("-i", "-o", "-e"),
	"exec":    setOf("-a"),
	"command": setOf(),
	"time":    setOf("-f", "--format", "-o", "--output"),
}

// unwrapPrefix removes one program that runs the rest of its command line.
func unwrapPrefix(l launch) (launch, bool) {
	name := runnerName(l.cmd)
	valued, ok := prefixValued[name]
	if !ok {
		return l, false
	}
	pos := positional(l.args, 0, valued, noFlags)
	if name == "wsl" { // wsl -e cmd / wsl --exec cmd / wsl -- cmd
		for i, a := range l.args {
			if a == "-e" || a == "--exec" {
				pos = i + 1
				break
			}
			if i == pos {
				break
			}
		}
	}
	if name == "timeout" && pos >= 0 {
		pos++
	}
	if pos < 0 || pos >= len(l.args) {
		return l, false
	}
	return launch{cmd: l.args[pos], args: l.args[pos+1:], base: shifted(l.base, pos+1)}, true
}

// runnerName is the lower-case base name of a program without a Windows extension or a
// Python version suffix: C:\tools\NPX.CMD is npx, /usr/bin/python3.12 is python.
func runnerName(cmd string) string {
	if i := strings.LastIndexAny(cmd, `/\`); i >= 0 {
		cmd = cmd[i+1:]
	}
	cmd = strings.ToLower(cmd)
	for _, ext := range [...]string{".exe", ".cmd", ".bat", ".ps1"} {
		cmd = strings.TrimSuffix(cmd, ext)
	}
	for _, versioned := range [...]string{"python", "pip"} {
		if strings.HasPrefix(cmd, versioned) && strings.Trim(cmd[len(versioned):], "0123456789.") == "" {
			return versioned
		}
	}
	return cmd
}

func knownRunner(name string) bool {
	switch name {
	case "npx", "bunx", "pnpx", "pnpm", "yarn", "npm", "bun", "deno", "uvx", "uv", "pipx",
		"docker", "podman", "nerdctl", "node", "nodejs", "tsx", "ts-node", "python", "py", "cmd", "env", "pip",
		"sh", "bash", "zsh", "dash", "ksh", "ash":
		return true
	}
	_, prefix := prefixValued[name]
	return prefix
}

// positional returns the index of the first argument from start that is not a flag or a
// flag's value; valued says which flags take the next argument. seen is called for every
// flag with its value ("" for switches) and the index holding the value.
func positional(args []string, start int, valued func(string) bool, seen func(flag, value string, at int)) int {
	for i := start; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			if i+1 < len(args) {
				return i + 1
			}
			return -1
		case len(a) < 2 || a[0] != '-':
			return i
		}
		name, value, hasValue := strings.Cut(a, "=")
		switch {
		case hasValue && strings.HasPrefix(a, "--"):
			seen(name, value, i)
		case valued(name) && i+1 < len(args):
			seen(name, args[i+1], i+1)
			i++
		default:
			seen(name, "", i)
		}
	}
	return -1
}

func noFlags(string, string, int) {}

func setOf(flags ...string) func(string) bool {
	m := make(map[string]bool, len(flags))
	for _, f := range flags {
		m[f] = true
	}
	return func(f string) bool { return m[f] }
}

var (
	npxValued = setOf("-p", "--package", "--registry", "--cache", "--userconfig", "-c", "--call",
		"--node-options", "--prefix", "-w", "--workspace", "--loglevel", "--shell")
	uvxValued = setOf("--from", "--with", "--with-editable", "--with-requirements", "--python", "-p",
		"--index", "--index-url", "-i", "--extra-index-url", "--default-index", "--find-links", "-f",
		"--directory", "--project", "--cache-dir", "--config-file", "--env-file", "--python-preference",
		"--color", "--keyring-provider", "--index-strategy", "--resolution", "--prerelease",
		"--exclude-newer", "--constraints", "-c", "--overrides", "--build-constraints", "-b",
		"--allow-insecure-host", "--refresh-package", "--reinstall-package", "--upgrade-package", "-P")
	uvValued  = setOf("--directory", "--project", "--cache-dir", "--config-file", "--python", "-p", "--color", "--env-file")
	pipValued = setOf("-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url",
		"-f", "--find-links", "-t", "--target", "--prefix", "--root", "--upgrade-strategy", "--python-version",
		"--platform", "--implementation", "--abi", "--src", "--trusted-host", "--proxy", "--timeout", "--retries",
		"--cache-dir", "--log", "--no-binary", "--only-binary", "--progress-bar", "--report", "--python", "-p")
	pipxValued = setOf("--spec", "--python", "--pip-args", "--index-url", "-i", "--backend", "--fetch-missing-python")
	nodeValued = setOf("-r", "--require", "--import", "--loader", "--experimental-loader", "-C", "--conditions",
		"--inspect-port", "--title", "--env-file", "--input-type")
	pythonValued = setOf("-W", "-X", "-Q")
	denoValued   = setOf("-c", "--config", "--import-map", "--lock", "--cert", "--location", "--seed", "-L", "--log-level")
)
