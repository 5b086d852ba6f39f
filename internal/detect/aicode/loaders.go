package aicode

import (
	"sort"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/format/code"
)

// pickleLoaders are the callees of AISEC-CODE-002.
var pickleLoaders = map[string]bool{
	"pickle.load": true, "pickle.loads": true, "pickle.Unpickler": true, "_pickle.load": true, "_pickle.loads": true,
	"_pickle.Unpickler": true, "cPickle.load": true, "cPickle.loads": true, "cPickle.Unpickler": true,
	"dill.load": true, "dill.loads": true, "dill.Unpickler": true, "cloudpickle.load": true, "cloudpickle.loads": true,
	"joblib.load": true, "sklearn.externals.joblib.load": true, "pandas.read_pickle": true, "shelve.open": true,
	"jsonpickle.decode": true, "jsonpickle.unpickler.decode": true,
}

var (
	safeYAMLLoaders   = map[string]bool{"SafeLoader": true, "CSafeLoader": true, "BaseLoader": true, "CBaseLoader": true}
	unsafeYAMLLoaders = map[string]bool{"Loader": true, "UnsafeLoader": true, "FullLoader": true, "CLoader": true,
		"CUnsafeLoader": true, "CFullLoader": true}
	kerasLoaders = map[string]bool{"load_model": true, "deserialize_keras_object": true, "deserialize": true,
		"from_config": true, "model_from_json": true, "model_from_config": true, "model_from_yaml": true, "TFSMLayer": true}
	dangerousFlags = []string{"allow_dangerous_deserialization", "allow_dangerous_code", "allow_dangerous_requests",
		"allowDangerousDeserialization", "allowDangerousCode", "allowDangerousRequests"}
)

// isTrue reports whether an argument is a literal true: True/true, a non-zero integer (Python
// and NumPy test truthiness), bool(1) or !0.
func isTrue(x code.Arg) bool {
	if x.String {
		return false
	}
	switch v := strings.ReplaceAll(x.Value, " ", ""); v {
	case "True", "true", "!0", "bool(1)", "bool(True)", "!!1", "Boolean(1)":
		return true
	default:
		n, err := strconv.Atoi(v)
		return err == nil && n != 0
	}
}

// isFalse reports whether an argument is a literal false value.
func isFalse(x code.Arg) bool {
	return !x.String && (x.Value == "False" || x.Value == "false" || x.Value == "None" || x.Value == "0")
}

// loaders checks one call against the unsafe-loading rules (AISEC-CODE-001…007).
func (a *analysis) loaders(c *code.Call) {
	callee := c.Callee
	at := " at " + a.where(c.Line)
	py := a.f.Lang == code.Python
	switch {
	case py && (callee == "torch.load" || callee == "torch.serialization.load"):
		a.torchLoad(c, at)
	case py && pickleLoaders[callee]:
		if x, ok := arg(c, "", 0); !ok || !a.pickledHere(c, x, dataLoaders[callee], 0) {
			a.hit(RulePickle, c, callText(c)+at)
		}
	case py && (callee == "numpy.load" || callee == "numpy.lib.npyio.load"):
		if x, ok := arg(c, "allow_pickle", 2); ok && isTrue(x) {
			a.hit(RuleNumpyPickle, c, callText(c)+at)
		}
	case py && (callee == "yaml.load" || callee == "yaml.load_all"):
		a.yamlLoad(c, at)
	case py && (callee == "yaml.unsafe_load" || callee == "yaml.unsafe_load_all"):
		a.hit(RuleYAML, c, callText(c)+at)
	}
	for _, x := range c.Args {
		switch {
		case (x.Name == "trust_remote_code" || x.Name == "trustRemoteCode") && isTrue(x):
			a.hit(RuleRemoteCode, c, callText(c)+at)
		case isDangerousFlag(x.Name) && isTrue(x):
			a.hit(RuleDangerous, c, x.Name+"=True in "+callText(c)+at)
		case x.Name == "safe_mode" && isFalse(x) && (kerasLoaders[code.LastName(callee)] || strings.Contains(callee, "keras")):
			a.hit(RuleKerasUnsafe, c, callText(c)+at)
		}
	}
	if code.LastName(callee) == "enable_unsafe_deserialization" && (strings.Contains(callee, "keras") || strings.Contains(c.Module, "keras") || strings.Contains(c.Module, "tensorflow")) {
		a.hit(RuleKerasUnsafe, c, callText(c)+at)
	}
}

// picklers are the serialisers whose output, unpickled in the same file, is data the program
// made itself (`pickle.loads(pickle.dumps(x))`, a deep copy or a round-trip test).
var picklers = map[string]bool{"pickle.dumps": true, "_pickle.dumps": true, "cPickle.dumps": true, "dill.dumps": true,
	"cloudpickle.dumps": true, "jsonpickle.encode": true, "dumps": true}

// dataLoaders are the unpicklers whose first argument is the pickled data itself, not a file
// or a path.
var dataLoaders = map[string]bool{"pickle.loads": true, "_pickle.loads": true, "cPickle.loads": true, "dill.loads": true,
	"cloudpickle.loads": true, "jsonpickle.decode": true, "jsonpickle.unpickler.decode": true}

