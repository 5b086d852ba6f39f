package deps

import "strings"

// KindOf recognises a manifest by its slash-separated path: requirements.txt,
// requirements-dev.txt, requirements/*.txt, *requirements*.txt (and the pip-tools *.in
// sources), constraints.txt, pyproject.toml, poetry.lock, uv.lock, Pipfile, Pipfile.lock,
// package.json (NodeModule when it is node_modules/<pkg>/package.json or
// node_modules/@scope/<pkg>/package.json), package-lock.json, npm-shrinkwrap.json,
// node_modules/.package-lock.json, yarn.lock, pnpm-lock.yaml, go.mod, pom.xml,
// <name>.dist-info/METADATA and <name>.egg-info/PKG-INFO.
func KindOf(path string) (Kind, bool) {
	dir, base := "", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, base = path[:i], path[i+1:]
	}
	parent := dir[strings.LastIndexByte(dir, '/')+1:]
	switch base {
	case "pyproject.toml":
		return Pyproject, true
	case "poetry.lock":
		return PoetryLock, true
	case "uv.lock":
		return UVLock, true
	case "Pipfile":
		return Pipfile, true
	case "Pipfile.lock":
		return PipfileLock, true
	case "package.json":
		if isNodeModuleDir(dir) {
			return NodeModule, true
		}
		return PackageJSON, true
	case "package-lock.json", "npm-shrinkwrap.json":
		return PackageLock, true
	case ".package-lock.json":
		if parent == "node_modules" {
			return PackageLock, true
		}
	case "yarn.lock":
		return YarnLock, true
	case "pnpm-lock.yaml":
		return PnpmLock, true
	case "go.mod":
		return GoMod, true
	case "pom.xml":
		return PomXML, true
	case "constraints.txt":
		return Requirements, true
	case "METADATA":
		if strings.HasSuffix(parent, ".dist-info") && len(parent) > len(".dist-info") {
			return DistInfo, true
		}
	case "PKG-INFO":
		if strings.HasSuffix(parent, ".egg-info") && len(parent) > len(".egg-info") {
			return DistInfo, true
		}
	}
	if isRequirementsName(base, parent) {
		return Requirements, true
	}
	return "", false
}

// isRequirementsName matches requirements*.txt style names and any .txt in a requirements/
// folder.
func isRequirementsName(base, parent string) bool {
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, ".txt") && (parent == "requirements" || strings.Contains(lower, "requirements")) {
		return true
	}
	return strings.HasSuffix(lower, ".in") && strings.Contains(lower, "requirements")
}

// isNodeModuleDir reports whether dir is node_modules/<pkg> or node_modules/@scope/<pkg>.
func isNodeModuleDir(dir string) bool {
	parts := strings.Split(dir, "/")
	n := len(parts)
	if n >= 2 && parts[n-2] == "node_modules" && validNodeName(parts[n-1]) && !strings.HasPrefix(parts[n-1], "@") {
		return true
	}
	return n >= 3 && parts[n-3] == "node_modules" && strings.HasPrefix(parts[n-2], "@") && len(parts[n-2]) > 1 && validNodeName(parts[n-1])
}

func validNodeName(s string) bool {
	return s != "" && s != "." && s != ".." && s[0] != '.'
}
