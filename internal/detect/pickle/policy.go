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

// Classify returns the tier of module.name and, for dangerous globals, the denylist entry that
// matched (so the evidence can say why).
func (p *Policy) Classify(module, name string) (Verdict, string) {
	full := module + "." + name
	if v, entry := denied(module, full); v != Unknown {
		return v, entry
	}
	if allowedBuiltin(module, full) || p.userAllowed(full) {
		return Allowed, ""
	}
	return Unknown, ""
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

// denied checks every dotted prefix of the full name against the denylists, and every single
// component against the modules whose mere presence in a path means code execution (so that
// "pkg.os.system" or a submodule of a denied package cannot slip through).
func denied(module, full string) (Verdict, string) {
	for _, pre := range denyCarveOuts {
		if strings.HasPrefix(full, pre) && allowedNames[full] {
			return Unknown, ""
		}
	}
	parts := strings.Split(full, ".")
	for i := len(parts); i >= 1; i-- {
		prefix := strings.Join(parts[:i], ".")
		if gadgetNames[prefix] {
			return Gadget, prefix
		}
		if dangerousNames[prefix] || dangerousModules[prefix] {
			return Dangerous, prefix
		}
	}
	for i, c := range parts {
		if componentModules[c] || (i > 0 && builtinModules[c]) {
			return Dangerous, c
		}
	}
	if builtinModules[module] && builtinEscapes[name(full)] {
		return Dangerous, module + "." + name(full)
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
	n := name(full)
	if strings.Contains(full[len(module)+1:], ".") || n == "" || !unicode.IsUpper(rune(n[0])) {
		return false
	}
	for _, pre := range classFrameworks {
		if module == pre || strings.HasPrefix(module, pre+".") {
			return true
		}
	}
	return false
}

// name returns the last dotted component.
func name(full string) string { return full[strings.LastIndexByte(full, '.')+1:] }
