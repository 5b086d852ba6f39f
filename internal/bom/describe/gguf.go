package describe

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/gguf"
	"github.com/aisecops/aisec/internal/limits"
)

// ggufFileTypes names general.file_type values as llama.cpp's llama_ftype does
// (include/llama.h, LLAMA_FTYPE_ALL_F32 … LLAMA_FTYPE_MOSTLY_Q1_0), without the MOSTLY_
// prefix. 4 and 33–35 are deprecated layouts llama.cpp no longer loads; 5 and 6 were never
// assigned.
var ggufFileTypes = map[uint64]string{
	0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 4: "Q4_1_SOME_F16", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
	10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
	16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S",
	22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M",
	28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 33: "Q4_0_4_4",
	34: "Q4_0_4_8", 35: "Q4_0_8_8", 36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE", 39: "NVFP4",
	40: "Q1_0",
}

// GGUFFileType returns llama.cpp's name for a general.file_type value ("Q4_K_M"), or
// "file-type-<n>" for a value it does not know.
func GGUFFileType(n uint64) string {
	if s, ok := ggufFileTypes[n]; ok {
		return s
	}
	return "file-type-" + strconv.FormatUint(n, 10)
}

// maxBaseModels bounds the general.base_model.<i>.* and general.dataset.<i>.* entries read.
const maxBaseModels = 64

func describeGGUF(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	f, err := gguf.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read GGUF header: %w", err)
	}
	fm.Gaps = f.Gaps()
	kv := ggufKVs{f}
	info.ArchitectureFamily = kv.str("general.architecture")
	if ft, ok := kv.uint("general.file_type"); ok {
		info.Quantization = GGUFFileType(ft)
	}
	if info.ArchitectureFamily != "" {
		if n, ok := kv.uint(info.ArchitectureFamily + ".context_length"); ok && n <= math.MaxInt64 {
			info.ContextLength = int64(n)
		}
	}
	byType := map[string]int64{}
	var total int64
	for _, t := range f.Tensors {
		n := dimsProduct(t.Dims)
		total = addSat(total, n)
		name := gguf.TypeName(t.Type)
		byType[name] = addSat(byType[name], n)
	}
	// No quantisation stores a weight in less than one bit: more elements than bits in the file
	// means the tensor infos lie (the GGUF detector reports how).
	if total <= size*8 {
		info.Parameters = total
	}
	if n, ok := kv.uint("general.parameter_count"); ok && n > 0 && n <= math.MaxInt64 {
		info.Parameters = int64(n)
	}
	info.DType = dominant(byType)
	ggufMeta(kv, fm)
	return nil
}

// ggufMeta fills the descriptive metadata from general.* keys (gguf-py's Keys.General).
func ggufMeta(kv ggufKVs, fm *FileMeta) {
	fm.Name = kv.str("general.name")
	fm.Version = kv.str("general.version")
	fm.License = kv.str("general.license")
	if strings.EqualFold(fm.License, "other") && kv.str("general.license.name") != "" {
		fm.License = kv.str("general.license.name")
	}
	fm.Author = firstNonEmpty(kv.str("general.author"), kv.str("general.organization"))
	fm.Description = clip(kv.str("general.description"), maxDescription)
	fm.URL = firstNonEmpty(kv.str("general.repo_url"), kv.str("general.url"))
	fm.BaseModels = ggufRefs(kv, "general.base_model")
	fm.Datasets = appendUnique(kv.strs("general.datasets"), ggufRefs(kv, "general.dataset")...)
	fm.Tags = kv.strs("general.tags")
	fm.Languages = kv.strs("general.languages")
	fm.prop("gguf-basename", kv.str("general.basename"))
	fm.prop("gguf-finetune", kv.str("general.finetune"))
	fm.prop("gguf-size-label", kv.str("general.size_label"))
	fm.prop("gguf-type", kv.str("general.type"))
	fm.prop("license-link", kv.str("general.license.link"))
	if n, ok := kv.uint("general.quantization_version"); ok {
		fm.prop("gguf-quantization-version", strconv.FormatUint(n, 10))
	}
	fm.prop("gguf-version", strconv.FormatUint(uint64(kv.f.Version), 10))
}

// ggufRefs reads <prefix>.count and <prefix>.<i>.{repo_url,organization,name}: a Hugging Face
// repository id when the URL is a huggingface.co one, else the name.
func ggufRefs(kv ggufKVs, prefix string) []string {
	n, _ := kv.uint(prefix + ".count")
	var out []string
	for i := uint64(0); i < n && i < maxBaseModels; i++ {
		p := prefix + "." + strconv.FormatUint(i, 10)
		ref := hfRepoFromURL(kv.str(p + ".repo_url"))
		if ref == "" {
			ref = kv.str(p + ".name")
			if org := kv.str(p + ".organization"); org != "" && ref != "" && !strings.Contains(ref, "/") {
				ref = org + "/" + ref
			}
		}
		out = appendUnique(out, ref)
	}
	return out
}

// hfRepoFromURL returns "org/name" for https://huggingface.co/org/name[/...], "" otherwise.
// Dataset URLs (huggingface.co/datasets/org/name) give "org/name" too.
func hfRepoFromURL(u string) string {
	rest, ok := strings.CutPrefix(u, "https://huggingface.co/")
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, "datasets/")
	parts := strings.Split(rest, "/")
	switch {
	case len(parts) >= 2 && parts[0] != "" && parts[1] != "":
		return parts[0] + "/" + parts[1]
	case len(parts) >= 1 && parts[0] != "":
		return parts[0]
	}
	return ""
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ggufKVs reads typed values from a GGUF header.
type ggufKVs struct{ f *gguf.File }

func (g ggufKVs) str(key string) string {
	kv, ok := g.f.Get(key)
	if !ok || kv.Type != gguf.TypeString {
		return ""
	}
	return clip(strings.TrimSpace(kv.Str), maxValueLen*4)
}

func (g ggufKVs) uint(key string) (uint64, bool) {
	kv, ok := g.f.Get(key)
	if !ok {
		return 0, false
	}
	return kv.UintValue()
}

func (g ggufKVs) strs(key string) []string {
	kv, ok := g.f.Get(key)
	if !ok {
		return nil
	}
	if kv.Type == gguf.TypeString {
		return appendUnique(nil, clip(strings.TrimSpace(kv.Str), maxValueLen))
	}
	if kv.Array == nil {
		return nil
	}
	var out []string
	for _, s := range kv.Array.Strings {
		out = appendUnique(out, clip(strings.TrimSpace(s), maxValueLen))
	}
	return out
}
