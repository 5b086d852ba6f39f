package deps

import "testing"

func TestNpmDeclared(t *testing.T) {
	tests := []struct {
		spec string
		want string
	}{
		{"1.2.3", "x@1.2.3 c=1.2.3 direct"},
		{"=1.2.3", "x@1.2.3 c==1.2.3 direct"},
		{"v1.2.3", "x@1.2.3 c=v1.2.3 direct"},
		{"1.2.3-beta.1+build.5", "x@1.2.3-beta.1+build.5 c=1.2.3-beta.1+build.5 direct"},
		{"^1.2.3", "x c=^1.2.3 direct"},
		{"~1.2.3", "x c=~1.2.3 direct"},
		{"1.2", "x c=1.2 direct"},
		{"1.2.x", "x c=1.2.x direct"},
		{">=1.0.0 <2.0.0", "x c=>=1.0.0 <2.0.0 direct"},
		{"1.2.3 || 2.0.0", "x c=1.2.3 || 2.0.0 direct"},
		{"*", "x c=* direct"},
		{"latest", "x c=latest direct"},
		{"", "x direct"},
		{"npm:real@^2.0.0", "real c=^2.0.0 direct"},
		{"npm:@scope/real@2.0.0", "@scope/real@2.0.0 c=2.0.0 direct"},
		{"github:user/repo#v1", "x c=github:user/repo#v1 direct src=github:user/repo#v1"},
		{"user/repo#semver:^1.0", "x c=user/repo#semver:^1.0 direct src=user/repo#semver:^1.0"},
		{"git+ssh://git@github.com/u/r.git#abc", "x c=git+ssh://git@github.com/u/r.git#abc direct src=git+ssh://git@github.com/u/r.git#abc"},
		{"https://example.com/x-1.0.0.tgz", "x c=https://example.com/x-1.0.0.tgz direct src=https://example.com/x-1.0.0.tgz"},
		{"file:../x", "x c=file:../x direct src=file:../x"},
		{"./local", "x c=./local direct src=./local"},
		{"workspace:^", "x c=workspace:^ direct src=workspace:^"},
	}
	for _, tt := range tests {
		if got := brief(npmDeclared("x", tt.spec, false, 1)); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.spec, got, tt.want)
		}
	}
}

func TestPackageJSON(t *testing.T) {
	m := mustParse(t, PackageJSON, `{"name":"app","version":"^1","dependencies":{"a":"1.0.0"},"devDependencies":{"a":"1.0.0","b":"^2"},"bundleDependencies":["c"]}`)
	if m.Project == nil || m.Project.Name != "app" || m.Project.Version != "" {
		t.Errorf("project = %+v", m.Project)
	}
	checkBriefs(t, m, []string{"a@1.0.0 c=1.0.0 direct", "b c=^2 direct dev"})

	m = mustParse(t, NodeModule, `{"name":"@s/p","version":"1.0.0-rc.1","dependencies":{"ignored":"1.0.0"}}`)
	if m.Project != nil {
		t.Errorf("installed package has a project: %+v", m.Project)
	}
	checkBriefs(t, m, []string{"@s/p@1.0.0-rc.1"})

	m = mustParse(t, NodeModule, `{"version":"1.0.0"}`)
	if len(m.Packages) != 0 || len(m.Gaps) != 1 {
		t.Errorf("nameless installed package: %+v", m)
	}
}

