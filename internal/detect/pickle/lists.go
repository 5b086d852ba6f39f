package pickle

// The lists below are data, not logic. Sources: the denylists of picklescan, modelscan, fickling
// and ModelAudit, their bypass advisories (see docs/rules.md), and the globals that real
// producers (torch, numpy, sklearn, joblib, transformers) write.

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// denyCarveOuts are namespaces inside denied modules whose allowlisted names are safe:
// TorchScript archives rebuild lists with torch.jit._pickle helpers, and numpy's random state
// constructors live in a module named _pickle.
var denyCarveOuts = []string{"torch.jit._pickle.", "numpy.random._pickle.", "sklearn.externals.joblib.numpy_pickle."}

// builtinModules are the names under which Python's builtins are reachable.
var builtinModules = set("builtins", "__builtin__", "__builtins__", "bltns")

// pureBuiltins construct plain data and cannot reach code, files or the network.
var pureBuiltins = set("set", "frozenset", "dict", "list", "tuple", "bytearray", "bytes", "complex", "type",
	"slice", "range", "bool", "int", "float", "str", "object", "NoneType", "Ellipsis", "NotImplemented")

// builtinEscapes are the builtins that run code or reach the interpreter's internals.
var builtinEscapes = set("eval", "exec", "execfile", "compile", "getattr", "setattr", "delattr",
	"__import__", "open", "file", "input", "raw_input", "breakpoint", "apply", "reload", "globals",
	"locals", "vars", "help", "exit", "quit", "__loader__", "__spec__", "__build_class__")

// componentModules are modules whose name anywhere in a dotted path means code execution,
// process or interpreter control, whatever package re-exports them.
var componentModules = set("os", "posix", "nt", "posixsubprocess", "subprocess", "sys", "socket",
	"pkgutil", "imp", "frozen_importlib", "frozen_importlib_external", "pdb", "bdb", "cProfile", "pydoc",
	"pipes", "tkinter", "Tkinter", "antigravity", "winapi", "msvcrt", "winreg", "pyio", "_socket", "shutil", "pty", "runpy", "importlib",
	"ctypes", "_ctypes", "marshal", "pickle", "_pickle", "cPickle", "dill", "cloudpickle",
	"webbrowser", "pip", "_pip", "commands", "popen2", "posixpath", "ntpath", "__import__",
	"__globals__", "__subclasses__", "__code__", "__reduce__", "__reduce_ex__", "__getattribute__")

