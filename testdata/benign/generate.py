#!/usr/bin/python3
"""Regenerate aisec's benign "real producer" fixtures.

Every file here is written by the real library that ships ML models (torch, numpy, scikit-learn,
joblib, dill, cloudpickle, CPython pickle), with fixed seeds and tiny tensors, so that scanners are
tested against byte-for-byte realistic output rather than hand-built imitations.

Run from anywhere:  /usr/bin/python3 testdata/benign/generate.py
It rewrites every fixture and the globals table in README.md (between the globals markers).

Determinism: seeds are fixed, PYTHONHASHSEED is forced to 0 (the script re-executes itself),
time.time() is pinned while writing (zip and gzip headers embed it),
and TorchScript source is compiled under a fixed pseudo file name so that debug info never embeds
the checkout path. Nothing here ever unpickles anything: the globals listing walks opcodes with
pickletools.genops (a disassembler); for joblib files it skips the raw array bytes joblib writes
between opcodes, whose offsets are recorded while dumping.
"""

import contextlib
import io
import linecache
import os
import pickle
import pickletools
import sys
import time
import types
import zipfile
from unittest import mock

OUT = os.path.dirname(os.path.abspath(__file__))
FIXED_TIME = 1704067200.0  # 2024-01-01T00:00:00Z, pinned into zip and gzip headers
SEED = 20240101

os.environ["TZ"] = "UTC"
time.tzset()


def path(name):
    return os.path.join(OUT, name)


@contextlib.contextmanager
def pinned_time():
    """Pin time.time so zip member dates and gzip MTIME fields are reproducible."""
    with mock.patch("time.time", return_value=FIXED_TIME):
        yield


# ---------------------------------------------------------------------------------------------
# Plain-data pickles (CPython pickle, protocols 0..5)
# ---------------------------------------------------------------------------------------------

def plain_data():
    return {
        "name": "aisec-benign",
        "ints": [0, 1, -1, 255, 65536, 2**40, -(2**70)],
        "floats": [0.0, 1.5, -2.25, 1e300],
        "strings": ["a", "ünïcödé", ""],
        "bytes": b"\x00\x01binary\xff",
        "none": None,
        "flags": (True, False),
        "set": {1, 2, 3},
        "frozen": frozenset({"x"}),
        "nested": {"tuple": (1, (2, 3)), "list": [[], {}]},
    }


def write_plain():
    data = plain_data()
    for proto in range(6):
        with open(path(f"plain_p{proto}.pkl"), "wb") as f:
            pickle.dump(data, f, protocol=proto)


