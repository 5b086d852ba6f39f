package detect

// stdlibModules are canonical names of Python and Node.js standard-library modules: imports
// of these are never hallucinations, whatever list the caller passes.
func stdlibModules() []string {
	return []string{
		// Python
		"abc", "argparse", "array", "ast", "asyncio", "base64", "binascii", "bisect", "builtins", "bz2",
		"calendar", "cmath", "collections", "concurrent", "configparser", "contextlib", "copy", "csv",
		"ctypes", "dataclasses", "datetime", "decimal", "difflib", "email", "enum", "errno", "fnmatch",
		"fractions", "ftplib", "functools", "gc", "getpass", "glob", "gzip", "hashlib", "heapq", "hmac",
		"html", "http", "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools", "json",
		"logging", "lzma", "math", "mimetypes", "multiprocessing", "operator", "os", "pathlib", "pickle",
		"platform", "pprint", "queue", "random", "re", "secrets", "select", "shlex", "shutil", "signal",
		"smtplib", "socket", "sqlite3", "ssl", "stat", "statistics", "string", "struct", "subprocess",
		"sys", "tarfile", "tempfile", "textwrap", "threading", "time", "timeit", "tkinter", "traceback",
		"typing", "unicodedata", "unittest", "urllib", "uuid", "warnings", "weakref", "winreg", "xml",
		"zipfile", "zlib", "__future__",
		// Node.js
		"assert", "buffer", "child-process", "cluster", "crypto", "dgram", "dns", "events", "fs",
		"https", "net", "os", "path", "process", "readline", "stream", "tls", "url", "util", "vm",
		"worker-threads", "zlib",
	}
}

// importAlias maps Python import names whose distribution is named differently to the
// distribution's canonical name; other names map to themselves.
func importAlias(name string) string {
	switch name {
	case "yaml":
		return "pyyaml"
	case "cv2":
		return "opencv-python"
	case "sklearn":
		return "scikit-learn"
	case "pil":
		return "pillow"
	case "bs4":
		return "beautifulsoup4"
	case "dateutil":
		return "python-dateutil"
	case "dotenv":
		return "python-dotenv"
	case "jwt":
		return "pyjwt"
	case "crypto":
		return "pycryptodome"
	}
	return name
}
