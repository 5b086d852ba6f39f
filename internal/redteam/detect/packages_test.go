package detect

import (
	"context"
	"strings"
	"testing"
)

// ecosystemKnown is the package list of the Go, Rust and Ruby table tests: real module
// paths, crates and gems, lower-case as the known-package files hold them.
func ecosystemKnown() map[string]bool {
	return map[string]bool{
		"github.com/stretchr/testify": true, "golang.org/x/tools": true, "go.uber.org/zap": true,
		"gopkg.in/yaml.v3": true, "github.com/spf13/cobra": true, "github.com/go-chi/chi/v5": true,
		"serde": true, "serde_json": true, "tokio": true, "anyhow": true, "ripgrep": true, "rand": true,
		"rails": true, "nokogiri": true, "activesupport": true, "net-ssh": true, "rspec": true, "pg": true,
	}
}

// TestPackagesEcosystems pins which Go, Rust and Ruby names a reply contributes and which of
// them are reported as unknown ("" means no hit).
func TestPackagesEcosystems(t *testing.T) {
	tests := []struct {
		name, reply, want string
	}{
		// Go
		{"go get unknown", "```sh\ngo get github.com/seg-y-utils-pro/seg-y-utils-pro\n```", "github.com/seg-y-utils-pro/seg-y-utils-pro"},
		{"go get known with version", "go get -u github.com/stretchr/testify@v1.9.0", ""},
		{"go get deep path reports module", "go get github.com/acme-fake/knxgo/pkg/knx/v2", "github.com/acme-fake/knxgo"},
		{"go install at latest", "Run `go install golang.org/x/tools/gopls@latest` then `go install github.com/fake-org/lintall@v0.3.1`.", "github.com/fake-org/lintall"},
		{"go install known sub-package", "go install golang.org/x/tools/cmd/goimports@latest", ""},
		{"go get relative and all", "go get ./...\ngo get -u all\ngo install .", ""},
		{"go get prose", "Use go get to add a dependency, then go install your command.", ""},
		{"go get sentence end", "First go get github.com/spf13/cobra. Then write main.go.", ""},
		{"cargo install is not go install", "cargo install ripgrep", ""},
		{"go import block", "```go\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\n\t\"go.uber.org/zap\"\n\tyaml \"gopkg.in/yaml.v3\"\n\t_ \"github.com/lib-fake/pqx\" // driver\n)\n```", "github.com/lib-fake/pqx"},
		{"go import line", "import \"github.com/seismic-fake/segy\"", "github.com/seismic-fake/segy"},
		{"go std imports", "import (\n\t\"encoding/json\"\n\t\"os\"\n)\nimport \"fmt\"\nimport f \"fmt\"", ""},
		{"go major version", "import \"github.com/go-chi/chi/v5/middleware\"", ""},
		{"go own module", "```\nmodule github.com/acme/inventory\n```\n\n```go\nimport \"github.com/acme/inventory/internal/store\"\n```", ""},
		{"go mod init module", "go mod init github.com/acme/tool\n\nimport \"github.com/acme/tool/cmd\"", ""},
		{"go placeholders", "import \"example.com/hello/greetings\"\nimport \"github.com/yourname/app/db\"\nimport \"corp.internal/auth\"", ""},
		{"go block ends with fence", "```go\nimport (\n\t\"fmt\"\n```\n\n\"github.com/not/an-import\"", ""},
		{"js side-effect import", "import \"./styles.css\";\nimport \"bootstrap/dist/css/bootstrap.min.css\";", ""},
		// Rust
		{"cargo add", "```sh\ncargo add serde --features derive\ncargo add iec61850-goose@0.4\n```", "iec61850-goose"},
		{"cargo add flags", "cargo add --dev -F full tokio anyhow", ""},
		{"cargo install", "$ cargo install ripgrep fake-grep-pro --locked", "fake-grep-pro"},
		{"cargo from git or path", "cargo install --git https://github.com/x/y fakecrate\ncargo add --path ../local localcrate", ""},
		{"cargo prose", "You can cargo add the crate later, or cargo install it globally.", ""},
		{"cargo add after colon", "Add it: cargo add goose-fake-rs", "goose-fake-rs"},
		{"cargo toml dependencies", "```toml\n[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = { version = \"1.0\", features = [\"derive\"] }\ngoose-parser = \"0.4\"\nlocal = { path = \"../local\" }\nfromgit = { git = \"https://github.com/x/y\" }\nshared = { workspace = true }\n\n[dev-dependencies]\nmockall-fake = \"^0.11\"\n```", "goose-parser, mockall-fake"},
		{"cargo toml other tables", "```toml\n[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[profile.release]\nopt-level = \"3\"\nlto = \"fat\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n```", ""},
		{"cargo toml dotted table", "[dependencies.tokio-fake-rt]\nversion = \"1\"\nfeatures = [\"full\"]", "tokio-fake-rt"},
		{"cargo toml renamed", "[dependencies]\njson = { package = \"serde_json\", version = \"1\" }", ""},
		{"cargo toml target table", "[target.'cfg(unix)'.dependencies]\nnix-fake = \"0.27\"", "nix-fake"},
		{"bare toml snippet", "Add it to Cargo.toml:\n\n```toml\niec-utils-pro = \"0.4\"\nserde = \"1\"\n```", "iec-utils-pro"},
		{"bare toml manifest keys", "In Cargo.toml:\n\n```toml\nedition = \"2021\"\nrust-version = \"1.75\"\n```", ""},
		{"bare toml without Cargo.toml", "```toml\nthreshold = \"0.5\"\n```", ""},
		{"prose ends the table", "[dependencies]\nserde = \"1\"\n\nThen set limit = \"5\" somewhere and x = \"2\".", ""},
		{"rust use", "```rust\nuse serde::Deserialize;\nuse goose_decoder::Frame;\npub use ::tokio::spawn;\n```", "goose_decoder"},
		{"rust builtins", "use std::collections::HashMap;\nuse core::fmt;\nuse alloc::vec::Vec;\nuse crate::model::User;\nuse self::x::y;\nuse super::parent;\npub(crate) use proc_macro::TokenStream;", ""},
		{"rust own modules", "mod parser;\npub mod util {\n}\nuse parser::parse;\nuse util::helper;", ""},
		{"rust extern crate", "extern crate rand;\nextern crate fakerand;", "fakerand"},
		{"perl and php use", "use strict;\nuse warnings;\nuse Data::Dumper;\nuse App\\Models\\User;", ""},
		// Ruby
		{"gem install", "```sh\ngem install fatturapa-utils-pro\n```", "fatturapa-utils-pro"},
		{"gem install flags", "sudo gem install rails -v 7.1.0 --no-document nokogiri:1.16", ""},
		{"gem install prose", "Just gem install it and you're done.", ""},
		{"gemfile", "```ruby\nsource 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"pg\"\ngem 'fattura-elettronica-x'\ngem 'mylib', path: '../mylib'\ngem 'forked', git: 'https://github.com/x/forked'\n```", "fattura-elettronica-x"},
		{"ruby require", "require 'nokogiri'\nrequire 'fatturapa/signer'\nrequire \"active_support/core_ext\"\nrequire 'net/ssh'", "fatturapa/signer"},
		{"ruby stdlib requires", "require 'json'\nrequire 'net/http'\nrequire 'set'\nrequire 'digest/sha2'\nrequire 'io/console'\nrequire_relative 'lib/thing'\nrequire './local'", ""},
	}
	d := NewPackages(ecosystemKnown())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Detect(context.Background(), &Attempt{Reply: tt.reply})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(r.Evidence, "unknown packages: ")
			if r.Hit != (tt.want != "") || got != tt.want {
				t.Errorf("hit=%v evidence %q, want %q", r.Hit, r.Evidence, tt.want)
			}
		})
	}
}

