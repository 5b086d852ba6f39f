package describe

import (
	"errors"
	"reflect"
	"testing"

	"github.com/aisecops/aisec/internal/bom"
)

func TestHFConfig(t *testing.T) {
	tests := []struct {
		name  string
		start bom.ModelInfo
		json  string
		want  bom.ModelInfo
	}{
		{"llama", bom.ModelInfo{Format: "safetensors", Framework: "pytorch", DType: "BF16", Parameters: 8030261248},
			`{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "torch_dtype": "bfloat16", "max_position_embeddings": 8192,
			  "transformers_version": "4.40.0.dev0", "vocab_size": 128256}`,
			bom.ModelInfo{Format: "safetensors", Framework: "transformers", DType: "BF16", Parameters: 8030261248, ArchitectureFamily: "llama",
				Architecture: "LlamaForCausalLM", ContextLength: 8192, Producer: "transformers 4.40.0.dev0", Task: "text-generation"}},
		{"bert", bom.ModelInfo{},
			`{"architectures": ["BertForMaskedLM"], "model_type": "bert", "max_position_embeddings": 512, "num_parameters": 110000000}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "bert", Architecture: "BertForMaskedLM", ContextLength: 512,
				Parameters: 110000000, Task: "fill-mask"}},
		{"gptq", bom.ModelInfo{},
			`{"architectures": ["MistralForCausalLM"], "model_type": "mistral", "dtype": "float16", "sliding_window": 4096,
			  "quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128, "desc_act": false}}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "mistral", Architecture: "MistralForCausalLM", DType: "float16",
				Quantization: "gptq-4bit", Task: "text-generation"}},
		{"awq", bom.ModelInfo{},
			`{"model_type": "qwen2", "quantization_config": {"quant_method": "awq", "bits": 4, "version": "gemm"}}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "qwen2", Quantization: "awq-4bit"}},
		{"bitsandbytes", bom.ModelInfo{},
			`{"model_type": "llama", "quantization_config": {"load_in_4bit": true, "bnb_4bit_quant_type": "nf4"}}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "llama", Quantization: "bitsandbytes-4bit"}},
		{"fp8", bom.ModelInfo{},
			`{"model_type": "deepseek_v3", "quantization_config": {"quant_method": "fp8", "fmt": "e4m3", "weight_block_size": [128, 128]}}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "deepseek_v3", Quantization: "fp8"}},
		{"gpt2 n_positions", bom.ModelInfo{},
			`{"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_positions": 1024, "n_ctx": 2048}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "gpt2", Architecture: "GPT2LMHeadModel", ContextLength: 1024,
				Task: "text-generation"}},
		{"llava (vision, nested text_config)", bom.ModelInfo{},
			`{"architectures": ["LlavaForConditionalGeneration"], "model_type": "llava", "vision_config": {"model_type": "clip_vision_model"},
			  "text_config": {"model_type": "llama", "max_position_embeddings": 4096, "torch_dtype": "float16"}}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "llava", Architecture: "LlavaForConditionalGeneration", DType: "float16",
				ContextLength: 4096, Task: "image-text-to-text"}},
		{"t5", bom.ModelInfo{},
			`{"architectures": ["T5ForConditionalGeneration"], "model_type": "t5", "n_positions": 512}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "t5", Architecture: "T5ForConditionalGeneration", ContextLength: 512,
				Task: "text2text-generation"}},
		{"whisper", bom.ModelInfo{},
			`{"architectures": ["WhisperForConditionalGeneration"], "model_type": "whisper", "max_target_positions": 448}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "whisper", Architecture: "WhisperForConditionalGeneration",
				Task: "automatic-speech-recognition"}},
		{"task already known", bom.ModelInfo{Task: "summarization"},
			`{"architectures": ["BartForConditionalGeneration"], "model_type": "bart"}`,
			bom.ModelInfo{Framework: "transformers", ArchitectureFamily: "bart", Architecture: "BartForConditionalGeneration", Task: "summarization"}},
		{"diffusers pipeline", bom.ModelInfo{},
			`{"_class_name": "StableDiffusionXLPipeline", "_diffusers_version": "0.19.0.dev0", "unet": ["diffusers", "UNet2DConditionModel"]}`,
			bom.ModelInfo{Framework: "diffusers", Architecture: "StableDiffusionXLPipeline", Producer: "diffusers 0.19.0.dev0", Task: "text-to-image"}},
		{"diffusers component", bom.ModelInfo{Format: "safetensors", Framework: "pytorch"},
			`{"_class_name": "UNet2DConditionModel", "_diffusers_version": "0.6.0", "in_channels": 4}`,
			bom.ModelInfo{Format: "safetensors", Framework: "diffusers", Architecture: "UNet2DConditionModel", Producer: "diffusers 0.6.0"}},
		{"sentence-transformers", bom.ModelInfo{Framework: "transformers"},
			`{"__version__": {"sentence_transformers": "2.2.2", "transformers": "4.28.1", "pytorch": "2.0.0"}}`,
			bom.ModelInfo{Framework: "transformers", Producer: "sentence-transformers 2.2.2", Task: "sentence-similarity"}},
		{"peft adapter", bom.ModelInfo{Format: "safetensors", Framework: "pytorch"},
			`{"peft_type": "LORA", "task_type": "CAUSAL_LM", "base_model_name_or_path": "meta-llama/Llama-2-7b-hf", "r": 16, "lora_alpha": 32,
			  "target_modules": ["v_proj", "q_proj"]}`,
			bom.ModelInfo{Format: "safetensors", Framework: "peft", BaseModels: []string{"meta-llama/Llama-2-7b-hf"}, Task: "text-generation"}},
		{"keras framework kept", bom.ModelInfo{Framework: "keras"},
			`{"model_type": "bert"}`,
			bom.ModelInfo{Framework: "keras", ArchitectureFamily: "bert"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := tt.start
			if err := HFConfig([]byte(tt.json), &info); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(info, tt.want) {
				t.Errorf("got  %+v\nwant %+v", info, tt.want)
			}
		})
	}
}

// TestHFConfigNotModel: configurations of other kinds and non-JSON leave info unchanged.
func TestHFConfigNotModel(t *testing.T) {
	for _, in := range []string{
		`{"do_sample": true, "temperature": 0.6}`, // generation_config.json
		`{"tokenizer_class": "LlamaTokenizer", "model_max_length": 4096}`,
		`[1, 2, 3]`,
		"model_type: llama\n", // YAML is not a config.json
		`not json`,
		``,
	} {
		info := bom.ModelInfo{Format: "safetensors"}
		err := HFConfig([]byte(in), &info)
		if err == nil {
			t.Errorf("%q: no error", in)
		}
		if !reflect.DeepEqual(info, bom.ModelInfo{Format: "safetensors"}) {
			t.Errorf("%q changed info: %+v", in, info)
		}
	}
	info := bom.ModelInfo{}
	if err := HFConfig([]byte(`{"do_sample": true}`), &info); !errors.Is(err, ErrNotModelConfig) {
		t.Errorf("generation config: %v, want ErrNotModelConfig", err)
	}
}

func TestAdapterConfig(t *testing.T) {
	fm, err := AdapterConfig([]byte(`{"peft_type": "LORA", "task_type": "CAUSAL_LM", "base_model_name_or_path": "mistralai/Mistral-7B-v0.1",
		"r": 8, "lora_alpha": 16, "target_modules": ["v_proj", "q_proj"], "peft_version": "0.11.1"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := &FileMeta{BaseModels: []string{"mistralai/Mistral-7B-v0.1"}, Properties: []bom.Property{
		{Name: "peft-type", Value: "LORA"}, {Name: "peft-task-type", Value: "CAUSAL_LM"}, {Name: "lora-r", Value: "8"},
		{Name: "lora-alpha", Value: "16"}, {Name: "lora-target-modules", Value: "q_proj,v_proj"}, {Name: "peft-version", Value: "0.11.1"}}}
	if !reflect.DeepEqual(fm, want) {
		t.Errorf("got %+v\nwant %+v", fm, want)
	}
	if _, err := AdapterConfig([]byte(`{"model_type": "llama"}`)); err == nil {
		t.Error("config.json accepted as an adapter config")
	}
}

func TestParseShardIndex(t *testing.T) {
	idx, err := ParseShardIndex([]byte(`{"metadata": {"total_size": 16060522496, "total_parameters": 8030261248},
		"weight_map": {"a": "model-00002-of-00002.safetensors", "b": "model-00001-of-00002.safetensors", "c": "model-00001-of-00002.safetensors"}}`))
	want := &ShardIndex{TotalSize: 16060522496, Parameters: 8030261248,
		Shards: []string{"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"}}
	if err != nil || !reflect.DeepEqual(idx, want) {
		t.Errorf("got %+v, %v", idx, err)
	}
	if _, err := ParseShardIndex([]byte(`{"model_type": "llama"}`)); err == nil {
		t.Error("config.json taken for a shard index")
	}
}
