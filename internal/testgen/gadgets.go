package testgen

// gadget is one table row: a file name, what it shows, and the payload value.
type gadget struct {
	name, technique string
	value           any
	proto4          bool // encode with pickle4Of (needed for dotted STACK_GLOBAL names)
}

func (g gadget) toCase() Case {
	if g.proto4 {
		return malicious(g.name, g.technique, pickle4Of(g.value))
	}
	return malicious(g.name, g.technique, pickleOf(g.value))
}

func casesOf(gs []gadget) []Case {
	cs := make([]Case, 0, len(gs))
	for _, g := range gs {
		cs = append(cs, g.toCase())
	}
	return cs
}

// deadPath is a path that does not exist, for loaders that take a file name.
const deadPath = "/nonexistent/aisec-test.pt"

// gadgetCases are indirect ways to reach code execution that denylists keyed on os.system miss.
func gadgetCases() []Case {
	return casesOf([]gadget{
		{"getattr_import_module_os_system.pkl", "builtins.getattr(importlib.import_module('os'), 'system')(cmd): no os import in the stream", apply{call("builtins", "getattr", osModule(), "system"), args(Cmd)}, false},
		{"operator_attrgetter.pkl", "operator.attrgetter('system')(import_module('os'))(cmd)", apply{apply{call("operator", "attrgetter", "system"), args(osModule())}, args(Cmd)}, false},
		{"operator_methodcaller.pkl", "operator.methodcaller('system', cmd)(import_module('os'))", apply{call("operator", "methodcaller", "system", Cmd), args(osModule())}, false},
		{"operator_itemgetter.pkl", "operator.itemgetter('system')(vars(import_module('os')))(cmd)", apply{apply{call("operator", "itemgetter", "system"), args(call("builtins", "vars", osModule()))}, args(Cmd)}, false},
		{"_operator_attrgetter.pkl", "the C module alias _operator.attrgetter, same chain as operator_attrgetter", apply{apply{call("_operator", "attrgetter", "system"), args(osModule())}, args(Cmd)}, false},
		{"functools_partial.pkl", "functools.partial(posix.system, cmd)() hides the call behind a partial object", apply{call("functools", "partial", glob{"posix", "system"}, Cmd), args()}, false},
		{"pkgutil_resolve_name.pkl", "pkgutil.resolve_name('os:system')(cmd): universal import trampoline (GHSA-vvpj-8cmc-gx39)", apply{call("pkgutil", "resolve_name", "os:system"), args(Cmd)}, false},
		{"pip_main.pkl", "pip.main([...]) as the callable (CVE-2025-1716); harmless args: --version", call("pip", "main", list{"--version"}), false},
		{"runpy_run_code.pkl", "runpy._run_code(source, {}) execs source", call("runpy", "_run_code", PyCode, emptyDict{}), false},
		{"builtins_exec.pkl", "builtins.exec(source)", call("builtins", "exec", PyCode), false},
		{"builtins_eval.pkl", "builtins.eval(source)", call("builtins", "eval", PyCode), false},
		{"builtin_py2_eval.pkl", "__builtin__.eval: the Python 2 module name, mapped to builtins by the unpickler's fix_imports", call("__builtin__", "eval", PyCode), false},
		{"builtins_compile_exec.pkl", "builtins.exec(builtins.compile(source, '<aisec>', 'exec'))", call("builtins", "exec", call("builtins", "compile", PyCode, "<aisec>", "exec")), false},
		{"builtins_import.pkl", "builtins.getattr(builtins.__import__('os'), 'system')(cmd)", apply{call("builtins", "getattr", call("builtins", "__import__", "os"), "system"), args(Cmd)}, false},
		{"builtins_open.pkl", "builtins.open('/dev/null', 'w'): file access from a model", call("builtins", "open", "/dev/null", "w"), false},
		{"subprocess_popen.pkl", "subprocess.Popen(['echo', 'aisec-test'])", call("subprocess", "Popen", list{"echo", "aisec-test"}), false},
		{"socket_create_connection.pkl", "socket.create_connection(('127.0.0.1', 9)): network from a model (discard port, localhost)", call("socket", "create_connection", tup{"127.0.0.1", 9}), false},
		{"ctypes_cdll.pkl", "ctypes.CDLL('libc.so.6'): native code loading", call("ctypes", "CDLL", "libc.so.6"), false},
		{"marshal_functiontype.pkl", "types.FunctionType(marshal.loads(blob), {})(): code object from bytes (the blob is an inert placeholder, not bytecode)", apply{call("types", "FunctionType", call("marshal", "loads", []byte("aisec-test: inert placeholder, not marshal data")), emptyDict{}), args()}, false},
		{"types_codetype.pkl", "types.CodeType(...) with inert arguments: building code objects", call("types", "CodeType", 0, 0, 0, 0, 0, 0, []byte("aisec-test"), tup{}, tup{}, tup{}, "aisec", "aisec"), false},
		{"torch_hub_load.pkl", "torch.hub.load(repo, model): fetches and runs hubconf.py (the path given cannot resolve)", call("torch.hub", "load", "/nonexistent/aisec-test", "model"), false},
		{"torch_jit_load.pkl", "torch.jit.load(path) from inside a pickle", call("torch.jit", "load", deadPath), false},
		{"torch_load.pkl", "torch.load(path) from inside a pickle (a second, unscanned file)", call("torch", "load", deadPath), false},
		{"torch_serialization_load.pkl", "torch.serialization.load(path): the defining module of torch.load", call("torch.serialization", "load", deadPath), false},
	})
}
