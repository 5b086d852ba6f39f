package hf

import (
	"path"
	"regexp"
	"sort"
	"strings"
)

// Twin is a pickle-format weight file in a folder that also holds safetensors weights of the
// same model: loaders prefer the safetensors file, but the pickle can still be loaded (older
// code, explicit file names, use_safetensors=False) and runs whatever it contains.
type Twin struct {
	Pickle      string // e.g. "pytorch_model-00001-of-00002.bin"
	Safetensors string // the same shard as safetensors when there is one, else a file or index of the set
}

// pickleExts are the extensions of pickle-based checkpoints hubs serve.
var pickleExts = map[string]bool{".bin": true, ".pt": true, ".pth": true, ".ckpt": true}

// notWeights are pickles that sit beside weights without being a form of them.
var notWeights = map[string]bool{
	"training_args.bin": true, "optimizer.pt": true, "optimizer.bin": true, "scheduler.pt": true,
	"scheduler.bin": true, "scaler.pt": true,
}

// shardRE matches the shard suffix of split checkpoints: "-00001-of-00002" (transformers,
// diffusers) or ".00" (consolidated.00.pth).
var shardRE = regexp.MustCompile(`^(.+?)(-\d{1,6}-of-\d{1,6}|\.\d{1,3})$`)

// Twins lists the pickle weights that have a safetensors twin in the same folder. Names may
// contain folders ("/" or "\"); only files in one folder are paired. transformers' names pair
// across the rename (pytorch_model*.bin ↔ model*.safetensors), others by stem (model.pt ↔
// model.safetensors, adapter_model.bin ↔ adapter_model.safetensors, consolidated.00.pth ↔
// consolidated.safetensors). A sharded index (model.safetensors.index.json) counts as
// safetensors weights of its family even when shard counts differ.
func Twins(files []string) []Twin {
	type key struct{ dir, family string }
	safe := map[key]map[string]string{} // shard ("" for single file or index) -> name
	type pick struct {
		name  string
		k     key
		shard string
	}
	var pickles []pick
	for _, f := range files {
		f = strings.ReplaceAll(f, "\\", "/")
		dir, base := path.Split(f)
		if fam, shard, ok := safetensorsFamily(base); ok {
			k := key{dir, fam}
			if safe[k] == nil {
				safe[k] = map[string]string{}
			}
			if old, dup := safe[k][shard]; !dup || strings.HasSuffix(old, ".json") {
				safe[k][shard] = f
			}
		} else if fam, shard, ok := pickleFamily(base); ok {
			pickles = append(pickles, pick{f, key{dir, fam}, shard})
		}
	}
	var out []Twin
	for _, p := range pickles {
		set, ok := safe[p.k]
		if !ok {
			continue
		}
		out = append(out, Twin{Pickle: p.name, Safetensors: representative(set, p.shard)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pickle < out[j].Pickle })
	return out
}

// representative picks the safetensors file to name: the same shard, else the single file or
// index, else the first shard.
func representative(set map[string]string, shard string) string {
	if s, ok := set[shard]; ok {
		return s
	}
	if s, ok := set[""]; ok {
		return s
	}
	names := make([]string, 0, len(set))
	for _, s := range set {
		names = append(names, s)
	}
	sort.Strings(names)
	return names[0]
}

// pickleFamily names the weight set a pickle file belongs to, or false for non-weights.
func pickleFamily(base string) (family, shard string, ok bool) {
	lower := strings.ToLower(base)
	ext := path.Ext(base)
	if !pickleExts[strings.ToLower(ext)] || notWeights[lower] || strings.HasPrefix(lower, "rng_state") {
		return "", "", false
	}
	family, shard = splitShard(base[:len(base)-len(ext)])
	if family == "pytorch_model" {
		family = "model" // transformers: WEIGHTS_NAME vs SAFE_WEIGHTS_NAME
	}
	return family, shard, family != ""
}

// safetensorsFamily names the weight set of a safetensors file or index.
func safetensorsFamily(base string) (family, shard string, ok bool) {
	if stem, found := cutSuffixFold(base, ".safetensors.index.json"); found {
		return stem, "", stem != ""
	}
	if stem, found := cutSuffixFold(base, ".safetensors"); found {
		family, shard = splitShard(stem)
		return family, shard, family != ""
	}
	return "", "", false
}

// cutSuffixFold is strings.CutSuffix ignoring ASCII case, on the original bytes (lowering
// non-ASCII text can change its length).
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// splitShard separates "model-00001-of-00002" into "model" and "-00001-of-00002".
func splitShard(stem string) (family, shard string) {
	if m := shardRE.FindStringSubmatch(stem); m != nil {
		return m[1], m[2]
	}
	return stem, ""
}
