package detect

import (
	"slices"
	"strings"
)

// rubyLine reads Gemfile gem 'name' lines and require 'path' lines.
func (s *replyScan) rubyLine(t string) {
	if name, rest, ok := rubyQuoted(t, "gem "); ok {
		if crateName(name) && !gemFromSource(rest) {
			s.add(name, ecoRuby)
		}
		return
	}
	if path, _, ok := rubyQuoted(t, "require "); ok {
		if ref, ok := rubyRequire(path); ok {
			s.refs = append(s.refs, ref)
		}
	}
}

// rubyQuoted reads keyword 'x' or keyword "x" at the start of t, returning x and the rest
// of the line.
func rubyQuoted(t, keyword string) (x, rest string, ok bool) {
	rest, ok = strings.CutPrefix(t, keyword)
	if !ok || rest == "" || rest[0] != '\'' && rest[0] != '"' {
		return "", "", false
	}
	j := strings.IndexByte(rest[1:], rest[0])
	if j < 0 {
		return "", "", false
	}
	return rest[1 : 1+j], rest[2+j:], true
}

// gemFromSource reports whether the rest of a Gemfile gem line takes the gem from a path
// or a git repository rather than from RubyGems.
func gemFromSource(rest string) bool {
	for _, k := range []string{"path:", "git:", "github:", ":path", ":git", ":github"} {
		if strings.Contains(rest, k) {
			return true
		}
	}
	return false
}

// rubyRequire reads a require path. Standard-library and relative paths are skipped. The
// path is reported; it is known under its dashed prefixes (net/ssh: net, net-ssh) and its
// first element without underscores (active_support: activesupport).
func rubyRequire(path string) (packageRef, bool) {
	if !validPackage(path) || strings.HasPrefix(path, ".") || strings.HasPrefix(path, "/") || strings.HasPrefix(path, "@") {
		return packageRef{}, false
	}
	elems := strings.SplitN(path, "/", maxPathElems+1)
	elems = elems[:min(len(elems), maxPathElems)]
	if rubyStdlib(path) || rubyStdlib(elems[0]) || elems[0] == "" {
		return packageRef{}, false
	}
	forms := []string{strings.ReplaceAll(elems[0], "_", "")}
	for k := 1; k <= len(elems); k++ {
		forms = append(forms, strings.Join(elems[:k], "-"))
	}
	return packageRef{name: path, forms: forms, eco: ecoRuby}, true
}

// rubyStdlib reports whether a require path is part of Ruby (its standard library, default
// and bundled gems, and the require names of Bundler and RubyGems).
func rubyStdlib(p string) bool {
	return slices.Contains([]string{
		"base64", "benchmark", "bigdecimal", "bundler", "bundler/setup", "cgi", "csv", "date", "delegate",
		"digest", "English", "erb", "etc", "fileutils", "find", "forwardable", "io/console", "ipaddr", "json",
		"logger", "minitest", "monitor", "net/ftp", "net/http", "net/https", "net/imap", "net/pop", "net/smtp",
		"objspace", "observer", "open-uri", "open3", "openssl", "optparse", "ostruct", "pathname", "pp", "prime",
		"pstore", "psych", "rake", "rbconfig", "readline", "resolv", "rexml", "ripper", "rubygems",
		"securerandom", "set", "shellwords", "singleton", "socket", "stringio", "strscan", "tempfile",
		"test/unit", "time", "timeout", "tmpdir", "uri", "weakref", "yaml", "zlib",
	}, p)
}
