package pycode

import (
	"fmt"
	"strings"
)

// maxPending bounds the positions kept for file-wide combinations.
const maxPending = 64

// pending is a position remembered for the end-of-file pass.
type pending struct {
	at     int
	shadow string
}

// call evaluates a closed call: it reports what the callee does given its arguments and
// returns the value the call expression resolves to (a module for __import__("os"), an
// attribute for getattr(os, "system")) plus flags for the enclosing expression.
func (a *analyzer) call(f *frame) (string, flags) {
	name := Canonical(f.callee)
	shadow := ""
	if f.saved.builtin {
		shadow = f.saved.bare
	}
	res, out := a.classified(f, name, shadow)
	switch name {
	case "sys.modules.get", "sys.modules.__getitem__":
		if m, ok := f.args[0].literal(); ok {
			res = m
		}
	case "os.dup2":
		if len(a.file.dup2) < maxPending {
			a.file.dup2 = append(a.file.dup2, f.start)
		}
	}
	if f.kw.trustRemote == "True" {
		a.hit(RuleUnsafeLoad, "trust_remote_code", "calls "+name+" with trust_remote_code=True (loads more remote code)", f.start, "")
	}
	if res == "" {
		res = f.callee + "()"
	}
	return res, out
}

// classified reports the call according to the category of its callee.
func (a *analyzer) classified(f *frame, name, shadow string) (string, flags) {
	var out flags
	switch cat := Classify(name); cat {
	case Process:
		a.hit(RuleProcess, name, "calls "+nameMark, f.start, shadow)
	case Exec:
		a.execCall(f, name, shadow)
	case Import:
		if mod, ok := f.args[0].literal(); ok {
			return strings.TrimSpace(mod), 0
		}
		a.hit(RuleDynamic, name, nameMark+" with a name computed at run time", f.start, shadow)
	case Loader:
		a.hit(RuleDynamic, name, "calls "+nameMark, f.start, shadow)
	case DeserBytes:
		out |= fDecode
		if f.flags&(fDecode|fChr|fNet) != 0 {
			a.hit(RuleDecodedExec, name, nameMark+" of decoded or downloaded data", f.start, shadow)
		} else {
			a.hit(RuleDynamic, name, "calls "+nameMark, f.start, shadow)
		}
	case DeserFile:
		a.hit(RuleUnsafeLoad, name, "calls "+nameMark, f.start, shadow)
	case YAMLLoad:
		a.yamlLoad(f, name)
	case NumpyLoad:
		if f.kw.allowPickle == "True" {
			a.hit(RuleUnsafeLoad, name+"(allow_pickle=True)", "calls numpy.load with allow_pickle=True", f.start, "")
		}
	case TorchLoad:
		a.torchLoad(f, name)
	case Network, Socket:
		out |= fNet
		a.network(f, name, cat)
	case Decoder:
		out |= a.decoder(f, name)
	case Env:
		out |= fEnv
		switch lastPart(name) {
		case "copy", "items", "keys", "values":
			out |= fEnvDump
			a.envDump(f.start)
		}
	case Indirect:
		return a.indirect(f, name, shadow), out
	}
	return "", out
}

// execCall handles exec, eval, compile and execfile. A literal argument is code written in
// the file: it is analysed as Python in turn. A computed one is dynamic execution, and worse
// when it comes from a decoder or the network.
func (a *analyzer) execCall(f *frame, name, shadow string) {
	if code, ok := f.args[0].literal(); ok {
		if f.saved.tricky {
			a.hit(RuleDynamic, name, nameMark+" reached through a name lookup", f.start, "")
		}
		a.nested(code, f.start, name)
		return
	}
	if f.flags&(fDecode|fChr|fNet) != 0 {
		a.hit(RuleDecodedExec, name, nameMark+" runs decoded or downloaded data", f.start, shadow)
		return
	}
	a.hit(RuleDynamic, name, nameMark+" of a value computed at run time", f.start, shadow)
	if len(a.file.execPending) < maxPending {
		a.file.execPending = append(a.file.execPending, pending{f.start, shadow})
	}
}

// nested analyses the code string passed to exec/eval/compile as source of its own, sharing
// the file's imports, and reports its hits at the call.
func (a *analyzer) nested(code string, at int, name string) {
	if a.nest >= maxNested || *a.runs <= 0 {
		a.hit(RuleDynamic, name, nameMark+" of literal code nested too deep or too often to analyse", at, "")
		return
	}
	*a.runs--
	sub := newAnalyzer(code, a.nest+1, a.aliases, a.runs)
	sub.stars = a.stars
	sub.run()
	for _, h := range sub.result() {
		a.hit(h.Rule, h.Name, "in code passed to "+name+": "+h.What, at, "")
	}
	a.file.net = mergeAt(a.file.net, sub.file.net, at)
	a.file.decode = mergeAt(a.file.decode, sub.file.decode, at)
	a.file.envDump = mergeAt(a.file.envDump, sub.file.envDump, at)
	a.file.cred = mergeAt(a.file.cred, sub.file.cred, at)
	a.file.socket = mergeAt(a.file.socket, sub.file.socket, at)
}

