"""Converts an original Tiny checkpoint to the Hugging Face layout."""

import argparse
import gc
import json
import os

import torch
from safetensors.torch import save_file

KEYS_TO_RENAME = {"tok_embeddings": "model.embed_tokens", "output": "lm_head"}


def rename(state_dict):
    out = {}
    for key, value in state_dict.items():
        for old, new in KEYS_TO_RENAME.items():
            key = key.replace(old, new)
        out[key] = value
    return out


def convert(input_dir, output_dir):
    os.makedirs(output_dir, exist_ok=True)
    with open(os.path.join(input_dir, "params.json")) as f:
        params = json.load(f)
    state = torch.load(os.path.join(input_dir, "consolidated.00.pth"), map_location="cpu")
    save_file(rename(state), os.path.join(output_dir, "model.safetensors"), metadata={"format": "pt"})
    del state
    gc.collect()
    print(f"converted {params.get('dim')}-dim checkpoint")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--input_dir", required=True)
    parser.add_argument("--output_dir", required=True)
    args = parser.parse_args()
    convert(args.input_dir, args.output_dir)
