package hf

import (
	"sort"
	"strconv"
	"strings"
)

// AutoRef is one class reference that transformers resolves by importing Python shipped with a
// repository when trust_remote_code=True: an auto_map entry ("modeling_x.XModel") or a
// custom_pipelines implementation. A reference of the form "org/repo--module.Class" imports the
// module from another repository.
type AutoRef struct {
	Key    string // where it was written, e.g. "auto_map.AutoModelForCausalLM", "auto_map.AutoTokenizer[0]"
	Value  string // the reference as written
	Repo   string // the repository holding the code for cross-repository references, else ""
	Module string // the module name, e.g. "modeling_x"
	Class  string // the class name, e.g. "XModel"
}

// File is the Python file the reference imports, relative to its repository.
func (a AutoRef) File() string { return a.Module + ".py" }

// ParseClassRef splits a class reference as transformers does
// (get_class_from_dynamic_module): an optional "repo--" prefix, then "module.Class".
func ParseClassRef(v string) (AutoRef, bool) {
	v = strings.TrimSpace(v)
	ref := AutoRef{Value: v}
	if repo, rest, ok := strings.Cut(v, "--"); ok {
		if repo == "" || strings.Contains(rest, "--") {
			return AutoRef{}, false // transformers' split("--") would raise
		}
		ref.Repo, v = repo, rest
	}
	i := strings.LastIndexByte(v, '.')
	if i <= 0 || i == len(v)-1 {
		return AutoRef{}, false
	}
	ref.Module, ref.Class = v[:i], v[i+1:]
	return ref, true
}

// AutoRefs lists the class references of a parsed Hugging Face config (config.json,
// tokenizer_config.json, processor configs): every string under auto_map (a mapping of
// strings or of [slow, fast] lists) and every custom_pipelines.<task>.impl. The result is
// sorted by Key.
func AutoRefs(root any) []AutoRef {
	m, ok := root.(map[string]any)
	if !ok {
		return nil
	}
	var out []AutoRef
	add := func(key string, v any) {
		if s, ok := v.(string); ok {
			if ref, ok := ParseClassRef(s); ok {
				ref.Key = key
				out = append(out, ref)
			}
		}
	}
	switch am := m["auto_map"].(type) {
	case map[string]any:
		for k, v := range am {
			key := "auto_map." + k
			if list, ok := v.([]any); ok {
				for i, it := range list {
					add(key+"["+strconv.Itoa(i)+"]", it)
				}
				continue
			}
			add(key, v)
		}
	case []any:
		for i, it := range am {
			add("auto_map["+strconv.Itoa(i)+"]", it)
		}
	}
	if cp, ok := m["custom_pipelines"].(map[string]any); ok {
		for task, v := range cp {
			if p, ok := v.(map[string]any); ok {
				add("custom_pipelines."+task+".impl", p["impl"])
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
