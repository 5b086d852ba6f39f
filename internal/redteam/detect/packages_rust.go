package detect

import (
	"slices"
	"strings"
)

// rustLine reads the crate of a Rust "use c::…" or "extern crate c;" line, and records
// "mod m" declarations as the reply's own modules (a use of them names no crate).
func (s *replyScan) rustLine(t string) {
	t = rustVisibility(t)
	switch {
	case strings.HasPrefix(t, "use "):
		if c, ok := rustUseCrate(t[len("use "):]); ok {
			s.add(c, ecoRust)
		}
	case strings.HasPrefix(t, "extern crate "):
		if c := cutAny(t[len("extern crate "):], " ;"); rustCrateName(c) {
			s.add(c, ecoRust)
		}
	case strings.HasPrefix(t, "mod "):
		s.addLocal(&s.crates, cutAny(t[len("mod "):], " ;{"))
	}
}

// rustVisibility strips a leading pub or pub(…) from a Rust item.
func rustVisibility(t string) string {
	if r, ok := strings.CutPrefix(t, "pub "); ok {
		return strings.TrimSpace(r)
	}
	if strings.HasPrefix(t, "pub(") {
		if i := strings.IndexByte(t, ')'); i > 0 {
			return strings.TrimSpace(t[i+1:])
		}
	}
	return t
}

// rustUseCrate returns the first segment of a use path (serde::Deserialize,
// ::tokio::spawn) when it can name an external crate. A path without "::" is not read:
// "use strict;" is Perl.
func rustUseCrate(rest string) (string, bool) {
	rest = strings.TrimPrefix(strings.TrimSpace(rest), "::")
	name, _, ok := strings.Cut(rest, "::")
	return name, ok && rustCrateName(name)
}

// rustCrateName accepts lower-case Rust identifiers other than the built-in crates and the
// path keywords (std, core, alloc, proc_macro, test, crate, self, super).
func rustCrateName(n string) bool {
	if !crateName(n) || n[0] < 'a' || n[0] > 'z' || strings.Contains(n, "-") || strings.ToLower(n) != n {
		return false
	}
	switch n {
	case "std", "core", "alloc", "proc_macro", "test", "crate", "self", "super":
		return false
	}
	return true
}

// crateName accepts names of the shape crates.io allows: an ASCII letter, then letters,
// digits, '-' and '_', at most 64 bytes.
func crateName(n string) bool {
	if n == "" || len(n) > 64 || !(n[0] >= 'a' && n[0] <= 'z' || n[0] >= 'A' && n[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(n); i++ {
		if !isWordByte(n[i]) {
			return false
		}
	}
	return true
}

// tomlTable says which Cargo.toml table a line is in.
type tomlTable uint8

const (
	tomlNone    tomlTable = iota // outside any table
	tomlOther                    // a table that names no crates
	tomlDeps                     // [dependencies], [dev-dependencies], …
	tomlPackage                  // [package]: its name is the reply's own crate
	tomlBare                     // a ```toml block without a header in a reply about Cargo.toml
)

// tomlLine reads Cargo.toml lines: a header switches the table; in a dependency table or a
// bare Cargo.toml snippet, name = "1.0" and name = { version = … } name a crate; a line
// that is no key = value pair (prose) ends the table.
func (s *replyScan) tomlLine(t string) {
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		s.tomlHeader(strings.Trim(t, "[] \t"))
		return
	}
	if s.toml == tomlNone || t == "" || t[0] == '#' {
		return
	}
	key, val, ok := strings.Cut(t, "=")
	if !ok {
		s.toml = tomlNone
		return
	}
	key = strings.Trim(strings.TrimSpace(key), "\"'")
	val = strings.TrimSpace(val)
	switch s.toml {
	case tomlPackage:
		if key == "name" {
			s.addLocal(&s.crates, strings.Trim(val, "\"'"))
		}
	case tomlDeps, tomlBare:
		if name, ok := cargoDependency(key, val, s.toml == tomlBare); ok {
			s.add(name, ecoRust)
		}
	}
}

// tomlHeader switches to the table a header names; [dependencies.name] names a crate.
func (s *replyScan) tomlHeader(h string) {
	h = strings.NewReplacer(" ", "", "\"", "", "'", "").Replace(h)
	s.toml = tomlOther
	switch {
	case h == "package":
		s.toml = tomlPackage
	case depTable(h):
		s.toml = tomlDeps
	default:
		if i := strings.LastIndexByte(h, '.'); i > 0 && depTable(h[:i]) && crateName(h[i+1:]) {
			s.add(h[i+1:], ecoRust)
		}
	}
}

// depTable reports whether a Cargo.toml table lists dependencies: [dependencies],
// [dev-dependencies], [build-dependencies] and their target.….… and workspace. forms.
// Poetry's [tool.poetry.dependencies] is not one.
func depTable(h string) bool {
	for _, t := range []string{"dependencies", "dev-dependencies", "build-dependencies"} {
		if h == t || h == "workspace."+t || strings.HasPrefix(h, "target.") && strings.HasSuffix(h, "."+t) {
			return true
		}
	}
	return false
}

// cargoDependency reads one dependency line: a version requirement, or an inline table with
// a version (path, git and workspace dependencies name no registry crate; package renames).
// In a bare snippet, manifest keys such as edition and version are not crates.
func cargoDependency(key, val string, bare bool) (string, bool) {
	name := key
	switch {
	case strings.HasPrefix(val, "\"") || strings.HasPrefix(val, "'"):
		if !versionReq(strings.Trim(val, "\"'")) {
			return "", false
		}
	case strings.HasPrefix(val, "{"):
		keys := inlineKeys(val)
		_, path := keys["path"]
		_, git := keys["git"]
		_, ws := keys["workspace"]
		if keys["version"] == "" || path || git || ws {
			return "", false
		}
		if p := keys["package"]; p != "" {
			name = p
		}
	default:
		return "", false
	}
	if bare && slices.Contains([]string{"name", "version", "edition", "rust-version", "resolver", "opt-level"}, name) {
		return "", false
	}
	return name, crateName(name)
}

// versionReq reports whether v reads as a Cargo version requirement ("1.0", "^0.4", "*").
func versionReq(v string) bool {
	return v != "" && strings.IndexByte("0123456789^~=<>*", v[0]) >= 0
}

// inlineKeys returns the keys of a TOML inline table with their values unquoted; values
// holding commas (feature lists) come out cut, which is enough for dependency tables.
func inlineKeys(val string) map[string]string {
	keys := map[string]string{}
	for _, part := range strings.Split(strings.Trim(val, "{} "), ",") {
		if k, v, ok := strings.Cut(part, "="); ok {
			keys[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), "\"'")
		}
	}
	return keys
}
