package cyclonedx

import (
	"cmp"
	"net"
	"net/url"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/aisecops/aisec/internal/bom"
)

// service maps an MCP server or a model API to a CycloneDX service. The launch command, its
// arguments, the names of the environment variables passed (never their values) and the
// declared tools are properties; tool descriptions are cut to maxToolDescription runes.
func (c *converter) service(x *bom.Component) cdx.Service {
	out := cdx.Service{
		BOMRef: x.Ref, Group: x.Group, Name: x.Name, Version: truncate(x.Version, 1024),
		Description: x.Description, ExternalReferences: externalRefs(x),
	}
	si := x.Service
	if si == nil {
		si = &bom.ServiceInfo{}
	}
	provider := cmp.Or(si.Provider, x.Supplier)
	if provider != "" {
		out.Provider = &cdx.OrganizationalEntity{Name: provider}
	}
	var endpoints, rejected []string
	for _, e := range si.Endpoints {
		if u, ok := iri(e); ok {
			endpoints = append(endpoints, u)
		} else {
			rejected = append(rejected, e)
		}
	}
	out.Endpoints = list(endpoints)
	switch si.Authenticated {
	case "yes":
		out.Authenticated = ptr(true)
	case "no":
		out.Authenticated = ptr(false)
	}
	if remote(endpoints) {
		out.CrossesTrustBoundary = ptr(true)
	}
	out.Properties = list(c.serviceProps(x, si, rejected))
	return out
}

func (c *converter) serviceProps(x *bom.Component, si *bom.ServiceInfo, rejected []string) []cdx.Property {
	var out []cdx.Property
	add := func(name, value string) {
		if value != "" {
			out = append(out, prop(name, value))
		}
	}
	add("category", string(x.Category))
	add("transport", si.Transport)
	add("command", si.Command)
	if len(si.Args) > 0 {
		add("args", jsonList(si.Args))
	}
	add("env", strings.Join(si.EnvNames, ","))
	for _, e := range rejected {
		add("endpoint", e) // not a valid IRI, so kept out of endpoints
	}
	names := make([]string, 0, len(si.Tools))
	for _, t := range si.Tools {
		names = append(names, t.Name)
	}
	add("tools", strings.Join(names, ","))
	for _, t := range si.Tools {
		if t.Name != "" {
			out = append(out, prop("tool:"+t.Name, truncate(t.Description, maxToolDescription)))
		}
	}
	add("config", si.ConfigPath)
	add("path", x.Path)
	for _, o := range x.Occurrences {
		add("occurrence", location(o))
	}
	for _, p := range x.Properties {
		if p.Name != "" {
			out = append(out, prop(p.Name, p.Value))
		}
	}
	return out
}

func location(o bom.Occurrence) string {
	if o.Line > 0 {
		return o.Path + ":" + strconv.Itoa(o.Line)
	}
	return o.Path
}

// remote reports whether any endpoint is a network URL to a host other than this machine: the
// data sent to it crosses a trust boundary.
func remote(endpoints []string) bool {
	for _, e := range endpoints {
		u, err := url.Parse(e)
		if err != nil || u.Host == "" {
			continue
		}
		host := u.Hostname()
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() || strings.EqualFold(host, "localhost") {
			continue
		}
		return true
	}
	return false
}
