package deps

import (
	"strings"
	"testing"
)

func TestPyproject(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		project string
		want    []string
		gaps    int
	}{
		{"pep621", `
[project]
name = "demo"
version = "1.0"
dependencies = ["openai>=1", "anthropic==0.28.0"]
[project.optional-dependencies]
gpu = ["vllm==0.4.3"]
`, "demo@1.0", []string{"openai c=>=1 direct", "anthropic@0.28.0 c===0.28.0 direct", "vllm@0.4.3 c===0.4.3 direct dev"}, 0},
		{"dynamic version", `
[project]
name = "demo"
dynamic = ["version"]
`, "demo", nil, 0},
		{"dependency groups skip includes", `
[dependency-groups]
test = ["pytest"]
dev = [{include-group = "test"}, "ruff"]
`, "", []string{"pytest direct dev", "ruff direct dev"}, 0},
		{"same package prod and dev is prod", `
[project]
name = "d"
dependencies = ["numpy"]
[dependency-groups]
dev = ["numpy"]
`, "d", []string{"numpy direct"}, 0},
		{"poetry forms", `
[tool.poetry]
name = "agent"
version = "0.1.0"
[tool.poetry.dependencies]
python = "^3.10"
exact = "1.2.3"
eq = "==2.0"
caret = "^1.0"
star = "*"
table = {version = "3.0.0", extras = ["x"]}
gitdep = {git = "https://github.com/a/b.git", branch = "main"}
pathdep = {path = "../lib", develop = true}
urldep = {url = "https://x/y-1.0.tar.gz"}
opt = {version = "^1", optional = true}
[tool.poetry.group.main.dependencies]
mainpkg = "1.0.0"
[tool.poetry.group.test.dependencies]
pytest = "^8"
`, "agent@0.1.0", []string{
			"exact@1.2.3 c=1.2.3 direct", "eq@2.0 c===2.0 direct", "caret c=^1.0 direct", "star c=* direct",
			"table@3.0.0 c=3.0.0 direct", "gitdep direct src=git+https://github.com/a/b.git@main", "pathdep direct src=../lib",
			"urldep direct src=https://x/y-1.0.tar.gz", "opt c=^1 direct dev", "mainpkg@1.0.0 c=1.0.0 direct", "pytest c=^8 direct dev",
		}, 0},
		{"project wins over poetry", `
[project]
name = "pep621-name"
[tool.poetry]
name = "poetry-name"
`, "pep621-name", nil, 0},
		{"bad requirement", `
[project]
name = "x"
dependencies = ["ok", "not ok!"]
`, "x", []string{"ok direct"}, 1},
		{"wrong types ignored", `
project = "not a table"
[tool]
poetry = 3
`, "", nil, 0},
		{"pdm dev", `
[tool.pdm.dev-dependencies]
lint = ["ruff>=0.4"]
`, "", []string{"ruff c=>=0.4 direct dev"}, 0},
		{"dotted keys", `
project.name = "dotted"
project.dependencies = ["rich"]
`, "dotted", []string{"rich direct"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, Pyproject, tt.text)
			proj := ""
			if m.Project != nil {
				proj = m.Project.Name
				if m.Project.Version != "" {
					proj += "@" + m.Project.Version
				}
			}
			if proj != tt.project {
				t.Errorf("project = %q, want %q", proj, tt.project)
			}
			checkBriefs(t, m, tt.want)
			if len(m.Gaps) != tt.gaps {
				t.Errorf("gaps = %q, want %d", m.Gaps, tt.gaps)
			}
		})
	}
}

func TestPyprojectLines(t *testing.T) {
	m := mustParse(t, Pyproject, "[project]\nname = \"x\"\ndependencies = [\n  \"a\",\n\n  # c\n  'b',\n]\n")
	if len(m.Packages) != 2 || m.Packages[0].Line != 4 || m.Packages[1].Line != 7 || m.Project.Line != 2 {
		t.Fatalf("lines: project %d, %+v", m.Project.Line, m.Packages)
	}
}

