package describe

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// ErrNotModelConfig is returned by HFConfig for a JSON object that is no transformers,
// diffusers, sentence-transformers or PEFT configuration.
var ErrNotModelConfig = errors.New("not a model configuration")

// contextKeys are the names transformers configurations give the context window, in the order
// they are looked for.
var contextKeys = []string{"max_position_embeddings", "n_positions", "max_seq_len", "seq_length", "n_ctx", "max_sequence_length"}

// nestedConfigs hold the language model's settings in composite (vision-language, speech)
// configurations; they are read when the top level lacks a value.
var nestedConfigs = []string{"text_config", "llm_config", "language_config", "decoder"}

// genericFrameworks are the framework hints weight files give; a configuration that names its
// library (transformers, diffusers…) replaces them.
var genericFrameworks = map[string]bool{"": true, "pytorch": true, "tensorflow": true, "flax": true, "mlx": true, "numpy": true}

// HFConfig reads a Hugging Face configuration — config.json of a transformers model, a
// diffusers model_index.json or component config, config_sentence_transformers.json, or a
// PEFT adapter_config.json — into info. It fills fields that are still empty and never
// overwrites one, except Framework, which replaces a weight-format hint (pytorch,
// tensorflow, flax…) with the library that reads the configuration:
//
//   - model_type → ArchitectureFamily, architectures[0] → Architecture, torch_dtype | dtype →
//     DType, max_position_embeddings | n_positions | max_seq_len | seq_length | n_ctx →
//     ContextLength (also from text_config and similar for composite models), num_parameters
//     → Parameters, quantization_config → Quantization ("gptq-4bit", "awq-4bit",
//     "bitsandbytes-4bit", "fp8"…), transformers_version → Producer, and a Task guessed from
//     the architecture's suffix (ForCausalLM → text-generation…);
//   - diffusers (_class_name with _diffusers_version): Framework "diffusers", Architecture =
//     _class_name, a pipeline's task (text-to-image, image-to-image…);
//   - sentence-transformers (__version__.sentence_transformers): Task "sentence-similarity";
//   - PEFT (peft_type): base_model_name_or_path → BaseModels, task_type → Task, Framework
//     "peft". AdapterConfig returns the adapter's own facts.
//
// Text that is not a JSON object, or an object with none of these markers, gives an error and
// leaves info unchanged.
func HFConfig(data []byte, info *bom.ModelInfo) error {
	root, err := configRoot(data)
	if err != nil {
		return err
	}
	switch {
	case root["peft_type"] != nil:
		applyAdapter(root, info)
	case root["_class_name"] != nil && root["_diffusers_version"] != nil:
		applyDiffusers(root, info)
	case mapOf(root["__version__"])["sentence_transformers"] != nil:
		setFramework(info, "sentence-transformers")
		fill(&info.Producer, prefixed("sentence-transformers", str(mapOf(root["__version__"])["sentence_transformers"])))
		fill(&info.Task, "sentence-similarity")
	case root["model_type"] != nil || root["architectures"] != nil || root["transformers_version"] != nil:
		applyTransformers(root, info)
	default:
		return ErrNotModelConfig
	}
	return nil
}

// configRoot parses bounded JSON text into its top-level object.
func configRoot(data []byte) (map[string]any, error) {
	doc, err := structured.Parse(data, limits.Default())
	if err != nil {
		return nil, fmt.Errorf("unable to parse configuration: %w", err)
	}
	root := doc.Map()
	if root == nil || doc.Flavour != structured.JSON {
		return nil, fmt.Errorf("unable to parse configuration: %w", ErrNotModelConfig)
	}
	return root, nil
}

func applyTransformers(root map[string]any, info *bom.ModelInfo) {
	setFramework(info, "transformers")
	fill(&info.ArchitectureFamily, str(root["model_type"]))
	arch := ""
	if a := strs(root["architectures"]); len(a) > 0 {
		arch = a[0]
	}
	fill(&info.Architecture, arch)
	fill(&info.DType, firstNonEmpty(str(root["torch_dtype"]), str(root["dtype"]), nested(root, "torch_dtype"), nested(root, "dtype")))
	if info.ContextLength == 0 {
		info.ContextLength = contextLength(root)
	}
	if n, ok := num(root["num_parameters"]); ok && info.Parameters == 0 {
		info.Parameters = n
	}
	fill(&info.Quantization, quantization(mapOf(root["quantization_config"])))
	fill(&info.Producer, prefixed("transformers", str(root["transformers_version"])))
	fill(&info.Task, taskFromArchitecture(arch, str(root["model_type"]), root["vision_config"] != nil))
}

