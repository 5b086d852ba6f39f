#!/usr/bin/env python3
"""Writes the GGUF fixtures of internal/format/gguf (and the GGUF detector's tests).

Hand-written with struct.pack so that broken structures can be produced on purpose; no gguf
package is needed. Run from this directory: python3 gen_gguf.py
"""
import struct

# GGUF value types
U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)
F32_T, Q8_0_T = 0, 8  # GGML tensor types

# Meta-Llama-3-8B-Instruct tokenizer_config.json chat_template (public).
LLAMA3 = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)

# CVE-2024-34359 (llama-cpp-python "Llama Drama") proof of concept template.
CVE_2024_34359 = (
    "{% for c in [].__class__.__base__.__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
    "{{ c()._module.__builtins__['__import__']('os').system('touch /tmp/retr0reg') }}{% endif %}{% endfor %}"
)

TOOL_USE_PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


class W:
    """GGUF writer with knobs for breaking it."""

    def __init__(self, version=3, be=False):
        self.v, self.e = version, ">" if be else "<"
        self.kvs, self.tensors = [], []

    def p(self, fmt, *a):
        return struct.pack(self.e + fmt, *a)

    def n(self, x):  # counts and lengths: uint32 in v1, uint64 later
        return self.p("I" if self.v == 1 else "Q", x)

    def s(self, text, length=None):
        b = text.encode() if isinstance(text, str) else text
        return self.n(len(b) if length is None else length) + b

    def scalar(self, t, v):
        fmt = {U8: "B", I8: "b", U16: "H", I16: "h", U32: "I", I32: "i", F32: "f", BOOL: "?",
               U64: "Q", I64: "q", F64: "d"}[t]
        return self.p(fmt, v)

    def value(self, t, v):
        if t == STR:
            return self.s(v)
        if t == ARR:
            et, items = v
            return self.p("I", et) + self.n(len(items)) + b"".join(self.value(et, x) for x in items)
        return self.scalar(t, v)

    def kv(self, key, t, v):
        self.kvs.append(self.s(key) + self.p("I", t) + self.value(t, v))
        return self

    def raw_kv(self, blob):
        self.kvs.append(blob)
        return self

    def tensor(self, name, dims, typ, off):
        dimfmt = "I" if self.v == 1 else "Q"
        self.tensors.append(self.s(name) + self.p("I", len(dims)) + b"".join(self.p(dimfmt, d) for d in dims)
                            + self.p("I", typ) + self.p("Q", off))
        return self

    def build(self, data=b"", align=32, n_tensors=None, n_kv=None, version=None):
        v = self.v if version is None else version
        head = b"GGUF" + self.p("I", v)
        head += self.n(len(self.tensors) if n_tensors is None else n_tensors)
        head += self.n(len(self.kvs) if n_kv is None else n_kv)
        head += b"".join(self.kvs) + b"".join(self.tensors)
        if data:
            head += b"\0" * (-len(head) % align)
        return head + data


def vocab(w, n=8, scores=None, types=None):
    toks = ["<|begin_of_text|>", "<|eot_id|>"] + ["tok%d" % i for i in range(n - 2)]
    w.kv("tokenizer.ggml.model", STR, "gpt2")
    w.kv("tokenizer.ggml.tokens", ARR, (STR, toks))
    w.kv("tokenizer.ggml.scores", ARR, scores or (F32, [0.0] * n))
    w.kv("tokenizer.ggml.token_type", ARR, types or (I32, [1] * n))
    w.kv("tokenizer.ggml.bos_token_id", U32, 0)
    w.kv("tokenizer.ggml.eos_token_id", U32, 1)


def llama(template=LLAMA3, version=3, be=False, extra=()):
    """A tiny llama-like model: F32 norm, Q8_0 weight, aligned data."""
    w = W(version, be)
    w.kv("general.architecture", STR, "llama").kv("general.name", STR, "tiny-llama")
    w.kv("general.alignment", U32, 32).kv("llama.block_count", U32, 1).kv("llama.context_length", U32, 128)
    vocab(w)
    if template is not None:
        w.kv("tokenizer.chat_template", STR, template)
    for k, t, v in extra:
        w.kv(k, t, v)
    w.tensor("blk.0.attn_norm.weight", [8], F32_T, 0)      # 32 bytes
    w.tensor("blk.0.attn_q.weight", [32, 2], Q8_0_T, 32)   # 2 blocks of 34 bytes
    data = struct.pack("<8f", *([1.0] * 8)) + b"\0" * 68
    return w, data


