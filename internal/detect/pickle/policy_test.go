package pickle

import "testing"

func TestClassify(t *testing.T) {
	p := NewPolicy([]string{"mycorp.models.Classifier", "mycorp.layers.*", "os.system", "subprocess.*"})
	tests := []struct {
		module, name string
		want         Verdict
	}{
		// Allowed: what real checkpoints import.
		{"torch._utils", "_rebuild_tensor_v2", Allowed},
		{"torch", "FloatStorage", Allowed},
		{"collections", "OrderedDict", Allowed},
		{"numpy.core.multiarray", "_reconstruct", Allowed},
		{"numpy", "dtype", Allowed},
		{"sklearn.linear_model._logistic", "LogisticRegression", Allowed},
		{"sklearn.tree._tree", "Tree", Allowed},
		{"joblib.numpy_pickle", "NumpyArrayWrapper", Allowed},
		{"builtins", "set", Allowed},
		{"__builtin__", "frozenset", Allowed},
		{"_codecs", "encode", Allowed},
		{"__torch__.MyModule", "Net", Allowed},
		{"mycorp.models", "Classifier", Allowed},
		{"mycorp.layers.attention", "Block", Allowed},
		// Dangerous, including through aliases, submodules and dotted names.
		{"os", "system", Dangerous},
		{"posix", "system", Dangerous},
		{"nt", "system", Dangerous},
		{"subprocess", "Popen", Dangerous},
		{"builtins", "eval", Dangerous},
		{"__builtin__", "getattr", Dangerous},
		{"builtins", "__import__", Dangerous},
		{"asyncio.unix_events", "_UnixSubprocessTransport._start", Dangerous},
		{"bdb", "Bdb.run", Dangerous},
		{"pip", "main", Dangerous},
		{"pkgutil", "resolve_name", Dangerous},
		{"importlib", "import_module", Dangerous},
		{"torch.serialization", "load", Dangerous},
		{"torch", "load", Dangerous},
		{"torch._inductor.codecache", "compile_file", Dangerous},
		{"numpy.f2py.crackfortran", "myeval", Dangerous},
		{"numpy", "load", Dangerous},
		{"types", "CodeType", Dangerous},
		{"_io", "FileIO", Dangerous},
		{"logging", "FileHandler", Dangerous},
		{"uuid", "_get_command_stdout", Dangerous},
		{"mypkg.os", "system", Dangerous},
		{"torch", "serialization.os.system", Dangerous},
		{"sklearn.datasets", "fetch_openml", Dangerous},
		{"dill._dill", "_create_code", Dangerous},
		{"cloudpickle.cloudpickle", "_make_function", Dangerous},
		{"transformers.models.auto", "AutoModel.from_pretrained", Unknown},
		// Gadgets.
		{"functools", "partial", Gadget},
		{"operator", "attrgetter", Gadget},
		{"_operator", "methodcaller", Gadget},
		{"builtins", "map", Gadget},
		// Unknown: neither list.
		{"__main__", "Net", Unknown},
		{"mycorp.models", "train", Unknown},
		{"sklearn.utils", "check_array", Unknown},
		{"builtins", "print", Unknown},
	}
	for _, tt := range tests {
		got, _ := p.Classify(tt.module, tt.name, 4)
		if got != tt.want {
			t.Errorf("%s.%s: got %v, want %v", tt.module, tt.name, got, tt.want)
		}
	}
}

// The user allowlist can never rescue a denied global.
func TestAllowlistCannotOverrideDenylist(t *testing.T) {
	p := NewPolicy([]string{"os.system", "os.*", "builtins.eval", "functools.partial"})
	for _, g := range [][2]string{{"os", "system"}, {"builtins", "eval"}, {"functools", "partial"}} {
		if v, _ := p.Classify(g[0], g[1], 4); v == Allowed {
			t.Errorf("%s.%s allowed by user configuration", g[0], g[1])
		}
	}
}
