package deps

import "testing"

func TestKindOf(t *testing.T) {
	tests := []struct {
		path string
		want Kind
		ok   bool
	}{
		{"requirements.txt", Requirements, true},
		{"app/requirements-dev.txt", Requirements, true},
		{"requirements/base.txt", Requirements, true},
		{"ci/test-requirements.txt", Requirements, true},
		{"Requirements.txt", Requirements, true},
		{"requirements.in", Requirements, true},
		{"constraints.txt", Requirements, true},
		{"pyproject.toml", Pyproject, true},
		{"svc/poetry.lock", PoetryLock, true},
		{"uv.lock", UVLock, true},
		{"Pipfile", Pipfile, true},
		{"Pipfile.lock", PipfileLock, true},
		{"package.json", PackageJSON, true},
		{"web/package.json", PackageJSON, true},
		{"node_modules/lodash/package.json", NodeModule, true},
		{"a/node_modules/@types/node/package.json", NodeModule, true},
		{"node_modules/a/node_modules/b/package.json", NodeModule, true},
		{"node_modules/lodash/fp/package.json", PackageJSON, true}, // not a package root
		{"node_modules/@types/package.json", PackageJSON, true},
		{"node_modules/.bin/package.json", PackageJSON, true},
		{"package-lock.json", PackageLock, true},
		{"npm-shrinkwrap.json", PackageLock, true},
		{"node_modules/.package-lock.json", PackageLock, true},
		{"yarn.lock", YarnLock, true},
		{"pnpm-lock.yaml", PnpmLock, true},
		{"go.mod", GoMod, true},
		{"pom.xml", PomXML, true},
		{"lib/python3.11/site-packages/torch-2.3.0.dist-info/METADATA", DistInfo, true},
		{"site-packages/legacy.egg-info/PKG-INFO", DistInfo, true},
		// Look-alikes that are not manifests.
		{"README.txt", "", false},
		{"notes.txt", "", false},
		{".package-lock.json", "", false},
		{"package.json.bak", "", false},
		{"go.sum", "", false},
		{"METADATA", "", false},
		{"x.dist-info/RECORD", "", false},
		{".dist-info/METADATA", "", false},
		{"PKG-INFO", "", false}, // an sdist's root PKG-INFO
		{"docs/pipfile", "", false},
		{"requirements.txt/", "", false},
	}
	for _, tt := range tests {
		got, ok := KindOf(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("KindOf(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}
