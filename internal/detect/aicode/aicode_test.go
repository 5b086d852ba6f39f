package aicode

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/code"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ids(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Rule.ID)
	}
	return out
}

type ruleCase struct {
	name string
	lang code.Lang
	src  string
	want []string // rule IDs, in offset order; nil = nothing
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			hits := Analyze(code.Parse(tt.lang, []byte(tt.src)))
			if got := ids(hits); !slices.Equal(got, tt.want) {
				var ev []string
				for _, h := range hits {
					ev = append(ev, h.Rule.ID+": "+h.Evidence)
				}
				t.Errorf("rules = %v, want %v\n  %s", got, tt.want, strings.Join(ev, "\n  "))
			}
		})
	}
}

const (
	r1, r2, r3, r4, r5  = "AISEC-CODE-001", "AISEC-CODE-002", "AISEC-CODE-003", "AISEC-CODE-004", "AISEC-CODE-005"
	r6, r7, r8, r9, r10 = "AISEC-CODE-006", "AISEC-CODE-007", "AISEC-CODE-008", "AISEC-CODE-009", "AISEC-CODE-010"
)

func TestLoaderRules(t *testing.T) {
	py := code.Python
	runRuleCases(t, []ruleCase{
		{"torch.load without weights_only", py, "import torch\nm = torch.load('m.pt')\n", []string{r1}},
		{"torch.load weights_only=False via alias", py, "import torch as t\nm = t.load(p, weights_only=False)\n", []string{r1}},
		{"from torch import load", py, "from torch import load\nload(p, map_location='cpu')\n", []string{r1}},
		{"torch.load weights_only=True", py, "import torch\nm = torch.load(p, weights_only=True)\n", nil},
		{"torch.load weights_only variable or kwargs", py, "import torch\ntorch.load(p, weights_only=flag)\ntorch.load(p, **kw)\n", nil},
		{"pickle family", py, "import pickle, dill, joblib\nimport pandas as pd\nimport cloudpickle as cp\npickle.loads(b)\ndill.load(f)\njoblib.load('m.joblib')\npd.read_pickle('x.pkl')\ncp.load(f)\n",
			[]string{r2, r2, r2, r2, r2}},
		{"pickle round trip in process", py, "import pickle, io\nfrom pickle import dumps, loads\ny = pickle.loads(pickle.dumps(x, 2))\nloads(dumps(x))\nfor p in range(5):\n    s = pickle.dumps(obj, p)\n    self.assertEqual(pickle.loads(s), obj)\npickle.Unpickler(io.BytesIO(pickle.dumps(obj))).load()\nb = io.BytesIO(pickle.dumps(obj))\npickle.load(b)\npickle.loads(arr.dumps())\n", nil},
		{"pickle literal in the code", py, "import pickle\npickle.loads(b'\\x80\\x04K\\x01.')\nst = b\"ctime\\nstruct_time\\n.\"\nlt = pickle.loads(st)\npickle.load(io.BytesIO(b'\\x80\\x04K\\x01.'))\n", nil},
		{"pickle file named by a literal", py, "import pickle, joblib\njoblib.load('model.joblib')\np = 'cache.pkl'\npickle.load(p)\n", []string{r2, r2}},
		{"pickle literal joined with data", py, "import pickle\npickle.loads(b'\\x80' + data)\nst = b'x' + data\npickle.loads(st)\n", []string{r2, r2}},
		{"pickle of data from outside", py, "import pickle\ns = pickle.dumps(obj)\ns = sock.recv(4096)\npickle.loads(s)\npickle.loads(s.strip())\npickle.loads(base64.b64decode(pickle.dumps(x)))\n", []string{r2, r2, r2}},
		{"pickle round trip too far to tell", py, "import pickle\ns = pickle.dumps(obj)\n" + strings.Repeat("x = 1\n", 40) + "pickle.loads(s)\n", []string{r2}},
		{"shelve and jsonpickle", py, "import shelve, jsonpickle\nshelve.open('db')\njsonpickle.decode(s)\n", []string{r2, r2}},
		{"json.load is fine", py, "import json\njson.load(f)\njson.loads(s)\n", nil},
		{"numpy allow_pickle", py, "import numpy as np\nnp.load(f, allow_pickle=True)\n", []string{r3}},
		{"numpy safe", py, "import numpy as np\nnp.load(f)\nnp.load(f, allow_pickle=False)\n", nil},
		{"yaml.load without Loader", py, "import yaml\nyaml.load(f)\n", []string{r4}},
		{"yaml unsafe loaders", py, "import yaml\nyaml.load(f, Loader=yaml.Loader)\nyaml.load(f, yaml.UnsafeLoader)\nyaml.unsafe_load(s)\nfrom yaml import FullLoader\nyaml.load_all(f, Loader=FullLoader)\n",
			[]string{r4, r4, r4, r4}},
		{"yaml safe", py, "import yaml\nyaml.load(f, Loader=yaml.SafeLoader)\nyaml.load(f, yaml.CSafeLoader)\nyaml.safe_load(f)\nyaml.load(f, Loader=MyLoader)\n", nil},
		{"trust_remote_code", py, "from transformers import AutoModel\nfrom datasets import load_dataset\nAutoModel.from_pretrained('x/y', trust_remote_code=True)\nload_dataset('x', trust_remote_code=True)\n", []string{r5, r5}},
		{"trust_remote_code false", py, "from transformers import AutoModel\nAutoModel.from_pretrained('x/y', trust_remote_code=False)\n", nil},
		{"trust_remote_code JS", code.JavaScript, "import { pipeline } from '@huggingface/transformers';\nawait pipeline('x', 'y', { trust_remote_code: true });\n", []string{r5}},
		{"langchain dangerous flags", py, "from langchain_community.vectorstores import FAISS\nFAISS.load_local('idx', emb, allow_dangerous_deserialization=True)\ncreate_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)\n", []string{r6, r6}},
		{"langchain flag false", py, "FAISS.load_local('idx', emb, allow_dangerous_deserialization=False)\n", nil},
		{"keras safe_mode", py, "import keras\nkeras.models.load_model('m.keras', safe_mode=False)\nkeras.config.enable_unsafe_deserialization()\n", []string{r7, r7}},
		{"keras safe", py, "import keras\nkeras.models.load_model('m.keras')\nload_model('m.keras', safe_mode=True)\n", nil},
	})
}

