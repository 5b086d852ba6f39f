#!/usr/bin/env python3
"""Writes the scan-level fixtures of issue 3: inputs whose routing only the whole pipeline
decides. Run with Debian's python3 and python3-h5py: `python3 generate.py` in this folder.
Nothing here is executed or loaded; the Lambda is JSON text naming os.system."""
import struct

import h5py

CONFIG = ('{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Lambda", '
          '"config": {"name": "lambda", "function": "lambda x: __import__(\'os\').system(\'id\')", '
          '"function_type": "lambda"}}]}, "keras_version": "2.12.0", "backend": "tensorflow"}')


def keras_h5(name, userblock, head=b""):
    with h5py.File(name, "w", userblock_size=userblock, libver="earliest") as f:
        f.attrs["model_config"] = CONFIG
        f.attrs["keras_version"] = "2.12.0"
    if head:
        with open(name, "r+b") as f:
            f.write(head)  # the user block is free for any bytes; h5py ignores it


keras_h5("userblock4096.h5", 4096)
# A GGUF header in a 512-byte user block: sniffs as GGUF, loads as a Keras model.
keras_h5("gguf_userblock.h5", 512, b"GGUF" + struct.pack("<IQQ", 3, 0, 0))