// dangerousModules are denied with every submodule and attribute (prefix match).
var dangerousModules = set(
	// processes, interpreter, code objects
	"os", "posix", "nt", "_posixsubprocess", "subprocess", "sys", "pty", "runpy", "importlib", "imp",
	"pkgutil", "zipimport", "marshal", "ctypes", "_ctypes", "code", "codeop", "pdb", "bdb",
	"cProfile", "profile", "_lsprof", "timeit", "trace", "pydoc", "idlelib", "commands", "popen2",
	"platform", "site", "sysconfig", "signal", "_signal", "resource", "gc", "_thread", "thread",
	"threading", "multiprocessing", "concurrent", "_osx_support", "_aix_support", "_pyrepl",
	"doctest", "test", "lib2to3", "ensurepip", "venv", "pip", "setuptools", "distutils",
	"pkg_resources",
	// files
	"fileinput", "linecache", "tempfile", "mmap",
	"tarfile", "zipfile", "shelve", "dbm", "sqlite3", "_sqlite3", "filecmp",
	// network
	"socket", "_socket", "ssl", "_ssl", "select", "selectors", "asyncio", "asyncore", "asynchat",
	"http.client", "http.server", "http.cookiejar", "http.cookies", "httplib", "urllib", "urllib2", "urllib3", "requests", "aiohttp", "httpx",
	"ftplib", "smtplib", "smtpd", "telnetlib", "imaplib", "poplib", "nntplib", "xmlrpc",
	"xmlrpclib", "socketserver", "SocketServer", "wsgiref", "webbrowser", "paramiko",
	// deserialisers and code-object constructors
	"pickle", "_pickle", "cPickle", "dill", "cloudpickle", "joblib.numpy_pickle.load", "yaml",
	"jsonpickle", "shelve", "copyreg.add_extension",
	// code evaluation and import machinery outside the obvious modules
	"dataclasses", "inspect", "_frozen_importlib", "_frozen_importlib_external", "_imp", "tkinter",
	"_tkinter", "Tkinter", "turtle", "pipes", "antigravity", "_pyio", "mailbox", "zipapp", "py_compile",
	"compileall", "_posixshmem", "_winapi", "msvcrt", "winreg", "_winreg", "cffi", "SimpleHTTPServer",
	"BaseHTTPServer", "CGIHTTPServer", "robotparser", "cookielib", "Cookie", "xmlrpc", "symtable",
	// framework escape hatches
	"torch.fx", "torch.utils.model_zoo", "pandas.core.computation", "pandas.eval", "scipy.sparse.linalg",
	"torch.hub", "torch.jit", "torch._inductor", "torch._dynamo", "torch.compile",
	"torch.utils.collect_env", "torch.utils.bottleneck", "torch.utils.cpp_extension",
	"torch.package", "torch.testing", "torch.distributed", "torch._export", "torch.export",
	"torch.utils.data.datapipes", "torch.fx.experimental.symbolic_shapes", "torch._C",
	"torch._ops.load_library", "torch.ops.load_library", "torch.utils._config_module",
	"torch.backends.cudnn.rnn", "numpy.f2py", "numpy.testing", "numpy.distutils", "numpy.ctypeslib",
	"numpy.lib._datasource", "numpy.lib.npyio", "numpy.lib.format",
	"transformers.dynamic_module_utils", "huggingface_hub", "__main__.__builtins__",
	"logging.config", "logging.handlers", "sklearn.datasets", "sklearn.utils._testing",
	"sklearn.utils._joblib", "sklearn.externals", "joblib.parallel", "joblib.memory", "joblib.Parallel",
	"joblib.Memory", "joblib.delayed", "joblib.externals",
	"pandas.io", "pandas.read_pickle", "pandas.read_csv", "scipy.io",
)

// dangerousNames are single globals (exact, or as a prefix of a dotted attribute path).
var dangerousNames = set(
	"torch.load", "torch.serialization.load", "torch.serialization._load", "torch.storage._load_from_bytes",
	"torch._weights_only_unpickler", "torch.from_file", "torch.save", "torch.serialization.save",
	"numpy.load", "numpy.save", "numpy.savez", "numpy.savetxt", "numpy.loadtxt", "numpy.genfromtxt",
	"numpy.fromfile", "numpy.memmap", "numpy.DataSource", "numpy.core.memmap", "numpy._core.memmap",
	"numpy.ndarray.tofile", "numpy.ndarray.dump", "joblib.load", "joblib.dump",
	"logging.FileHandler", "logging.StreamHandler", "logging.basicConfig",
	"codecs.open", "codecs.EncodedFile", "types.CodeType", "types.FunctionType", "types.LambdaType",
	"types.MethodType", "types.ModuleType", "types.new_class", "operator.call", "_operator.call",
	"imaplib.IMAP4_stream", "copyreg._inverted_registry", "copyreg._extension_registry",
	"torch._utils._import_dotted_name", "typing._eval_type", "typing.ForwardRef", "typing.get_type_hints",
	"typing._type_check", "gzip.open", "gzip.GzipFile", "bz2.open", "bz2.BZ2File", "lzma.open", "lzma.LZMAFile",
	"wave.open", "aifc.open", "sunau.open", "numpy.core.records.fromfile", "numpy.rec.fromfile",
	"numpy.lib.format.open_memmap", "inspect.getsource", "gettext.install", "ntpath", "posixpath", "io.open", "io.open_code",
	"io.FileIO", "_io.open", "_io.open_code", "_io.FileIO", "pathlib.Path.write_text",
	"pathlib.Path.write_bytes", "pathlib.Path.read_text", "pathlib.Path.read_bytes", "pathlib.Path.open",
	"pathlib.Path.unlink", "uuid._get_command_stdout", "uuid._popen", "uuid._ifconfig_getnode",
	"uuid._ip_getnode", "uuid._arp_getnode", "uuid._lanscan_getnode", "uuid._netstat_getnode",
)

