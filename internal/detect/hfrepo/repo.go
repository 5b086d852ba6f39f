package hfrepo

import (
	"fmt"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/hf"
)

// repoFindings reports the Python files shipped in a model folder (one finding each, naming
// the auto_map entry that imports it when the scanner supplied them) and pickle weights with
// a safetensors twin. Spaces are applications whose Python is the app itself, so only their
// twins are reported.
func repoFindings(r *hf.Repo) []finding.Finding {
	var out []finding.Finding
	if (r.Ref == nil || r.Ref.Type != hf.Space) && hf.HasModelFiles(r.Files) {
		importers := map[string][]string{}
		for _, a := range r.AutoMap {
			if a.Repo == "" {
				importers[a.File()] = append(importers[a.File()], a.Key)
			}
		}
		for _, py := range r.PythonFiles() {
			if r.File != "" && py != r.File {
				continue
			}
			how := "trust_remote_code=True or the model's own modules can import it"
			if keys := importers[py]; len(keys) > 0 {
				how = fmt.Sprintf("%s imports it when loaded with trust_remote_code=True", keys[0])
				if len(keys) > 1 {
					how += fmt.Sprintf(" (+%d more)", len(keys)-1)
				}
			}
			out = append(out, RulePythonFile.New(fmt.Sprintf("%s: %s", clip(py), how), finding.NoOffset))
		}
	}
	for _, t := range r.Twins() {
		if r.File != "" && t.Pickle != r.File {
			continue
		}
		ev := fmt.Sprintf("%s is pickle weights with a safetensors twin %s", clip(t.Pickle), clip(t.Safetensors))
		out = append(out, RulePickleTwin.New(ev, finding.NoOffset))
	}
	return out
}
