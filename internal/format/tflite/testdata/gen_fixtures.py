#!/usr/bin/python3
"""Writes the small TFLite fixtures of internal/format/tflite and internal/detect/tflite.

TensorFlow is not packaged by Debian, so the FlatBuffers are written by hand with struct:

    /usr/bin/python3 gen_fixtures.py

Layout (FlatBuffers, little-endian, everything reachable from the root table):

    0   uint32  offset of the root Model table
    4   "TFL3"  file identifier
    8…  objects, written front to back in breadth-first order. Every offset field is an
        unsigned 32-bit distance from the field itself forward to its target, so children are
        always written after their parent and patched in.

    table:  vtable (uint16 vtable size, uint16 table size, one uint16 per field slot: the
            field's offset inside the table, 0 = absent), then the table itself starting with
            an int32 distance back to its vtable, then the inline fields.
    vector: uint32 element count, then the elements (4-byte offsets for vectors of tables).
    string: uint32 byte count, the bytes, a NUL.

Field slots follow tensorflow/lite/schema/schema.fbs; schema_subset.fbs in this folder
declares the same slots so that `flatc --json --raw-binary schema_subset.fbs -- x.tflite`
can decode the fixtures as a cross-check (Debian's flatbuffers-compiler).
"""

import collections
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# BuiltinOperator values used here (schema.fbs).
ADD, CONV_2D, CUSTOM, GELU = 0, 3, 32, 150


class Table:
    """fields: {slot: (kind, value)}; kind is u8, i8, u32, i32, u64 or ref (a child object)."""

    def __init__(self, fields):
        self.fields = fields


class Vector:
    """A vector of refs (child objects) or of raw bytes (kind 'bytes')."""

    def __init__(self, kind, items):
        self.kind, self.items = kind, items


class String:
    def __init__(self, s):
        self.s = s.encode() if isinstance(s, str) else s


SIZES = {"u8": 1, "i8": 1, "u32": 4, "i32": 4, "u64": 8, "ref": 4}
FORMATS = {"u8": "<B", "i8": "<b", "u32": "<I", "i32": "<i", "u64": "<Q"}


class Writer:
    def __init__(self):
        self.buf = bytearray(struct.pack("<I", 0) + b"TFL3")
        self.queue = collections.deque()

    def align(self, n, extra=0):
        while (len(self.buf) + extra) % n:
            self.buf.append(0)

    def ref(self, at, obj):
        self.queue.append((at, obj))

    def table(self, t):
        slots = max(t.fields) + 1 if t.fields else 0
        layout, size = {}, 4
        for slot in sorted(t.fields, key=lambda s: -SIZES[t.fields[s][0]]):
            width = SIZES[t.fields[slot][0]]
            size += (-size) % width
            layout[slot] = size
            size += width
        size += (-size) % 4
        self.align(2)
        vt = len(self.buf)
        self.buf += struct.pack("<HH", 4 + 2 * slots, size)
        for slot in range(slots):
            self.buf += struct.pack("<H", layout.get(slot, 0))
        self.align(8)
        pos = len(self.buf)
        self.buf += bytes(size)
        struct.pack_into("<i", self.buf, pos, pos - vt)
        for slot, (kind, value) in t.fields.items():
            if kind == "ref":
                self.ref(pos + layout[slot], value)
            else:
                struct.pack_into(FORMATS[kind], self.buf, pos + layout[slot], value)
        return pos

    def vector(self, v):
        if v.kind == "bytes":
            self.align(16, 4)  # Buffer.data is force_align: 16
            pos = len(self.buf)
            self.buf += struct.pack("<I", len(v.items)) + bytes(v.items)
            return pos
        self.align(4)
        pos = len(self.buf)
        self.buf += struct.pack("<I", len(v.items))
        for item in v.items:
            self.ref(len(self.buf), item)
            self.buf += bytes(4)
        return pos

    def string(self, s):
        self.align(4)
        pos = len(self.buf)
        self.buf += struct.pack("<I", len(s.s)) + s.s + b"\0"
        return pos

    def write(self, root):
        self.ref(0, root)
        while self.queue:
            at, obj = self.queue.popleft()
            if isinstance(obj, Table):
                pos = self.table(obj)
            elif isinstance(obj, Vector):
                pos = self.vector(obj)
            else:
                pos = self.string(obj)
            struct.pack_into("<I", self.buf, at, pos - at)
        self.align(4)
        return bytes(self.buf)


def opcode(builtin, custom=None):
    fields = {0: ("i8", min(builtin, 127)), 2: ("i32", 1), 3: ("i32", builtin)}
    if custom is not None:
        fields[1] = ("ref", String(custom))
    return Table(fields)


def operator(index, options=None):
    """An Operator; options are its custom_options bytes (slot 5)."""
    fields = {0: ("u32", index)}
    if options is not None:
        fields[5] = ("ref", Vector("bytes", options))
    return Table(fields)


def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def pb_bytes(field, payload):
    """A length-delimited protobuf field."""
    return varint(field << 3 | 2) + varint(len(payload)) + payload


def node_def(op, name=b"node"):
    """A serialized tensorflow.NodeDef: name (1), op (2) and one attr (5) entry."""
    attr = pb_bytes(1, b"T") + pb_bytes(2, varint(6 << 3) + varint(1))  # AttrValue.type = DT_FLOAT
    return pb_bytes(1, name) + pb_bytes(2, op) + pb_bytes(5, attr)


FBT_STRING, FBT_VECTOR = 5, 10