func TestLoaderFalsePositives(t *testing.T) {
	py := code.Python
	runRuleCases(t, []ruleCase{
		{"docs and comments", py, "\"\"\"Never call torch.load(f) or pickle.load(f) on untrusted data.\"\"\"\n# torch.load(f)\nMSG = 'use yaml.load(f) carefully; trust_remote_code=True'\n", nil},
		{"local function named load", py, "def load(path):\n    return open(path).read()\nload('x')\n", nil},
		{"shadowed import", py, "from pickle import load\ndef load(path):\n    return path\nload('x')\n", nil},
		{"method named load", py, "class Store:\n    def load(self, p):\n        return p\nStore().load('x')\nself.pickle.load(f)\n", nil},
		{"js strings", code.JavaScript, "const help = 'torch.load(x) and pickle.load(f) trust_remote_code=True';\n// yaml.load(f)\n", nil},
	})
}

func TestTaintRules(t *testing.T) {
	py, js := code.Python, code.TypeScript
	openai := "from openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(model='gpt-4o', messages=m)\nanswer = resp.choices[0].message.content\n"
	runRuleCases(t, []ruleCase{
		{"eval of model output", py, openai + "eval(answer)\n", []string{r8}},
		{"exec through f-string and strip", py, openai + "code = answer.strip()\nprog = f\"def f():\\n    {code}\"\nexec(prog)\n", []string{r8}},
		{"direct LLM call in sink", py, "import ollama\nexec(ollama.generate(model='llama3', prompt=p)['response'])\n", []string{r8}},
		{"regex extraction propagates", py, openai + "import re\nblock = re.search(r'```python(.*)```', answer, re.S).group(1)\nexec(block)\n", []string{r8}},
		{"langchain chain invoke", py, "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model='gpt-4o')\nchain = prompt | llm\nout = chain.invoke({'q': q})\nexec(out.content)\n", []string{r8}},
		{"pipeline result", py, "from transformers import pipeline\ngen = pipeline('text-generation', model='gpt2')\ntext = gen(prompt)[0]['generated_text']\neval(text)\n", []string{r8}},
		{"os.system", py, openai + "import os\nos.system('echo ' + answer)\n", []string{r9}},
		{"subprocess shell=True", py, openai + "import subprocess\ncmd = f'ls {answer}'\nsubprocess.run(cmd, shell=True)\n", []string{r9}},
		{"subprocess string command", py, openai + "import subprocess\nsubprocess.check_output(answer)\n", []string{r9}},
		{"sql f-string", py, openai + "import sqlite3\nconn = sqlite3.connect('db')\ncur = conn.cursor()\ncur.execute(f\"SELECT * FROM t WHERE name = '{answer}'\")\n", []string{r10}},
		{"sql format and percent", py, openai + "cursor.execute('SELECT * FROM t WHERE a = {}'.format(answer))\ncursor.execute('DELETE FROM t WHERE a = %s' % answer)\n", []string{r10, r10}},
		{"text-to-sql", py, openai + "from sqlalchemy import text\nsession.execute(text(answer))\nsession.execute(answer)\n", []string{r10, r10}},
		{"js eval and Function", js, "import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst c = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst code = c.choices[0].message.content;\neval(code);\nnew Function(code)();\n", []string{r8, r8}},
		{"js vm", js, "import vm from 'node:vm';\nimport Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\nconst msg = await a.messages.create({ model: 'claude-3-5-haiku-latest', messages });\nvm.runInNewContext(msg.content[0].text, {});\n", []string{r8}},
		{"js child_process", js, "import { exec, spawn } from 'child_process';\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt });\nconst r = await generateText({ model, prompt });\nexec(`git ${r.text}`);\nspawn('sh', ['-c', r.text], { shell: true });\n", []string{r9, r9}},
		{"js sql", js, "import OpenAI from 'openai';\nconst o = new OpenAI();\nconst r = await o.responses.create({ model: 'gpt-4.1', input });\nconst sql = r.output_text;\nawait pool.query(sql);\nawait db.query('SELECT * FROM t WHERE id = ' + r.output_text);\n", []string{r10, r10}},
		{"go shell", code.Go, "package p\nimport (\n\t\"os/exec\"\n\topenai \"github.com/sashabaranov/go-openai\"\n)\nfunc f() {\n\tc := openai.NewClient(k)\n\tresp, _ := c.CreateChatCompletion(ctx, req)\n\tout := resp.Choices[0].Message.Content\n\texec.Command(\"bash\", \"-c\", out).Run()\n\tdb.Exec(\"DELETE FROM t WHERE x = '\" + out + \"'\")\n}\n", []string{r9, r10}},
		{"java runtime exec", code.Java, "import dev.langchain4j.model.openai.OpenAiChatModel;\nclass A { void f() { var m = OpenAiChatModel.builder().build(); String a = m.generate(q); Runtime.getRuntime().exec(a); stmt.executeQuery(\"SELECT * FROM t WHERE x = '\" + a + \"'\"); } }\n", []string{r9, r10}},
	})
}