// nested returns key from the first nested language-model configuration that has it.
func nested(root map[string]any, key string) string {
	for _, k := range nestedConfigs {
		if v := str(mapOf(root[k])[key]); v != "" {
			return v
		}
	}
	return ""
}

func contextLength(root map[string]any) int64 {
	maps := []map[string]any{root}
	for _, k := range nestedConfigs {
		if m := mapOf(root[k]); m != nil {
			maps = append(maps, m)
		}
	}
	for _, m := range maps {
		for _, k := range contextKeys {
			if n, ok := num(m[k]); ok && n > 0 {
				return n
			}
		}
	}
	return 0
}

// quantization names a quantization_config: the method, then the bit width when stated
// ("gptq-4bit", "awq-4bit", "bitsandbytes-8bit", "fp8").
func quantization(q map[string]any) string {
	if q == nil {
		return ""
	}
	method := strings.ToLower(str(q["quant_method"]))
	load4, _ := q["load_in_4bit"].(bool)
	load8, _ := q["load_in_8bit"].(bool)
	if method == "" && (load4 || load8) {
		method = "bitsandbytes"
	}
	if method == "" {
		return ""
	}
	bits := ""
	for _, k := range []string{"bits", "w_bit", "nbits", "num_bits", "weight_bits"} {
		if n, ok := num(q[k]); ok && n > 0 && n <= 64 {
			bits = strconv.FormatInt(n, 10)
			break
		}
	}
	switch {
	case method == "bitsandbytes" && load4:
		bits = "4"
	case method == "bitsandbytes" && load8:
		bits = "8"
	case strings.Contains(method, "fp8"), method == "mxfp4":
		return method
	}
	if bits == "" {
		return method
	}
	return method + "-" + bits + "bit"
}

// archTasks maps architecture class suffixes to pipeline tasks; no suffix ends another.
var archTasks = []struct{ suffix, task string }{
	{"ForConditionalGeneration", "text2text-generation"},
	{"ForSequenceClassification", "text-classification"},
	{"ForUniversalSegmentation", "image-segmentation"},
	{"ForInstanceSegmentation", "image-segmentation"},
	{"ForSemanticSegmentation", "image-segmentation"},
	{"ForImageClassification", "image-classification"},
	{"ForAudioClassification", "audio-classification"},
	{"ForTokenClassification", "token-classification"},
	{"ForImageSegmentation", "image-segmentation"},
	{"ForQuestionAnswering", "question-answering"},
	{"ForImageTextToText", "image-text-to-text"},
	{"ForTextToWaveform", "text-to-speech"},
	{"ForObjectDetection", "object-detection"},
	{"ForDepthEstimation", "depth-estimation"},
	{"ForSpeechSeq2Seq", "automatic-speech-recognition"},
	{"ForMultipleChoice", "multiple-choice"},
	{"ForTextToSpeech", "text-to-speech"},
	{"ForSeq2SeqLM", "text2text-generation"},
	{"ForVision2Seq", "image-text-to-text"},
	{"ForCausalLM", "text-generation"},
	{"ForMaskedLM", "fill-mask"},
	{"ForCTC", "automatic-speech-recognition"},
	{"LMHeadModel", "text-generation"}, // GPT2LMHeadModel, CTRLLMHeadModel
	{"VisionEncoderDecoderModel", "image-to-text"},
}

// speechFamilies are model types whose sequence-to-sequence and classification heads work on
// audio.
var speechFamilies = map[string]bool{"whisper": true, "speech_to_text": true, "speecht5": true, "seamless_m4t": true,
	"wav2vec2": true, "hubert": true, "wavlm": true, "audio-spectrogram-transformer": true, "data2vec-audio": true}

// taskFromArchitecture guesses the pipeline task from the architecture class name.
func taskFromArchitecture(arch, family string, vision bool) string {
	for _, at := range archTasks {
		if !strings.HasSuffix(arch, at.suffix) {
			continue
		}
		switch {
		case at.suffix == "ForConditionalGeneration" && speechFamilies[family]:
			return "automatic-speech-recognition"
		case at.suffix == "ForConditionalGeneration" && vision:
			return "image-text-to-text"
		case at.suffix == "ForSequenceClassification" && speechFamilies[family]:
			return "audio-classification"
		}
		return at.task
	}
	return ""
}

