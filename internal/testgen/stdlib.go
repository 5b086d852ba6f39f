package testgen

// stdlibGadgetCases are standard-library (and dill/cloudpickle) callables that run code or
// commands, from the picklescan GHSA series and JFrog's CVE-2025-10157.
func stdlibGadgetCases() []Case {
	return casesOf([]gadget{
		{"asyncio_unix_events_start.pkl", "asyncio.unix_events._UnixSubprocessTransport._start(None, cmd, True, ...): submodule of a denied module, dotted STACK_GLOBAL name (CVE-2025-10157)", apply{sglob{"asyncio.unix_events", "_UnixSubprocessTransport._start"}, args(nil, Cmd, true, nil, nil, nil, 0)}, true},
		{"numpy_f2py_myeval.pkl", "numpy.f2py.crackfortran.myeval(source) evals its argument", call("numpy.f2py.crackfortran", "myeval", PyCode), false},
		{"cprofile_run.pkl", "cProfile.run(statement) execs the statement", call("cProfile", "run", PyCode), false},
		{"timeit_timeit.pkl", "timeit.timeit('pass', setup) execs setup once", call("timeit", "timeit", "pass", "import os; os.system('echo aisec-test')"), false},
		{"pydoc_pipepager.pkl", "pydoc.pipepager(text, cmd) runs cmd through the shell", call("pydoc", "pipepager", "aisec-test", Cmd), false},
		{"idlelib_calltip_get_entity.pkl", "idlelib.calltip.get_entity(expr) evals expr", call("idlelib.calltip", "get_entity", PyCode), false},
		{"webbrowser_open.pkl", "webbrowser.open(url) launches a browser process", call("webbrowser", "open", "http://127.0.0.1:9/aisec-test"), false},
		{"code_interactive_runcode.pkl", "code.InteractiveInterpreter.runcode(InteractiveInterpreter(), source): dotted STACK_GLOBAL to an unbound method", apply{sglob{"code", "InteractiveInterpreter.runcode"}, args(apply{sglob{"code", "InteractiveInterpreter"}, args()}, PyCode)}, true},
		{"logging_filehandler.pkl", "logging.FileHandler(path) opens (creates) a file", call("logging", "FileHandler", "/dev/null"), false},
		{"io_fileio.pkl", "_io.FileIO(path, 'w'): raw file access", call("_io", "FileIO", "/dev/null", "w"), false},
		{"uuid_get_command_stdout.pkl", "uuid._get_command_stdout(cmd, args) runs a command", call("uuid", "_get_command_stdout", "echo", "aisec-test"), false},
		{"dill_create_code.pkl", "dill._dill._create_code(...) builds a code object (inert arguments)", call("dill._dill", "_create_code", 0, 0, 0, 0, 0, 0, []byte("aisec-test"), tup{}, tup{}, tup{}, "aisec", "aisec"), false},
		{"cloudpickle_make_function.pkl", "cloudpickle.cloudpickle._make_function(code, globals, name, argdefs, closure) (inert arguments)", call("cloudpickle.cloudpickle", "_make_function", "aisec-test", emptyDict{}, "aisec", nil, nil), false},
	})
}
