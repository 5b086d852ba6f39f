#!/usr/bin/env python3
"""Writes the binary fixtures of the sample repositories (python3 standard library only).

Run from this folder; then sign the model with ./sign.sh (needs Go). The text files of the
samples are committed as written by hand.
"""
import json
import os
import struct

SNAP = "hf-cache/models--acme--tiny-llama/snapshots/4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a"
GGUF_SNAP = "hf-cache/models--acme--tiny-llama-GGUF/snapshots/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"


def safetensors(path):
    tensors = {"model.embed_tokens.weight": [32, 8], "lm_head.weight": [32, 8]}
    header, offset = {"__metadata__": {"format": "pt"}}, 0
    for name, shape in tensors.items():
        size = shape[0] * shape[1] * 2  # BF16
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw + b"\0" * offset)


def gguf_string(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def gguf(path):
    kvs = [
        ("general.architecture", 8, gguf_string("llama")),
        ("general.name", 8, gguf_string("Tiny Llama")),
        ("general.license", 8, gguf_string("apache-2.0")),
        ("general.file_type", 4, struct.pack("<I", 15)),
        ("llama.context_length", 4, struct.pack("<I", 2048)),
    ]
    out = b"GGUF" + struct.pack("<IQQ", 3, 1, len(kvs))
    for key, typ, val in kvs:
        out += gguf_string(key) + struct.pack("<I", typ) + val
    out += gguf_string("token_embd.weight") + struct.pack("<I", 2) + struct.pack("<QQ", 8, 4)
    out += struct.pack("<IQ", 0, 0)  # F32, offset 0
    out += b"\0" * (-len(out) % 32)
    out += b"\0" * (8 * 4 * 4)
    with open(path, "wb") as f:
        f.write(out)


os.makedirs(SNAP, exist_ok=True)
os.makedirs(GGUF_SNAP, exist_ok=True)
safetensors(os.path.join(SNAP, "model.safetensors"))
gguf(os.path.join(GGUF_SNAP, "tiny-llama.Q4_K_M.gguf"))
