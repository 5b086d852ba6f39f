#!/usr/bin/python3
"""Writes the small ONNX fixtures of internal/format/onnx and internal/detect/onnx.

Run from this folder with Debian's python3-onnx (no pip):

    /usr/bin/python3 gen_fixtures.py

Every model is built with onnx.helper and never loaded by a runtime. The external-data
locations are written as plain TensorProto.external_data entries; nothing is read from or
written to those paths.
"""

import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13)]


def vi(name, dims=(1, 4)):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def save(name, graph, opsets=OPSET, functions=None, **kw):
    model = helper.make_model(graph, opset_imports=opsets, producer_name="aisec-fixtures",
                              producer_version="1", **kw)
    model.ir_version = 8
    if functions:
        model.functions.extend(functions)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(model.SerializeToString())


def external(tensor, location, offset=None, length=None, checksum=None):
    """Marks tensor as stored in location, the way onnx.external_data_helper does."""
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    entries = [("location", location)]
    if offset is not None:
        entries.append(("offset", str(offset)))
    if length is not None:
        entries.append(("length", str(length)))
    if checksum is not None:
        entries.append(("checksum", checksum))
    for k, v in entries:
        e = tensor.external_data.add()
        e.key, e.value = k, v
    return tensor


def weights(name, n=4):
    return helper.make_tensor(name, TensorProto.FLOAT, [1, n], [0.5] * n)


def benign_add():
    g = helper.make_graph([helper.make_node("Add", ["x", "y"], ["z"], name="add0")], "add",
                          [vi("x"), vi("y")], [vi("z")], doc_string="adds two tensors")
    save("benign_add.onnx", g, doc_string="A tiny benign model.")


def benign_conv():
    w = helper.make_tensor("w", TensorProto.FLOAT, [1, 1, 2, 2], [1.0, 0.0, 0.0, 1.0])
    m = helper.make_tensor("m", TensorProto.FLOAT, [3, 3], [1.0] * 9)
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="conv0", kernel_shape=[2, 2], auto_pad="NOTSET"),
        helper.make_node("Reshape", ["c", "shape"], ["r"], name="reshape0"),
        helper.make_node("MatMul", ["r", "m"], ["y"], name="matmul0"),
    ]
    shape = helper.make_tensor("shape", TensorProto.INT64, [2], [3, 3])
    g = helper.make_graph(nodes, "conv", [vi("x", (1, 1, 4, 4))], [vi("y", (3, 3))], [w, m, shape])
    save("benign_conv.onnx", g)
    # The same model with metadata_props, which aisec hands to the metadata detectors.
    model = onnx.load(os.path.join(HERE, "benign_conv.onnx"))
    helper.set_model_props(model, {"author": "aisec", "license": "Apache-2.0"})
    with open(os.path.join(HERE, "benign_metadata.onnx"), "wb") as f:
        f.write(model.SerializeToString())


def external_benign():
    w = external(weights("w"), "external_benign.bin", offset=0, length=16)
    b = external(weights("b"), "external_benign.bin", offset=16, length=16)
    nodes = [helper.make_node("Add", ["x", "w"], ["t"]), helper.make_node("Add", ["t", "b"], ["y"])]
    g = helper.make_graph(nodes, "ext", [vi("x")], [vi("y")], [w, b])
    save("external_benign.onnx", g)
    with open(os.path.join(HERE, "external_benign.bin"), "wb") as f:
        f.write(bytes(32))


def external_traversal():
    """One tensor per way of escaping the model's directory, plus an attribute tensor."""
    locs = [
        ("dotdot", "../../../../etc/passwd"),
        ("absolute", "/etc/shadow"),
        ("backslash", "..\\..\\secrets\\id_rsa"),
        ("drive", "C:\\Windows\\win.ini"),
        ("unc", "\\\\attacker.example\\share\\w.bin"),
        ("proc", "/proc/self/environ"),
        ("inner", "weights/../../outside.bin"),
    ]
    inits = [external(weights(n), loc) for n, loc in locs]
    const = external(weights("c"), "../../home/user/.ssh/id_ed25519")
    nodes = [helper.make_node("Constant", [], ["k"], name="Constant_0", value=const)]
    prev = "k"
    for i, (n, _) in enumerate(locs):
        nodes.append(helper.make_node("Add", [prev, n], ["s%d" % i]))
        prev = "s%d" % i
    g = helper.make_graph(nodes, "traversal", [], [vi(prev)], inits)
    save("external_traversal.onnx", g)


def external_tricks():
    """Locations that differ between what a scanner sees and what a loader opens."""
    inits = [
        external(weights("nul"), "w.bin\x00/../../../etc/passwd"),
        external(weights("url"), "https://attacker.example/w.bin"),
        external(weights("self"), "external_tricks.onnx", offset=0, length=16),
        external(weights("a"), "shared.bin", offset=0, length=64),
        external(weights("b"), "shared.bin", offset=32, length=64),
        external(weights("bad"), "shared.bin", offset="-8", length="lots"),
    ]
    nodes = [helper.make_node("Concat", [t.name for t in inits], ["y"], axis=0)]
    g = helper.make_graph(nodes, "tricks", [], [vi("y", (6, 4))], inits)
    save("external_tricks.onnx", g)


