package hf

import (
	"path"
	"sort"
	"strings"
)

// Repo is one folder of a model repository as the scanner found it: a directory that holds
// model files (weights or config.json), with the names of its files. The detectors work on it;
// it is never read from disk here.
type Repo struct {
	Dir   string
	Files []string  // names relative to Dir ("/" or "\" separated when nested)
	Ref   *CacheRef // set when Dir is inside the hub cache
	// AutoMap optionally lists the auto_map / custom_pipelines references of the folder's
	// configs (AutoRefs of config.json, tokenizer_config.json, processor configs), so findings
	// on shipped Python can say which entry imports each file.
	AutoMap []AutoRef
	// File, when set, narrows the repository checks to the findings about this one file, so
	// that they can be reported at its path.
	File string
}

// Twins returns the pickle weights of the repository that have a safetensors twin.
func (r *Repo) Twins() []Twin { return Twins(r.Files) }

// PythonFiles returns the .py files of the repository, sorted.
func (r *Repo) PythonFiles() []string {
	var out []string
	for _, f := range r.Files {
		if strings.EqualFold(path.Ext(f), ".py") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// modelExts are extensions of model weights and graphs hubs serve (pickle ones are in
// pickleExts).
var modelExts = map[string]bool{
	".safetensors": true, ".gguf": true, ".onnx": true, ".h5": true, ".keras": true, ".msgpack": true,
	".tflite": true, ".pb": true, ".nemo": true, ".mlmodel": true, ".pdparams": true,
}

// HasModelFiles reports whether a folder with these file names holds a model: a config.json,
// weights or a graph. The scanner builds a Repo only for such folders.
func HasModelFiles(files []string) bool {
	for _, f := range files {
		base := strings.ToLower(path.Base(strings.ReplaceAll(f, "\\", "/")))
		if base == "config.json" || modelExts[path.Ext(base)] {
			return true
		}
		if _, _, ok := pickleFamily(base); ok {
			return true
		}
	}
	return false
}
