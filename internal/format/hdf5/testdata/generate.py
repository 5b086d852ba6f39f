#!/usr/bin/python3
"""Generate the HDF5 fixtures of internal/format/hdf5 with Debian's python3-h5py.

Run from this folder: /usr/bin/python3 generate.py
Every file is small and synthetic; nothing here is executed by the reader under test.
"""
import base64
import glob
import hashlib
import json
import marshal

import h5py
import numpy as np

# A Keras 2 style Lambda: the function is marshalled bytecode, base64-encoded. It is only
# data for the reader (the lambda adds one); the file is never loaded by Keras.
# Compiled under a fixed file name so the bytes do not depend on where the script runs.
LAMBDA_CODE = base64.b64encode(marshal.dumps(compile("lambda x: x + 1", "<keras>", "eval").co_consts[0])).decode()

MODEL_CONFIG = {
    "class_name": "Sequential",
    "config": {
        "name": "sequential",
        "layers": [
            {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "name": "input_1"}},
            {"class_name": "Dense", "config": {"name": "dense_1", "units": 2, "activation": "relu"}},
            {"class_name": "Lambda", "config": {"name": "lambda_1", "function": [LAMBDA_CODE, None, None],
                                                "function_type": "lambda", "module": "__main__"}},
        ],
    },
}
TRAINING_CONFIG = {"loss": "mse", "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.001}}}


def keras_root(f, config=MODEL_CONFIG):
    """Root attributes as Keras 2 save_model writes them (h5py 3 turns bytes into vlen strings)."""
    f.attrs["keras_version"] = "2.4.0"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(config).encode("utf8")
    f.attrs["training_config"] = json.dumps(TRAINING_CONFIG).encode("utf8")


def keras_weights(f):
    """A model_weights group with per-layer groups, as Keras lays them out."""
    g = f.create_group("model_weights")
    g.attrs["layer_names"] = np.array([b"dense_1", b"lambda_1"])
    g.attrs["backend"] = b"tensorflow"
    g.attrs["keras_version"] = b"2.4.0"
    d = g.create_group("dense_1")
    d.attrs["weight_names"] = np.array([b"dense_1/kernel:0", b"dense_1/bias:0"])
    d.create_dataset("kernel", data=np.ones((2, 2), dtype="<f4"))  # compact layout keeps it tiny
    g.create_group("lambda_1").attrs["weight_names"] = np.array([], dtype="S1")


def typed_attrs(f):
    """One attribute per datatype the reader decodes."""
    f.attrs["fixed_scalar"] = np.bytes_(b"fixed length string")
    f.attrs["fixed_array"] = np.array([b"a", b"bc", b"def"])
    f.attrs["vlen_array"] = np.array(["x", "", "zz"], dtype=h5py.string_dtype())
    f.attrs["unicode"] = "caf\u00e9 \u2603"
    f.attrs["int8"] = np.int8(-5)
    f.attrs["uint16_be"] = np.array([1, 65535], dtype=">u2")
    f.attrs["int64"] = np.int64(-(2**40))
    f.attrs["f16"] = np.float16(0.5)
    f.attrs["f32"] = np.array([1.5, -2.0], dtype="<f4")
    f.attrs["f64_be"] = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=">f8")
    f.attrs["bool"] = np.bool_(True)
    f.attrs["empty"] = h5py.Empty("f8")
    f.attrs["array_type"] = np.array([(1, 2, 3)], dtype=np.dtype("(3,)i4"))


def main():
    with h5py.File("v0_keras.h5", "w", libver="earliest") as f:
        keras_root(f)
        keras_weights(f)
    with h5py.File("v0_types.h5", "w", libver="earliest") as f:
        typed_attrs(f)
    with h5py.File("v2_keras.h5", "w", libver=("v108", "v108")) as f:
        keras_root(f)
        keras_weights(f)
    with h5py.File("v3_types.h5", "w", libver="latest") as f:
        typed_attrs(f)
    # Dense attribute storage: more attributes than the compact maximum (8), one of them a
    # fixed-length string over 64 KiB (a fractal heap "huge" object), the Keras config as a
    # vlen string in the global heap.
    with h5py.File("v3_dense.h5", "w", libver="latest") as f:
        keras_root(f)
        for i in range(12):
            f.attrs["extra%02d" % i] = "value %d" % i
        f.attrs["big_config"] = np.bytes_(json.dumps({"pad": "x" * 70000}).encode())
    # The same in small: 9 attributes force dense storage, and a 5000-byte fixed-length
    # string is over the heap's 4 KiB managed-object limit, so it is a huge object too.
    with h5py.File("v3_huge.h5", "w", libver="latest") as f:
        for i in range(8):
            f.attrs["a%d" % i] = np.int8(i)
        f.attrs["config"] = np.bytes_(b"{" + b"y" * 4998 + b"}")
    # Enough attributes for a fractal heap with an indirect root block of several rows and a
    # two-level v2 B-tree; enough groups for dense link storage.
    with h5py.File("v3_dense_many.h5", "w", libver="latest") as f:
        for i in range(200):
            f.attrs["attribute_number_%03d" % i] = np.int32(i)
        for i in range(10):
            f.create_group("group_%02d" % i).attrs["index"] = np.int32(i)
    # A 512-byte user block moves the superblock; 4-byte offsets and lengths.
    with h5py.File("v0_userblock.h5", "w", libver="earliest", userblock_size=512) as f:
        keras_root(f)
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_sizes(4, 4)
    fid = h5py.h5f.create(b"v0_sizes4.h5", h5py.h5f.ACC_TRUNC, fcpl=fcpl)
    with h5py.File(fid) as f:
        keras_root(f)
        keras_weights(f)
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_sizes(2, 2)
    fid = h5py.h5f.create(b"v0_sizes2.h5", h5py.h5f.ACC_TRUNC, fcpl=fcpl)
    with h5py.File(fid) as f:
        f.attrs["keras_version"] = "2.4.0"
        f.attrs["layer_names"] = np.array([b"dense_1"])


def summarise(s):
    """Long strings are compared by length and SHA-256 to keep expected.json small."""
    if len(s) > 1024:
        return "sha256:%s:%d" % (hashlib.sha256(s).hexdigest(), len(s))
    return s.decode("utf8", "surrogateescape")


def attr_values(value):
    """h5py's own reading of one attribute, flattened, as (class, values)."""
    if isinstance(value, h5py.Empty):
        return "float" if value.dtype.kind == "f" else "other", []
    arr = np.asarray(value)
    kind = arr.dtype.kind
    flat = arr.reshape(-1).tolist()
    if kind in "SOU":
        out = []
        for v in flat:
            out.append(summarise(v if isinstance(v, bytes) else v.encode("utf8")))
        return "string", out
    if kind in "iub":
        return "int", [int(v) for v in flat]
    if kind == "f":
        return "float", [float(v) for v in flat]
    return "other", []


def expected():
    """Write expected.json: fixture -> object path -> attribute -> {class, values}, as h5py reads them."""
    out = {}
    for path in sorted(glob.glob("*.h5")):
        objs = {}
        with h5py.File(path, "r") as f:
            def visit(name, obj):
                attrs = {}
                for key in obj.attrs:
                    cls, vals = attr_values(obj.attrs[key])
                    attrs[key] = {"class": cls, "values": vals}
                objs["/" + name if name else "/"] = attrs
            visit("", f)
            f.visititems(visit)
        out[path] = objs
    with open("expected.json", "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
    expected()
