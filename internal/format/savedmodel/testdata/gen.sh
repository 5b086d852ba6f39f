#!/bin/sh
# Regenerates the binary fixtures of internal/format/savedmodel from the text-format inputs
# beside this script. Needs Debian's protobuf-compiler (protoc) and python3 (with python3-onnx
# for the ONNX look-alike). See README.md.
set -eu
cd "$(dirname "$0")"
protos=../../tfpb
for txt in *.pbtxt; do
	msg=$(sed -n 's/^# proto-message: //p' "$txt")
	out=${txt%.pbtxt}
	case $out in *.*) ;; *) out=$out.pb ;; esac
	protoc --proto_path="$protos" --encode="$msg" aisec_tensorflow.proto aisec_keras_metadata.proto <"$txt" >"$out"
done
# dataset_from_graph.pb: graphs serialized into string constants, two levels deep. Each level
# is encoded with protoc, then written into the next level's text as an escaped string.
/usr/bin/python3 - "$protos" <<'PY'
import subprocess, sys
protos = sys.argv[1]
def encode(msg, text):
    return subprocess.run(["protoc", "--proto_path=" + protos, "--encode=" + msg, "aisec_tensorflow.proto"],
                          input=text.encode(), capture_output=True, check=True).stdout
def escaped(b):
    return "".join("\\%03o" % c for c in b)
innermost = encode("tensorflow.GraphDef", open("dataset_from_graph.innermost.txt").read())
inner = open("dataset_from_graph.inner.txt").read().replace("@INNERMOST@", escaped(innermost))
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
outer = open("dataset_from_graph.pbtxt.in").read().replace("@INNER@", escaped(encode("tensorflow.GraphDef", inner)))
outer = outer.replace("@CONTENT@", escaped(varint(len(innermost)) + innermost))
open("dataset_from_graph.pb", "wb").write(encode("tensorflow.SavedModel", outer))
PY
# Truncated copies: cut inside the graph.
head -c 300 benign_tf1.pb >truncated_savedmodel.pb
head -c 100 frozen_graph.pb >truncated_graph.pb
/usr/bin/python3 - <<'PY'
# depth_bomb.pb: a SavedModel whose one node carries a function attribute nested 150
# NameAttrList/AttrValue levels deep, beyond TensorFlow's parse limit of 100.
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
def field(num, payload):
    return varint(num << 3 | 2) + varint(len(payload)) + payload
value = field(10, field(1, b"leaf"))               # AttrValue{func{name:"leaf"}}
for _ in range(150):
    entry = field(1, b"f") + field(2, value)        # map entry {key, value}
    value = field(10, field(1, b"fn") + field(2, entry))
node = field(1, b"bomb") + field(2, b"PartitionedCall") + field(5, field(1, b"f") + field(2, value))
saved = b"\x08\x01" + field(2, field(2, field(1, node)))
open("depth_bomb.pb", "wb").write(saved)

# onnx_model.onnx: a small ONNX model, which Sniff must not claim.
import onnx
from onnx import helper, TensorProto
g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "g",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
m = helper.make_model(g, producer_name="pytorch", producer_version="2.1.0")
open("onnx_model.onnx", "wb").write(m.SerializeToString())
PY
