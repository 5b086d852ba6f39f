package deps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxPomExpansion bounds a version after ${property} substitution.
const maxPomExpansion = 4 << 10

// pomDep is one <dependency>.
type pomDep struct {
	group, artifact, version, scope string
	line                            int
	managed                         bool // under <dependencyManagement>
}

// pomReader collects what pom.xml declares while its tokens stream by.
type pomReader struct {
	stack   []string
	text    strings.Builder
	props   map[string]string
	coords  map[string]string // project/groupId, project/parent/version…
	deps    []pomDep
	cur     *pomDep
	curPath string // the path of the <dependency> element being read
	projAt  int
	decoder *xml.Decoder
	lines   lineCounter
	start   int // byte offset where the current token starts
}

// parsePom reads pom.xml: the project coordinates (falling back to the parent's group and
// version), <properties>, and the dependencies of the project and its profiles. Versions
// may come from <dependencyManagement> and may use ${property} references, resolved from
// <properties> and the project's coordinates; a reference that stays unresolved, or a
// version range, leaves Version empty. Test-scoped dependencies are dev. Parent POMs and
// imported BOMs are not fetched.
func parsePom(c *collector, data []byte) error {
	r := &pomReader{props: map[string]string{}, coords: map[string]string{}, lines: newLineCounter(data)}
	r.decoder = xml.NewDecoder(bytes.NewReader(data))
	r.decoder.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	for {
		r.start = int(r.decoder.InputOffset())
		tok, err := r.decoder.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := r.decoder.InputPos()
			return fmt.Errorf("line %d: %w", line, err)
		}
		if err := r.token(tok); err != nil {
			return err
		}
	}
	if r.projAt == 0 {
		return errors.New("no <project> element")
	}
	r.emit(c)
	return nil
}

func (r *pomReader) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		r.stack = append(r.stack, t.Name.Local)
		if len(r.stack) > MaxDepth {
			return fmt.Errorf("nesting deeper than %d", MaxDepth)
		}
		r.text.Reset()
		path := strings.Join(r.stack, "/")
		if path == "project" {
			r.projAt = r.lines.at(r.start)
		}
		if managed, ok := pomDependencyPath(path); ok {
			r.cur, r.curPath = &pomDep{line: r.lines.at(r.start), managed: managed}, path
		}
	case xml.CharData:
		if r.text.Len() < MaxLineBytes {
			r.text.Write(t)
		}
	case xml.EndElement:
		if len(r.stack) == 0 {
			return nil
		}
		r.end(strings.Join(r.stack, "/"), strings.TrimSpace(r.text.String()))
		r.stack = r.stack[:len(r.stack)-1]
		r.text.Reset()
	}
	return nil
}

// pomDependencyPath recognises the <dependency> elements that declare dependencies (not
// plugin dependencies).
func pomDependencyPath(path string) (managed, ok bool) {
	rest, ok := strings.CutPrefix(path, "project/")
	if !ok {
		return false, false
	}
	rest = strings.TrimPrefix(rest, "profiles/profile/")
	switch rest {
	case "dependencies/dependency":
		return false, true
	case "dependencyManagement/dependencies/dependency":
		return true, true
	}
	return false, false
}

// end handles the close of the element at path with its text.
func (r *pomReader) end(path, text string) {
	if _, ok := pomDependencyPath(path); ok && r.cur != nil {
		r.deps = append(r.deps, *r.cur)
		r.cur = nil
		return
	}
	if r.cur != nil {
		child, ok := strings.CutPrefix(path, r.curPath+"/")
		if !ok || strings.Contains(child, "/") {
			return // <exclusions> and other nested elements
		}
		switch child {
		case "groupId":
			r.cur.group = text
		case "artifactId":
			r.cur.artifact = text
		case "version":
			r.cur.version = text
		case "scope":
			r.cur.scope = text
		}
		return
	}
	if name, ok := strings.CutPrefix(path, "project/properties/"); ok && !strings.Contains(name, "/") {
		r.props[name] = text
		return
	}
	switch path {
	case "project/groupId", "project/artifactId", "project/version", "project/parent/groupId", "project/parent/version":
		r.coords[path] = text
	}
}

// emit resolves versions and adds the project and its dependencies.
func (r *pomReader) emit(c *collector) {
	group := firstNonEmpty(r.coords["project/groupId"], r.coords["project/parent/groupId"])
	version := firstNonEmpty(r.coords["project/version"], r.coords["project/parent/version"])
	if a := r.coords["project/artifactId"]; a != "" {
		c.project(Package{Ecosystem: Maven, Name: group + ":" + a, Version: r.version(version), Line: r.projAt})
	}
	managed := map[string]string{}
	for _, d := range r.deps {
		if d.managed && d.version != "" {
			key := r.resolve(d.group) + ":" + r.resolve(d.artifact)
			if _, ok := managed[key]; !ok {
				managed[key] = d.version
			}
		}
	}
	for _, d := range r.deps {
		if d.managed {
			continue
		}
		if d.group == "" || d.artifact == "" {
			c.gap("line %d: dependency without groupId or artifactId", d.line)
			continue
		}
		name := r.resolve(d.group) + ":" + r.resolve(d.artifact)
		raw := d.version
		if raw == "" {
			raw = managed[name]
		}
		c.add(Package{
			Ecosystem: Maven, Name: name, Version: r.version(raw), Constraint: d.version,
			Direct: true, Dev: d.scope == "test", Line: d.line,
		})
	}
}

// version resolves a version, returning "" for ranges and unresolved references.
func (r *pomReader) version(raw string) string {
	v := r.resolve(raw)
	if v == "" || strings.Contains(v, "${") || strings.ContainsAny(v[:1], "[(") || strings.Contains(v, ",") {
		return ""
	}
	return v
}

// resolve substitutes ${name} references from <properties> and the project coordinates, a
// bounded number of times.
func (r *pomReader) resolve(s string) string {
	for range 8 {
		if !strings.Contains(s, "${") || len(s) > maxPomExpansion {
			break
		}
		s = r.expandOnce(s)
	}
	return s
}

func (r *pomReader) expandOnce(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		name := s[i+2 : i+j]
		if v, ok := r.lookup(name); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
		if b.Len() > maxPomExpansion {
			return b.String()
		}
	}
	b.WriteString(s)
	return b.String()
}

func (r *pomReader) lookup(name string) (string, bool) {
	if v, ok := r.props[name]; ok {
		return v, true
	}
	var v string
	switch name {
	case "project.version", "pom.version", "version":
		v = firstNonEmpty(r.coords["project/version"], r.coords["project/parent/version"])
	case "project.groupId", "pom.groupId", "groupId":
		v = firstNonEmpty(r.coords["project/groupId"], r.coords["project/parent/groupId"])
	case "project.artifactId", "pom.artifactId", "artifactId":
		v = r.coords["project/artifactId"]
	case "project.parent.version", "parent.version":
		v = r.coords["project/parent/version"]
	case "project.parent.groupId", "parent.groupId":
		v = r.coords["project/parent/groupId"]
	}
	return v, v != ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