def write_dill_cloudpickle():
    data = {"weights": [0.25, 0.5], "labels": ["cat", "dog"], "meta": {"epochs": 3}}
    try:
        import dill
        with open(path("dill_plain.pkl"), "wb") as f:
            dill.dump(data, f)
    except ImportError:
        print("dill missing: skipped dill_plain.pkl", file=sys.stderr)
    try:
        import cloudpickle
        with open(path("cloudpickle_plain.pkl"), "wb") as f:
            cloudpickle.dump(data, f)
    except ImportError:
        print("cloudpickle missing: skipped cloudpickle_plain.pkl", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# numpy
# ---------------------------------------------------------------------------------------------

def write_numpy():
    import numpy as np
    np.save(path("numpy_int.npy"), np.arange(12, dtype=np.int64).reshape(3, 4))
    rng = np.random.default_rng(SEED)
    floats = rng.standard_normal((4, 4)).astype(np.float32)
    np.save(path("numpy_float.npy"), floats)
    strings = np.array(["alpha", "beta", None, "gamma"], dtype=object)
    np.save(path("numpy_object_strings.npy"), strings, allow_pickle=True)
    with pinned_time():
        np.savez(path("numpy_plain.npz"), ints=np.arange(5), floats=floats)
        np.savez_compressed(path("numpy_compressed.npz"), ints=np.arange(5), floats=floats)


# ---------------------------------------------------------------------------------------------
# torch
# ---------------------------------------------------------------------------------------------

TINY_SOURCE = '''\
import torch


class TinyNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 3)
        self.fc2 = torch.nn.Linear(3, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))
'''
TINY_FILE = "aisec_tiny.py"  # pseudo file name: keeps the checkout path out of TorchScript debug info


def tiny_module():
    """Import TINY_SOURCE as module aisec_tiny without a file on disk.

    TorchScript reads class source through inspect, which falls back to linecache for files that
    do not exist, so registering the lines there is enough.
    """
    lines = TINY_SOURCE.splitlines(keepends=True)
    linecache.cache[TINY_FILE] = (len(TINY_SOURCE), None, lines, TINY_FILE)
    mod = types.ModuleType("aisec_tiny")
    mod.__file__ = TINY_FILE
    sys.modules["aisec_tiny"] = mod
    exec(compile(TINY_SOURCE, TINY_FILE, "exec"), mod.__dict__)
    return mod


def sequential_str():
    """A str stand-in for torch.serialization's legacy writer.

    torch 1.13 names legacy storages str(storage._cdata), a heap address that changes every run;
    newer torch releases name them "0", "1", ... This maps each address to the next such number
    and leaves every other use of str (calls and isinstance checks) to the builtin, so the output
    is stable and matches newer torch.
    """
    ids = {}

    class Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, str)

    class SeqStr(metaclass=Meta):
        def __new__(cls, value=""):
            if isinstance(value, int) and not isinstance(value, bool):
                return ids.setdefault(value, str(len(ids)))
            return str(value)
    return SeqStr


def torch_save_both(torch, obj, stem):
    """torch.save obj in the default zip format and in the legacy (pre-1.6) format."""
    import torch.serialization as ser
    with pinned_time():
        torch.save(obj, path(f"{stem}_zip.pt"))
        with mock.patch.object(ser, "str", sequential_str(), create=True):
            torch.save(obj, path(f"{stem}_legacy.pt"), _use_new_zipfile_serialization=False)


def write_torch():
    try:
        import torch
    except ImportError:
        print("torch missing: skipped torch fixtures", file=sys.stderr)
        return
    torch.manual_seed(SEED)
    net = tiny_module().TinyNet()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    x, y = torch.randn(8, 4), torch.randn(8, 2)
    loss = torch.nn.functional.mse_loss(net(x), y)
    loss.backward()
    opt.step()

    torch_save_both(torch, net.state_dict(), "torch_state_dict")
    torch_save_both(torch, opt.state_dict(), "torch_optimizer")
    checkpoint = {
        "epoch": 3,
        "model_state": net.state_dict(),
        "optimizer_state": opt.state_dict(),
        "loss": float(loss.item()),
    }
    torch_save_both(torch, checkpoint, "torch_checkpoint")
    with pinned_time():
        torch.save(torch.tensor([0.5, -1.0, 2.0], dtype=torch.float16), path("torch_tensor_float16.pt"))
        torch.save(torch.arange(6, dtype=torch.int64).reshape(2, 3), path("torch_tensor_int64.pt"))
        torch.save(torch.tensor([True, False, True]), path("torch_tensor_bool.pt"))
        torch.jit.save(torch.jit.script(net), path("torchscript_tiny.pt"))


# ---------------------------------------------------------------------------------------------
# scikit-learn and joblib
# ---------------------------------------------------------------------------------------------

def sklearn_models():
    import numpy as np
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    rng = np.random.RandomState(SEED)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    logreg = LogisticRegression(random_state=0).fit(X, y)
    forest = RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(random_state=0))]).fit(X, y)
    return {"logreg": logreg, "forest": forest, "pipeline": pipe}


def write_sklearn(models):
    for name, model in models.items():
        for proto in (2, 4, 5):
            with open(path(f"sklearn_{name}_p{proto}.pkl"), "wb") as f:
                pickle.dump(model, f, protocol=proto)