func TestTaintFalsePositives(t *testing.T) {
	py, js := code.Python, code.JavaScript
	openai := "from openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(model='gpt-4o', messages=m)\nanswer = resp.choices[0].message.content\n"
	runRuleCases(t, []ruleCase{
		{"eval of a constant", py, openai + "eval('1 + 1')\nexec(compile_src)\n", nil},
		{"no LLM in file", py, "answer = input()\neval(answer)\nimport os\nos.system(answer)\n", nil},
		{"subprocess with constant list", py, openai + "import subprocess\nsubprocess.run(['ls', '-l'])\nsubprocess.run(['grep', answer, 'f.txt'])\n", nil},
		{"parameterised SQL", py, openai + "cursor.execute('SELECT * FROM t WHERE name = ?', (answer,))\ncursor.execute('INSERT INTO log VALUES (%s)', [answer])\n", nil},
		{"non-propagating call", py, openai + "n = len(answer)\nos.system(f'sleep {n}')\nimport shlex\nos.system('echo ' + shlex.quote(answer))\n", nil},
		{"reassigned before use", py, openai + "answer = 'ls'\nimport os\nos.system(answer)\n", nil},
		{"sink before the model call", py, "import os\nos.system(cmd)\nfrom openai import OpenAI\ncmd = OpenAI().chat.completions.create(model='x', messages=m).choices[0].message.content\n", nil},
		{"file create is not model output", py, "from openai import OpenAI\nc = OpenAI()\nf = c.files.create(file=open('x', 'rb'), purpose='batch')\neval(f.id)\n", nil},
		{"comments and strings", py, openai + "# eval(answer)\ns = 'os.system(answer)'\n", nil},
		{"vector db query is not SQL", py, openai + "import chromadb\ncol = chromadb.Client().get_collection('d')\ncol.query(query_texts=[answer])\nvectordb.query(answer)\n", nil},
		{"js parameterised and regex exec", js, "import OpenAI from 'openai';\nconst o = new OpenAI();\nconst r = await o.chat.completions.create({ model: 'gpt-4o', messages });\nconst t = r.choices[0].message.content;\nawait pool.query('SELECT * FROM t WHERE a = $1', [t]);\n/x/.exec(t);\nexecFile('ls', [t]);\n", nil},
	})
}

