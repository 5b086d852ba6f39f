package mcp

import "strings"

// npx reads npx/bunx/pnpx arguments from index start: -p/--package names the package
// (the first positional is then the binary; a second -p is in Extra), else the first
// positional is the spec.
func (l launch) npx(runner string, start int) *Package {
	var pkgs []*Package
	pos := positional(l.args, start, npxValued, func(flag, value string, i int) {
		if (flag == "-p" || flag == "--package") && value != "" && len(pkgs) <= MaxExtra {
			pkgs = append(pkgs, npmPackage(runner, value, l.arg(i)))
		}
	})
	if len(pkgs) > 0 {
		return gather(pkgs)
	}
	if pos < 0 {
		return nil
	}
	spec := l.args[pos]
	if tsRunners[spec] { // npx tsx server.ts: local code through a TypeScript runner
		if p := positional(l.args, pos+1, nodeValued, noFlags); p >= 0 && isScript(l.args[p]) {
			return &Package{Runner: runner + " " + spec, Name: l.args[p], Local: true, Arg: l.arg(p)}
		}
	}
	return npmPackage(runner, spec, l.arg(pos))
}

// gather returns the first package that is fetched (the first of pkgs when none is) with the
// other fetched packages as its Extra, at most MaxExtra. nil entries are skipped.
func gather(pkgs []*Package) *Package {
	var first *Package
	for _, p := range pkgs {
		if p != nil && !p.Local && p.Ecosystem != "" {
			first = p
			break
		}
	}
	if first == nil {
		for _, p := range pkgs {
			if p != nil {
				first = p
				break
			}
		}
	}
	if first == nil {
		return nil
	}
	for _, p := range pkgs {
		if p == nil || p == first {
			continue
		}
		for _, q := range append([]Package{*p}, p.Extra...) {
			if !q.Local && q.Ecosystem != "" && len(first.Extra) < MaxExtra {
				q.Extra = nil
				first.Extra = append(first.Extra, q)
			}
		}
	}
	return first
}

// positionals returns the indexes of the arguments from start that are not flags or flag
// values (everything after "--" is one), at most MaxExtra+1.
func positionals(args []string, start int, valued func(string) bool, seen func(flag, value string, at int)) []int {
	var out []int
	for i := start; i < len(args) && len(out) <= MaxExtra; {
		p := positional(args, i, valued, seen)
		if p < 0 {
			break
		}
		out = append(out, p)
		if p-1 >= i && args[p-1] == "--" {
			for q := p + 1; q < len(args) && len(out) <= MaxExtra; q++ {
				out = append(out, q)
			}
			break
		}
		i = p + 1
	}
	return out
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
	case runner == "npm" && (sub == "install" || sub == "i" || sub == "add" || sub == "in"),
		(runner == "pnpm" || runner == "bun") && (sub == "add" || sub == "install" || sub == "i"):
		return l.npmInstall(runner+" "+sub, pos+1)
	case runner == "yarn" && sub == "global" && pos+1 < len(l.args) && l.args[pos+1] == "add":
		return l.npmInstall("yarn global add", pos+2)
	case runner == "bun" && sub == "run":
		if p := positional(l.args, pos+1, nodeValued, noFlags); p >= 0 {
			return &Package{Runner: "bun", Name: l.args[p], Local: true, Arg: l.arg(p)}
		}
	case runner == "bun" && isLocalPath(sub) || runner == "bun" && strings.Contains(sub, "."):
		return &Package{Runner: "bun", Name: sub, Local: true, Arg: l.arg(pos)}
	}
	return nil
}

// npmInstall reads the package specs of "npm install a b@1": each is fetched from the
// registry. Without a spec (an install from package.json) it returns nil.
func (l launch) npmInstall(runner string, start int) *Package {
	var pkgs []*Package
	for _, p := range positionals(l.args, start, npxValued, noFlags) {
		pkgs = append(pkgs, npmPackage(runner, l.args[p], l.arg(p)))
	}
	return gather(pkgs)
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
// first positional is the spec. --with packages are in Extra.
func (l launch) uvx(runner string, start int) *Package {
	spec, at := "", -1
	var with []*Package
	pos := positional(l.args, start, uvxValued, func(flag, value string, i int) {
		switch {
		case flag == "--from" && spec == "" && value != "":
			spec, at = value, i
		case (flag == "--with" || flag == "--with-editable") && value != "" && len(with) < MaxExtra:
			with = append(with, pypiPackage(runner+" --with", value, l.arg(i)))
		}
	})
	if spec == "" && pos >= 0 {
		spec, at = l.args[pos], pos
	}
	if spec == "" {
		return nil
	}
	return gather(append([]*Package{pypiPackage(runner, spec, l.arg(at))}, with...))
}

// uv reads "uv tool run …" (a PyPI package), "uv run …" (local code, with --with packages
// in Extra) and "uv pip install …".
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
	case "pip":
		return l.pip("uv pip", pos+1)
	case "run":
		var with []Package
		p := positional(l.args, pos+1, uvxValued, func(flag, value string, i int) {
			if (flag == "--with" || flag == "--with-editable") && value != "" && len(with) < MaxExtra {
				if w := pypiPackage("uv run --with", value, l.arg(i)); !w.Local {
					with = append(with, *w)
				}
			}
		})
		if p >= 0 {
			return &Package{Runner: "uv", Name: l.args[p], Local: true, Arg: l.arg(p), Extra: with}
		}
	}
	return nil
}

// pip reads "pip install [options] requirement…" from start (also python -m pip and uv
// pip): every requirement is a PyPI package, the first the Package and the others Extra.
// Requirement files (-r) are not read; an editable local path is local code.
func (l launch) pip(runner string, start int) *Package {
	pos := positional(l.args, start, pipValued, noFlags)
	if pos < 0 || l.args[pos] != "install" {
		return nil
	}
	runner += " install"
	var pkgs []*Package
	seen := func(flag, value string, i int) {
		if (flag == "-e" || flag == "--editable") && value != "" && len(pkgs) <= MaxExtra {
			pkgs = append(pkgs, pypiPackage(runner, value, l.arg(i)))
		}
	}
	valued := func(f string) bool { return f == "-e" || f == "--editable" || pipValued(f) }
	for _, p := range positionals(l.args, pos+1, valued, seen) {
		pkgs = append(pkgs, pypiPackage(runner, l.args[p], l.arg(p)))
	}
	return gather(pkgs)
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
	case module == "pip":
		sub := launch{cmd: "pip", args: l.args[at+1:], base: shifted(l.base, at+1)}
		if l.base < 0 {
			sub.base = -1
		}
		return sub.pip("python -m pip", 0)
	case module != "":
		return &Package{Runner: "python", Name: module, Local: true, Arg: l.arg(at)}
	case inline || pos < 0:
		return nil
	}
	return &Package{Runner: "python", Name: l.args[pos], Local: true, Arg: l.arg(pos)}
}