JOBLIB_VARIANTS = [
    ("joblib_pipeline.joblib", 0),
    ("joblib_pipeline_zlib.joblib", ("zlib", 3)),
    ("joblib_pipeline.joblib.gz", "gzip"),
    ("joblib_pipeline.joblib.bz2", "bz2"),
    ("joblib_pipeline.joblib.lzma", "lzma"),
    ("joblib_pipeline.joblib.xz", "xz"),
    ("joblib_pipeline.joblib.lz4", "lz4"),
]


def write_joblib(pipe):
    """joblib.dump the pipeline with every compressor.

    Returns the (start, end) offsets of the raw array bytes joblib writes inline between pickle
    opcodes in the uncompressed stream: the globals walker has to skip them, as joblib's own
    unpickler does when it reaches the BUILD of a NumpyArrayWrapper.
    """
    try:
        import joblib
        from joblib import numpy_pickle
    except ImportError:
        print("joblib missing: skipped joblib fixtures", file=sys.stderr)
        return []
    ranges = []
    orig = numpy_pickle.NumpyArrayWrapper.write_array

    def recording_write_array(self, array, pickler):
        start = pickler.file_handle.tell()
        orig(self, array, pickler)
        ranges.append((start, pickler.file_handle.tell()))

    for fname, compress in JOBLIB_VARIANTS:
        try:
            with pinned_time():
                if compress == 0:
                    with mock.patch.object(numpy_pickle.NumpyArrayWrapper, "write_array", recording_write_array):
                        joblib.dump(pipe, path(fname), compress=compress)
                else:
                    joblib.dump(pipe, path(fname), compress=compress)
        except (ImportError, ValueError) as exc:  # lz4 is optional in joblib
            print(f"{fname}: skipped ({exc})", file=sys.stderr)
    return ranges


# ---------------------------------------------------------------------------------------------
# Static globals listing (pickletools.genops only: disassembly, never unpickling)
# ---------------------------------------------------------------------------------------------

MARK = object()
STRING_OPS = {"STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE",
              "SHORT_BINUNICODE", "BINUNICODE8"}


def pop_for(stack, before):
    """Pop what an opcode consumes, using pickletools' stack metadata."""
    if pickletools.markobject in before:
        while stack and stack[-1] is not MARK:
            stack.pop()
        if stack:
            stack.pop()
        for _ in range(before.index(pickletools.markobject)):
            if stack:
                stack.pop()
        return []
    n = len(before)
    taken = stack[len(stack) - n:] if n else []
    del stack[len(stack) - n:]
    return taken


def walk_globals(data, start=0, skip=()):
    """Return (globals, end offset) of the pickle starting at data[start:].

    skip lists (start, end) ranges of inline non-pickle bytes (joblib arrays) to jump over.
    """
    found, stack, memo = [], [], {}
    f = io.BytesIO(data)
    f.seek(start)
    while True:
        for lo, hi in skip:
            if f.tell() == lo:
                f.seek(hi)
        op, arg, _ = next(pickletools.genops(f))
        name = op.name
        if name in ("PUT", "BINPUT", "LONG_BINPUT", "MEMOIZE"):
            memo[arg if name != "MEMOIZE" else len(memo)] = stack[-1] if stack else None
            continue
        taken = pop_for(stack, op.stack_before)
        if name in STRING_OPS:
            stack.append(arg)
        elif name in ("GLOBAL", "INST"):
            found.append(arg.replace(" ", "."))
            stack.append(None)
        elif name == "STACK_GLOBAL":
            mod, qual = taken
            ok = isinstance(mod, str) and isinstance(qual, str)
            found.append(f"{mod}.{qual}" if ok else "<unresolved STACK_GLOBAL>")
            stack.append(None)
        elif name in ("GET", "BINGET", "LONG_BINGET"):
            stack.append(memo.get(arg))
        elif name == "MARK":
            stack.append(MARK)
        else:
            stack.extend([None] * len(op.stack_after))
        if name == "STOP":
            return found, f.tell()


