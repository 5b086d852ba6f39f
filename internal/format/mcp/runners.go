package mcp

import "strings"

// npx reads npx/bunx/pnpx arguments from index start: -p/--package names the package
// (the first positional is then the binary), else the first positional is the spec.
func (l launch) npx(runner string, start int) *Package {
	spec, at := "", -1
	pos := positional(l.args, start, npxValued, func(flag, value string, i int) {
		if (flag == "-p" || flag == "--package") && spec == "" && value != "" {
			spec, at = value, i
		}
	})
	if spec == "" && pos >= 0 {
		spec, at = l.args[pos], pos
		if tsRunners[spec] { // npx tsx server.ts: local code through a TypeScript runner
			if p := positional(l.args, pos+1, nodeValued, noFlags); p >= 0 && isScript(l.args[p]) {
				return &Package{Runner: runner + " " + spec, Name: l.args[p], Local: true, Arg: l.arg(p)}
			}
		}
	}
	if spec == "" {
		return nil
	}
	return npmPackage(runner, spec, l.arg(at))
}

// tsRunners run a local script given after them.
var tsRunners = map[string]bool{"tsx": true, "ts-node": true, "node": true, "vite-node": true, "jiti": true, "esno": true, "bun": true}

// isScript reports a path or a file name with a script extension.
func isScript(s string) bool {
	if isLocalPath(s) {
		return true
	}
	for _, ext := range [...]string{".ts", ".mts", ".cts", ".js", ".mjs", ".cjs", ".tsx"} {
		if strings.HasSuffix(s, ext) {
			return true
		}
	}
	return false
}

// subcommand reads "pnpm dlx", "yarn dlx", "npm exec"/"npm x" and "bun x"; "bun run" and
// "bun <file>" run local code.
func (l launch) subcommand(runner string) *Package {
	pos := positional(l.args, 0, npxValued, noFlags)
	if pos < 0 {
		return nil
	}
	switch sub := l.args[pos]; {
	case sub == "dlx" && (runner == "pnpm" || runner == "yarn"),
		(sub == "exec" || sub == "x") && runner == "npm",
		sub == "x" && runner == "bun":
		return l.npx(runner+" "+sub, pos+1)
	case runner == "bun" && sub == "run":
		if p := positional(l.args, pos+1, nodeValued, noFlags); p >= 0 {
			return &Package{Runner: "bun", Name: l.args[p], Local: true, Arg: l.arg(p)}
		}
	case runner == "bun" && isLocalPath(sub) || runner == "bun" && strings.Contains(sub, "."):
		return &Package{Runner: "bun", Name: sub, Local: true, Arg: l.arg(pos)}
	}
	return nil
}

// deno reads "deno run [flags] spec": npm: and jsr: specifiers are packages, URLs remote
// code, anything else a local script.
func (l launch) deno() *Package {
	pos := positional(l.args, 0, denoValued, noFlags)
	if pos < 0 || l.args[pos] != "run" {
		return nil
	}
	pos = positional(l.args, pos+1, denoValued, noFlags)
	if pos < 0 {
		return nil
	}
	spec, at := l.args[pos], l.arg(pos)
	switch {
	case strings.HasPrefix(spec, "npm:"):
		p := npmPackage("deno", strings.TrimPrefix(spec, "npm:"), at)
		return p
	case strings.HasPrefix(spec, "jsr:"):
		name, version := npmSpec(strings.TrimPrefix(spec, "jsr:"))
		return &Package{Runner: "deno", Ecosystem: "JSR", Name: name, Version: version, Pinned: npmExact(version), Arg: at}
	case strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "http://"):
		return &Package{Runner: "deno", Ecosystem: "URL", Name: spec, Arg: at}
	}
	return &Package{Runner: "deno", Name: spec, Local: true, Arg: at}
}

// uvx reads uvx / "uv tool run" arguments from start: --from names the package, else the
// first positional is the spec.
func (l launch) uvx(runner string, start int) *Package {
	spec, at := "", -1
	pos := positional(l.args, start, uvxValued, func(flag, value string, i int) {
		if flag == "--from" && spec == "" && value != "" {
			spec, at = value, i
		}
	})
	if spec == "" && pos >= 0 {
		spec, at = l.args[pos], pos
	}
	if spec == "" {
		return nil
	}
	return pypiPackage(runner, spec, l.arg(at))
}

// uv reads "uv tool run …" (a PyPI package) and "uv run …" (local code).
func (l launch) uv() *Package {
	pos := positional(l.args, 0, uvValued, noFlags)
	if pos < 0 {
		return nil
	}
	switch l.args[pos] {
	case "tool":
		if pos+1 < len(l.args) && l.args[pos+1] == "run" {
			return l.uvx("uv tool run", pos+2)
		}
	case "run":
		if p := positional(l.args, pos+1, uvxValued, noFlags); p >= 0 {
			return &Package{Runner: "uv", Name: l.args[p], Local: true, Arg: l.arg(p)}
		}
	}
	return nil
}

// pipx reads "pipx run [--spec SPEC] app".
func (l launch) pipx() *Package {
	pos := positional(l.args, 0, pipxValued, noFlags)
	if pos < 0 || l.args[pos] != "run" {
		return nil
	}
	spec, at := "", -1
	pos = positional(l.args, pos+1, pipxValued, func(flag, value string, i int) {
		if flag == "--spec" && spec == "" && value != "" {
			spec, at = value, i
		}
	})
	if spec == "" && pos >= 0 {
		spec, at = l.args[pos], pos
	}
	if spec == "" {
		return nil
	}
	return pypiPackage("pipx", spec, l.arg(at))
}

// script reads "node [flags] file": local code. Inline code (-e, -p) is not a package.
func (l launch) script(runner string, valued func(string) bool) *Package {
	inline := false
	pos := positional(l.args, 0, valued, func(flag, _ string, _ int) {
		switch flag {
		case "-e", "--eval", "-p", "--print", "-c":
			inline = true
		}
	})
	if inline || pos < 0 {
		return nil
	}
	return &Package{Runner: runner, Name: l.args[pos], Local: true, Arg: l.arg(pos)}
}

// python reads "python -m module" and "python file.py": local code.
func (l launch) python() *Package {
	module, at := "", -1
	inline := false
	pos := positional(l.args, 0, func(f string) bool { return f == "-m" || pythonValued(f) }, func(flag, value string, i int) {
		switch {
		case flag == "-m" && module == "":
			module, at = value, i
		case flag == "-c":
			inline = true
		}
	})
	switch {
	case module != "":
		return &Package{Runner: "python", Name: module, Local: true, Arg: l.arg(at)}
	case inline || pos < 0:
		return nil
	}
	return &Package{Runner: "python", Name: l.args[pos], Local: true, Arg: l.arg(pos)}
}