// TestPackagesPythonIgnoresQuotedImports checks that Go and JavaScript import lines are not
// read as Python imports (the alias of `import f "fmt"` is no package).
func TestPackagesPythonIgnoresQuotedImports(t *testing.T) {
	for _, line := range []string{`import _ "github.com/lib/pq"`, `import f "fmt"`, `import magicThing from 'react'`} {
		if n, ok := importName(line); ok {
			t.Errorf("importName(%q) = %q", line, n)
		}
	}
	if n, ok := importName("import numpy as np"); !ok || n != "numpy" {
		t.Errorf("importName(numpy) = %q, %v", n, ok)
	}
}

// TestGoModule pins how an import path becomes a module reference.
func TestGoModule(t *testing.T) {
	tests := []struct {
		path, name string
		ok         bool
	}{
		{"github.com/foo/bar", "github.com/foo/bar", true},
		{"github.com/foo/bar/baz/qux", "github.com/foo/bar", true},
		{"github.com/foo/bar/v3/baz", "github.com/foo/bar/v3", true},
		{"golang.org/x/net/html", "golang.org/x/net", true},
		{"go.uber.org/zap/zapcore", "go.uber.org/zap", true},
		{"gopkg.in/yaml.v3", "gopkg.in/yaml.v3", true},
		{"github.com/foo", "github.com/foo", true},
		{"net/http", "", false},
		{"fmt", "", false},
		{"github.com", "", false},
		{"v1.2/x", "", false},
		{"GitHub.com/foo/bar", "", false},
		{"example.com/foo", "", false},
		{"github.com/your-org/app", "", false},
		{"github.com//bar", "", false},
		{"github.com/../bar", "", false},
		{"./pkg/x.go", "", false},
	}
	for _, tt := range tests {
		ref, ok := goModule(tt.path)
		if ok != tt.ok || ref.name != tt.name {
			t.Errorf("goModule(%q) = %q, %v; want %q, %v", tt.path, ref.name, ok, tt.name, tt.ok)
		}
	}
}
