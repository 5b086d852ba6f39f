package pycode

import "strings"

// Category says what calling a qualified Python name does, for the names that matter to a
// security review. It is shared by the Python source detector, the TorchScript detector and
// the Hydra `_target_` checks of the Hugging Face config detector.
type Category uint8

// Categories of qualified names.
const (
	None       Category = iota
	Process             // spawns a process or a shell (os.system, subprocess.*, pty.spawn)
	Exec                // compiles or runs code from a string (exec, eval, compile)
	Import              // imports a module or resolves an object from a name given at run time
	Loader              // loads code from a file, bytes or a native library (runpy, imp, ctypes)
	DeserBytes          // unpickles bytes in memory (pickle.loads, marshal.loads)
	DeserFile           // unpickles or unsafely deserialises a file (pickle.load, joblib.load)
	YAMLLoad            // yaml.load / load_all: unsafe unless a safe Loader is given
	NumpyLoad           // numpy.load: unpickles object arrays when allow_pickle=True
	TorchLoad           // torch.load: a pickle unless weights_only=True (the default from torch 2.6)
	Network             // HTTP, FTP, SMTP, SSH and websocket clients
	Socket              // raw sockets
	Decoder             // turns encoded text back into bytes (base64, hex, zlib, rot13)
	Env                 // the process environment
	Indirect            // looks attributes up by a name given at run time (getattr)
	FileOp              // writes, moves, deletes or opens files, or kills processes
)

var categoryNames = map[Category]string{
	Process: "process execution", Exec: "dynamic code execution", Import: "dynamic import",
	Loader: "code or native library loading", DeserBytes: "deserialisation of bytes",
	DeserFile: "unsafe deserialisation", YAMLLoad: "YAML loading", NumpyLoad: "NumPy loading",
	TorchLoad: "pickle loading", Network: "network access", Socket: "raw socket", Decoder: "decoding",
	Env: "environment access", Indirect: "attribute lookup by name", FileOp: "file or process operation",
}

// String describes the category for evidence text.
func (c Category) String() string {
	if s, ok := categoryNames[c]; ok {
		return s
	}
	return "none"
}

// exactNames classifies fully qualified names (after Canonical). It is built once and only read.
var exactNames = buildNames()

func buildNames() map[string]Category {
	m := map[string]Category{}
	add := func(c Category, names string) {
		for _, n := range strings.Fields(names) {
			m[n] = c
		}
	}
	add(Process, `os.system os.popen os.popen2 os.popen3 os.popen4 os.startfile os.fork os.forkpty
		os.posix_spawn os.posix_spawnp pty.spawn pty.fork platform.popen commands.getoutput
		commands.getstatusoutput asyncio.create_subprocess_exec asyncio.create_subprocess_shell`)
	add(Exec, `builtins.exec builtins.eval builtins.compile builtins.execfile`)
	add(Import, `builtins.__import__ importlib.import_module importlib.__import__ pkgutil.resolve_name
		pydoc.locate hydra.utils.get_class hydra.utils.get_method hydra.utils.get_object
		hydra._internal.utils._locate`)
	add(Loader, `imp.load_source imp.load_module imp.load_compiled imp.load_dynamic imp.load_package
		importlib.machinery.SourceFileLoader importlib.machinery.SourcelessFileLoader
		importlib.machinery.ExtensionFileLoader importlib.util.spec_from_file_location
		zipimport.zipimporter runpy.run_path runpy.run_module code.InteractiveInterpreter
		code.InteractiveConsole code.interact types.FunctionType types.CodeType
		torch.utils.cpp_extension.load torch.utils.cpp_extension.load_inline torch.ops.load_library
		torch.classes.load_library torch.hub.load ctypes.CDLL ctypes.PyDLL ctypes.WinDLL ctypes.OleDLL
		ctypes.LibraryLoader ctypes.CFUNCTYPE ctypes.PYFUNCTYPE ctypes.memmove cffi.FFI`)
	add(DeserBytes, `pickle.loads dill.loads cloudpickle.loads marshal.loads marshal.load jsonpickle.decode`)
	add(DeserFile, `pickle.load pickle.Unpickler dill.load cloudpickle.load joblib.load pandas.read_pickle
		shelve.open yaml.unsafe_load yaml.unsafe_load_all torch.jit.load`)
	add(YAMLLoad, `yaml.load yaml.load_all`)
	add(NumpyLoad, `numpy.load`)
	add(TorchLoad, `torch.load`)
	add(Network, `requests.get requests.post requests.put requests.patch requests.delete requests.head
		requests.options requests.request requests.Session requests.session httpx.get httpx.post httpx.put
		httpx.patch httpx.delete httpx.head httpx.options httpx.request httpx.stream httpx.Client
		httpx.AsyncClient urllib.request.urlopen urllib.request.urlretrieve urllib.request.Request
		urllib.request.build_opener urllib.urlopen urllib.urlretrieve urllib2.urlopen urllib2.Request
		urllib2.build_opener urllib3.PoolManager urllib3.request urllib3.connection_from_url
		urllib3.HTTPConnectionPool urllib3.HTTPSConnectionPool http.client.HTTPConnection
		http.client.HTTPSConnection httplib.HTTPConnection httplib.HTTPSConnection aiohttp.ClientSession
		aiohttp.request ftplib.FTP ftplib.FTP_TLS smtplib.SMTP smtplib.SMTP_SSL telnetlib.Telnet
		paramiko.SSHClient paramiko.Transport websocket.create_connection websocket.WebSocket
		websocket.WebSocketApp websockets.connect pycurl.Curl wget.download xmlrpc.client.ServerProxy
		asyncio.open_connection torch.hub.download_url_to_file torch.hub.load_state_dict_from_url`)
	add(Socket, `socket.socket socket.create_connection socket.create_server socket.fromfd`)
	add(Decoder, `base64.b64decode base64.b32decode base64.b32hexdecode base64.b16decode base64.b85decode
		base64.a85decode base64.decodebytes base64.decodestring base64.standard_b64decode
		base64.urlsafe_b64decode binascii.unhexlify binascii.a2b_base64 binascii.a2b_hex binascii.a2b_uu
		binascii.a2b_qp codecs.decode zlib.decompress gzip.decompress bz2.decompress lzma.decompress
		bytes.fromhex bytearray.fromhex builtins.chr`)
	add(Env, `os.getenv os.getenvb os.environ os.environb`)
	add(Indirect, `builtins.getattr operator.attrgetter operator.methodcaller builtins.vars builtins.globals
		builtins.locals`)
	add(FileOp, `builtins.open io.open os.remove os.unlink os.rmdir os.removedirs os.rename os.renames
		os.replace os.chmod os.chown os.kill os.killpg os.truncate os.symlink os.link os.write os.mkfifo
		builtins.setattr builtins.delattr builtins.exit builtins.quit sys.exit webbrowser.open`)
	return m
}

