package pickle

import (
	"strings"
	"unicode"
)

// Verdict is the policy tier of one imported global.
type Verdict int

// Tiers: an allowed global is what ordinary checkpoints import; a dangerous one runs code, touches
// files, processes or the network (or is a gadget that calls arbitrary callables); anything else
// is unknown.
const (
	Unknown Verdict = iota
	Allowed
	Dangerous
	Gadget
)

// Policy decides the tier of a global. The denylist is built in and always wins; users extend
// only the allowlist (Extra), never weaken the denylist.
type Policy struct {
	extraExact  map[string]bool
	extraPrefix []string
}

// NewPolicy returns the built-in policy extended with user allowlist entries. An entry is
// "module.name" for one global or "module.*" for every global under a module.
func NewPolicy(extraAllow []string) *Policy {
	p := &Policy{extraExact: map[string]bool{}}
	for _, e := range extraAllow {
		e = strings.TrimSpace(e)
		if rest, ok := strings.CutSuffix(e, ".*"); ok {
			p.extraPrefix = append(p.extraPrefix, rest+".")
		} else if e != "" {
			p.extraExact[e] = true
		}
	}
	return p
}

// Classify returns the tier of module.name as a loader at the given pickle protocol resolves
// it, and for denied globals the denylist entry that matched (so the evidence can say why).
// Protocols 0-2 are loaded with Python 2 names renamed (StringIO -> io, itertools.imap ->
// builtins.map), so both spellings are judged and the worse verdict wins, except that a
// rename onto an allowed global is trusted at those protocols.
func (p *Policy) Classify(module, name string, protocol int) (Verdict, string) {
	module, name = strings.TrimSpace(module), strings.TrimSpace(name)
	v, entry := p.classify(module, name)
	m2, n2, renamed := py2Rename(module, name)
	if !renamed || protocol >= 3 {
		return v, entry
	}
	v2, entry2 := p.classify(m2, n2)
	if v2 == Allowed && v == Unknown || severity(v2) > severity(v) {
		return v2, entry2
	}
	return v, entry
}

func (p *Policy) classify(module, name string) (Verdict, string) {
	full := module + "." + name
	if v, entry := denied(module, name); v != Unknown {
		return v, entry
	}
	if allowedBuiltin(module, full) || p.userAllowed(full) {
		return Allowed, ""
	}
	return Unknown, ""
}

// severity orders verdicts from harmless to worst.
func severity(v Verdict) int {
	return map[Verdict]int{Allowed: 0, Unknown: 1, Gadget: 2, Dangerous: 3}[v]
}

// py2Rename applies the renames of CPython's _compat_pickle.
func py2Rename(module, name string) (string, string, bool) {
	if r, ok := py2Names[[2]string{module, name}]; ok {
		return r[0], r[1], true
	}
	if m, ok := py2Modules[module]; ok {
		return m, name, true
	}
	return module, name, false
}

func (p *Policy) userAllowed(full string) bool {
	if p.extraExact[full] {
		return true
	}
	for _, pre := range p.extraPrefix {
		if strings.HasPrefix(full, pre) {
			return true
		}
	}
	return false
}

// denied looks for a denied entry anywhere in the dotted path module.name, because modules
// re-export each other: torch.serialization.torch.load is torch.load, random._os.system is
// os.system, enum.bltns.exec is builtins.exec.
func denied(module, name string) (Verdict, string) {
	full := module + "." + name
	for _, pre := range denyCarveOuts {
		if strings.HasPrefix(full, pre) && allowedNames[full] {
			return Unknown, ""
		}
	}
	parts := strings.Split(full, ".")
	if v, entry := deniedRun(parts); v != Unknown {
		return v, entry
	}
	for i, c := range parts {
		if componentModules[strings.TrimLeft(c, "_")] || (i > 0 && builtinModules[c]) {
			return Dangerous, c
		}
		if builtinModules[c] && i+1 < len(parts) && builtinEscapes[parts[i+1]] {
			return Dangerous, c + "." + parts[i+1]
		}
	}
	if module == "pathlib" && strings.Contains(name, ".") {
		return Dangerous, "pathlib methods" // constructing a path is fine; its methods touch files
	}
	return Unknown, ""
}

// deniedRun matches every contiguous run of components against the lists. A single component
// in the middle of a path only counts for the unambiguous modules (componentModules, checked by
// the caller): "test" or "code" deep inside a package name is just a name.
func deniedRun(parts []string) (Verdict, string) {
	for i := range parts {
		for j := len(parts); j > i; j-- {
			if i > 0 && j-i == 1 {
				continue
			}
			run := strings.Join(parts[i:j], ".")
			switch {
			case gadgetNames[run]:
				return Gadget, run
			case dangerousNames[run] || dangerousModules[run]:
				return Dangerous, run
			}
		}
	}
	return Unknown, ""
}

func allowedBuiltin(module, full string) bool {
	if allowedNames[full] {
		return true
	}
	if builtinModules[module] {
		return pureBuiltins[strings.TrimPrefix(full, module+".")]
	}
	for _, pre := range allowedModulePrefixes {
		if strings.HasPrefix(full, pre) {
			return true
		}
	}
	// Framework classes: checkpoints of these libraries pickle estimator, config and layer
	// classes by the dozen. A class is a capitalised, undotted name; functions of the same
	// modules stay unknown, and the denylist above has already been consulted.
	if strings.Contains(full[len(module)+1:], ".") || !isClassName(full) {
		return cythonUnpickle(module, full)
	}
	return inFramework(module)
}

// inFramework reports whether module is one of classFrameworks or below one.
func inFramework(module string) bool {
	for _, pre := range classFrameworks {
		if module == pre || strings.HasPrefix(module, pre+".") {
			return true
		}
	}
	return false
}

// isClassName reports whether the last dotted component of a global is capitalised, the
// Python convention for classes; leading underscores are ignored (private classes such as
// _BinMapper are classes too).
func isClassName(full string) bool {
	n := strings.TrimLeft(name(full), "_")
	return n != "" && unicode.IsUpper(rune(n[0]))
}

// cythonUnpickle accepts the __pyx_unpickle_<Class> helpers Cython generates for extension
// types of the class frameworks: they rebuild one object of their own class from its state.
func cythonUnpickle(module, full string) bool {
	return strings.HasPrefix(name(full), "__pyx_unpickle_") && inFramework(module)
}

// name returns the last dotted component.
func name(full string) string { return full[strings.LastIndexByte(full, '.')+1:] }