def custom_domain():
    nodes = [
        helper.make_node("MyOp", ["x"], ["t"], name="custom0", domain="com.example.custom", mode="fast"),
        helper.make_node("ATen", ["t"], ["u"], name="aten0", domain="org.pytorch.aten", operator="relu"),
        helper.make_node("FusedMatMul", ["u", "u"], ["y"], name="ms0", domain="com.microsoft"),
    ]
    g = helper.make_graph(nodes, "custom", [vi("x")], [vi("y")])
    opsets = OPSET + [helper.make_opsetid(d, 1) for d in ("com.example.custom", "org.pytorch.aten", "com.microsoft")]
    save("custom_domain.onnx", g, opsets)


def python_ops():
    nodes = [
        helper.make_node("PythonOp", ["x"], ["t"], name="pyop0", domain="com.microsoft",
                         func_name="evil.module.Payload", input_convention="d"),
        helper.make_node("PyOp", ["t"], ["u"], name="pyop1", domain="ai.onnx.contrib"),
        helper.make_node("ReverseMatrix", ["u"], ["y"], name="contrib0", domain="ai.onnx.contrib"),
    ]
    g = helper.make_graph(nodes, "python", [vi("x")], [vi("y")])
    opsets = OPSET + [helper.make_opsetid("com.microsoft", 1), helper.make_opsetid("ai.onnx.contrib", 1)]
    save("python_op.onnx", g, opsets)


def functions():
    """A model-local function whose body calls a custom op, and a call to it from the graph."""
    body = [
        helper.make_node("Exec", ["a"], ["b"], domain="com.evil"),
        helper.make_node("Relu", ["b"], ["c"]),
    ]
    fn = helper.make_function("local.fn", "Helper", ["a"], ["c"], body,
                              [helper.make_opsetid("", 13), helper.make_opsetid("com.evil", 1)])
    g = helper.make_graph([helper.make_node("Helper", ["x"], ["y"], name="call0", domain="local.fn")],
                          "fn", [vi("x")], [vi("y")])
    opsets = OPSET + [helper.make_opsetid("local.fn", 1)]
    save("functions.onnx", g, opsets, functions=[fn])


def nested_if():
    """If -> then_branch -> Loop body holding a custom op; else_branch is plain."""
    body = helper.make_graph(
        [helper.make_node("Hidden", ["v"], ["v_out"], name="hidden0", domain="com.example.hidden"),
         helper.make_node("Identity", ["cond_in"], ["cond_out"])],
        "body", [helper.make_tensor_value_info("i", TensorProto.INT64, []),
                 helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []), vi("v")],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []), vi("v_out")])
    then_g = helper.make_graph(
        [helper.make_node("Loop", ["n", "c", "x"], ["t"], name="Loop_0", body=body)], "then", [], [vi("t")])
    else_g = helper.make_graph([helper.make_node("Identity", ["x"], ["e"])], "else", [], [vi("e")])
    g = helper.make_graph(
        [helper.make_node("If", ["cond"], ["y"], name="If_0", then_branch=then_g, else_branch=else_g)],
        "nested", [helper.make_tensor_value_info("cond", TensorProto.BOOL, []), vi("x"),
                   helper.make_tensor_value_info("n", TensorProto.INT64, []),
                   helper.make_tensor_value_info("c", TensorProto.BOOL, [])], [vi("y")])
    opsets = OPSET + [helper.make_opsetid("com.example.hidden", 1)]
    save("nested_if.onnx", g, opsets)


def torch_models():
    """Real-producer output: a scripted PyTorch module with If and Loop, exported by Debian's
    python3-torch, inline and with its weights in an external data file."""
    try:
        import torch
    except ImportError:
        print("python3-torch missing: torch_*.onnx not regenerated")
        return

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv2d(1, 2, 3)
            self.fc = torch.nn.Linear(8, 4)

        def forward(self, x):
            y = self.conv(x).flatten(1)[:, :8]
            if bool(y.sum() > 0):
                y = y * 2
            for _ in range(3):
                y = y + 1
            return self.fc(y)

    torch.manual_seed(0)
    path = os.path.join(HERE, "torch_if_loop.onnx")
    torch.onnx.export(torch.jit.script(Net()), torch.randn(1, 1, 5, 5), path, opset_version=13)
    model = onnx.load(path)
    onnx.save(model, os.path.join(HERE, "torch_external.onnx"), save_as_external_data=True,
              all_tensors_to_one_file=True, location="torch_external.data", size_threshold=0)


def write_ops():
    """Writes <fixture>.ops: every node as domain:op_type@path in the order onnx itself walks
    them, the reference for the Go parser's differential test."""
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".onnx"):
            continue
        model = onnx.load(os.path.join(HERE, name), load_external_data=False)
        out = []

        def walk(nodes, path):
            for i, n in enumerate(nodes):
                out.append("%s:%s@%s" % (n.domain, n.op_type, path))
                for a in n.attribute:
                    subs = [(a.name, a.g)] if a.HasField("g") else []
                    subs += [("%s[%d]" % (a.name, j), g) for j, g in enumerate(a.graphs)]
                    for label, g in subs:
                        walk(g.node, "%s/%s.%s" % (path, n.name or "node%d" % i, label))

        walk(model.graph.node, "graph")
        for i, f in enumerate(model.functions):
            walk(f.node, "functions[%d]" % i)
        with open(os.path.join(HERE, name[:-len(".onnx")] + ".ops"), "w") as f:
            f.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    benign_add()
    benign_conv()
    external_benign()
    external_traversal()
    external_tricks()
    custom_domain()
    python_ops()
    functions()
    nested_if()
    torch_models()
    write_ops()