// prefixNames classify whole modules; notProcess lists their members that are constants or
// exception classes.
var prefixNames = []struct {
	prefix string
	cat    Category
}{
	{"subprocess.", Process}, {"asyncio.subprocess.", Process}, {"pexpect.", Process},
	{"os.exec", Process}, {"os.spawn", Process}, {"os.environ.", Env}, {"os.environb.", Env},
	{"ctypes.cdll.", Loader}, {"ctypes.pydll.", Loader}, {"ctypes.windll.", Loader},
	{"ctypes.oledll.", Loader}, {"ctypes.pythonapi.", Loader}, {"shutil.", FileOp},
}

var notProcess = map[string]bool{
	"PIPE": true, "STDOUT": true, "DEVNULL": true, "CalledProcessError": true, "TimeoutExpired": true,
	"SubprocessError": true, "CompletedProcess": true, "list2cmdline": true, "EOF": true, "TIMEOUT": true,
	"ExceptionPexpect": true,
}

// Classify returns the category of a qualified name such as "os.system", "subprocess.run" or
// "builtins.eval" (see Canonical for the aliases it accepts).
func Classify(name string) Category {
	name = Canonical(name)
	if c, ok := exactNames[name]; ok {
		return c
	}
	for _, p := range prefixNames {
		if rest, ok := strings.CutPrefix(name, p.prefix); ok && rest != "" {
			if p.cat == Process && notProcess[lastPart(rest)] {
				return None
			}
			return p.cat
		}
	}
	return None
}

// canonPrefixes rewrite module aliases to the names Classify knows: the os implementation
// modules, Python 2's builtins, the C pickle modules.
var canonPrefixes = []struct{ from, to string }{
	{"__builtin__.", "builtins."}, {"__builtins__.", "builtins."}, {"posix.", "os."}, {"nt.", "os."},
	{"cPickle.", "pickle."}, {"_pickle.", "pickle."}, {"_socket.", "socket."}, {"subprocess32.", "subprocess."},
	{"np.", "numpy."}, {"pd.", "pandas."},
}

// Canonical rewrites module aliases in a qualified name (posix.system → os.system,
// __builtin__.eval → builtins.eval, cPickle.loads → pickle.loads).
func Canonical(name string) string {
	for _, c := range canonPrefixes {
		if rest, ok := strings.CutPrefix(name, c.from); ok {
			return c.to + rest
		}
	}
	return name
}

// DangerousModule reports whether looking up an attribute of the module by a run-time name
// (getattr(os, name)) can reach process, code or native-library functions.
func DangerousModule(name string) bool {
	switch Canonical(name + ".") {
	case "os.", "subprocess.", "builtins.", "sys.", "pty.", "socket.", "ctypes.", "importlib.",
		"marshal.", "pickle.", "shutil.", "runpy.", "code.", "types.", "platform.":
		return true
	}
	return false
}

func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}
