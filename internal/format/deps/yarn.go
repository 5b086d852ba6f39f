package deps

import (
	"bytes"
	"strconv"
	"strings"
)

// yarnEntry is one yarn.lock block: its header descriptors and the fields kept.
type yarnEntry struct {
	line        int
	descriptors []string
	version     string
	resolved    string // classic
	resolution  string // berry
}

// parseYarnLock reads yarn.lock, classic (v1: `"a@^1", a@~1:` headers, `version "1.2.3"`)
// or berry (YAML: `resolution: "a@npm:1.2.3"`, `version: 1.2.3`) line by line; yarn writes
// both with a fixed layout. The berry workspace root ("name@workspace:.") is the project;
// other workspaces are skipped. The lock does not say which packages are direct.
func parseYarnLock(c *collector, data []byte) error {
	y := &yarnReader{c: c}
	forEachLine(data, y.line, func(no int) { c.gap("line %d: longer than %d bytes; not read", no, MaxLineBytes) })
	y.flush()
	return nil
}

// yarnReader holds the block being read.
type yarnReader struct {
	c         *collector
	cur       *yarnEntry
	skipBlock bool // __metadata or an unreadable header
}

func (y *yarnReader) flush() {
	if y.cur != nil {
		yarnEmit(y.c, y.cur)
	}
	y.cur = nil
}

// line reads one line: a block header at indent 0, or a field of the current block at
// indent 2. Deeper lines (dependency lists) are not needed.
func (y *yarnReader) line(no int, line []byte) bool {
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 || trimmed[0] == '#' {
		return true
	}
	indent := len(line) - len(bytes.TrimLeft(line, " "))
	if indent == 0 {
		y.flush()
		head := string(trimmed)
		if !strings.HasSuffix(head, ":") {
			y.skipBlock = true
			y.c.lineGap(no, "unsupported yarn.lock syntax", head)
			return true
		}
		head = strings.TrimSuffix(head, ":")
		y.skipBlock = head == "__metadata"
		if !y.skipBlock {
			y.cur = &yarnEntry{line: no, descriptors: yarnDescriptors(head)}
		}
		return true
	}
	if y.skipBlock || y.cur == nil || indent != 2 {
		return true
	}
	key, val := yarnField(string(trimmed))
	switch key {
	case "version":
		y.cur.version = val
	case "resolved":
		y.cur.resolved = val
	case "resolution":
		y.cur.resolution = val
	}
	return true
}

// yarnDescriptors splits a block header into its descriptors ("a@^1", "@s/b@npm:^2").
func yarnDescriptors(head string) []string {
	var out []string
	for _, d := range strings.Split(strings.ReplaceAll(head, `"`, ""), ",") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// yarnField splits `key "value"` (classic) or `key: value` (berry) and unquotes the value.
func yarnField(s string) (key, val string) {
	i := strings.IndexAny(s, ": ")
	if i < 0 {
		return s, ""
	}
	key, val = s[:i], strings.TrimSpace(strings.TrimPrefix(s[i:], ":"))
	if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
		if u, err := strconv.Unquote(val); err == nil {
			return key, u
		}
		return key, val[1 : len(val)-1]
	}
	if len(val) >= 2 && val[0] == '\'' && val[len(val)-1] == '\'' {
		return key, strings.ReplaceAll(val[1:len(val)-1], "''", "'")
	}
	return key, val
}

// yarnEmit turns a block into a package (or the project).
func yarnEmit(c *collector, e *yarnEntry) {
	if e.resolution != "" {
		yarnBerry(c, e)
		return
	}
	if len(e.descriptors) == 0 {
		return
	}
	name, rng := splitNpmDescriptor(e.descriptors[0])
	if alias, ok := strings.CutPrefix(rng, "npm:"); ok {
		if real, r := splitNpmDescriptor(alias); real != "" && len(alias) > 1 && strings.Contains(alias[1:], "@") {
			name, rng = real, r
		}
	}
	p := Package{Ecosystem: Npm, Name: name, Version: e.version, Line: e.line, Source: npmResolvedSource(e.resolved)}
	if e.resolved == "" {
		p.Source = npmSpecSource(rng)
	}
	c.add(p)
}

// yarnBerry handles a berry block from its resolution ("name@protocol:reference").
func yarnBerry(c *collector, e *yarnEntry) {
	name, ref := splitNpmDescriptor(e.resolution)
	if name == "" {
		return
	}
	version := e.version
	if version == "0.0.0-use.local" {
		version = ""
	}
	proto := ""
	if i := strings.IndexByte(ref, ':'); i > 0 {
		proto = ref[:i]
	}
	p := Package{Ecosystem: Npm, Name: name, Version: version, Line: e.line}
	switch proto {
	case "workspace":
		if ref == "workspace:." {
			c.project(p)
		}
		return
	case "npm", "patch", "":
		if version == "" && proto == "npm" {
			p.Version = ref[len("npm:"):]
		}
	default:
		p.Source = ref
	}
	c.add(p)
}