// gadgetNames call or look up arbitrary callables: harmless alone, the building blocks of
// every allowlist bypass.
var gadgetNames = set(
	"functools.partial", "functools.partialmethod", "functools.reduce", "functools.cached_property",
	"_functools.partial", "_functools.reduce", "operator.attrgetter", "operator.itemgetter",
	"operator.methodcaller", "_operator.attrgetter", "_operator.itemgetter", "_operator.methodcaller",
	"copyreg.__reduce_ex__", "copy_reg.__reduce_ex__", "collections.defaultdict.__missing__",
	"builtins.map", "builtins.filter", "builtins.zip", "builtins.iter", "builtins.next",
	"builtins.sorted", "builtins.min", "builtins.max", "builtins.any", "builtins.all",
	"__builtin__.map", "__builtin__.filter", "__builtin__.reduce", "itertools.starmap",
	"contextlib.ExitStack", "atexit.register", "weakref.finalize", "torchvision.transforms.transforms.Lambda",
	// exec or eval of strings taken from the pickled state in __setstate__
	"scipy.stats", "statsmodels", "patsy",
)

// allowedNames are the globals ordinary ML checkpoints import.
var allowedNames = union(frameworkAllowed, coreAllowed)

var coreAllowed = set(
	// containers and reconstructors written by every pickler
	"collections.OrderedDict", "collections.defaultdict", "collections.Counter", "collections.deque",
	"collections.namedtuple", "collections.UserDict", "collections.UserList", "collections.UserString",
	"collections.ChainMap", "copyreg._reconstructor", "copy_reg._reconstructor",
	"copyreg.__newobj__", "copyreg.__newobj_ex__", "_codecs.encode", "datetime.datetime",
	"datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone", "decimal.Decimal",
	"fractions.Fraction", "uuid.UUID", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath",
	"pathlib.PureWindowsPath", "enum.Enum", "re._compile", "argparse.Namespace", "types.SimpleNamespace",
	// torch tensors and storages
	"torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
	"torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
	"torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_sparse_csr_tensor",
	"torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_qtensor",
	"torch._utils._rebuild_nested_tensor", "torch._utils._rebuild_wrapper_subclass",
	"torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_xla_tensor",
	"torch._utils._rebuild_mlc_tensor", "torch._utils._rebuild_from_type",
	"torch._utils._rebuild_from_type_v2", "torch._tensor._rebuild_from_type_v2",
	"torch._utils._restore_device_fake_mode", "torch.Tensor", "torch.Size", "torch.device",
	"torch.nn.parameter.Parameter", "torch.nn.parameter.Buffer", "torch.storage.TypedStorage",
	"torch.storage.UntypedStorage", "torch.storage._TypedStorage", "torch.serialization._get_layout",
	"torch.strided", "torch.sparse_coo", "torch.sparse_csr", "torch.per_tensor_affine",
	"torch.per_channel_affine", "torch.contiguous_format", "torch.channels_last", "torch.preserve_format",
	"torch.jit._pickle.build_tensor_from_id", "torch.jit._pickle.restore_type_tag",
	"torch.jit._pickle.build_intlist", "torch.jit._pickle.build_doublelist",
	"torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensorlist",
	"torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.LongStorage",
	"torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage",
	"torch.BoolStorage", "torch.BFloat16Storage", "torch.ComplexFloatStorage",
	"torch.ComplexDoubleStorage", "torch.QUInt8Storage", "torch.QInt8Storage", "torch.QInt32Storage",
	"torch.QUInt4x2Storage", "torch.QUInt2x4Storage", "torch.float16", "torch.float32", "torch.float64",
	"torch.bfloat16", "torch.half", "torch.float", "torch.double", "torch.int8", "torch.int16",
	"torch.int32", "torch.int64", "torch.uint8", "torch.bool", "torch.complex64", "torch.complex128",
	"torch.float8_e4m3fn", "torch.float8_e5m2", "torch.qint8", "torch.quint8", "torch.qint32",
	"torch.optim.lr_scheduler.LambdaLR.state_dict", "torch.torch_version.TorchVersion",
	"torch.distributions.constraints._Real",
	// numpy arrays, dtypes and scalars
	"numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray",
	"numpy.dtype", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
	"numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer", "numpy.ma.core._mareconstruct",
	"numpy.ma.core.MaskedArray", "numpy.random._pickle.__randomstate_ctor",
	"numpy.random._pickle.__bit_generator_ctor", "numpy.random._pickle.__generator_ctor",
	"numpy.random.mtrand.RandomState", "numpy.random._mt19937.MT19937", "numpy.random._pcg64.PCG64",
	"numpy.random._generator.Generator", "numpy.random.bit_generator.SeedSequence",
	"numpy.float16", "numpy.float32", "numpy.float64", "numpy.longdouble", "numpy.int8", "numpy.int16",
	"numpy.int32", "numpy.int64", "numpy.uint8", "numpy.uint16", "numpy.uint32", "numpy.uint64",
	"numpy.bool_", "numpy.complex64", "numpy.complex128", "numpy.str_", "numpy.bytes_", "numpy.object_",
	"numpy.intc", "numpy.uintc", "numpy.longlong", "numpy.ulonglong", "numpy.datetime64",
	"numpy.timedelta64", "numpy.dtypes.Float64DType", "numpy.dtypes.Float32DType",
	"numpy.dtypes.Int64DType", "numpy.dtypes.Int32DType", "numpy.dtypes.ObjectDType",
	"numpy.dtypes.BoolDType", "numpy.dtypes.StrDType",
	// joblib inline arrays
	"joblib.numpy_pickle.NumpyArrayWrapper", "joblib.numpy_pickle_compat.NDArrayWrapper",
	"joblib.numpy_pickle_compat.ZNDArrayWrapper", "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
	// sklearn, scipy, pandas helper functions that rebuild objects
	"sklearn.tree._tree.Tree", "sklearn.tree._tree.DepthFirstTreeBuilder",
	"sklearn._loss._loss.__pyx_unpickle_CyHalfBinomialLoss", "sklearn._loss.link.Interval",
	"scipy.sparse._csr.csr_matrix", "scipy.sparse.csr.csr_matrix", "scipy.sparse._csc.csc_matrix",
	"scipy.sparse._coo.coo_matrix",
	"pandas._libs.internals._unpickle_block", "pandas.core.indexes.base._new_Index",
	"pandas._libs.tslibs.timestamps._unpickle_timestamp", "pandas.core.internals.blocks.new_block",
	"pandas._libs.arrays.__pyx_unpickle_NDArrayBacked", "pandas.core.internals.managers.BlockManager",
	"xgboost.core.Booster", "lightgbm.basic.Booster", "tokenizers.Tokenizer", "tokenizers.AddedToken",
)

