package deps

import (
	"strings"
	"testing"
)

func TestGoMod(t *testing.T) {
	m := mustParse(t, GoMod, `module example.com/app

go 1.22

require (
	example.com/a v1.0.0
	example.com/b v1.2.0 // indirect
	example.com/c v0.1.0
	example.com/d/v2 v2.0.0
)

replace example.com/a => example.com/a v1.0.1
replace example.com/b v1.2.0 => ./local/b
replace example.com/c v0.0.9 => example.com/c v0.0.10
replace example.com/d/v2 => example.com/fork/d/v2 v2.0.1
`)
	if m.Project == nil || m.Project.Name != "example.com/app" || m.Project.Line != 1 {
		t.Errorf("project = %+v", m.Project)
	}
	checkBriefs(t, m, []string{
		"example.com/a@v1.0.1 direct", "example.com/b src=./local/b", "example.com/c@v0.1.0 direct",
		"example.com/d/v2@v2.0.1 direct src=example.com/fork/d/v2",
	})
}

func TestGoModLax(t *testing.T) {
	m := mustParse(t, GoMod, "module m\n\nfuturedirective x\n\nrequire example.com/a v1.0.0\n")
	checkBriefs(t, m, []string{"example.com/a@v1.0.0 direct"})
	if len(m.Gaps) != 1 || !strings.Contains(m.Gaps[0], "line 3") {
		t.Errorf("gaps = %q", m.Gaps)
	}
	if _, err := Parse(GoMod, []byte("module m\nrequire (\n")); err == nil {
		t.Error("unterminated block: no error")
	}
}

func TestPom(t *testing.T) {
	m := mustParse(t, PomXML, `<?xml version="1.0" encoding="ISO-8859-1"?>
<project>
  <parent><groupId>g.parent</groupId><version>7</version></parent>
  <artifactId>app</artifactId>
  <properties>
    <a>${b}</a><b>${a}</b>
    <big>${x}${x}${x}${x}</big><x>${big}</x>
    <v>1.0</v>
  </properties>
  <dependencies>
    <dependency><groupId>g</groupId><artifactId>cyclic</artifactId><version>${a}</version></dependency>
    <dependency><groupId>g</groupId><artifactId>bomb</artifactId><version>${big}</version></dependency>
    <dependency><groupId>g</groupId><artifactId>lit</artifactId><version>${v}</version><scope>test</scope>
      <exclusions><exclusion><groupId>ex</groupId><artifactId>ex</artifactId></exclusion></exclusions></dependency>
    <dependency><groupId>${project.groupId}</groupId><artifactId>sib</artifactId><version>${project.version}</version></dependency>
    <dependency><artifactId>nogroup</artifactId></dependency>
  </dependencies>
</project>`)
	if m.Project == nil || m.Project.Name != "g.parent:app" || m.Project.Version != "7" {
		t.Errorf("project = %+v", m.Project)
	}
	checkBriefs(t, m, []string{
		"g:cyclic c=${a} direct", "g:bomb c=${big} direct", "g:lit@1.0 c=${v} direct dev", "g.parent:sib@7 c=${project.version} direct",
	})
	if len(m.Gaps) != 1 {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestPomErrors(t *testing.T) {
	for _, text := range []string{"", "<notproject/>", "<project><dependencies>", "<project></wrong>", "not xml"} {
		_, err := Parse(PomXML, []byte(text))
		if err == nil || !strings.HasPrefix(err.Error(), "unable to parse pom.xml: ") {
			t.Errorf("%q: err = %v", text, err)
		}
	}
}
