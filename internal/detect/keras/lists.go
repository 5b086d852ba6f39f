package keras

import "strings"

// The lists below are data, not logic. Sources: Keras' own serialization code
// (keras/src/saving/serialization_lib.py, the Lambda layer, legacy H5 loading), the advisories
// of CVE-2024-3660, CVE-2025-1550, CVE-2025-8747, CVE-2025-9905, CVE-2025-9906 and
// CVE-2025-49655, and ModelAudit's Keras checks.

func set(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// kerasPackages are the top-level packages whose modules Keras itself writes into configs and
// (since Keras 3.9) the only ones it will import while loading.
var kerasPackages = set("keras", "tf_keras", "keras_core", "keras_nlp", "keras_cv", "keras_hub")

// frameworkPackages are written by Keras for framework objects (TypeSpecs, TF functions used as
// activations). They are not judged custom code, but their dangerous functions still are.
var frameworkPackages = set("tensorflow", "tf")

// topPackage returns the first dotted component of a module path.
func topPackage(module string) string {
	top, _, _ := strings.Cut(module, ".")
	return top
}

// codeNames are names that, in the bytecode or source of a Lambda, mean the function reaches
// processes, files, the network or dynamic code execution. A Keras Lambda computes on tensors
// (tf.*, K.*, keras.ops.*); it never needs any of these. Names that tensor code uses for other
// things (signal, call, replace, code) are left out.
var codeNames = set(
	// modules
	"os", "posix", "nt", "subprocess", "sys", "socket", "shutil", "pty", "builtins", "__builtin__",
	"__builtins__", "importlib", "runpy", "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "marshal",
	"ctypes", "webbrowser", "urllib", "urllib2", "urllib3", "requests", "http", "httplib", "ftplib",
	"smtplib", "telnetlib", "paramiko", "pathlib", "tempfile", "multiprocessing", "asyncio", "codeop", "pdb",
	"commands",
	// code execution and interpreter escapes
	"eval", "exec", "execfile", "compile", "__import__", "import_module", "breakpoint", "getattr",
	"setattr", "delattr", "globals", "locals", "vars", "__globals__", "__subclasses__", "__bases__",
	"__mro__", "__code__", "__getattribute__", "__reduce__", "__reduce_ex__", "__class__", "run_path",
	"run_module", "loads", "load", "func_load", "enable_unsafe_deserialization", "py_function",
	"numpy_function", "py_func", "load_op_library", "load_library",
	// processes
	"system", "popen", "Popen", "spawnl", "spawnlp", "spawnv", "spawnvp", "spawnve", "execl", "execle",
	"execlp", "execv", "execve", "execvp", "execvpe", "fork", "forkpty", "kill", "killpg", "check_output",
	"check_call", "getoutput", "getstatusoutput", "startfile", "posix_spawn",
	// files
	"open", "remove", "unlink", "rmdir", "rmtree", "rename", "chmod", "chown", "makedirs",
	"write_file", "read_file", "write_text", "write_bytes", "read_text", "read_bytes", "gfile",
	// network
	"urlopen", "urlretrieve", "create_connection", "connect", "get_file",
)

// dangerousTF are TensorFlow symbols (as TFOpLambda records them, without "tf.") that touch files
// or run Python when a Keras 2 model is rebuilt.
var dangerousTF = set("io.write_file", "io.read_file", "io.matching_files", "write_file", "read_file",
	"matching_files", "py_function", "numpy_function", "py_func", "compat.v1.py_func", "load_op_library",
	"load_library", "saved_model.load", "saved_model.save", "keras.models.load_model", "keras.utils.get_file",
	"data.experimental.save", "data.experimental.load", "summary.create_file_writer",
	"debugging.experimental.enable_dump_debug_info", "io.TFRecordWriter", "train.Checkpoint")

// dangerousRawOps are tf.raw_ops that reach files or Python.
var dangerousRawOps = set("WriteFile", "ReadFile", "MatchingFiles", "PyFunc", "PyFuncStateless", "EagerPyFunc",
	"Save", "SaveV2", "SaveSlices", "Restore", "RestoreV2", "RestoreSlice", "MergeV2Checkpoints",
	"ImmutableConst", "DebugIdentityV2", "WholeFileReader", "WholeFileReaderV2", "TFRecordReader",
	"FixedLengthRecordReader", "WriteSummary", "CreateSummaryFileWriter", "LoadAndRemapMatrix")

// tfDanger reports whether a TensorFlow symbol reaches files or Python.
func tfDanger(symbol string) bool {
	s := strings.TrimPrefix(symbol, "tf.")
	for _, p := range []string{"compat.v1.", "compat.v2."} {
		s = strings.TrimPrefix(s, p)
	}
	if dangerousTF[s] || strings.HasPrefix(s, "io.gfile.") || strings.HasPrefix(s, "gfile.") {
		return true
	}
	if op, ok := strings.CutPrefix(s, "raw_ops."); ok {
		return dangerousRawOps[op]
	}
	last := s[strings.LastIndexByte(s, '.')+1:]
	return dangerousTF[last]
}

// kerasCodeLoaders are Keras functions that rebuild Python functions from bytecode: a config
// naming one runs arbitrary code whatever safe_mode says.
var kerasCodeLoaders = set("func_load", "deserialize_model_from_bytecode")

// kerasFileFunctions are Keras functions and classes that load other files, write files or
// reach the network. Keras never serialises them into a model config; called as a "layer"
// while a functional model is rebuilt they act on attacker-chosen paths and URLs.
var kerasFileFunctions = set("load_model", "load_weights", "model_from_json", "model_from_yaml", "TFSMLayer",
	"save_img", "load_img", "save_model", "save_weights", "export", "extract_archive", "get_file",
	"image_dataset_from_directory", "text_dataset_from_directory", "audio_dataset_from_directory")

// kerasFileUtils are generic names that only count inside Keras' file helper modules.
var kerasFileUtils = set("copy", "rmtree", "remove", "rename", "makedirs", "File", "exists", "listdir",
	"isdir", "join", "split", "glob", "gfile")

// pythonBuiltins are the functions and types of CPython's builtins module (Python 3.13). Keras
// writes {"module": "builtins", "class_name": "function"} for its own built-in functions
// ("relu", "mse"), which are not among them.
var pythonBuiltins = set("abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint",
	"bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits",
	"delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format",
	"frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
	"issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next",
	"object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
	"set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
	"zip", "__import__", "__build_class__", "__loader__", "__spec__")

// pureBuiltins construct plain data.
var pureBuiltins = set("bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list",
	"object", "range", "set", "slice", "str", "tuple", "type")