def stacked_globals(data, start=0, skip=()):
    """Walk back-to-back pickles (legacy torch) until the bytes stop looking like one."""
    result, pos = walk_globals(data, start, skip)
    while pos < len(data) and data[pos] == 0x80:
        found, pos = walk_globals(data, pos, skip)
        result.extend(found)
    return result


def npy_pickle_offset(data):
    """Offset of the pickle inside an object-dtype .npy (after the header), or None."""
    if not data.startswith(b"\x93NUMPY"):
        return None
    major = data[6]
    hlen_size = 2 if major == 1 else 4
    hlen = int.from_bytes(data[8:8 + hlen_size], "little")
    header = data[8 + hlen_size:8 + hlen_size + hlen]
    if b"'|O'" not in header:
        return None
    return 8 + hlen_size + hlen


def member_globals(name, data):
    if name.endswith(".npy"):
        off = npy_pickle_offset(data)
        return walk_globals(data, off)[0] if off is not None else []
    if name.endswith((".pkl", ".debug_pkl")) or data[:1] == b"\x80":
        return stacked_globals(data)
    return []


def decompress_joblib(fname, data):
    import bz2
    import gzip
    import lzma
    import zlib
    if fname.endswith(".gz"):
        return gzip.decompress(data)
    if fname.endswith(".bz2"):
        return bz2.decompress(data)
    if fname.endswith((".xz", ".lzma")):
        return lzma.decompress(data)
    if fname.endswith(".lz4"):
        import lz4.frame
        return lz4.frame.decompress(data)
    if "zlib" in fname:
        return zlib.decompress(data)
    return data


def file_globals(fname, joblib_ranges, joblib_plain):
    """Map "file[!member]" to its sorted distinct globals."""
    data = open(path(fname), "rb").read()
    out = {}
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                found = member_globals(info.filename, z.read(info))
                if found:
                    out[f"{fname}!{info.filename}"] = sorted(set(found))
        return out
    if fname.startswith("joblib_"):
        raw = decompress_joblib(fname, data)
        note = "" if raw == joblib_plain else " (decompressed stream differs from plain!)"
        out[fname + note] = sorted(set(stacked_globals(raw, 0, joblib_ranges)))
        return out
    out[fname] = sorted(set(member_globals(fname, data)))
    return out


def globals_table(joblib_ranges):
    plain_path = path("joblib_pipeline.joblib")
    joblib_plain = open(plain_path, "rb").read() if os.path.exists(plain_path) else b""
    rows = []
    for fname in sorted(os.listdir(OUT)):
        if fname.endswith((".py", ".md")):
            continue
        for key, found in file_globals(fname, joblib_ranges, joblib_plain).items():
            rows.append(f"| `{key}` | {', '.join(f'`{g}`' for g in found) or '(none)'} |")
    return "\n".join(["| file (!member) | globals imported |", "|---|---|"] + rows)


def update_readme(table):
    readme = path("README.md")
    text = open(readme).read()
    begin, end = "<!-- globals:begin -->", "<!-- globals:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(readme, "w") as f:
        f.write(f"{head}{begin}\n{table}\n{end}{tail}")


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript emits class constants in set order, which follows str hash randomisation.
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)
    write_plain()
    write_dill_cloudpickle()
    write_numpy()
    write_torch()
    try:
        models = sklearn_models()
    except ImportError:
        print("scikit-learn missing: skipped sklearn and joblib fixtures", file=sys.stderr)
        models = None
    ranges = []
    if models:
        write_sklearn(models)
        ranges = write_joblib(models["pipeline"])
    update_readme(globals_table(ranges))


if __name__ == "__main__":
    main()
