package hfrepo

import (
	"fmt"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/hf"
)

// hfKeys are top-level keys only Hugging Face configs carry; one of them makes a JSON document a
// config whose auto_map transformers honours (arbitrary JSON with an auto_map key is not).
var hfKeys = []string{"model_type", "architectures", "auto_map", "tokenizer_class", "processor_class",
	"feature_extractor_type", "image_processor_type", "transformers_version", "_name_or_path", "custom_pipelines",
	"added_tokens_decoder", "model_max_length"}

// isHFConfig reports whether a document root looks like a Hugging Face config.
func isHFConfig(root any) bool {
	m, ok := root.(map[string]any)
	if !ok {
		return false
	}
	n := 0
	for _, k := range hfKeys {
		if _, ok := m[k]; ok {
			n++
		}
	}
	// auto_map alone could be any JSON; with a second HF key it is a config.
	_, hasAuto := m["auto_map"]
	_, hasPipes := m["custom_pipelines"]
	return n >= 2 || (n == 1 && !hasAuto && !hasPipes)
}

// autoMapFindings reports the class references of a config, one finding per referenced module
// (several Auto classes usually share one modeling file).
func autoMapFindings(root any) []finding.Finding {
	if !isHFConfig(root) {
		return nil
	}
	type module struct{ repo, file string }
	var order []module
	byModule := map[module][]hf.AutoRef{}
	for _, ref := range hf.AutoRefs(root) {
		k := module{ref.Repo, ref.File()}
		if _, ok := byModule[k]; !ok {
			order = append(order, k)
		}
		byModule[k] = append(byModule[k], ref)
	}
	var out []finding.Finding
	for _, k := range order {
		refs := byModule[k]
		first := refs[0]
		more := ""
		if len(refs) > 1 {
			more = fmt.Sprintf(" (+%d more)", len(refs)-1)
		}
		if k.repo != "" {
			ev := fmt.Sprintf("%s = %q%s: trust_remote_code=True downloads and runs %s from %s",
				clip(first.Key), clip(first.Value), more, clip(k.file), clip(k.repo))
			out = append(out, RuleCrossRepo.New(ev, finding.NoOffset))
			continue
		}
		ev := fmt.Sprintf("%s = %q%s: trust_remote_code=True imports and runs %s", clip(first.Key), clip(first.Value), more, clip(k.file))
		out = append(out, RuleAutoMap.New(ev, finding.NoOffset))
	}
	return out
}

// clip bounds a value quoted in evidence.
func clip(s string) string {
	if len(s) <= 100 {
		return s
	}
	n := 100
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
