package hfrepo

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/detect/pycode"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/structured"
)

// frameworks are module prefixes whose classes Hydra/NeMo configs instantiate routinely. A
// _target_ under them is not reported unless it is itself dangerous (torch.load, torch.hub.load).
var frameworks = []string{
	"nemo.", "nemo_text_processing.", "megatron.", "apex.", "torch.", "torchaudio.", "torchvision.",
	"torchmetrics.", "lightning.", "pytorch_lightning.", "transformers.", "omegaconf.", "hydra.", "numpy.",
	"sentencepiece.", "tokenizers.", "lhotse.", "timm.", "diffusers.", "accelerate.", "peft.", "datasets.",
	"sklearn.", "modelopt.", "einops.", "math.", "collections.", "functools.", "torch_geometric.",
}

// hydraDangerous are the callable categories a _target_ must never name.
var hydraDangerous = map[pycode.Category]bool{
	pycode.Process: true, pycode.Exec: true, pycode.Loader: true, pycode.DeserBytes: true, pycode.DeserFile: true,
	pycode.YAMLLoad: true, pycode.TorchLoad: true, pycode.Network: true, pycode.Socket: true, pycode.FileOp: true,
}

// resolvers are _target_s that turn one of their arguments into a callable or object by name.
var resolvers = map[string]bool{
	"functools.partial": true, "builtins.getattr": true, "operator.attrgetter": true, "operator.methodcaller": true,
	"hydra.utils.call": true, "hydra.utils.instantiate": true,
}

// maxTargetFindings bounds the _target_ findings of one document.
const maxTargetFindings = 100

// targetFindings walks a document for Hydra "_target_" keys (and NeMo 1.0 "cls" with
// "params") and reports the dangerous or unknown ones.
func targetFindings(root any) []finding.Finding {
	if !hasTargets(root, 0) {
		return nil // most configs (and every tokenizer vocabulary) have none: skip the path-building walk
	}
	var out []finding.Finding
	walkMaps(root, "", 0, func(path string, m map[string]any) {
		if len(out) >= maxTargetFindings {
			return
		}
		key := "_target_"
		target, ok := m[key].(string)
		if !ok {
			if _, legacy := m["params"].(map[string]any); legacy {
				key = "cls"
				target, ok = m[key].(string)
			}
		}
		if !ok || strings.TrimSpace(target) == "" {
			return
		}
		if f, ok := checkTarget(structured.Key(path, key), strings.TrimSpace(target), m); ok {
			out = append(out, f)
		}
	})
	return out
}

// checkTarget classifies one _target_. Bare names resolve as builtins, as Hydra's _locate
// would need them to.
func checkTarget(path, target string, node map[string]any) (finding.Finding, bool) {
	qual := pycode.Canonical(target)
	if !strings.Contains(qual, ".") {
		qual = "builtins." + qual
	}
	cat := pycode.Classify(qual)
	switch {
	case hydraDangerous[cat] || cat == pycode.NumpyLoad && node["allow_pickle"] == true:
		ev := fmt.Sprintf("%s = %q (%s)", clip(path), clip(target), cat)
		return RuleHydraDangerous.New(ev, finding.NoOffset), true
	case cat == pycode.Import || cat == pycode.Indirect || resolvers[qual]:
		if name, c := dangerousArgument(node); name != "" {
			ev := fmt.Sprintf("%s = %q resolves %q (%s)", clip(path), clip(target), clip(name), c)
			return RuleHydraDangerous.New(ev, finding.NoOffset), true
		}
		ev := fmt.Sprintf("%s = %q resolves a name given in the config", clip(path), clip(target))
		return RuleHydraUnknown.New(ev, finding.NoOffset), true
	}
	for _, p := range frameworks {
		if strings.HasPrefix(qual, p) {
			return finding.Finding{}, false
		}
	}
	ev := fmt.Sprintf("%s = %q", clip(path), clip(target))
	return RuleHydraUnknown.New(ev, finding.NoOffset), true
}

// dangerousArgument looks through the string arguments of a resolver node (path, _args_, …;
// nested _target_ nodes are checked on their own) for a dangerous qualified name.
func dangerousArgument(node map[string]any) (string, pycode.Category) {
	var found string
	var cat pycode.Category
	for _, k := range sortedKeys(node) {
		if k == "_target_" || found != "" {
			continue
		}
		walkStrings(node[k], 0, func(s string) bool {
			q := pycode.Canonical(strings.TrimSpace(s))
			if c := pycode.Classify(q); hydraDangerous[c] || c == pycode.Import {
				found, cat = s, c
				return false
			}
			return true
		})
	}
	return found, cat
}

// hasTargets reports whether any mapping in the tree has a "_target_" or "cls" key, without
// allocating.
func hasTargets(v any, depth int) bool {
	if depth > structured.MaxDepth+1 {
		return false
	}
	switch t := v.(type) {
	case map[string]any:
		if _, ok := t["_target_"]; ok {
			return true
		}
		if _, ok := t["cls"]; ok {
			return true
		}
		for _, it := range t {
			if hasTargets(it, depth+1) {
				return true
			}
		}
	case []any:
		for _, it := range t {
			if hasTargets(it, depth+1) {
				return true
			}
		}
	}
	return false
}

// walkMaps calls fn for every mapping in the tree with its key path.
func walkMaps(v any, path string, depth int, fn func(string, map[string]any)) {
	if depth > structured.MaxDepth+1 {
		return
	}
	switch t := v.(type) {
	case map[string]any:
		fn(path, t)
		for _, k := range sortedKeys(t) {
			walkMaps(t[k], structured.Key(path, k), depth+1, fn)
		}
	case []any:
		for i, it := range t {
			walkMaps(it, structured.Index(path, i), depth+1, fn)
		}
	}
}

// walkStrings calls fn for every string below v, skipping nested _target_ nodes, until fn
// returns false.
func walkStrings(v any, depth int, fn func(string) bool) bool {
	if depth > structured.MaxDepth+1 {
		return true
	}
	switch t := v.(type) {
	case string:
		return fn(t)
	case map[string]any:
		if _, nested := t["_target_"]; nested {
			return true
		}
		for _, k := range sortedKeys(t) {
			if !walkStrings(t[k], depth+1, fn) {
				return false
			}
		}
	case []any:
		for _, it := range t {
			if !walkStrings(it, depth+1, fn) {
				return false
			}
		}
	}
	return true
}

// pythonTags are the PyYAML tags that import or call Python objects.
var pythonTags = []string{"!!python/object/apply:", "!!python/object/new:", "!!python/object:", "!!python/name:",
	"!!python/module:"}

// tagFindings reports YAML tags that PyYAML's unsafe loaders turn into imports and calls.
func tagFindings(tags []structured.Tag) []finding.Finding {
	var out []finding.Finding
	for _, t := range tags {
		for _, p := range pythonTags {
			if strings.HasPrefix(t.Tag, p) {
				path := t.Path
				if path == "" {
					path = "(document)"
				}
				out = append(out, RuleYAMLPythonTag.New(fmt.Sprintf("%s: %s", clip(path), clip(t.Tag)), finding.NoOffset))
				break
			}
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
