package aicode

import (
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/format/code"
)

// evasion is source written to slip past one rule. want must be among the rules reported.
// gap, when set, names a known false negative the detector does not catch yet: the case is
// skipped with that reason, so that the lead can decide, and it fails loudly if someone
// removes the skip before fixing it.
type evasion struct {
	name string
	lang code.Lang
	src  string
	want string
	gap  string
}

func runEvasions(t *testing.T, cases []evasion) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if tt.gap != "" {
				t.Skip("known gap: " + tt.gap)
			}
			hits := Analyze(code.Parse(tt.lang, []byte(tt.src)))
			if !slices.Contains(ids(hits), tt.want) {
				var ev []string
				for _, h := range hits {
					ev = append(ev, h.Rule.ID+": "+h.Evidence)
				}
				t.Errorf("%s not reported; got %v\n  %s", tt.want, ids(hits), strings.Join(ev, "\n  "))
			}
		})
	}
}

func TestEvadeLoaders(t *testing.T) {
	py := code.Python
	runEvasions(t, []evasion{
		{"from torch import load as l", py, "from torch import load as l\nm = l(f)\n", r1, ""},
		{"import torch as t", py, "import torch as t\nm = t.load(f)\n", r1, ""},
		{"torch.serialization.load", py, "import torch.serialization\ntorch.serialization.load(f)\n", r1, ""},
		{"getattr(torch, 'load')", py, "import torch\nm = getattr(torch, 'load')(f)\n", r1, "getattr(module, \"name\")(…) is not resolved to module.name by format/code"},
		{"functools.partial(torch.load)", py, "import functools, torch\nloader = functools.partial(torch.load, map_location='cpu')\nm = loader(f)\n", r1, "an unsafe loader passed as a value (functools.partial, callbacks) is not reported; Arg.Resolved could be checked"},
		{"loader bound to a name", py, "import torch\nload_fn = torch.load\nm = load_fn(f)\n", r1, ""},
		{"weights_only=False", py, "import torch\nm = torch.load(f, weights_only=False)\n", r1, ""},
		{"weights_only=0", py, "import torch\nm = torch.load(f, weights_only=0)\n", r1, ""},
		{"pickle.Unpickler(f).load()", py, "import pickle\nobj = pickle.Unpickler(f).load()\n", r2, ""},
		{"import pickle as pk", py, "import pickle as pk\nobj = pk.loads(b)\n", r2, ""},
		{"from pickle import loads as pl", py, "from pickle import loads as pl\nobj = pl(b)\n", r2, ""},
		{"__import__('pickle')", py, "obj = __import__('pickle').loads(b)\n", r2, ""},
		{"importlib.import_module('pickle')", py, "import importlib\nobj = importlib.import_module('pickle').loads(b)\n", r2, ""},
		{"joblib.load", py, "import joblib\nclf = joblib.load('model.joblib')\n", r2, ""},
		{"from joblib import load", py, "from joblib import load\nclf = load('model.joblib')\n", r2, ""},
		{"dill", py, "import dill\nobj = dill.load(f)\n", r2, ""},
		{"cloudpickle", py, "import cloudpickle\nobj = cloudpickle.loads(b)\n", r2, ""},
		{"pandas read_pickle", py, "import pandas as pd\ndf = pd.read_pickle('x.pkl')\n", r2, ""},
		{"np.load allow_pickle=True", py, "import numpy as np\na = np.load(f, allow_pickle=True)\n", r3, ""},
		{"np.load allow_pickle=1", py, "import numpy as np\na = np.load(f, allow_pickle=1)\n", r3, ""},
		{"np.load allow_pickle positional", py, "import numpy as np\na = np.load(f, None, True)\n", r3, ""},
		{"yaml.load Loader=yaml.Loader", py, "import yaml\ncfg = yaml.load(f, Loader=yaml.Loader)\n", r4, ""},
		{"yaml.load yaml.FullLoader positional", py, "import yaml\ncfg = yaml.load(f, yaml.FullLoader)\n", r4, ""},
		{"yaml.load no Loader", py, "import yaml\ncfg = yaml.load(stream=f)\n", r4, ""},
		{"from yaml import load, Loader", py, "from yaml import load, Loader\ncfg = load(f, Loader=Loader)\n", r4, ""},
		{"yaml.unsafe_load", py, "import yaml\ncfg = yaml.unsafe_load(f)\n", r4, ""},
		{"trust_remote_code=True via alias", py, "from transformers import AutoModel as AM\nm = AM.from_pretrained('x/y', trust_remote_code=True)\n", r5, ""},
		{"trust_remote_code in **kwargs dict literal", py, "from transformers import AutoModel\nkw = {'trust_remote_code': True}\nm = AutoModel.from_pretrained('x/y', **kw)\n", r5, "flags inside a **name spread are not looked up in the dict literal assigned to name"},
		{"trust_remote_code in dict(...)", py, "from transformers import AutoModel\nkw = dict(trust_remote_code=True)\nm = AutoModel.from_pretrained('x/y', **kw)\n", r5, ""},
		{"trust_remote_code=bool(1)", py, "from transformers import AutoModel\nm = AutoModel.from_pretrained('x/y', trust_remote_code=bool(1))\n", r5, ""},
		{"trust_remote_code=1", py, "from transformers import AutoModel\nm = AutoModel.from_pretrained('x/y', trust_remote_code=1)\n", r5, ""},
		{"trust_remote_code from a constant", py, "from transformers import AutoModel\nTRUST = True\nm = AutoModel.from_pretrained('x/y', trust_remote_code=TRUST)\n", r5, "a name assigned a literal True is not followed"},
		{"allow_dangerous_deserialization via kwargs", py, "from langchain_community.vectorstores import FAISS\nopts = {'allow_dangerous_deserialization': True}\ndb = FAISS.load_local('idx', emb, **opts)\n", r6, "flags inside a **name spread are not looked up in the dict literal assigned to name"},
		{"from pickle import *", py, "from pickle import *\nobj = loads(b)\n", r2, "names bound by a star import are not resolved to their module"},
		{"from torch import *", py, "from torch import *\nm = load(f)\n", r1, "names bound by a star import are not resolved to their module"},
		{"_pickle as cPickle", py, "import _pickle as cPickle\nobj = cPickle.loads(b)\n", r2, ""},
		{"keras safe_mode=False alias", py, "from keras.models import load_model as lm\nm = lm('m.keras', safe_mode=False)\n", r7, ""},
	})
}