func TestPackageLockV2(t *testing.T) {
	m := mustParse(t, PackageLock, `{
  "name": "app", "version": "1.0.0", "lockfileVersion": 2,
  "packages": {
    "": {"name": "app", "version": "1.0.0", "dependencies": {"a": "^1", "al": "npm:real@^3"}, "devDependencies": {"d": "^1"}},
    "node_modules/a": {"version": "1.1.0", "resolved": "https://registry.npmjs.org/a/-/a-1.1.0.tgz"},
    "node_modules/a/node_modules/d": {"version": "0.9.0", "dev": true},
    "node_modules/al": {"name": "real", "version": "3.0.0"},
    "node_modules/d": {"version": "1.0.0", "dev": true},
    "node_modules/ws": {"resolved": "packages/ws", "link": true},
    "node_modules/t": {"version": "1.0.0", "resolved": "https://example.com/t.tgz"},
    "node_modules/weird": "not an object",
    "packages/ws": {"name": "ws", "version": "0.0.1", "dependencies": {"t": "https://example.com/t.tgz"}}
  },
  "dependencies": {"a": {"version": "1.1.0"}}
}`)
	if m.Project == nil || m.Project.Name != "app" || m.Project.Version != "1.0.0" {
		t.Errorf("project = %+v", m.Project)
	}
	checkBriefs(t, m, []string{
		"a@1.1.0 direct", "d@0.9.0 dev", "real@3.0.0 direct", "d@1.0.0 direct dev", "t@1.0.0 direct src=https://example.com/t.tgz",
	})
}

func TestYarnDescriptors(t *testing.T) {
	m := mustParse(t, YarnLock, `# yarn lockfile v1

"@s/a@^1.0.0", "@s/a@^1.1.0":
  version "1.2.0"

b@1, b@^1:
  version "1.0.1"
  dependencies:
    version "not-this"

"alias@npm:@s/real@^2":
  version "2.0.0"

garbage line
  version "9.9.9"
`)
	checkBriefs(t, m, []string{"@s/a@1.2.0", "b@1.0.1", "@s/real@2.0.0"})
	if len(m.Gaps) != 1 {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestPnpmSplit(t *testing.T) {
	tests := []struct {
		path          string
		major         int
		name, version string
	}{
		{"/@babel/core/7.18.2", 5, "@babel/core", "7.18.2"},
		{"/react-dom/18.2.0_react@18.2.0", 5, "react-dom", "18.2.0"},
		{"/@langchain/openai@0.1.3(langchain@0.2.5)", 6, "@langchain/openai", "0.1.3"},
		{"langchain@0.2.5", 9, "langchain", "0.2.5"},
		{"@s/x@1.0.0(@s/peer@2.0.0)(y@1.0.0)", 9, "@s/x", "1.0.0"},
	}
	for _, tt := range tests {
		n, v := pnpmSplit(tt.path, tt.major)
		if n != tt.name || v != tt.version {
			t.Errorf("pnpmSplit(%q, %d) = %q, %q", tt.path, tt.major, n, v)
		}
	}
	for _, tt := range []struct {
		ver   string
		major int
		want  bool
	}{
		{"1.0.0", 9, false}, {"1.0.0(peer@1.0.0)", 9, false}, {"real@1.0.0", 9, true}, {"@s/real@1.0.0", 9, true},
		{"https://codeload.github.com/a/b/tar.gz/c", 9, false}, {"file:../x", 9, false}, {"link:../x", 9, false},
		{"18.2.0_react@18.2.0", 5, false}, {"/real/1.0.0", 5, true}, {"github.com/a/b/c", 6, true},
	} {
		if got := isPnpmPath(tt.ver, tt.major); got != tt.want {
			t.Errorf("isPnpmPath(%q, %d) = %v", tt.ver, tt.major, got)
		}
	}
}

func TestPnpmNotALock(t *testing.T) {
	for _, text := range []string{"just text", "[1, 2]", "- a\n- b\n"} {
		if _, err := Parse(PnpmLock, []byte(text)); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}

func TestPnpmEnvDocument(t *testing.T) {
	m := mustParse(t, PnpmLock, `---
lockfileVersion: '9.0'
importers:
  .:
    configDependencies: {}
packages: {}
---
lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0
packages:
  a@1.0.0:
    resolution: {integrity: sha512-x}
snapshots:
  a@1.0.0: {}
`)
	checkBriefs(t, m, []string{"a@1.0.0 direct"})
}
