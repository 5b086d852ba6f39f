#!/usr/bin/python3
"""Writes the generated fixtures of internal/format/structured (run from this folder).

tokenizer.json mimics the layout of a Hugging Face tokenizers file with a small BPE
vocabulary; billion_laughs.yaml is the classic YAML alias bomb (9 levels of 9 aliases).
The hand-written fixtures beside them need no generator.
"""
import json

vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
for i in range(200):
    vocab["tok%03d" % i] = len(vocab)
tokenizer = {
    "version": "1.0",
    "truncation": None,
    "padding": None,
    "added_tokens": [
        {"id": 0, "content": "<unk>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
        {"id": 1, "content": "<s>", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
    ],
    "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]},
    "pre_tokenizer": None,
    "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}]},
    "decoder": {"type": "ByteLevel"},
    "model": {
        "type": "BPE",
        "dropout": None,
        "unk_token": "<unk>",
        "vocab": vocab,
        "merges": ["t o", "to k", "tok 0"] + ["tok%03d x" % i for i in range(100)],
    },
}
with open("tokenizer.json", "w") as f:
    json.dump(tokenizer, f, indent=1, ensure_ascii=False)

lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
prev = "a"
for name in "bcdefghi":
    lines.append("%s: &%s [%s]" % (name, name, ",".join(["*" + prev] * 9)))
    prev = name
with open("billion_laughs.yaml", "w") as f:
    f.write("\n".join(lines) + "\n")
