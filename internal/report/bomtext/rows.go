package bomtext

import (
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

func serviceSection(ss []bom.Component) section {
	s := section{title: "Services & MCP servers", headers: []string{"NAME", "KIND", "TRANSPORT", "ENDPOINT / COMMAND", "AUTH", "TOOLS", "CONFIG"}}
	for i := range ss {
		x := &ss[i]
		si := x.Service
		if si == nil {
			si = &bom.ServiceInfo{}
		}
		target := strings.Join(si.Endpoints, " ")
		if si.Command != "" {
			target = strings.Join(append([]string{si.Command}, si.Args...), " ")
		}
		tools := ""
		if n := len(si.Tools); n > 0 {
			names := make([]string, 0, n)
			for _, t := range si.Tools {
				names = append(names, t.Name)
			}
			tools = strconv.Itoa(n) + ": " + strings.Join(names, ", ")
		}
		auth := orDash(si.Authenticated)
		if si.Authenticated == "no" && len(si.Endpoints) > 0 {
			auth.tone = warn
		}
		s.rows = append(s.rows, []cell{
			c(displayName(x)), orDash(string(x.Category)), orDash(si.Transport), orDash(target),
			auth, orDash(tools), orDash(cmpOr(si.ConfigPath, x.Path)),
		})
	}
	return s
}

func hostedSection(hs []bom.Component) section {
	s := section{title: "Hosted models referenced", headers: []string{"NAME", "SUPPLIER", "WHERE USED"}}
	for i := range hs {
		x := &hs[i]
		s.rows = append(s.rows, []cell{c(displayName(x)), orDash(x.Supplier), orDash(whereUsed(x))})
	}
	return s
}

func vulnSection(vs []bom.Vulnerability, byRef map[string]*bom.Component) section {
	s := section{title: "Vulnerabilities", headers: []string{"ID", "SEVERITY", "PACKAGE", "FIXED IN", "SUMMARY"}}
	for _, v := range vs {
		pkg := v.Affects
		if x := byRef[v.Affects]; x != nil {
			pkg = displayName(x)
			if x.Version != "" {
				pkg += "@" + x.Version
			}
		}
		sev := orDash(strings.ToLower(v.Severity))
		switch sev.text {
		case "critical", "high":
			sev.tone = bad
		case "medium", "moderate":
			sev.tone = warn
		case "low":
			sev.tone = info
		}
		s.rows = append(s.rows, []cell{c(v.ID), sev, orDash(pkg), orDash(strings.Join(v.Fixed, ", ")), orDash(v.Summary)})
	}
	return s
}

func incompleteSection(gs []bom.Gap) section {
	s := section{title: "Incomplete (not fully analysed; do not treat as clean)", headers: []string{"PATH", "REASON"}}
	for _, g := range gs {
		reason := orDash(g.Reason)
		if g.Reason != "" {
			reason.tone = warn
		}
		s.rows = append(s.rows, []cell{orDash(g.Path), reason})
	}
	return s
}
