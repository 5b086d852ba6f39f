package deps

import (
	"bytes"
	"strings"
)

// logical is one requirements line after pip's line joining and comment removal.
type logical struct {
	line int // first physical line
	text string
}

// parseRequirements reads a pip requirements (or constraints) file the way pip's req_file
// does: `\` continuations are joined, comments start at a `#` at the line start or after
// whitespace, a line splits into requirement arguments and trailing options at the first
// token that starts with "-", and option-only lines are parsed as pip options.
func parseRequirements(c *collector, data []byte) error {
	for _, l := range joinRequirementLines(c, data) {
		text := stripComment(l.text)
		if text == "" {
			continue
		}
		args, opts := splitArgsOptions(text)
		if args == "" {
			reqOptions(c, l.line, opts)
			continue
		}
		reqArgument(c, l.line, args)
	}
	return nil
}

// joinRequirementLines applies pip's join_lines: a line ending in `\` (that is not a comment
// line) continues on the next one. Lines over MaxLineBytes are gaps.
func joinRequirementLines(c *collector, data []byte) []logical {
	var out []logical
	var cur strings.Builder
	first, lineNo := 0, 0
	joining, dropping := false, false
	for len(data) > 0 {
		lineNo++
		raw := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(raw) > MaxLineBytes {
			c.gap("line %d: longer than %d bytes; not read", lineNo, MaxLineBytes)
			cur.Reset()
			joining = false
			dropping = bytes.HasSuffix(bytes.TrimSuffix(raw, []byte{'\r'}), []byte{'\\'})
			continue
		}
		line := strings.TrimSuffix(string(raw), "\r")
		if dropping { // the rest of a logical line whose start was too long
			dropping = strings.HasSuffix(line, `\`) && !isCommentLine(line)
			continue
		}
		comment := isCommentLine(line)
		if !strings.HasSuffix(line, `\`) || comment {
			if comment {
				line = " " + line
			}
			if joining {
				cur.WriteString(line)
				out = append(out, logical{first, cur.String()})
				cur.Reset()
				joining = false
			} else {
				out = append(out, logical{lineNo, line})
			}
			continue
		}
		if !joining {
			first, joining = lineNo, true
		}
		if cur.Len()+len(line) > MaxLineBytes {
			c.gap("line %d: continued line longer than %d bytes; not read", first, MaxLineBytes)
			cur.Reset()
			joining, dropping = false, true
			continue
		}
		cur.WriteString(strings.Trim(line, `\`))
	}
	if joining {
		out = append(out, logical{first, cur.String()})
	}
	return out
}

// isCommentLine is pip's COMMENT_RE.match: a `#` at the start, possibly after whitespace.
func isCommentLine(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t\f\v"), "#")
}

// stripComment removes a comment: a `#` at the start of the line or after whitespace.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || isSpace(s[i-1])) {
			s = s[:i]
			break
		}
	}
	return strings.TrimSpace(s)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' }

// splitArgsOptions is pip's break_args_options: tokens up to the first one starting with "-"
// are the requirement, the rest are options.
func splitArgsOptions(s string) (args, opts string) {
	tokens := strings.Split(s, " ")
	for i, t := range tokens {
		if strings.HasPrefix(t, "-") {
			return strings.TrimSpace(strings.Join(tokens[:i], " ")), strings.Join(tokens[i:], " ")
		}
	}
	return s, ""
}

// reqOptions handles an option-only line: includes, editables and index options.
func reqOptions(c *collector, line int, opts string) {
	fields := strings.Fields(opts)
	for i := 0; i < len(fields); i++ {
		name, val, hasVal := optionValue(fields[i])
		known, takesValue := reqOption(name)
		if !known {
			c.lineGap(line, "unsupported option", opts)
			return
		}
		if takesValue && !hasVal {
			if i+1 >= len(fields) {
				c.lineGap(line, "option without a value", opts)
				return
			}
			i++
			val = fields[i]
		}
		switch name {
		case "-r", "--requirement", "-c", "--constraint":
			c.include(val)
		case "-e", "--editable":
			reqURL(c, line, val, true)
		}
	}
}

// optionValue splits "--opt=value" and "-rfile" forms.
func optionValue(tok string) (name, val string, ok bool) {
	if strings.HasPrefix(tok, "--") {
		if n, v, found := strings.Cut(tok, "="); found {
			return n, v, true
		}
		return tok, "", false
	}
	if len(tok) > 2 {
		return tok[:2], strings.TrimPrefix(tok[2:], "="), true
	}
	return tok, "", false
}

// reqOption reports whether pip accepts the option in a requirements file and whether it
// takes a value.
func reqOption(name string) (known, takesValue bool) {
	switch name {
	case "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
		"--extra-index-url", "-f", "--find-links", "--no-binary", "--only-binary", "--trusted-host",
		"--use-feature", "--hash", "--config-settings", "--global-option", "--install-option", "-Z":
		return true, name != "-Z"
	case "--no-index", "--pre", "--prefer-binary", "--require-hashes", "--always-unzip":
		return true, false
	}
	return false, false
}

// reqArgument handles a requirement argument: a PEP 508 requirement or a URL or path.
func reqArgument(c *collector, line int, args string) {
	if isURLOrPath(args) {
		u := args
		if i := strings.Index(u, " ;"); i >= 0 {
			u = strings.TrimSpace(u[:i])
		}
		reqURL(c, line, u, false)
		return
	}
	r, ok := parsePEP508(args)
	if !ok {
		c.lineGap(line, "unsupported requirement syntax", args)
		return
	}
	p := Package{Ecosystem: PyPI, Name: r.name, Version: r.version, Constraint: r.spec, Direct: true, Line: line, Source: r.url}
	if r.url != "" {
		_, p.Version = nameFromURL(r.url)
	}
	c.add(p)
}

// reqURL handles an editable or bare URL or path. The name comes from the `#egg=` fragment
// or a wheel or sdist file name; the project's own directory (".") is not a dependency.
func reqURL(c *collector, line int, u string, editable bool) {
	name, version := nameFromURL(u)
	if name == "" {
		if self := strings.TrimSuffix(strings.SplitN(u, "[", 2)[0], "/"); self == "." || self == "" {
			return // the project itself: `-e .`, `.[dev]`
		}
		what := "URL or path without a package name"
		if editable {
			what = "editable " + what
		}
		c.lineGap(line, what, u)
		return
	}
	c.add(Package{Ecosystem: PyPI, Name: name, Version: version, Direct: true, Line: line, Source: u})
}