def write(name, blob):
    with open(name, "wb") as fh:
        fh.write(blob)


def main():
    w, d = llama()
    write("benign_llama3.gguf", w.build(d))
    w, d = llama(version=1)
    write("benign_v1.gguf", w.build(d))
    w, d = llama(be=True)
    write("benign_bigendian.gguf", w.build(d))
    w = W()
    w.kv("general.architecture", STR, "llama")
    vocab(w)
    write("vocab_only.gguf", w.build())

    w, d = llama(template=CVE_2024_34359)
    write("malicious_chat_template.gguf", w.build(d))
    w, d = llama(extra=[("tokenizer.chat_templates", ARR, (STR, ["tool_use"])),
                        ("tokenizer.chat_template.tool_use", STR, TOOL_USE_PAYLOAD)])
    write("malicious_named_template.gguf", w.build(d))
    w, d = llama(extra=[("tokenizer.chat_template", STR, CVE_2024_34359)])
    write("duplicate_template.gguf", w.build(d))

    broken()


def broken():
    # KV count far beyond the file (CVE-2024-23605 shape).
    w = W().kv("general.architecture", STR, "llama")
    write("broken_kv_count.gguf", w.build(n_kv=1 << 61))
    # A string whose length runs past the end of the file.
    w = W().raw_kv(W().s("general.name") + struct.pack("<I", STR) + struct.pack("<Q", 1 << 40) + b"x")
    write("broken_string_len.gguf", w.build())
    # Unknown value type, then an array of arrays.
    w = W().raw_kv(W().s("general.odd") + struct.pack("<I", 99) + b"\0" * 8)
    write("broken_value_type.gguf", w.build())
    w = W().kv("general.nested", ARR, (ARR, [(U8, [1, 2]), (U8, [3])]))
    write("nested_array.gguf", w.build())
    # Unsupported version.
    write("bad_version.gguf", W().build(version=7))
    # general.alignment of 0 (divides by zero in naive readers) with one tensor.
    w = W().kv("general.alignment", U32, 0).tensor("t", [4], F32_T, 0)
    write("broken_alignment.gguf", w.build(b"\0" * 16))
    # Tensor table: out of bounds, overflowing dims, too many dims, unknown type, overlap,
    # misaligned, duplicate name and a name longer than GGML_MAX_NAME.
    w = W().kv("general.architecture", STR, "llama")
    w.tensor("a", [8], F32_T, 0).tensor("b", [8], F32_T, 16).tensor("c", [8], F32_T, 1 << 40)
    w.tensor("d", [1 << 40, 1 << 40], F32_T, 0).tensor("e", [1, 1, 1, 1, 1], F32_T, 0)
    w.tensor("f", [8], 250, 0).tensor("a", [8], F32_T, 64).tensor("n" * 70, [8], F32_T, 96)
    write("broken_tensors.gguf", w.build(b"\0" * 128))
    # Vocabulary arrays that disagree (uint8 scores read as float32, short token_type).
    w = W().kv("general.architecture", STR, "llama")
    vocab(w, scores=(U8, [0] * 8), types=(I32, [1] * 3))
    w.kv("llama.block_count", U32, 100000)
    write("broken_vocab.gguf", w.build())
    # A special token id outside the vocabulary.
    w = W().kv("general.architecture", STR, "llama")
    vocab(w)
    w.kvs[-1] = w.s("tokenizer.ggml.eos_token_id") + struct.pack("<I", U32) + struct.pack("<I", 50000)
    write("broken_token_id.gguf", w.build())
    # Valid model followed by an appended zip.
    w, d = llama()
    write("trailing_data.gguf", w.build(d) + b"PK\x03\x04" + b"\0" * 60)
    # A download cut in the middle of the tensor data.
    w, d = llama()
    write("data_truncated.gguf", w.build(d)[:-40])
    # Truncated in the middle of the tensor infos.
    w, d = llama()
    blob = w.build(d)
    write("truncated.gguf", blob[: len(blob) - len(d) - 20])


if __name__ == "__main__":
    main()
