package code

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestLangOf(t *testing.T) {
	tests := []struct {
		name string
		want Lang
		ok   bool
	}{
		{"app.py", Python, true}, {"gui.PYW", Python, true}, {"types.pyi", "", false},
		{"a.js", JavaScript, true}, {"a.mjs", JavaScript, true}, {"a.cjs", JavaScript, true}, {"a.jsx", JavaScript, true},
		{"a.ts", TypeScript, true}, {"a.tsx", TypeScript, true}, {"a.mts", TypeScript, true}, {"a.cts", TypeScript, true},
		{"index.d.ts", "", false}, {"main.go", Go, true}, {"App.java", Java, true}, {"README", "", false}, {"x.rs", "", false},
	}
	for _, tt := range tests {
		got, ok := LangOf(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LangOf(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// renderCall writes a call as `callee(name=value, "string")` for comparisons.
func renderCall(c Call) string {
	var args []string
	for _, a := range c.Args {
		v := a.Value
		if a.String {
			v = fmt.Sprintf("%q", v)
		}
		if a.Name != "" {
			v = a.Name + "=" + v
		}
		args = append(args, v)
	}
	prefix := ""
	if c.New {
		prefix = "new "
	}
	if c.Composite {
		return prefix + c.Callee + "{" + strings.Join(args, ", ") + "}"
	}
	return prefix + c.Callee + "(" + strings.Join(args, ", ") + ")"
}

func callees(f *File) []string {
	var out []string
	for _, c := range f.Calls {
		out = append(out, c.Callee)
	}
	return out
}

func imports(f *File) []string {
	var out []string
	for _, im := range f.Imports {
		out = append(out, fmt.Sprintf("%s|%s|%s", im.Module, im.Name, im.Alias))
	}
	return out
}

// parseCase is one Parse expectation: calls (rendered) that must be present, callees that
// must not be, imports (Module|Name|Alias) that must be present.
type parseCase struct {
	name    string
	src     string
	calls   []string
	absent  []string
	imports []string
}

func runParseCases(t *testing.T, lang Lang, cases []parseCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse(lang, []byte(tt.src))
			var got []string
			for _, c := range f.Calls {
				got = append(got, renderCall(c))
			}
			for _, want := range tt.calls {
				if !slices.Contains(got, want) {
					t.Errorf("missing call %s\ngot:\n  %s", want, strings.Join(got, "\n  "))
				}
			}
			for _, no := range tt.absent {
				if slices.Contains(callees(f), no) {
					t.Errorf("unexpected callee %s in %v", no, callees(f))
				}
			}
			for _, want := range tt.imports {
				if !slices.Contains(imports(f), want) {
					t.Errorf("missing import %s in %v", want, imports(f))
				}
			}
		})
	}
}

func TestParsePython(t *testing.T) {
	runParseCases(t, Python, []parseCase{
		{name: "from import resolves", src: "from openai import OpenAI\nclient = OpenAI()\n",
			calls: []string{"openai.OpenAI()"}, imports: []string{"openai|OpenAI|"}},
		{name: "module alias", src: "import torch as t\nt.load(x, map_location='cpu')\n",
			calls: []string{`torch.load(x, map_location="cpu")`}, imports: []string{"torch||t"}},
		{name: "dotted import", src: "import a.b as c, d.e\nc.f(1)\nd.e.g()\n",
			calls: []string{"a.b.f(1)", "d.e.g()"}, imports: []string{"a.b||c", "d.e||"}},
		{name: "relative and parenthesised", src: "from . import helpers\nfrom ..pkg.mod import (a,\n    b as c,\n)\nc(helpers.x())\n",
			calls: []string{"..pkg.mod.b(helpers.x())", ".helpers.x()"}, imports: []string{".|helpers|", "..pkg.mod|a|", "..pkg.mod|b|c"}},
		{name: "client chain through assignment", src: "from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model=\"gpt-4o\", messages=m)\n",
			calls: []string{`openai.OpenAI().chat.completions.create(model="gpt-4o", messages=m)`}},
		{name: "self attribute alias", src: "import anthropic\nclass A:\n    def __init__(self):\n        self.c = anthropic.Anthropic()\n    def ask(self):\n        return self.c.messages.create(model='claude-3-haiku')\n",
			calls: []string{`anthropic.Anthropic().messages.create(model="claude-3-haiku")`}},
		{name: "with as alias", src: "from openai import OpenAI\nwith OpenAI() as c:\n    c.models.list()\n",
			calls: []string{"openai.OpenAI().models.list()"}},
		{name: "comments and strings are not code", src: "# torch.load(x)\ns = \"pickle.load(f)\"\n'''\neval(x)\n'''\nb = rb'exec(\\x)'\n",
			absent: []string{"torch.load", "pickle.load", "eval", "exec"}},
		{name: "docstring", src: "def f():\n    \"\"\"Calls torch.load(path).\"\"\"\n    return 1\n", absent: []string{"torch.load", "f"}},
		{name: "f-string interpolation is code", src: "x = f\"{eval(a)!r:>{width}} and {{not_code(1)}}\"\n",
			calls: []string{"eval(a)"}, absent: []string{"not_code"}},
		{name: "nested f-string quotes", src: "x = f'{d[\"k\"]} {g(f\"{h(1)}\")}'\n", calls: []string{"h(1)", `g(f"{h(1)}")`}},
		{name: "implicit concatenation", src: "f('a' 'b', c=\"x\" \\\n  \"y\")\n", calls: []string{`f("ab", c="xy")`}},
		{name: "line continuation", src: "x = torch \\\n    .load(p)\n", calls: []string{"torch.load(p)"}},
		{name: "decorator", src: "@app.route('/x', methods=['GET'])\ndef h():\n    pass\n", calls: []string{`app.route("/x", methods=['GET'])`}, absent: []string{"h"}},
		{name: "def shadows import", src: "from pickle import load\ndef load(p):\n    return p\nload('x')\n",
			calls: []string{`load("x")`}, absent: []string{"pickle.load"}},
		{name: "class bases not a call", src: "class Foo(Base, metaclass=M):\n    pass\n", absent: []string{"Foo"}},
		{name: "keywords are not callees", src: "if (x):\n    return (y)\nassert (z)\nnot (a)\n", absent: []string{"if", "return", "assert", "not"}},
		{name: "nested brackets", src: "a(b(c[d(1)], {'k': e(2)}), f=[g(3)])\n", calls: []string{"d(1)", "e(2)", "g(3)", "b(c[d(1)], {'k': e(2)})", "a(b(c[d(1)], {'k': e(2)}), f=[g(3)])"}},
		{name: "subscript then call", src: "x = models[0].predict(y)\n", calls: []string{"models[].predict(y)"}},
		{name: "dynamic import", src: "m = importlib.import_module('vllm')\nm.LLM('x')\n", calls: []string{`vllm.LLM("x")`}, imports: []string{"vllm||"}},
		{name: "unbalanced input", src: "f(a, (b\ng(c))]]\nh(d)\n", calls: []string{"h(d)"}},
	})
}

func TestParseJS(t *testing.T) {
	cases := []parseCase{
		{name: "default import and new", src: "import OpenAI from \"openai\";\nconst c = new OpenAI({ apiKey: k });\n",
			calls: []string{"new openai.OpenAI({ apiKey: k }, apiKey=k)"}, imports: []string{"openai|default|OpenAI"}},
		{name: "object literal keys are named args", src: "import OpenAI from 'openai';\nconst openai = new OpenAI();\nawait openai.chat.completions.create({model: \"gpt-4o\", messages, 'max_tokens': 5});\n",
			calls: []string{`openai.OpenAI().chat.completions.create({model: "gpt-4o", messages, 'max_tokens': 5}, model="gpt-4o", messages=messages, max_tokens=5)`}},
		{name: "named, namespace and side-effect imports", src: "import { a as b, c } from \"m\";\nimport * as ns from 'n';\nimport 'side';\nb(); c(); ns.d();\n",
			calls: []string{"m.a()", "m.c()", "n.d()"}, imports: []string{"m|a|b", "m|c|", "n|*|ns", "side||"}},
		{name: "require and destructuring", src: "const cp = require('child_process');\nconst { exec, spawn: sp } = require(\"node:child_process\");\ncp.execSync(x); exec(y); sp(z);\n",
			calls:   []string{"child_process.execSync(x)", "node:child_process.exec(y)", "node:child_process.spawn(z)"},
			imports: []string{"child_process||", "node:child_process|exec|", "node:child_process|spawn|sp"}},
		{name: "await import", src: "const m = await import(\"ollama\");\nm.chat({model: 'llama3'});\n", calls: []string{`ollama.chat({model: 'llama3'}, model="llama3")`}, imports: []string{"ollama||"}},
		{name: "comments, strings, templates", src: "// eval(a)\n/* eval(b) */\nconst s = 'eval(c)' + \"eval(d)\";\nconst t = `eval(e) ${run(f)} ${`${inner(g)}`}`;\n",
			calls: []string{"run(f)", "inner(g)"}, absent: []string{"eval"}},
		{name: "regex literal", src: "const r = /eval\\(x\\)\"/g; const q = a / b / c; go(r);\n", calls: []string{"go(r)"}, absent: []string{"eval"}},
		{name: "optional chaining", src: "a?.b?.c(1); x?.(2);\n", calls: []string{"a.b.c(1)", "x(2)"}},
		{name: "method definitions are not calls", src: "class A extends B {\n  constructor(x) { super(x); }\n  run(q) { return this.go(q); }\n}\nfunction f(a) { return a }\n",
			calls: []string{"super(x)", "this.go(q)"}, absent: []string{"run", "f", "constructor"}},
		{name: "export from", src: "export { a } from \"m\";\nexport * from 'n';\n", imports: []string{"m|a|", "n|*|"}},
	}
	runParseCases(t, JavaScript, cases)
	runParseCases(t, TypeScript, []parseCase{
		{name: "typescript annotations and generics", src: "import OpenAI from 'openai';\nconst c: OpenAI = new OpenAI<Foo>({});\nclass S {\n  private client = new OpenAI();\n  async ask(q: string): Promise<string> { return this.client.responses.create({ model: 'gpt-4.1' }); }\n}\nconst v = x!.y(1);\n",
			calls:  []string{"new openai.OpenAI({})", "new openai.OpenAI()", `openai.OpenAI().responses.create({ model: 'gpt-4.1' }, model="gpt-4.1")`, "x.y(1)"},
			absent: []string{"ask"}},
		{name: "type-only import", src: "import type { Message } from '@anthropic-ai/sdk';\n", imports: []string{"@anthropic-ai/sdk|Message|"}},
	})
}

func TestParseGo(t *testing.T) {
	runParseCases(t, Go, []parseCase{
		{name: "import block and composite literal", src: "package p\n\nimport (\n\t\"fmt\"\n\topenai \"github.com/sashabaranov/go-openai\"\n\t_ \"embed\"\n)\n\n// openai.NewClient(\"no\")\nfunc f() {\n\tc := openai.NewClient(`raw\nkey`)\n\tr, err := c.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: openai.GPT4o, MaxTokens: 5})\n\tfmt.Println(r, err, 'x')\n}\n",
			calls: []string{`github.com/sashabaranov/go-openai.NewClient("raw\nkey")`,
				"github.com/sashabaranov/go-openai.ChatCompletionRequest{Model=openai.GPT4o, MaxTokens=5}",
				"github.com/sashabaranov/go-openai.NewClient().CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: openai.GPT4o, MaxTokens: 5})",
				"fmt.Println(r, err, 'x')"},
			absent:  []string{"f"},
			imports: []string{"fmt||", "github.com/sashabaranov/go-openai||openai", "embed||_"}},
		{name: "package name guessed", src: "package p\nimport \"github.com/anthropics/anthropic-sdk-go\"\nimport \"gopkg.in/yaml.v3\"\nvar c = anthropic.NewClient()\nvar _ = yaml.Unmarshal(b, &v)\n",
			calls: []string{"github.com/anthropics/anthropic-sdk-go.NewClient()", "gopkg.in/yaml.v3.Unmarshal(b, &v)"}},
		{name: "func type parameter", src: "package p\nimport \"x/openai\"\nfunc f(cb func(int) error) error {\n\tc := openai.NewClient()\n\treturn c.Do(openai.Req{Model: \"m\"})\n}\n",
			calls: []string{"x/openai.NewClient()", "x/openai.Req{Model=\"m\"}", "x/openai.NewClient().Do(openai.Req{Model: \"m\"})"}},
		{name: "if header is not a composite", src: "package p\nimport \"github.com/x/openai\"\nfunc f() {\n\tif m == openai.GPT4 {\n\t\tg(1)\n\t}\n\tfor _, x := range openai.List {\n\t}\n}\nfunc (s *S) Method(x int) error { return nil }\n",
			calls: []string{"g(1)"}, absent: []string{"github.com/x/openai.GPT4", "github.com/x/openai.List", "Method"}},
	})
}

func TestParseJava(t *testing.T) {
	runParseCases(t, Java, []parseCase{
		{name: "imports, builders, text blocks", src: "package a.b;\nimport dev.langchain4j.model.openai.OpenAiChatModel;\nimport static java.lang.Math.*;\n/** OpenAiChatModel.builder() in Javadoc */\nclass A {\n  String s = \"\"\"\n     new Foo(\"x\") \"\"\";\n  public String ask(String q) throws IOException {\n    var m = OpenAiChatModel.builder()\n        .modelName(\"gpt-4o\")\n        .build();\n    List<String> xs = new ArrayList<String>();\n    return m.generate(q);\n  }\n}\n",
			calls: []string{"dev.langchain4j.model.openai.OpenAiChatModel.builder()",
				`dev.langchain4j.model.openai.OpenAiChatModel.builder().modelName("gpt-4o")`,
				"dev.langchain4j.model.openai.OpenAiChatModel.builder().modelName().build().generate(q)",
				"new ArrayList()"},
			absent:  []string{"ask", "Foo", "OpenAiChatModel.builder"},
			imports: []string{"dev.langchain4j.model.openai|OpenAiChatModel|", "java.lang.Math|*|"}},
		{name: "field alias through this", src: "import com.openai.client.okhttp.OpenAIOkHttpClient;\nclass A {\n  private final OpenAIClient client = OpenAIOkHttpClient.fromEnv();\n  void f() { this.client.chat(); }\n}\n",
			calls: []string{"com.openai.client.okhttp.OpenAIOkHttpClient.fromEnv().chat()"}},
	})
}

func TestAssigns(t *testing.T) {
	tests := []struct {
		lang Lang
		src  string
		want []string // Name Op Value -> Resolved
	}{
		{Python, "from openai import OpenAI\nc = OpenAI()\nr = c.chat.completions.create(model='m')\ntext = r.choices[0].message.content\nx: int = 5\na, b = f()\nn += 1\n",
			[]string{"c = OpenAI() -> openai.OpenAI()", "r = c.chat.completions.create(model='m') -> openai.OpenAI().chat.completions.create()",
				"text = r.choices[0].message.content -> openai.OpenAI().chat.completions.create().choices[].message.content",
				"x = 5 -> ", "a = f() -> f()", "b = f() -> f()", "n += 1 -> "}},
		{JavaScript, "const a = 1, b = g(2)\nlet c = await h()\n  .then(k)\nvar d = x ? y : z;\nthis.e = new F();\n",
			[]string{"a = 1 -> ", "b = g(2) -> g()", "c = await h()\n  .then(k) -> h().then()", "d = x ? y : z -> ", "this.e = new F() -> F()"}},
		{Go, "package p\nfunc f() {\n\tx := g()\n\tvar y = h(1,\n\t\t2)\n\tz, err := k()\n}\n",
			[]string{"x := g() -> g()", "y = h(1, 2) -> h()", "z := k() -> k()", "err := k() -> k()"}},
		{Java, "class A { void f() { String s = g(\"x\"); final int n = 2; Map<String, Integer> m = new HashMap<>(); } }\n",
			[]string{`s = g("x") -> g()`, "n = 2 -> ", "m = new HashMap<>() -> HashMap()"}},
	}
	for _, tt := range tests {
		f := Parse(tt.lang, []byte(tt.src))
		var got []string
		for _, a := range f.Assigns {
			got = append(got, a.Name+" "+a.Op+" "+a.Value+" -> "+a.Resolved)
		}
		for _, w := range tt.want {
			w = strings.ReplaceAll(w, "\n  ", " ")
			if !slices.Contains(got, w) {
				t.Errorf("%s: missing assign %q\ngot:\n  %s", tt.lang, w, strings.Join(got, "\n  "))
			}
		}
	}
}

func TestLiteralsAndIdents(t *testing.T) {
	f := Parse(Python, []byte("x = 'a\\tb'\ny = f\"{name} is\"\n# 'comment'\nz = b'\\x41'\nw = r'\\d'\n"))
	var vals []string
	for _, l := range f.Strings {
		vals = append(vals, l.Value)
	}
	want := []string{"a\tb", "{name} is", "A", `\d`}
	if !slices.Equal(vals, want) {
		t.Errorf("literals = %q, want %q", vals, want)
	}
	if !f.Strings[1].Interpolated || f.Strings[0].Interpolated {
		t.Error("Interpolated flags wrong")
	}
	if got := f.IdentsIn(0, len("x = 'a\\tb'\ny = f\"{name} is\"")); !slices.Equal(got, []string{"x", "y", "name"}) {
		t.Errorf("idents = %v, want [x y name]", got)
	}
	long := Parse(Python, []byte("s = '"+strings.Repeat("x", 2*MaxLiteral)+"'\n"))
	if n := len(long.Strings[0].Value); n != MaxLiteral {
		t.Errorf("literal kept %d bytes, want %d", n, MaxLiteral)
	}
}

// TestLiteralKeys checks Literal.Key and Literal.Listed: what names the value a literal is part of.
func TestLiteralKeys(t *testing.T) {
	tests := []struct {
		lang Lang
		src  string
		want []string // "value key" or "value listed" per literal
	}{
		{Python, "self.model = os.getenv('M', 'a')\nf(x, engine='b')\nd = {'model': 'c', 'd': ['e'], 'f': 1}\n",
			[]string{"M model", "a model", "b engine", "model listed", "c model", "d listed", "e d", "f listed"}},
		{Python, "def f(a, model: str = 'x', *, n='y'):\n    return 'z'\nif m == 'w': pass\n",
			[]string{"x model", "y n", "z ", "w listed"}},
		{TypeScript, "const cfg = { llm: { model: 'a' }, tags: ['b'] };\ntype M = 'c' | 'd';\nnew X({ model: cond ? 'e' : 'f' });\n",
			[]string{"a model", "b tags", "c listed", "d listed", "e model", "f model"}},
		{Go, "package p\nconst (\n\tA = \"a\"\n\tB = \"b\"\n)\nvar m = map[string]int{\"c\": 1}\nfunc f() { switch x { case \"d\": } }\n",
			[]string{"a A", "b B", "c listed", "d listed"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range Parse(tt.lang, []byte(tt.src)).Strings {
			k := l.Key
			if l.Listed {
				k = "listed"
			}
			got = append(got, l.Value+" "+k)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.src, got, tt.want)
		}
	}
}

func TestLinesAndOffsets(t *testing.T) {
	src := "a = '''x\ny'''\n# c\nb(\n  1)\nc = `no`\n"
	f := Parse(Python, []byte(src))
	if len(f.Calls) != 1 || f.Calls[0].Line != 4 || src[f.Calls[0].Offset:f.Calls[0].Offset+1] != "b" {
		t.Fatalf("calls = %+v", f.Calls)
	}
	js := Parse(JavaScript, []byte("/* a\nb */ const t = `x\n${f(1)}`;\ng(2)\n"))
	if lines := []int{js.Calls[0].Line, js.Calls[1].Line}; !slices.Equal(lines, []int{3, 4}) {
		t.Errorf("JS lines = %v, want [3 4]", lines)
	}
}

func TestBounds(t *testing.T) {
	big := []byte(strings.Repeat("x = f(1)\n", MaxLen/9+10))
	f := Parse(Python, big)
	if !f.Truncated {
		t.Error("Truncated not set")
	}
	if len(f.Calls) > MaxCalls || !f.Capped {
		t.Errorf("%d calls, capped %v", len(f.Calls), f.Capped)
	}
	deep := Parse(JavaScript, []byte(strings.Repeat("(", 100_000)+"x"+strings.Repeat(")", 100_000)))
	if len(deep.Calls) != 0 {
		t.Errorf("deep nesting gave %d calls", len(deep.Calls))
	}
	if f := Parse("cobol", []byte("x")); len(f.Calls) != 0 {
		t.Error("unknown language parsed")
	}
}