// allowedModulePrefixes are namespaces allowed whole. "__torch__" is the TorchScript class
// namespace: resolved by the TorchScript type system, and not importable by Python pickle at all.
var allowedModulePrefixes = []string{"__torch__."}

// classFrameworks may pickle any of their classes (capitalised, undotted names). Only
// namespaces of data-holding classes are listed: a broad one (pandas.core, which holds an
// expression evaluator) would admit classes whose constructor runs code.
var classFrameworks = []string{
	"sklearn", "xgboost", "lightgbm", "catboost", "scipy.sparse", "torch.nn.modules", "torch.nn.parameter",
	"torch.optim", "torchvision.models", "transformers.models", "transformers.configuration_utils",
	"transformers.generation.configuration_utils", "transformers.tokenization_utils_base",
	"transformers.training_args", "transformers.trainer_utils", "accelerate.utils.dataclasses",
	"accelerate.state", "peft.tuners", "peft.utils", "ultralytics.nn", "timm.models", "tokenizers",
	"numpy.dtypes", "pandas.core.frame", "pandas.core.series", "pandas.core.indexes", "pandas.core.arrays",
	"pandas.core.internals", "pandas.core.dtypes", "pandas._libs", "torchvision.ops", "networkx.classes",
	"scipy.spatial", "torch.distributions", "torch.cuda.amp", "torch.nn.utils", "torch.ao.nn", "ipaddress",
}

// noEscalate are functions outside the allowlist that real pickles call and that read data
// (timezone files) without running code: they stay medium instead of AISEC-PKL-006.
var noEscalate = set("dateutil.tz.tz.tzfile", "dateutil.tz.tz._ttinfo", "zoneinfo.ZoneInfo",
	"zoneinfo._common.load_tzdata")