def flex_options(op, nodedef, width=4):
    """custom_options as the converter writes them for a Flex op: a FlexBuffer whose root is
    an untyped vector [String op, String NodeDef], every offset and length width bytes wide."""
    fmt = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}[width]
    log = {1: 0, 2: 1, 4: 2, 8: 3}[width]
    buf = bytearray()

    def pad():
        while len(buf) % width:
            buf.append(0)

    def string(b):
        pad()
        buf.extend(struct.pack(fmt, len(b)))
        pos = len(buf)
        buf.extend(b + b"\0")
        return pos

    strings = [string(op), string(nodedef)]
    pad()
    buf.extend(struct.pack(fmt, len(strings)))
    vec = len(buf)
    for s in strings:
        buf.extend(struct.pack(fmt, len(buf) - s))
    buf.extend(bytes([FBT_STRING << 2 | log] * len(strings)))
    pad()
    buf.extend(struct.pack(fmt, len(buf) - vec))
    buf.extend(bytes([FBT_VECTOR << 2 | log, width]))
    return bytes(buf)


def tensor(name, buffer):
    # Tensor: shape 0, type 1 (FLOAT32 = 0), buffer 2, name 3.
    return Table({0: ("ref", Vector("ref", [])), 1: ("i8", 0), 2: ("u32", buffer), 3: ("ref", String(name))})


def model(codes, uses, metadata=(), description="aisec fixture", signatures=("serving_default",)):
    """codes: OperatorCode tables; uses: per operator of the single subgraph, its opcode index
    or an Operator table;
    metadata: (name, bytes) pairs, each stored in a buffer of its own."""
    buffers = [Table({}), Table({0: ("ref", Vector("bytes", bytes(range(16))))})]
    meta = []
    for name, data in metadata:
        meta.append(Table({0: ("ref", String(name)), 1: ("u32", len(buffers))}))
        buffers.append(Table({0: ("ref", Vector("bytes", data))}))
    subgraph = Table({
        0: ("ref", Vector("ref", [tensor("input", 0), tensor("weights", 1)])),
        3: ("ref", Vector("ref", [u if isinstance(u, Table) else operator(u) for u in uses])),
        4: ("ref", String("main")),
    })
    sigs = [Table({2: ("ref", String(k)), 4: ("u32", 0)}) for k in signatures]
    return Table({
        0: ("u32", 3),
        1: ("ref", Vector("ref", codes)),
        2: ("ref", Vector("ref", [subgraph])),
        3: ("ref", String(description)),
        4: ("ref", Vector("ref", buffers)),
        6: ("ref", Vector("ref", meta)),
        7: ("ref", Vector("ref", sigs)),
    })


def save(name, root):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(Writer().write(root))


def main():
    version = b"1.5.0" + bytes(11)
    save("benign_builtin.tflite", model(
        [opcode(ADD), opcode(CONV_2D), opcode(GELU)], [0, 1, 2, 0],
        metadata=[("min_runtime_version", version),
                  ("TFLITE_METADATA", b"\x10\x00\x00\x00Image classifier by aisec\x00\x00\x00")]))
    save("custom_op.tflite", model(
        [opcode(ADD), opcode(CUSTOM, "MyCustomOp"), opcode(CUSTOM, "TFLite_Detection_PostProcess"),
         opcode(CUSTOM, "UnusedOp")],
        [0, 1, 1, 2], metadata=[("min_runtime_version", version)]))
    save("flex_benign.tflite", model(
        [opcode(ADD), opcode(CUSTOM, "FlexAddV2"), opcode(CUSTOM, "FlexRFFT")], [0, 1, 2]))
    save("flex_dangerous.tflite", model(
        [opcode(CUSTOM, "FlexReadFile"), opcode(CUSTOM, "FlexWriteFile"), opcode(CUSTOM, "FlexPyFunc"),
         opcode(CUSTOM, "FlexEagerPyFunc"), opcode(CUSTOM, "FlexMatchingFiles")], [0, 1, 2, 3, 4]))
    flex_evasion()


def flex_evasion():
    """Flex operators whose custom_options (what the delegate runs) disagree with custom_code."""
    def flex(code_index, op, nodedef_op=None, width=4):
        return operator(code_index, flex_options(op, node_def(nodedef_op or op), width))

    save("flex_agree.tflite", model(
        [opcode(CUSTOM, "FlexAddV2"), opcode(CUSTOM, "FlexRFFT")],
        [flex(0, b"AddV2"), flex(0, b"AddV2"), flex(1, b"RFFT", width=1), flex(1, b"RFFT", width=8)]))
    save("flex_mismatch_pyfunc.tflite", model(
        [opcode(CUSTOM, "FlexIdentity")], [flex(0, b"PyFunc")]))
    save("flex_mismatch_write.tflite", model(
        [opcode(CUSTOM, "FlexIdentity")], [flex(0, b"WriteFile", width=2)]))
    save("flex_nodedef_mismatch.tflite", model(
        [opcode(CUSTOM, "FlexIdentity")], [flex(0, b"Identity", b"EagerPyFunc")]))
    save("custom_nul.tflite", model(
        [opcode(CUSTOM, b"FlexPyFunc\0x"), opcode(CUSTOM, b"Mine\x01")], [0, 1]))
    save("flex_undecodable.tflite", model(
        [opcode(CUSTOM, "FlexAddV2"), opcode(CUSTOM, "FlexRFFT")],
        [operator(0, b"\x07garbage\x28\x04"),
         operator(1, flex_options(b"RFFT", b"\x12\xff\x01RFFT"))]))


if __name__ == "__main__":
    main()
