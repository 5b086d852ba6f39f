package template

import "github.com/aisecops/aisec/internal/format/jinja"

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// escapes are the attributes sandbox escapes walk through to leave the template's objects:
// from any object to its class hierarchy, from a function to its module globals, from there to
// builtins and import.
var escapes = set("__globals__", "__builtins__", "__subclasses__", "__mro__", "__base__", "__bases__",
	"__import__", "__getattribute__", "__code__", "__closure__", "__func__", "__self__", "__dict__",
	"__loader__", "__spec__", "__reduce__", "__reduce_ex__", "__init_subclass__", "__class_getitem__",
	"func_globals", "f_globals", "f_locals", "f_back", "gi_frame", "gi_code", "cr_frame", "tb_frame")

// gadgets are objects in the template context whose attributes lead to Python globals:
// Jinja's default globals, Flask's context names and Hugging Face's template helpers.
var gadgets = set("cycler", "joiner", "lipsum", "namespace", "self", "config", "request", "range",
	"dict", "url_for", "get_flashed_messages", "session", "g", "raise_exception", "strftime_now")

// indexRoots are objects Jinja puts in a template's scope, besides the gadgets, that no chat
// template subscripts with a computed key.
var indexRoots = set("loop", "varargs", "kwargs", "caller")

// execAlways are names no chat template reaches for any benign reason.
var execAlways = set("popen", "subprocess", "check_output", "check_call", "getoutput", "getstatusoutput",
	"Popen", "spawnl", "spawnle", "spawnlp", "spawnv", "spawnve", "spawnvp", "execl", "execle", "execlp",
	"execv", "execve", "execvp", "__import__", "import_module", "load_module", "urlopen", "urlretrieve")

// execNear are names that run code or touch the system but also read as ordinary words
// (message.system, a field called eval); they count only in a chain that also reaches Python
// internals, a gadget or a module.
var execNear = set("system", "eval", "exec", "compile", "open", "environ", "getenv", "putenv", "remove",
	"unlink", "rmdir", "rmtree", "listdir", "modules", "load", "loads", "b64decode", "socket", "connect",
	"read", "write", "fork", "kill", "chmod", "setattr", "getattr", "delattr", "globals", "locals", "vars")

// modules are module names that, as attributes, mean the chain reached a module object.
var modules = set("os", "sys", "subprocess", "builtins", "__builtins__", "posix", "nt", "importlib",
	"shutil", "socket", "pty", "ctypes", "pickle", "marshal", "io", "codecs", "base64", "urllib",
	"requests", "http", "commands", "platform")

// loaders are statement tags that read other templates.
var loaders = set("include", "import", "extends", "from")

// interesting reports whether a computed or escaped name matters: a dunder or a name that
// leads to code execution.
func interesting(name string) bool {
	return jinja.IsDunder(name) || escapes[name] || execAlways[name] || execNear[name] || modules[name]
}
