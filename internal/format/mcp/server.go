package mcp

import "strings"

// server reads one server entry. Keys of every client are read from every entry: clients
// copy each other's files, and an unknown key costs nothing.
func (b *builder) server(name, at string, off int64, n *node) Server {
	s := Server{Name: name, Path: at, Offset: off}
	if t := n.get("transport"); t != nil && t.kind == kObj { // Continue config.json
		b.fields(&s, t)
	}
	b.fields(&s, n)
	if s.Transport == "" {
		s.Transport = b.inferTransport(n, &s)
	}
	if s.Transport == TransportStdio || s.Command != "" {
		s.Package = Launcher(s.Command, s.Args)
	}
	return s
}

// fields copies the keys of one entry object into s.
func (b *builder) fields(s *Server, n *node) {
	switch cmd := n.get("command"); {
	case cmd == nil:
	case cmd.kind == kObj: // Zed: "command": {"path", "args", "env"}
		s.Command = cmd.get("path").str()
		b.args(s, cmd.get("args"))
		s.Env = b.vars(s.Env, cmd.get("env"))
	default:
		s.Command, _ = cmd.scalar()
	}
	b.args(s, n.get("args"))
	for _, env := range n.all("env") { // a repeated env key: the client reads the last copy, the file holds all
		s.Env = b.vars(s.Env, env)
	}
	if v := n.get("envFile"); v != nil {
		s.EnvFile = v.str()
	}
	for _, k := range [...]string{"url", "serverUrl", "httpUrl"} {
		if u := n.get(k).str(); u != "" && s.URL == "" {
			s.URL = u
		}
	}
	for _, k := range [...]string{"type", "transport", "transportType"} {
		if t := normTransport(n.get(k).str()); t != "" {
			s.Transport = t
		}
	}
	for _, k := range [...]string{"headers", "http_headers"} {
		for _, h := range n.all(k) {
			s.Headers = b.vars(s.Headers, h)
		}
	}
	b.codexAuth(s, n)
	if n.get("disabled").isTrue() || n.get("enabled").isFalse() {
		s.Disabled = true
	}
	b.serverApprovals(s, n)
	if tools := n.get("tools"); tools != nil && tools.kind == kArr {
		s.Tools = append(s.Tools, b.toolList(tools)...)
	}
}

// codexAuth records Codex's header indirections as references and its inline bearer token
// as the Authorization header it becomes.
func (b *builder) codexAuth(s *Server, n *node) {
	if m, ok := n.member("bearer_token_env_var"); ok {
		if v := m.val.str(); v != "" {
			s.Headers = append(s.Headers, Var{Name: "Authorization", Value: "Bearer ${" + v + "}", Offset: m.off})
		}
	}
	if m, ok := n.member("bearer_token"); ok {
		if v := m.val.str(); v != "" {
			s.Headers = append(s.Headers, Var{Name: "Authorization", Value: "Bearer " + v, Offset: m.off})
		}
	}
	if h := n.get("env_http_headers"); h != nil && h.kind == kObj {
		for _, m := range h.members {
			if v := m.val.str(); v != "" && len(s.Headers) < MaxVars {
				s.Headers = append(s.Headers, Var{Name: m.key, Value: "${" + v + "}", Offset: m.off})
			}
		}
	}
}

// inferTransport guesses the transport of an entry that does not say.
func (b *builder) inferTransport(n *node, s *Server) string {
	switch {
	case s.Command != "":
		return TransportStdio
	case n.get("httpUrl") != nil || n.get("serverUrl") != nil:
		return TransportHTTP
	case s.URL != "" && b.flavour == FlavourGemini:
		return TransportSSE // Gemini CLI: url is SSE, httpUrl streamable HTTP
	case s.URL != "":
		return TransportHTTP
	}
	return ""
}

// normTransport spells a transport the way this package does; unknown values are kept in
// lower case, an empty one stays empty.
func normTransport(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch t {
	case "":
		return ""
	case "stdio", "local", "command":
		return TransportStdio
	case "http", "remote":
		return TransportHTTP
	case "sse":
		return TransportSSE
	case "streamable-http", "streamablehttp", "streamable_http", "streamable http", "http-stream":
		return TransportStreamableHTTP
	}
	if len(t) > 32 {
		t = t[:32]
	}
	return strings.ToValidUTF8(t, "")
}

// args appends the string (or scalar) items of a list to s.Args, up to MaxArgs.
func (b *builder) args(s *Server, n *node) {
	if n == nil {
		return
	}
	switch n.kind {
	case kArr:
		for _, it := range n.items {
			if len(s.Args) >= MaxArgs {
				b.gap("%s has more than %d arguments; the rest were not read", s.Path, MaxArgs)
				return
			}
			if v, ok := it.scalar(); ok {
				s.Args = append(s.Args, v)
			}
		}
	case kStr: // a single argument string
		s.Args = append(s.Args, n.text)
	}
}

// vars appends the entries of an object (name → scalar) or of a list of {name, value}
// objects to out, up to MaxVars. Null values (VS Code's "remove this variable") become "".
func (b *builder) vars(out []Var, n *node) []Var {
	if n == nil {
		return out
	}
	switch n.kind {
	case kObj:
		for _, m := range n.members {
			if len(out) >= MaxVars {
				b.gap("more than %d variables or headers in one entry; the rest were not read", MaxVars)
				return out
			}
			v, _ := m.val.scalar()
			out = append(out, Var{Name: m.key, Value: v, Offset: m.off})
		}
	case kArr: // registry manifests: [{"name": …, "value"/"default": …}]
		for _, it := range n.items {
			name := it.get("name").str()
			if name == "" || len(out) >= MaxVars {
				continue
			}
			v, ok := it.get("value").scalar()
			if !ok {
				v, _ = it.get("default").scalar()
			}
			out = append(out, Var{Name: name, Value: v, Offset: it.off})
		}
	}
	return out
}
