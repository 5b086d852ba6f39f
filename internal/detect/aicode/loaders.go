package aicode

import (
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

// isTrue reports whether an argument is the literal true (True, true, 1 in Python).
func isTrue(x code.Arg) bool {
	return !x.String && (x.Value == "True" || x.Value == "true" || x.Value == "!0")
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
		a.hit(RulePickle, c, callText(c)+at)
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