func TestEvadeTaint(t *testing.T) {
	py, js := code.Python, code.JavaScript
	openai := "from openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(model='gpt-4o', messages=m)\nanswer = resp.choices[0].message.content\n"
	anthropicJS := "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst result = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages });\nconst out = result.content[0].text;\n"
	runEvasions(t, []evasion{
		{"stored in a dict", py, openai + "d = {'code': answer}\nexec(d['code'])\n", r8, ""},
		{"stored in a list", py, openai + "parts = [answer]\neval(parts[0])\n", r8, ""},
		{"stored in self attribute", py, openai + "self.out = answer\neval(self.out)\n", r8, ""},
		{"stored in another object's attribute", py, openai + "state.out = answer\neval(state.out)\n", r8, "format/code records attribute assignments only on self/this"},
		{"dict item assignment", py, openai + "d = {}\nd['code'] = answer\nexec(d['code'])\n", r8, "format/code does not record d[k] = x as an assignment that taints d"},
		{"f-string into subprocess shell", py, openai + "import subprocess\nsubprocess.run(f'ls {answer}', shell=True)\n", r9, ""},
		{"os.system via import alias", py, openai + "from os import system as run_cmd\nrun_cmd(answer)\n", r9, ""},
		{"os module alias", py, openai + "import os as o\no.system(answer)\n", r9, ""},
		{"os.system bound to a name", py, openai + "import os\nsh = os.system\nsh(answer)\n", r9, ""},
		{"subprocess list with bash -c", py, openai + "import subprocess\nsubprocess.run(['bash', '-c', answer])\n", r9, "an argument list starting with a shell and -c is treated as shell-free (isList)"},
		{"exec(compile(out, ...))", py, openai + "exec(compile(answer, '<llm>', 'exec'))\n", r8, ""},
		{"json.loads tool arguments", py, openai + "import json, os\nargs = json.loads(answer)\nos.system(args['cmd'])\n", r9, ""},
		{"for loop over tool calls", py, openai + "import json, os\nfor call in resp.choices[0].message.tool_calls:\n    args = json.loads(call.function.arguments)\n    os.system(args['cmd'])\n", r9, "for-loop targets are not assignments: taint does not flow from the iterable to the loop variable"},
		{"returned from a helper", py, "from openai import OpenAI\nclient = OpenAI()\ndef ask(q):\n    r = client.chat.completions.create(model='gpt-4o', messages=[q])\n    return r.choices[0].message.content\nout = ask('x')\neval(out)\n", r8, "no interprocedural flow: a function returning model output is not a source"},
		{"walrus", py, "from openai import OpenAI\nclient = OpenAI()\nif (out := client.chat.completions.create(model='x', messages=m).choices[0].message.content):\n    eval(out)\n", r8, "format/code does not record the walrus := as an assignment"},
		{"anthropic content", py, "import anthropic, os\nc = anthropic.Anthropic()\nmsg = c.messages.create(model='claude-sonnet-4-5', max_tokens=10, messages=m)\nos.system(msg.content[0].text)\n", r9, ""},
		{"getattr(builtins, 'eval')", py, openai + "import builtins\ngetattr(builtins, 'eval')(answer)\n", r8, "getattr(module, \"name\")(…) is not resolved to module.name by format/code"},
		{"JS eval(result.content[0].text)", js, anthropicJS + "eval(result.content[0].text);\n", r8, ""},
		{"JS new Function(text)()", js, anthropicJS + "new Function(out)();\n", r8, ""},
		{"JS Function without new", js, anthropicJS + "Function('return ' + out)();\n", r8, ""},
		{"JS execSync template literal", js, "import child_process from 'child_process';\n" + anthropicJS + "child_process.execSync(`${out}`);\n", r9, ""},
		{"JS require('child_process').exec", js, anthropicJS + "require('child_process').exec(out);\n", r9, ""},
		{"JS const cp = require('child_process')", js, "const cp = require('child_process');\n" + anthropicJS + "cp.exec(out);\n", r9, ""},
		{"JS destructured alias", js, "const { execSync: run } = require('node:child_process');\n" + anthropicJS + "run(out);\n", r9, ""},
		{"JS namespace import", js, "import * as cp from 'node:child_process';\n" + anthropicJS + "cp.execSync(out);\n", r9, ""},
		{"JS indirect eval (0, eval)(x)", js, anthropicJS + "(0, eval)(out);\n", r8, "the indirect call (0, eval)(x) has no resolved callee"},
		{"JS optional call eval?.(x)", js, anthropicJS + "eval?.(out);\n", r8, ""},
		{"JS aliased named import", js, "import { exec as run } from 'node:child_process';\n" + anthropicJS + "run(out);\n", r9, ""},
		{"JS globalThis['eval']", js, anthropicJS + "globalThis['eval'](out);\n", r8, "computed member access with a string key (globalThis[\"eval\"]) is not resolved"},
		{"JS spawn shell:true", js, "import { spawn } from 'child_process';\n" + anthropicJS + "spawn(out, { shell: true });\n", r9, ""},
	})
}