func TestPoetryLock(t *testing.T) {
	m := mustParse(t, PoetryLock, `
[[package]]
name = "a"
version = "1.0"
category = "main"

[[package]]
name = "b"
version = "2.0"
category = "dev"

[[package]]
name = "c"
version = "3.0"
groups = ["dev", "test"]

[[package]]
name = "d"
version = "4.0"
groups = ["main", "dev"]

[[package]]
version = "5.0"

[metadata.files]
a = [{file = "a-1.0.whl", hash = "sha256:00"}]
`)
	checkBriefs(t, m, []string{"a@1.0", "b@2.0 dev", "c@3.0 dev", "d@4.0"})
	if len(m.Gaps) != 1 {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestUVLock(t *testing.T) {
	m := mustParse(t, UVLock, `
version = 1

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "a" }, { name = "b", extra = ["fast"] }]

[package.dev-dependencies]
dev = [{ name = "t" }]

[[package]]
name = "a"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "shared" }]

[[package]]
name = "b"
version = "1.0"
source = { path = "vendor/b-1.0-py3-none-any.whl" }

[package.optional-dependencies]
fast = [{ name = "speedup" }]

[[package]]
name = "speedup"
version = "1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "shared"
version = "1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "t"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "shared" }, { name = "tdep" }]

[[package]]
name = "tdep"
version = "1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "orphan"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
`)
	if m.Project == nil || m.Project.Name != "app" {
		t.Fatalf("project = %+v", m.Project)
	}
	checkBriefs(t, m, []string{
		"a@1.0 direct", "b@1.0 direct src=vendor/b-1.0-py3-none-any.whl", "speedup@1.0", "shared@1.0",
		"t@1.0 direct dev", "tdep@1.0 dev", "orphan@1.0",
	})
}

func TestUVLockCycle(t *testing.T) {
	m := mustParse(t, UVLock, `
[[package]]
name = "app"
source = { editable = "." }
dependencies = [{ name = "a" }]
[[package]]
name = "a"
version = "1"
dependencies = [{ name = "b", extra = ["x"] }]
[[package]]
name = "b"
version = "1"
dependencies = [{ name = "a", extra = ["y"] }]
[package.optional-dependencies]
x = [{ name = "a" }, { name = "b", extra = ["x"] }]
`)
	checkBriefs(t, m, []string{"a@1 direct", "b@1"})
}

func TestPipfile(t *testing.T) {
	m := mustParse(t, Pipfile, `
[[source]]
url = "https://pypi.org/simple"
name = "pypi"
[packages]
requests = "*"
openai = "==1.33.0"
bad = 3
[dev-packages]
pytest = {version = ">=8"}
[requires]
python_version = "3.11"
[scripts]
serve = "python -m app"
`)
	checkBriefs(t, m, []string{"requests c=* direct", "openai@1.33.0 c===1.33.0 direct", "pytest c=>=8 direct dev"})
	if len(m.Gaps) != 1 {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestPipfileLockSections(t *testing.T) {
	m := mustParse(t, PipfileLock, `{"_meta": {"x": 1}, "default": {"a": {"version": "==1.0"}, "b": {"version": "*"}, "c": 5}, "develop": {"d": {"version": "==2"}}, "docs": {"e": {}}}`)
	checkBriefs(t, m, []string{"a@1.0", "b", "d@2 dev", "e dev"})
	if len(m.Gaps) != 1 {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		text string
		want string
		err  bool
	}{
		{"Metadata-Version: 2.1\nName: torch\nVersion: 2.3.0\nRequires-Dist: numpy\n\nName: x\n", "torch@2.3.0", false},
		{"Name: a\r\nVersion: 1\r\n", "a@1", false},
		{"name:  lower  \nversion: 3\n", "lower@3", false},
		{"Summary: s\n  Name: folded\nName: real\n", "real", false},
		{"Version: 1.0\n", "", true},
		{"", "", true},
		{"\nName: after-blank\n", "", true},
	}
	for _, tt := range tests {
		m, err := Parse(DistInfo, []byte(tt.text))
		if (err != nil) != tt.err {
			t.Errorf("%q: err = %v", tt.text, err)
			continue
		}
		if err == nil && (len(m.Packages) != 1 || brief(m.Packages[0]) != tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, briefs(m), tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "unable to parse package metadata: ") {
			t.Errorf("error %q", err)
		}
	}
}