// roundTripWindow bounds how many lines before an unpickling call the assignment of its
// argument from a pickler may be (the analysis has no function scopes).
const roundTripWindow = 30

// pickledHere reports whether argument x of the unpickling call c is data of the program
// itself: the output of a pickler in the same file (the pickler's call, io.BytesIO around one)
// or, where x is data rather than a file (data), a string literal; directly or through a name
// assigned shortly before (`s = pickle.dumps(obj, proto); pickle.loads(s)`).
func (a *analysis) pickledHere(c *code.Call, x code.Arg, data bool, depth int) bool {
	switch {
	case depth > 3:
		return false
	case x.String || isStringLiteral(x.Value):
		return data // a pickle written into the code is as trusted as the code; a file name is not
	}
	if i, ok := a.callSpanning(x.Start, x.End); ok {
		inner := &a.f.Calls[i]
		switch {
		case picklers[inner.Callee] || code.LastName(inner.Callee) == "dumps": // also ndarray.dumps()
			return true
		case inner.Callee == "io.BytesIO" || inner.Callee == "BytesIO":
			y, ok := arg(inner, "", 0)
			return ok && a.pickledHere(c, y, true, depth+1)
		}
		return false
	}
	if !isIdent(x.Value) {
		return false
	}
	as, ok := a.assignBefore(x.Value, c.Offset)
	if !ok || c.Line-as.Line > roundTripWindow || as.Op != "=" && as.Op != ":=" {
		return false
	}
	return a.pickledHere(c, code.Arg{Value: as.Value, Start: as.Start, End: as.End}, data, depth+1)
}

// assignBefore returns the last assignment of name whose value starts before offset.
func (a *analysis) assignBefore(name string, offset int) (*code.Assign, bool) {
	if a.assignsOf == nil {
		a.assignsOf = map[string][]int{}
		for i := range a.f.Assigns {
			a.assignsOf[a.f.Assigns[i].Name] = append(a.assignsOf[a.f.Assigns[i].Name], i)
		}
		for _, idx := range a.assignsOf {
			sort.SliceStable(idx, func(i, j int) bool { return a.f.Assigns[idx[i]].Start < a.f.Assigns[idx[j]].Start })
		}
	}
	idx := a.assignsOf[name]
	n := sort.Search(len(idx), func(i int) bool { return a.f.Assigns[idx[i]].Start >= offset })
	if n == 0 {
		return nil, false
	}
	return &a.f.Assigns[idx[n-1]], true
}

// isStringLiteral reports whether source text is one string or bytes literal (`b"\x80..."`).
func isStringLiteral(v string) bool {
	i := 0
	for i < len(v) && i < 2 && strings.IndexByte("bBrRuU", v[i]) >= 0 {
		i++
	}
	if i >= len(v) || (v[i] != '"' && v[i] != '\'') || len(v)-i < 2 || v[len(v)-1] != v[i] {
		return false
	}
	return strings.Count(v[i:], v[i:i+1]) == 2 || strings.HasPrefix(v[i:], strings.Repeat(v[i:i+1], 3)) && strings.Count(v[i:], v[i:i+1]) == 6
}

// callSpanning returns the index of the call that spans exactly [start, end).
func (a *analysis) callSpanning(start, end int) (int, bool) {
	if a.callAt == nil {
		a.callAt = make(map[int][]int, len(a.f.Calls))
		for i := range a.f.Calls {
			a.callAt[a.f.Calls[i].Offset] = append(a.callAt[a.f.Calls[i].Offset], i)
		}
	}
	for _, i := range a.callAt[start] {
		if a.f.Calls[i].End == end {
			return i, true
		}
	}
	return 0, false
}

// isIdent reports whether s is a plain identifier.
func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func isDangerousFlag(name string) bool {
	for _, f := range dangerousFlags {
		if name == f {
			return true
		}
	}
	return false
}

// torchLoad reports torch.load unless weights_only=True is passed. A weights_only given as a
// variable, or a **kwargs spread, is given the benefit of the doubt.
func (a *analysis) torchLoad(c *code.Call, at string) {
	x, ok := arg(c, "weights_only", -1)
	switch {
	case !ok && hasSpread(c):
	case !ok:
		a.hit(RuleTorchLoad, c, callText(c)+" without weights_only=True"+at)
	case isFalse(x):
		a.hit(RuleTorchLoad, c, callText(c)+at)
	}
}

// yamlLoad reports yaml.load without a Loader, or with an unsafe one. A custom loader class is
// given the benefit of the doubt.
func (a *analysis) yamlLoad(c *code.Call, at string) {
	x, ok := arg(c, "Loader", 1)
	if !ok {
		if !hasSpread(c) {
			a.hit(RuleYAML, c, callText(c)+" without Loader="+at)
		}
		return
	}
	name := x.Resolved
	if name == "" {
		name = x.Value
	}
	name = code.LastName(name)
	if unsafeYAMLLoaders[name] && !safeYAMLLoaders[name] {
		a.hit(RuleYAML, c, callText(c)+at)
	}
}
