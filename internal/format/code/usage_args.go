package code

import "strings"

// argUsages reports the model names and endpoints passed to a catalogued call.
func (u *usages) argUsages(c *Call, e Entry) {
	last := lastName(leadName(c.Callee))
	if strings.Contains(c.Callee, "(") {
		last = lastName(c.Callee)
	}
	positional := -1
	for _, a := range c.Args {
		if a.Name == "" {
			positional++
		}
		switch {
		case a.Name != "" && modelArgs[a.Name]:
			u.modelArg(c, e, a, a.Name, last)
		case a.Name != "" && endpointArgs[a.Name] && (a.Name != "host" || e.Category == CatLLMClient):
			u.endpointArg(c, e, a, a.Name, last)
		case positional == 0 && a.Name == "" && positionalModel[last]:
			u.modelArg(c, e, a, "", last)
		case positional == 0 && a.Name == "" && positionalEndpoint[last]:
			u.endpointArg(c, e, a, "", last)
		case positional == 0 && a.Name == "" && strings.HasPrefix(e.Package, "@ai-sdk/") && !strings.Contains(c.Callee, "(") && strings.ToLower(last) == last:
			u.modelArg(c, e, a, "", last) // Vercel AI SDK providers: openai("gpt-4o")
		case positional == 1 && a.Name == "" && u.f.Lang == Go && (last == "GenerateContent" || last == "GenerateContentStream" || last == "EmbedContent"):
			u.modelArg(c, e, a, "", last)
		}
	}
}

// modelArg reports a model name passed as argument a (named key, or positional when key is "").
func (u *usages) modelArg(c *Call, e Entry, a Arg, key, fn string) {
	name := a.Value
	if !a.String {
		m, ok := goModelConst(a.Resolved)
		if !ok {
			return
		}
		name = m
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > MaxValue || strings.ContainsAny(name, "\n{") {
		return
	}
	u.consumed[a.Start] = true
	cat := e.Category
	provider, ok := ModelProvider(name)
	if ok {
		cat = CatModelAPI
	} else {
		provider = e.Provider
	}
	u.add(Usage{Kind: KindModel, Package: e.Package, Ecosystem: e.Ecosystem, Category: cat, Provider: provider,
		Name: name, Line: c.Line, Evidence: argEvidence(u.f.Lang, fn, a, key)})
}

// endpointArg reports an endpoint passed as argument a.
func (u *usages) endpointArg(c *Call, e Entry, a Arg, key, fn string) {
	v := strings.TrimSpace(a.Value)
	if !a.String || v == "" || strings.ContainsAny(v, " \t\n") {
		return
	}
	u.consumed[a.Start] = true
	provider, ok := EndpointProvider(v)
	if !ok {
		provider = e.Provider
	}
	u.add(Usage{Kind: KindEndpoint, Package: e.Package, Ecosystem: e.Ecosystem, Category: CatModelAPI, Provider: provider,
		Name: v, Line: c.Line, Evidence: argEvidence(u.f.Lang, fn, a, key)})
}

// argEvidence writes an argument back: `model="gpt-4o"` (Python), `model: "gpt-4o"` (JS/TS,
// Go composites), `Model: openai.GPT4o`, or `from_pretrained("bert-base-uncased")`.
func argEvidence(lang Lang, fn string, a Arg, key string) string {
	v := clip(a.Value, 100)
	if a.String {
		v = `"` + v + `"`
	}
	if key == "" {
		return fn + "(" + v + ")"
	}
	if lang == Python {
		return key + "=" + v
	}
	return key + ": " + v
}
