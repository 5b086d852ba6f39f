# coding=utf-8
# Copyright 2024 The Acme Team. Licensed under the Apache License, Version 2.0.
"""Tiny model configuration."""

from transformers.configuration_utils import PretrainedConfig
from transformers.utils import logging

logger = logging.get_logger(__name__)

TINY_PRETRAINED_CONFIG_ARCHIVE_MAP = {
    "acme/tiny-causal": "https://huggingface.co/acme/tiny-causal/resolve/main/config.json",
}


class TinyConfig(PretrainedConfig):
    r"""
    This is the configuration class to store the configuration of a [`TinyModel`]. Do not pass
    it to eval() or exec(); it only holds numbers. Setting `use_cache` to `False` avoids calling
    subprocess-heavy cache managers on some platforms.

    Args:
        vocab_size (`int`, *optional*, defaults to 32064):
            Vocabulary size of the model.
        rope_scaling (`dict`, *optional*):
            Dictionary containing the scaling configuration for the RoPE embeddings.
    """

    model_type = "tiny"
    keys_to_ignore_at_inference = ["past_key_values"]

    def __init__(
        self,
        vocab_size=32064,
        hidden_size=256,
        num_hidden_layers=4,
        num_attention_heads=8,
        hidden_act="silu",
        rope_theta=10000.0,
        rope_scaling=None,
        attn_implementation="eager",
        **kwargs,
    ):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.hidden_act = hidden_act
        self.rope_theta = rope_theta
        self.rope_scaling = rope_scaling
        self._rope_scaling_validation()
        super().__init__(**kwargs)

    def _rope_scaling_validation(self):
        if self.rope_scaling is None:
            return
        if not isinstance(self.rope_scaling, dict) or len(self.rope_scaling) != 2:
            raise ValueError(
                "`rope_scaling` must be a dictionary with two fields, `type` and `factor`, "
                f"got {self.rope_scaling}"
            )
        rope_type = self.rope_scaling.get("type", None)
        if rope_type not in ["linear", "dynamic"]:
            raise ValueError(f"`rope_scaling`'s type field must be one of ['linear', 'dynamic'], got {rope_type}")