func TestNotebookEvidence(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "format", "code", "testdata", "samples", "notebook.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	nb, err := code.ParseNotebook(data)
	if err != nil {
		t.Fatal(err)
	}
	findings := New().Detect(context.Background(), detect.Target{Path: "n.ipynb", Model: nb})
	var got []string
	for _, f := range findings {
		got = append(got, f.Rule+" "+f.Evidence)
	}
	want := []string{
		"AISEC-CODE-008 exec(code) at cell 4, line 4; code = msg.content[0].text (cell 4, line 3, from anthropic.Anthropic().messages.create)",
		`AISEC-CODE-001 torch.load("model.pt") without weights_only=True at cell 4, line 5`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestEvidenceAndFindings(t *testing.T) {
	src := "from openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(model='gpt-4o', messages=m)\nanswer = resp.choices[0].message.content\neval(answer)\n"
	f := code.Parse(code.Python, []byte(src))
	findings := New().Detect(context.Background(), detect.Target{Path: "a.py", Model: f})
	if len(findings) != 1 {
		t.Fatalf("findings = %+v", findings)
	}
	got := findings[0]
	want := "eval(answer) at line 5; answer = resp.choices[0].message.content (line 4, from openai.OpenAI().chat.completions.create)"
	if got.Evidence != want || got.Offset != int64(strings.Index(src, "eval(")) || got.Severity != finding.High || got.OWASP != "LLM05:2025" {
		t.Errorf("finding = %+v", got)
	}
	if New().Detect(context.Background(), detect.Target{Model: "not a file"}) != nil {
		t.Error("foreign model gave findings")
	}
}

func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range Rules() {
		if want := fmt.Sprintf("AISEC-CODE-%03d", i+1); r.ID != want || seen[r.ID] {
			t.Errorf("rule %d is %s, want %s", i, r.ID, want)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Description == "" || r.Remediation == "" || r.CWE == "" || r.OWASP == "" {
			t.Errorf("%s is missing text", r.ID)
		}
		if want := finding.Medium; i >= 7 {
			if r.Severity != finding.High {
				t.Errorf("%s severity %s", r.ID, r.Severity)
			}
		} else if r.Severity != want || r.ATLAS != "AML.T0011.000" {
			t.Errorf("%s severity %s atlas %s", r.ID, r.Severity, r.ATLAS)
		}
	}
	if New().Name() != "aicode" || len(New().Rules()) != 10 {
		t.Error("detector metadata")
	}
}

// TestSamplesGolden runs the detector on the code samples of the format package.
func TestSamplesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	var b strings.Builder
	for _, p := range files {
		if filepath.Ext(p) == ".golden" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lang, ok := code.LangOf(p)
		if !ok {
			t.Fatalf("no language for %s", p)
		}
		fmt.Fprintf(&b, "== %s\n", filepath.Base(p))
		for _, h := range Analyze(code.Parse(lang, data)) {
			fmt.Fprintf(&b, "%s %s: %s\n", h.Rule.ID, h.Rule.Severity, h.Evidence)
		}
	}
	golden := filepath.Join("testdata", "findings.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != b.String() {
		t.Errorf("findings differ from %s (run with -update to accept):\n%s", golden, b.String())
	}
}