func mergeAt(outer, inner, at int) int {
	if outer < 0 && inner >= 0 {
		return at
	}
	return outer
}

func (a *analyzer) decoder(f *frame, name string) flags {
	if name == "builtins.chr" {
		return fChr
	}
	if a.file.decode < 0 {
		a.file.decode = f.start
	}
	return fDecode
}

func (a *analyzer) envDump(at int) {
	if a.file.envDump < 0 {
		a.file.envDump = at
	}
}

// network reports a network call: exfiltration when it carries environment or credential
// data, high for raw sockets and literal addresses, low otherwise.
func (a *analyzer) network(f *frame, name string, cat Category) {
	if a.file.net < 0 {
		a.file.net = f.start
	}
	if cat == Socket && a.file.socket < 0 {
		a.file.socket = f.start
	}
	switch {
	case f.flags&(fEnv|fEnvDump|fCred) != 0:
		a.hit(RuleExfil, name, nameMark+" sends environment or credential data", f.start, "")
	case cat == Socket:
		a.hit(RuleNetwork, name, "opens a raw socket with "+nameMark, f.start, "")
	case f.flags&fURL != 0:
		a.hit(RuleNetwork, name, name+" to the hard-coded address "+f.url, f.start, "")
	default:
		a.hit(RuleNetworkUse, name, "calls "+nameMark, f.start, "")
	}
}

func (a *analyzer) torchLoad(f *frame, name string) {
	switch strings.TrimSpace(f.kw.weightsOnly) {
	case "True":
	case "False":
		a.hit(RuleUnsafeLoad, name+"(weights_only=False)", "calls torch.load with weights_only=False", f.start, "")
	default:
		a.hit(RuleTorchLoad, name, "calls torch.load without weights_only=True", f.start, "")
	}
}

// yamlLoad reports yaml.load without one of PyYAML's safe loaders (positional or Loader=).
func (a *analyzer) yamlLoad(f *frame, name string) {
	loader := f.kw.loader
	if loader == "" {
		loader, _ = f.args[1].soleChain()
	}
	switch lastPart(loader) {
	case "SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader", "FullLoader", "CFullLoader":
		return
	}
	a.hit(RuleUnsafeLoad, name, nameMark+" without a safe Loader", f.start, "")
}

// indirect resolves getattr(obj, "name"), vars(obj) and globals() to the value they name, and
// reports getattr on a dangerous module with a name computed at run time.
func (a *analyzer) indirect(f *frame, name, shadow string) string {
	switch name {
	case "builtins.getattr":
		obj, okObj := f.args[0].soleChain()
		attr, okAttr := f.args[1].literal()
		switch {
		case okObj && okAttr:
			return obj + "." + strings.TrimSpace(attr)
		case okObj && DangerousModule(obj):
			a.hit(RuleDynamic, "getattr("+obj+")", "getattr on "+obj+" with a name computed at run time", f.start, shadow)
		}
	case "builtins.vars":
		if obj, ok := f.args[0].soleChain(); ok {
			return obj + ".__dict__"
		}
		return "globals()"
	case "builtins.globals", "builtins.locals":
		return "globals()"
	}
	return ""
}

// combine reports what only the whole file shows: exec of a computed value in a file that
// decodes data, environment or credential reads in a file that uses the network, and dup2
// in a file that opens sockets.
func (a *analyzer) combine() {
	if a.file.decode >= 0 {
		line, _ := Line(a.src, a.file.decode)
		for _, p := range a.file.execPending {
			a.hit(RuleDecodedExec, "exec of decoded data", fmt.Sprintf("runs a computed value in a file that decodes data (line %d)", line), p.at, p.shadow)
		}
	}
	if a.file.net >= 0 {
		line, _ := Line(a.src, a.file.net)
		switch {
		case a.file.envDump >= 0:
			a.hit(RuleExfil, "environment", fmt.Sprintf("copies the whole environment in a file that uses the network (line %d)", line), a.file.envDump, "")
		case a.file.cred >= 0:
			a.hit(RuleExfil, "credentials", fmt.Sprintf("names credential files in a file that uses the network (line %d)", line), a.file.cred, "")
		}
	}
	if a.file.socket >= 0 {
		for _, at := range a.file.dup2 {
			a.hit(RuleProcess, "os.dup2", "redirects standard streams in a file that opens sockets (reverse shell)", at, "")
		}
	}
}