func applyDiffusers(root map[string]any, info *bom.ModelInfo) {
	setFramework(info, "diffusers")
	class := str(root["_class_name"])
	fill(&info.Architecture, class)
	fill(&info.Producer, prefixed("diffusers", str(root["_diffusers_version"])))
	if !strings.HasSuffix(class, "Pipeline") {
		return
	}
	task := "text-to-image"
	switch {
	case strings.Contains(class, "Img2Img"), strings.Contains(class, "Inpaint"), strings.Contains(class, "Pix2Pix"):
		task = "image-to-image"
	case strings.Contains(class, "Video"):
		task = "text-to-video"
	case strings.Contains(class, "Audio"), strings.Contains(class, "Music"):
		task = "text-to-audio"
	}
	fill(&info.Task, task)
}

// peftTasks maps PEFT task_type values to pipeline tasks.
var peftTasks = map[string]string{"CAUSAL_LM": "text-generation", "SEQ_CLS": "text-classification", "SEQ_2_SEQ_LM": "text2text-generation",
	"TOKEN_CLS": "token-classification", "QUESTION_ANS": "question-answering", "FEATURE_EXTRACTION": "feature-extraction"}

func applyAdapter(root map[string]any, info *bom.ModelInfo) {
	setFramework(info, "peft")
	info.BaseModels = appendUnique(info.BaseModels, str(root["base_model_name_or_path"]))
	fill(&info.Task, peftTasks[strings.ToUpper(str(root["task_type"]))])
}

// AdapterConfig reads a PEFT adapter_config.json: the base model (BaseModels) and the
// adapter's settings as Properties (peft-type, peft-task-type, lora-r, lora-alpha,
// lora-target-modules, peft-version).
func AdapterConfig(data []byte) (*FileMeta, error) {
	root, err := configRoot(data)
	if err != nil {
		return nil, err
	}
	if root["peft_type"] == nil {
		return nil, ErrNotModelConfig
	}
	fm := &FileMeta{BaseModels: appendUnique(nil, str(root["base_model_name_or_path"]))}
	fm.prop("peft-type", str(root["peft_type"]))
	fm.prop("peft-task-type", str(root["task_type"]))
	fm.prop("lora-r", str(root["r"]))
	fm.prop("lora-alpha", str(root["lora_alpha"]))
	mods := strs(root["target_modules"])
	sort.Strings(mods)
	fm.prop("lora-target-modules", strings.Join(mods, ","))
	fm.prop("peft-version", str(root["peft_version"]))
	return fm, nil
}

func setFramework(info *bom.ModelInfo, fw string) {
	if genericFrameworks[info.Framework] {
		info.Framework = fw
	}
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func prefixed(name, version string) string {
	if version == "" {
		return ""
	}
	return name + " " + version
}

// maxShards bounds the shard file names ParseShardIndex keeps.
const maxShards = 10_000

// ShardIndex is a sharded checkpoint's index (model.safetensors.index.json,
// pytorch_model.bin.index.json): metadata.total_size, metadata.total_parameters when the
// writer recorded it (recent transformers versions do), and the shard files of weight_map.
type ShardIndex struct {
	TotalSize  int64
	Parameters int64
	Shards     []string // sorted, distinct
}

// ParseShardIndex reads a sharded checkpoint's index.
func ParseShardIndex(data []byte) (*ShardIndex, error) {
	root, err := configRoot(data)
	if err != nil {
		return nil, err
	}
	wm := mapOf(root["weight_map"])
	if wm == nil {
		return nil, fmt.Errorf("unable to read shard index: %w", ErrNotModelConfig)
	}
	meta := mapOf(root["metadata"])
	idx := &ShardIndex{}
	idx.TotalSize, _ = num(meta["total_size"])
	idx.Parameters, _ = num(meta["total_parameters"])
	set := map[string]bool{}
	for _, v := range wm {
		if s := str(v); s != "" && len(set) < maxShards {
			set[s] = true
		}
	}
	for s := range set {
		idx.Shards = append(idx.Shards, s)
	}
	sort.Strings(idx.Shards)
	return idx, nil
}
