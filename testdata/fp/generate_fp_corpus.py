#!/usr/bin/python3
"""Generate a broad corpus of BENIGN artifacts written by real libraries, to hunt aisec false positives.

Usage:  /usr/bin/python3 testdata/fp/generate_fp_corpus.py [OUT_DIR]     (default /tmp/fp-corpus)
Then:   go build -o /tmp/aisec-fp ./cmd/aisec && /tmp/aisec-fp scan -f json /tmp/fp-corpus > /tmp/fp-report.json

The corpus is NOT committed (it is large and regenerable). Layout: OUT/<library>/<artifact>.
Everything is produced by the library's own save function (torch.save, np.save, joblib.dump,
pickle.dumps, DataFrame.to_pickle, dill, cloudpickle) from objects built with fixed seeds.
Artifacts that legitimately reference user code (classes defined in __main__ or in the helper
module fp_userlib) live under OUT/user/ so their expected "unknown global" findings can be told
apart from false positives. A manifest (OUT/MANIFEST.tsv) lists every file and what made it;
failures to produce an artifact (unsupported by this library version) are listed in OUT/FAILED.tsv.

Needs Debian's python3 with python3-torch, -numpy, -sklearn, -joblib, -dill, -cloudpickle, -lz4,
and optionally -pandas, -scipy, -xgboost, -torchvision, -networkx, -statsmodels (skipped if absent).
Nothing here ever loads (unpickles) a file.
"""

import argparse
import bz2
import collections
import dataclasses
import datetime
import decimal
import enum
import fractions
import gzip
import io
import lzma
import os
import pathlib
import pickle
import random
import re
import shutil
import sys
import textwrap
import traceback
import typing
import uuid
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("PYTHONHASHSEED", "0")

OUT = "/tmp/fp-corpus"
MANIFEST = []
FAILED = []


def out(rel):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def record(rel, what):
    MANIFEST.append((rel, what))


def attempt(rel, what, fn):
    """Run fn(path); record success or failure without stopping the run."""
    try:
        fn(out(rel))
        record(rel, what)
    except Exception as e:  # noqa: BLE001 - a library version may not support an artifact
        FAILED.append((rel, what, f"{type(e).__name__}: {e}".replace("\n", " ")[:300]))
        p = os.path.join(OUT, rel)
        if os.path.isfile(p):
            os.remove(p)


def dump_pickle(rel, obj, protocols=(0, 1, 2, 3, 4, 5), what="pickle"):
    for proto in protocols:
        def w(p, proto=proto):
            with open(p, "wb") as f:
                pickle.dump(obj, f, protocol=proto)
        attempt(f"{rel}_p{proto}.pkl", f"{what} protocol {proto}", w)


# ---------------------------------------------------------------------------------------------
# user module for dataclasses / NamedTuple / Enum defined in an importable (non-__main__) module
# ---------------------------------------------------------------------------------------------

USERLIB = '''
import dataclasses, enum, typing

@dataclasses.dataclass
class TrainConfig:
    lr: float = 0.1
    epochs: int = 3
    tags: tuple = ("a", "b")

class Point(typing.NamedTuple):
    x: int
    y: int

class Color(enum.Enum):
    RED = 1
    GREEN = 2

class Flags(enum.IntFlag):
    A = 1
    B = 2
'''


def import_userlib():
    d = os.path.join(OUT, "_userlib")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "fp_userlib.py"), "w") as f:
        f.write(USERLIB)
    sys.path.insert(0, d)
    import fp_userlib  # noqa: E402
    return fp_userlib


# ---------------------------------------------------------------------------------------------
# stdlib values
# ---------------------------------------------------------------------------------------------

def gen_stdlib():
    import array
    values = {
        "ordereddict": collections.OrderedDict([("b", 1), ("a", [1, 2])]),
        "defaultdict_list": collections.defaultdict(list, {"x": [1, 2], "y": []}),
        "defaultdict_int": collections.defaultdict(int, {"x": 3}),
        "counter": collections.Counter("abracadabra"),
        "deque": collections.deque([1, 2, 3], maxlen=5),
        "chainmap": collections.ChainMap({"a": 1}, {"b": 2}),
        "datetime_naive": datetime.datetime(2024, 1, 2, 3, 4, 5, 678),
        "datetime_utc": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc),
        "datetime_offset": datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST")),
        "date": datetime.date(2024, 2, 29),
        "time": datetime.time(12, 30, 1, tzinfo=datetime.timezone.utc),
        "timedelta": datetime.timedelta(days=3, seconds=7, microseconds=9),
        "decimal": [decimal.Decimal("3.14159"), decimal.Decimal("-Infinity"), decimal.Decimal("NaN")],
        "fraction": fractions.Fraction(355, 113),
        "uuid": [uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.uuid5(uuid.NAMESPACE_DNS, "a.b")],
        "purepath": [pathlib.PurePosixPath("/data/x.bin"), pathlib.PureWindowsPath("C:/x/y")],
        "posixpath": pathlib.PosixPath("/tmp/model.pt"),
        "regex": [re.compile(r"\w+@\w+", re.I), re.compile(rb"\d+")],
        "sets": [set([1, 2, 3]), frozenset(["a", "b"]), set()],
        "bytearray": bytearray(b"\x00\x01\x02abc"),
        "bytes": b"\x00\xff" * 10,
        "complex": [1 + 2j, complex(0, -1)],
        "range": [range(10), range(1, 100, 7)],
        "slice": [slice(1, 10, 2), slice(None)],
        "ellipsis_none": [Ellipsis, None, NotImplemented, True, False],
        "types": [int, float, str, dict, list, type(None)],
        "bigints": [2**100, -(2**200), 0],
        "floats": [float("inf"), float("-inf"), float("nan"), 1e-310],
        "unicode": "ünïcödé \u2603 \U0001f600",
        "array_d": array.array("d", [1.0, 2.5]),
        "array_i": array.array("i", [1, 2, 3]),
        "struct_time": datetime.datetime(2024, 1, 1).timetuple(),
        "simplenamespace": __import__("types").SimpleNamespace(a=1, b="x"),
        "argparse_ns": argparse.Namespace(lr=0.1, model="resnet", layers=[1, 2]),
        "regexflag": re.IGNORECASE,
        "nested": {"a": [{"b": (1, 2, {"c": {1, 2}})}], "d": collections.OrderedDict(e=[None])},
    }
    # shared references: the same list object referenced many times (memo GET heavy)
    shared = [1, 2, 3]
    values["shared_refs"] = {f"k{i}": shared for i in range(500)}
    row = {"a": 1}
    values["shared_refs_list"] = [row] * 1000
    for name, v in values.items():
        dump_pickle(f"stdlib/{name}", v, what=f"stdlib {name}")


def gen_stdlib_extra():
    """Stdlib objects that ML code pickles less often; reported separately in REPORT.md."""
    import ipaddress
    import logging
    import statistics
    import zoneinfo
    extra = {
        "zoneinfo": datetime.datetime(2024, 1, 1, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),
        "ipaddress": [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_network("10.0.0.0/8")],
        "normaldist": statistics.NormalDist(0, 1),
        "logger": logging.getLogger("fp.corpus"),
        "http_status": __import__("http").HTTPStatus.OK,
    }
    for name, v in extra.items():
        dump_pickle(f"stdlib_extra/{name}", v, protocols=(2, 4, 5), what=f"stdlib extra {name}")


def gen_user(ul):
    values = {
        "dataclass": ul.TrainConfig(),
        "namedtuple_typing": ul.Point(1, 2),
        "enum": [ul.Color.RED, ul.Flags.A | ul.Flags.B],
        "namedtuple_main": Pair(1, 2),
    }
    for name, v in values.items():
        dump_pickle(f"user/{name}", v, protocols=(0, 2, 4, 5), what=f"user-module {name}")


# ---------------------------------------------------------------------------------------------
# dill / cloudpickle
# ---------------------------------------------------------------------------------------------

def gen_dill_cloudpickle():
    import cloudpickle
    import dill
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    rng = np.random.RandomState(0)
    X, y = rng.rand(30, 3), np.arange(30) % 2
    objs = {
        "plain": {"a": [1, 2.5, "x", None], "b": (True, b"z"), "c": {1, 2}},
        "ordered": collections.OrderedDict(a=1),
        "datetime": datetime.datetime(2024, 1, 1),
        "ndarray": rng.rand(4, 4),
        "ndarray_obj": np.array(["a", None, 3], dtype=object),
        "randomstate": np.random.RandomState(1),
        "logreg": LogisticRegression().fit(X, y),
        "decimal": decimal.Decimal("1.1"),
    }
    for name, v in objs.items():
        for proto in (2, 4, 5):
            attempt(f"dill/{name}_p{proto}.pkl", f"dill {name}", lambda p, v=v, proto=proto: open(p, "wb").write(dill.dumps(v, protocol=proto)))
            attempt(f"dill/{name}_recurse_p{proto}.pkl", f"dill recurse {name}", lambda p, v=v, proto=proto: open(p, "wb").write(dill.dumps(v, protocol=proto, recurse=True)))
            attempt(f"cloudpickle/{name}_p{proto}.pkl", f"cloudpickle {name}", lambda p, v=v, proto=proto: open(p, "wb").write(cloudpickle.dumps(v, protocol=proto)))


# ---------------------------------------------------------------------------------------------
# numpy
# ---------------------------------------------------------------------------------------------

def numpy_arrays():
    import numpy as np
    rng = np.random.RandomState(0)
    a = {}
    for dt in ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
               "float16", "float32", "float64", "longdouble", "complex64", "complex128", "clongdouble"]:
        a[dt] = (rng.rand(3, 4) * 100).astype(dt)
    a["unicode"] = np.array(["alpha", "βeta", ""])
    a["bytes"] = np.array([b"ab", b"\x00\xff"])
    a["void"] = np.array([b"\x01\x02\x03"], dtype="V3")
    a["structured"] = np.array([(1, 2.5, b"x", [1, 2]), (3, 4.5, b"y", [3, 4])],
                               dtype=[("id", "<i4"), ("score", "<f8"), ("tag", "S1"), ("vec", "<i2", (2,))])
    a["nested_struct"] = np.zeros(2, dtype=[("pos", [("x", "f4"), ("y", "f4")]), ("name", "U8")])
    a["aligned_struct"] = np.zeros(2, dtype=np.dtype([("a", "u1"), ("b", "f8")], align=True))
    a["datetime64"] = np.array(["2024-01-01", "2024-06-30T12:00"], dtype="datetime64[ns]")
    a["datetime64_D"] = np.arange("2024-01", "2024-03", dtype="datetime64[D]")
    a["timedelta64"] = np.array([1, 2, 3], dtype="timedelta64[s]")
    a["fortran"] = np.asfortranarray(rng.rand(3, 5))
    a["zero_d"] = np.array(3.5)
    a["empty"] = np.zeros((0, 3))
    a["bigendian"] = np.arange(6, dtype=">i4")
    a["obj_str"] = np.array(["a", "bb", "ccc"], dtype=object)
    a["obj_int"] = np.array([1, 2**70, -3], dtype=object)
    a["obj_none"] = np.array([None, None], dtype=object)
    a["obj_dict"] = np.array([{"a": 1}, {"b": [1, 2]}], dtype=object)
    a["obj_list"] = np.empty(2, dtype=object)
    a["obj_list"][0], a["obj_list"][1] = [1, 2], ["x"]
    a["obj_mixed"] = np.array([1, "a", None, 2.5, (1, 2), {"k": "v"}, datetime.date(2024, 1, 1)], dtype=object)
    a["obj_nested_arrays"] = np.empty(2, dtype=object)
    a["obj_nested_arrays"][0], a["obj_nested_arrays"][1] = np.arange(3), np.ones((2, 2))
    return a


def gen_numpy():
    import numpy as np
    arrs = numpy_arrays()
    for name, arr in arrs.items():
        allow = arr.dtype.hasobject
        attempt(f"numpy/npy/{name}.npy", f"np.save {name}", lambda p, arr=arr, allow=allow: np.save(p, arr, allow_pickle=allow))
    plain = {k: v for k, v in arrs.items() if not v.dtype.hasobject}
    attempt("numpy/npz/all_plain.npz", "np.savez plain dtypes", lambda p: np.savez(p, **plain))
    attempt("numpy/npz/all_plain_compressed.npz", "np.savez_compressed plain", lambda p: np.savez_compressed(p, **plain))
    attempt("numpy/npz/all_with_objects.npz", "np.savez incl object arrays", lambda p: np.savez(p, **arrs))
    attempt("numpy/npz/all_with_objects_compressed.npz", "np.savez_compressed incl objects", lambda p: np.savez_compressed(p, **arrs))
    # pickled numpy objects
    rng = np.random.RandomState(1)
    objs = dict(arrs)
    objs["randomstate"] = np.random.RandomState(42)
    objs["global_rand_state_tuple"] = np.random.get_state()
    for bg in ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]:
        bitgen = getattr(np.random, bg, None)
        if bitgen is not None:
            objs[f"generator_{bg}"] = np.random.Generator(bitgen(7))
            objs[f"bitgen_{bg}"] = bitgen(7)
    objs["default_rng"] = np.random.default_rng(3)
    objs["seedsequence"] = np.random.SeedSequence(123)
    objs["masked"] = np.ma.array([1.0, 2.0, 3.0], mask=[0, 1, 0], fill_value=-9)
    objs["masked_struct"] = np.ma.array(arrs["structured"], mask=[(0, 1, 0, (0, 1)), (1, 0, 0, (0, 0))])
    objs["masked_constant"] = np.ma.masked
    objs["matrix"] = np.matrix([[1, 2], [3, 4]])
    objs["recarray"] = np.rec.array([(1, 2.0), (3, 4.0)], names="a,b")
    objs["record_scalar"] = np.rec.array([(1, 2.0)], names="a,b")[0]
    objs["scalars"] = [np.float64(1.5), np.float32(2), np.int64(3), np.uint8(4), np.bool_(True),
                       np.complex64(1j), np.str_("s"), np.bytes_(b"b"), np.datetime64("2024-01-01"),
                       np.timedelta64(5, "D"), np.longdouble(1.25), np.float16(0.5), arrs["structured"][0]]
    objs["dtypes"] = [np.dtype("f8"), np.dtype(">i2"), arrs["structured"].dtype, np.dtype("M8[ns]"),
                      np.dtype("O"), np.dtype("U5"), np.dtype("V4"), np.float32, np.int64]
    objs["finfo_types"] = [np.float64, np.int8, np.bool_, np.complex128, np.str_, np.object_, np.void]
    objs["shared_views"] = (lambda base: {"base": base, "view": base[1:], "t": base.T})(rng.rand(4, 4))
    objs["poly1d"] = np.poly1d([1, 2, 3])
    objs["polynomial"] = np.polynomial.Polynomial([1, 2, 3])
    objs["chebyshev"] = np.polynomial.Chebyshev([1, 2])
    for name, v in objs.items():
        dump_pickle(f"numpy/pickle/{name}", v, protocols=(0, 2, 4, 5), what=f"numpy pickled {name}")


# ---------------------------------------------------------------------------------------------
# scipy
# ---------------------------------------------------------------------------------------------

def gen_scipy():
    import numpy as np
    import scipy.sparse as sp
    import scipy.stats as st
    dense = np.eye(5) * 3 + np.diag(np.ones(4), 1)
    objs = {f: getattr(sp, f + "_matrix")(dense) for f in ["csr", "csc", "coo", "lil", "dok", "bsr", "dia"]}
    for f in ["csr", "csc", "coo", "lil", "dok", "bsr", "dia"]:
        if hasattr(sp, f + "_array"):
            objs[f + "_array"] = getattr(sp, f + "_array")(dense)
    for name, v in objs.items():
        dump_pickle(f"scipy/sparse_{name}", v, protocols=(2, 4, 5), what=f"scipy sparse {name}")
        attempt(f"scipy/sparse_{name}.npz", f"scipy.sparse.save_npz {name}", lambda p, v=v: sp.save_npz(p, v.tocsr() if name in ("lil", "dok", "lil_array", "dok_array") else v))
    extra = {
        "norm_frozen": st.norm(0, 1),
        "uniform_frozen": st.uniform(0, 2),
        "randint_frozen": st.randint(0, 10),
        "ckdtree": __import__("scipy.spatial", fromlist=["cKDTree"]).cKDTree(np.random.RandomState(0).rand(20, 2)),
        "kdtree": __import__("scipy.spatial", fromlist=["KDTree"]).KDTree(np.random.RandomState(0).rand(20, 2)),
        "interp1d": __import__("scipy.interpolate", fromlist=["interp1d"]).interp1d([0, 1, 2], [0, 1, 4]),
    }
    for name, v in extra.items():
        dump_pickle(f"scipy/{name}", v, protocols=(2, 4, 5), what=f"scipy {name}")


# ---------------------------------------------------------------------------------------------
# scikit-learn (pickle at several protocols, and joblib with every compression)
# ---------------------------------------------------------------------------------------------

def sklearn_estimators():
    import numpy as np
    from sklearn import (calibration, cluster, compose, cross_decomposition, decomposition, discriminant_analysis,
                         dummy, ensemble, feature_extraction, feature_selection, gaussian_process, impute, isotonic,
                         kernel_approximation, kernel_ridge, linear_model, manifold, mixture, model_selection,
                         multiclass, multioutput, naive_bayes, neighbors, neural_network, pipeline, preprocessing,
                         semi_supervised, svm, tree)
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.datasets import make_classification, make_regression
    from sklearn.utils import check_random_state
    X, y = make_classification(n_samples=120, n_features=6, n_informative=4, random_state=0)
    Xm, ym = make_classification(n_samples=150, n_features=6, n_informative=4, n_classes=3, random_state=0)
    Xr, yr = make_regression(n_samples=120, n_features=6, random_state=0)
    Xpos = np.abs(X)
    texts = ["the cat sat", "the dog ran", "a cat and a dog", "dogs run fast", "cats sit still"] * 4
    tlabels = [0, 1, 0, 1, 0] * 4
    cats = np.array([["a", "x"], ["b", "y"], ["a", "z"], ["c", "x"]] * 5, dtype=object)
    catsy = np.arange(20) % 2
    est = {}

    def fit(name, e, *args):
        try:
            est[name] = e.fit(*args)
        except Exception as ex:  # noqa: BLE001
            FAILED.append((f"sklearn/{name}", "fit", repr(ex)[:300]))

    C, R = (X, y), (Xr, yr)
    fit("linear_regression", linear_model.LinearRegression(), *R)
    fit("logistic_regression", linear_model.LogisticRegression(max_iter=500), *C)
    fit("logistic_multiclass", linear_model.LogisticRegression(max_iter=500), Xm, ym)
    fit("ridge", linear_model.Ridge(), *R)
    fit("ridge_cv", linear_model.RidgeCV(), *R)
    fit("lasso", linear_model.Lasso(), *R)
    fit("elastic_net", linear_model.ElasticNet(), *R)
    fit("sgd_classifier", linear_model.SGDClassifier(random_state=0), *C)
    fit("sgd_regressor", linear_model.SGDRegressor(random_state=0), *R)
    fit("perceptron", linear_model.Perceptron(), *C)
    fit("bayesian_ridge", linear_model.BayesianRidge(), *R)
    fit("huber", linear_model.HuberRegressor(max_iter=500), *R)
    fit("poisson", linear_model.PoissonRegressor(), Xr, np.abs(yr))
    fit("tweedie", linear_model.TweedieRegressor(), Xr, np.abs(yr))
    fit("ransac", linear_model.RANSACRegressor(random_state=0), *R)
    fit("linear_svc", svm.LinearSVC(max_iter=5000), *C)
    fit("svc", svm.SVC(probability=True, random_state=0), *C)
    fit("svr", svm.SVR(), *R)
    fit("nu_svc", svm.NuSVC(), *C)
    fit("one_class_svm", svm.OneClassSVM(), X)
    fit("decision_tree", tree.DecisionTreeClassifier(random_state=0), *C)
    fit("decision_tree_reg", tree.DecisionTreeRegressor(random_state=0), *R)
    fit("extra_tree", tree.ExtraTreeClassifier(random_state=0), *C)
    fit("random_forest", ensemble.RandomForestClassifier(n_estimators=5, random_state=0), *C)
    fit("random_forest_reg", ensemble.RandomForestRegressor(n_estimators=5, random_state=0), *R)
    fit("extra_trees", ensemble.ExtraTreesClassifier(n_estimators=5, random_state=0), *C)
    fit("gradient_boosting", ensemble.GradientBoostingClassifier(n_estimators=5, random_state=0), *C)
    fit("gradient_boosting_multi", ensemble.GradientBoostingClassifier(n_estimators=5, random_state=0), Xm, ym)
    fit("gradient_boosting_reg", ensemble.GradientBoostingRegressor(n_estimators=5, random_state=0), *R)
    fit("hist_gb", ensemble.HistGradientBoostingClassifier(max_iter=5, random_state=0), *C)
    fit("hist_gb_multi", ensemble.HistGradientBoostingClassifier(max_iter=5, random_state=0), Xm, ym)
    fit("hist_gb_reg", ensemble.HistGradientBoostingRegressor(max_iter=5, random_state=0), *R)
    fit("hist_gb_poisson", ensemble.HistGradientBoostingRegressor(loss="poisson", max_iter=5), Xr, np.abs(yr))
    fit("hist_gb_abs", ensemble.HistGradientBoostingRegressor(loss="absolute_error", max_iter=5), *R)
    fit("hist_gb_quantile", ensemble.HistGradientBoostingRegressor(loss="quantile", quantile=0.9, max_iter=5), *R)
    fit("adaboost", ensemble.AdaBoostClassifier(n_estimators=5, random_state=0), *C)
    fit("bagging", ensemble.BaggingClassifier(n_estimators=3, random_state=0), *C)
    fit("voting", ensemble.VotingClassifier([("lr", linear_model.LogisticRegression()), ("dt", tree.DecisionTreeClassifier())], voting="soft"), *C)
    fit("stacking", ensemble.StackingClassifier([("lr", linear_model.LogisticRegression()), ("nb", naive_bayes.GaussianNB())]), *C)
    fit("isolation_forest", ensemble.IsolationForest(n_estimators=5, random_state=0), X)
    fit("random_trees_embedding", ensemble.RandomTreesEmbedding(n_estimators=3, random_state=0), X)
    fit("knn_kd_tree", neighbors.KNeighborsClassifier(algorithm="kd_tree"), *C)
    fit("knn_ball_tree", neighbors.KNeighborsClassifier(algorithm="ball_tree"), *C)
    fit("knn_brute", neighbors.KNeighborsClassifier(algorithm="brute"), *C)
    fit("knn_regressor", neighbors.KNeighborsRegressor(), *R)
    fit("nearest_neighbors", neighbors.NearestNeighbors(metric="minkowski"), X)
    fit("lof", neighbors.LocalOutlierFactor(novelty=True), X)
    est["kdtree"] = neighbors.KDTree(X)
    est["balltree"] = neighbors.BallTree(X)
    fit("gaussian_nb", naive_bayes.GaussianNB(), *C)
    fit("multinomial_nb", naive_bayes.MultinomialNB(), Xpos, y)
    fit("bernoulli_nb", naive_bayes.BernoulliNB(), *C)
    fit("complement_nb", naive_bayes.ComplementNB(), Xpos, y)
    fit("mlp_classifier", neural_network.MLPClassifier(hidden_layer_sizes=(8,), max_iter=20, random_state=0), *C)
    fit("mlp_sgd", neural_network.MLPClassifier(hidden_layer_sizes=(8,), solver="sgd", max_iter=20, random_state=0), *C)
    fit("mlp_regressor", neural_network.MLPRegressor(hidden_layer_sizes=(8,), max_iter=20, random_state=0), *R)
    fit("kmeans", cluster.KMeans(n_clusters=3, n_init=2, random_state=0), X)
    fit("minibatch_kmeans", cluster.MiniBatchKMeans(n_clusters=3, n_init=2, random_state=0), X)
    fit("dbscan", cluster.DBSCAN(), X)
    fit("agglomerative", cluster.AgglomerativeClustering(), X)
    fit("birch", cluster.Birch(), X)
    fit("gaussian_mixture", mixture.GaussianMixture(n_components=2, random_state=0), X)
    fit("pca", decomposition.PCA(n_components=3), X)
    fit("truncated_svd", decomposition.TruncatedSVD(n_components=3, random_state=0), X)
    fit("nmf", decomposition.NMF(n_components=2, max_iter=50, random_state=0), Xpos)
    fit("kernel_pca", decomposition.KernelPCA(n_components=2), X)
    fit("lda_topics", decomposition.LatentDirichletAllocation(n_components=2, random_state=0), Xpos)
    fit("lda", discriminant_analysis.LinearDiscriminantAnalysis(), *C)
    fit("qda", discriminant_analysis.QuadraticDiscriminantAnalysis(), *C)
    fit("pls", cross_decomposition.PLSRegression(n_components=2), *R)
    fit("isomap", manifold.Isomap(n_components=2), X)
    fit("tfidf", feature_extraction.text.TfidfVectorizer(), texts)
    fit("tfidf_ngrams", feature_extraction.text.TfidfVectorizer(ngram_range=(1, 2), stop_words="english"), texts)
    fit("count_vectorizer", feature_extraction.text.CountVectorizer(), texts)
    fit("hashing_vectorizer", feature_extraction.text.HashingVectorizer(n_features=32), texts)
    fit("dict_vectorizer", feature_extraction.DictVectorizer(), [{"a": 1, "b": 2}, {"c": 3}])
    fit("onehot", preprocessing.OneHotEncoder(handle_unknown="ignore"), cats)
    fit("ordinal", preprocessing.OrdinalEncoder(), cats)
    fit("label_encoder", preprocessing.LabelEncoder(), ["a", "b", "a", "c"])
    fit("label_binarizer", preprocessing.LabelBinarizer(), [1, 2, 3, 1])
    fit("multilabel_binarizer", preprocessing.MultiLabelBinarizer(), [("a", "b"), ("c",)])
    fit("standard_scaler", preprocessing.StandardScaler(), X)
    fit("minmax_scaler", preprocessing.MinMaxScaler(), X)
    fit("robust_scaler", preprocessing.RobustScaler(), X)
    fit("maxabs_scaler", preprocessing.MaxAbsScaler(), X)
    fit("normalizer", preprocessing.Normalizer(), X)
    fit("polynomial_features", preprocessing.PolynomialFeatures(2), X)
    fit("quantile_transformer", preprocessing.QuantileTransformer(n_quantiles=20, random_state=0), X)
    fit("power_transformer", preprocessing.PowerTransformer(), X)
    fit("kbins", preprocessing.KBinsDiscretizer(n_bins=3), X)
    fit("spline", preprocessing.SplineTransformer(), X)
    fit("function_transformer_log1p", preprocessing.FunctionTransformer(np.log1p), Xpos)
    fit("simple_imputer", impute.SimpleImputer(), X)
    fit("knn_imputer", impute.KNNImputer(), X)
    fit("iterative_imputer", impute.IterativeImputer(max_iter=3, random_state=0), X)
    fit("column_transformer", compose.ColumnTransformer([("num", preprocessing.StandardScaler(), [0, 1]), ("oh", preprocessing.OneHotEncoder(), [2])], remainder="passthrough"), np.round(X * 2))
    fit("transformed_target", compose.TransformedTargetRegressor(regressor=linear_model.LinearRegression(), func=np.log1p, inverse_func=np.expm1), Xr, np.abs(yr))
    fit("pipeline", pipeline.Pipeline([("scale", preprocessing.StandardScaler()), ("pca", decomposition.PCA(2)), ("clf", linear_model.LogisticRegression())]), *C)
    fit("pipeline_text", pipeline.make_pipeline(feature_extraction.text.TfidfVectorizer(), linear_model.LogisticRegression()), texts, tlabels)
    fit("pipeline_cat", pipeline.make_pipeline(preprocessing.OneHotEncoder(), linear_model.LogisticRegression()), cats, catsy)
    fit("feature_union", pipeline.FeatureUnion([("pca", decomposition.PCA(2)), ("svd", decomposition.TruncatedSVD(2))]), X)
    fit("grid_search", model_selection.GridSearchCV(svm.SVC(), {"C": [0.1, 1.0]}, cv=3), *C)
    fit("grid_search_scoring", model_selection.GridSearchCV(linear_model.LogisticRegression(), {"C": [0.1, 1.0]}, scoring="accuracy", cv=3), *C)
    fit("grid_search_multimetric", model_selection.GridSearchCV(linear_model.LogisticRegression(), {"C": [0.1, 1.0]}, scoring=["accuracy", "f1", "roc_auc"], refit="accuracy", cv=3), *C)
    fit("randomized_search", model_selection.RandomizedSearchCV(linear_model.LogisticRegression(), {"C": __import__("scipy.stats", fromlist=["uniform"]).uniform(0.1, 2)}, n_iter=2, cv=3, random_state=0), *C)
    fit("calibrated_sigmoid", calibration.CalibratedClassifierCV(linear_model.LogisticRegression(), cv=3), *C)
    fit("calibrated_isotonic", calibration.CalibratedClassifierCV(naive_bayes.GaussianNB(), method="isotonic", cv=3), *C)
    fit("isotonic", isotonic.IsotonicRegression(), Xr[:, 0], yr)
    fit("select_kbest", feature_selection.SelectKBest(k=3), *C)
    fit("select_kbest_mi", feature_selection.SelectKBest(feature_selection.mutual_info_classif, k=3), *C)
    fit("variance_threshold", feature_selection.VarianceThreshold(), X)
    fit("rfe", feature_selection.RFE(linear_model.LogisticRegression(), n_features_to_select=3), *C)
    fit("select_from_model", feature_selection.SelectFromModel(linear_model.Lasso()), *R)
    fit("gp_classifier", gaussian_process.GaussianProcessClassifier(random_state=0), X[:40], y[:40])
    fit("gp_regressor", gaussian_process.GaussianProcessRegressor(kernel=gaussian_process.kernels.RBF() + gaussian_process.kernels.WhiteKernel(), random_state=0), *R)
    fit("kernel_ridge", kernel_ridge.KernelRidge(kernel="rbf"), *R)
    fit("nystroem", kernel_approximation.Nystroem(n_components=10, random_state=0), X)
    fit("rbf_sampler", kernel_approximation.RBFSampler(random_state=0), X)
    fit("dummy", dummy.DummyClassifier(strategy="prior"), *C)
    fit("one_vs_rest", multiclass.OneVsRestClassifier(linear_model.LogisticRegression()), Xm, ym)
    fit("output_code", multiclass.OutputCodeClassifier(linear_model.LogisticRegression(), random_state=0), Xm, ym)
    fit("multi_output", multioutput.MultiOutputRegressor(linear_model.Ridge()), Xr, np.c_[yr, yr])
    fit("label_spreading", semi_supervised.LabelSpreading(), X, np.where(np.arange(len(y)) % 3 == 0, -1, y))
    est["check_random_state"] = check_random_state(0)
    est["global_random_state"] = check_random_state(None)
    return est


def joblib_dump(rel, obj, compress):
    import joblib
    attempt(rel, f"joblib.dump compress={compress}", lambda p: joblib.dump(obj, p, compress=compress))


def gen_sklearn():
    est = sklearn_estimators()
    for name, e in est.items():
        dump_pickle(f"sklearn/pickle/{name}", e, protocols=(2, 4, 5), what=f"sklearn {type(e).__name__}")
        joblib_dump(f"sklearn/joblib/{name}.joblib", e, 0)
        joblib_dump(f"sklearn/joblib_z3/{name}.joblib", e, 3)
    heavy = ["pipeline", "random_forest", "hist_gb_multi", "knn_kd_tree", "tfidf", "grid_search", "mlp_classifier",
             "column_transformer", "svc", "gradient_boosting"]
    compressions = [("zlib", 3), ("gzip", 3), ("bz2", 3), ("lzma", 3), ("xz", 3), ("lz4", 3),
                    ("zlib", 9), ("gzip", 1), ("lz4", 0), True, 9]
    for name in heavy:
        if name not in est:
            continue
        for c in compressions:
            tag = f"{c[0]}{c[1]}" if isinstance(c, tuple) else f"level_{c}"
            joblib_dump(f"sklearn/joblib_compress/{name}_{tag}.joblib", est[name], c)
        for ext in ("joblib.gz", "pkl.xz", "pkl.lz4"):  # compress=0: joblib infers the codec from the extension
            joblib_dump(f"sklearn/joblib_ext/{name}.{ext}", est[name], 0)
    # joblib of plain containers of arrays (common for feature caches)
    import numpy as np
    rng = np.random.RandomState(0)
    bundle = {"X": rng.rand(50, 8), "y": np.arange(50), "names": np.array(["a"] * 50, dtype=object),
              "meta": {"v": 1, "when": datetime.datetime(2024, 1, 1)}, "views": [np.arange(10)[::2]] * 3}
    for c in [0, 3, ("lz4", 3), ("bz2", 9)]:
        joblib_dump(f"sklearn/joblib_bundle/bundle_{c if not isinstance(c, tuple) else c[0]}.joblib", bundle, c)
    big = {"emb": rng.rand(512, 512).astype("float32")}
    joblib_dump("sklearn/joblib_bundle/big_array.joblib", big, 0)
    joblib_dump("sklearn/joblib_bundle/big_array_z.joblib", big, 3)


# ---------------------------------------------------------------------------------------------
# pandas, xgboost, networkx, statsmodels
# ---------------------------------------------------------------------------------------------

def gen_pandas():
    import numpy as np
    import pandas as pd
    n = 6
    df = pd.DataFrame({
        "i": np.arange(n), "f": np.linspace(0, 1, n), "s": list("abcdef"), "b": [True, False] * 3,
        "cat": pd.Categorical(list("xyzxyz")), "dt": pd.date_range("2024-01-01", periods=n),
        "dt_tz": pd.date_range("2024-01-01", periods=n, tz="UTC"),
        "td": pd.to_timedelta(np.arange(n), unit="h"), "nullable": pd.array([1, None, 3, 4, None, 6], dtype="Int64"),
        "string": pd.array(list("abcdef"), dtype="string"), "boolean": pd.array([True, None] * 3, dtype="boolean"),
        "period": pd.period_range("2024-01", periods=n, freq="M"),
        "interval": pd.IntervalIndex.from_breaks(range(n + 1)),
        "sparse": pd.arrays.SparseArray([0, 0, 1, 0, 2, 0]),
        "obj": [None, 1, "a", 2.5, [1], {"k": 1}],
    })
    objs = {
        "dataframe": df,
        "dataframe_numeric": pd.DataFrame(np.random.RandomState(0).rand(10, 4), columns=list("abcd")),
        "series": pd.Series([1.0, 2.0, np.nan], index=["a", "b", "c"], name="s"),
        "series_cat": pd.Series(pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"], ordered=True)),
        "categorical": pd.Categorical(["a", "b", "a"]),
        "datetimeindex": pd.date_range("2024-01-01", periods=5, freq="H"),
        "datetimeindex_tz": pd.date_range("2024-01-01", periods=5, tz="Europe/Paris"),
        "multiindex": pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["l", "n"]),
        "df_multiindex": pd.DataFrame({"v": range(4)}, index=pd.MultiIndex.from_product([["a", "b"], [1, 2]])),
        "rangeindex": pd.RangeIndex(0, 10, 2),
        "periodindex": pd.period_range("2024", periods=3, freq="Y"),
        "timestamp": pd.Timestamp("2024-01-01 12:00", tz="UTC"),
        "timedelta": pd.Timedelta("1 day 2h"),
        "dateoffset": pd.offsets.MonthEnd(2),
        "nat_na": [pd.NaT, pd.NA],
    }
    for name, v in objs.items():
        dump_pickle(f"pandas/{name}", v, protocols=(2, 4, 5), what=f"pandas {name}")
    for comp in ["infer", "gzip", "bz2", "zip", "xz", "tar", None]:
        ext = {"infer": "pkl", "gzip": "pkl.gz", "bz2": "pkl.bz2", "zip": "pkl.zip", "xz": "pkl.xz", "tar": "pkl.tar", None: "pickle"}[comp]
        attempt(f"pandas/to_pickle/dataframe_{comp}.{ext}", f"DataFrame.to_pickle compression={comp}", lambda p, comp=comp: df.to_pickle(p, compression=comp))
        attempt(f"pandas/to_pickle/series_{comp}.{ext}", f"Series.to_pickle compression={comp}", lambda p, comp=comp: objs["series"].to_pickle(p, compression=comp))


def gen_xgboost():
    import numpy as np
    import xgboost as xgb
    rng = np.random.RandomState(0)
    X, y = rng.rand(50, 4), np.arange(50) % 2
    clf = xgb.XGBClassifier(n_estimators=3, max_depth=2).fit(X, y)
    reg = xgb.XGBRegressor(n_estimators=3, max_depth=2).fit(X, rng.rand(50))
    booster = clf.get_booster()
    for name, v in {"xgb_classifier": clf, "xgb_regressor": reg, "booster": booster}.items():
        dump_pickle(f"xgboost/{name}", v, protocols=(2, 4, 5), what=f"xgboost {name}")
        joblib_dump(f"xgboost/{name}.joblib", v, 3)


def gen_networkx():
    import networkx as nx
    g = nx.karate_club_graph()
    for name, v in {"graph": g, "digraph": nx.DiGraph(g), "multigraph": nx.MultiGraph(g)}.items():
        dump_pickle(f"networkx/{name}", v, protocols=(2, 4, 5), what=f"networkx {name}")


def gen_statsmodels():
    import numpy as np
    import statsmodels.api as sm
    rng = np.random.RandomState(0)
    X = sm.add_constant(rng.rand(40, 2))
    y = X @ [1, 2, 3] + rng.rand(40)
    ols = sm.OLS(y, X).fit()
    logit = sm.Logit((y > y.mean()).astype(float), X).fit(disp=0)
    for name, v in {"ols_results": ols, "logit_results": logit}.items():
        dump_pickle(f"statsmodels/{name}", v, protocols=(2, 4, 5), what=f"statsmodels {name}")
        attempt(f"statsmodels/{name}_save.pickle", f"statsmodels .save() {name}", lambda p, v=v: v.save(p))


# ---------------------------------------------------------------------------------------------
# torch
# ---------------------------------------------------------------------------------------------

def torch_save(rel, obj, what, protocols=(None,), legacy=True):
    import torch
    for proto in protocols:
        for zipfmt in ((True, False) if legacy else (True,)):
            sfx = ("" if proto is None else f"_p{proto}") + ("" if zipfmt else "_legacy")
            kw = {"_use_new_zipfile_serialization": zipfmt}
            if proto is not None:
                kw["pickle_protocol"] = proto
            attempt(f"{rel}{sfx}.pt", f"{what} (zip={zipfmt}, protocol={proto or 'default'})", lambda p, kw=kw: torch.save(obj, p, **kw))


def torch_layers():
    import torch
    from torch import nn
    torch.manual_seed(0)
    return {
        "linear": nn.Linear(4, 3), "bilinear": nn.Bilinear(3, 3, 2), "conv1d": nn.Conv1d(2, 3, 3),
        "conv2d": nn.Conv2d(3, 4, 3, padding=1), "conv3d": nn.Conv3d(1, 2, 2), "conv_transpose2d": nn.ConvTranspose2d(4, 2, 2),
        "batchnorm1d": nn.BatchNorm1d(4), "batchnorm2d": nn.BatchNorm2d(4), "batchnorm_noaffine": nn.BatchNorm2d(3, affine=False),
        "layernorm": nn.LayerNorm(8), "groupnorm": nn.GroupNorm(2, 4), "instancenorm_tracked": nn.InstanceNorm2d(3, track_running_stats=True, affine=True),
        "lstm": nn.LSTM(4, 8, num_layers=2, bidirectional=True), "gru": nn.GRU(4, 6, batch_first=True), "rnn": nn.RNN(3, 5),
        "lstm_proj": nn.LSTM(4, 8, proj_size=3), "embedding": nn.Embedding(20, 4, padding_idx=0), "embedding_bag": nn.EmbeddingBag(10, 3, mode="mean"),
        "transformer_encoder": nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 2, 32), 2),
        "transformer": nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=16),
        "multihead_attention": nn.MultiheadAttention(8, 2, kdim=4, vdim=4), "prelu": nn.PReLU(3),
        "sequential": nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.1), nn.Linear(2, 2), nn.Softmax(dim=1)),
        "module_dict": nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.ModuleList([nn.Tanh(), nn.GELU(), nn.SiLU()])}),
        "param_list": nn.ParameterList([nn.Parameter(torch.randn(2)), nn.Parameter(torch.randn(3), requires_grad=False)]),
        "param_dict": nn.ParameterDict({"w": nn.Parameter(torch.randn(2, 2))}),
        "weight_norm": nn.utils.weight_norm(nn.Linear(3, 3)),
        "spectral_norm": nn.utils.spectral_norm(nn.Linear(3, 3)),
        "upsample_pixelshuffle": nn.Sequential(nn.Upsample(scale_factor=2), nn.PixelShuffle(1), nn.AdaptiveAvgPool2d(1), nn.Identity()),
    }


def torch_tensors():
    import torch
    g = torch.Generator().manual_seed(0)
    base = torch.randn(6, 6, generator=g)
    t = {
        "float16": base.half(), "bfloat16": base.bfloat16(), "float64": base.double(), "int8": (base * 10).to(torch.int8),
        "uint8": (base.abs() * 10).to(torch.uint8), "int16": base.to(torch.int16), "int32": base.to(torch.int32),
        "int64": base.long(), "bool": base > 0, "complex64": torch.complex(base, base), "complex128": torch.complex(base.double(), base.double()),
        "scalar": torch.tensor(3.5), "empty": torch.empty(0, 4), "noncontig": base.t(), "channels_last": torch.randn(1, 3, 4, 4).to(memory_format=torch.channels_last),
        "sparse_coo": (base * (base > 1)).to_sparse(), "sparse_csr": (base * (base > 1)).to_sparse_csr(),
    }
    for name, fn in [("sparse_csc", lambda: (base * (base > 1)).to_sparse_csc()), ("sparse_bsr", lambda: (base * (base > 1)).to_sparse_bsr((2, 2))),
                     ("quant_per_tensor", lambda: torch.quantize_per_tensor(base, 0.1, 10, torch.quint8)),
                     ("quant_per_tensor_qint8", lambda: torch.quantize_per_tensor(base, 0.05, 0, torch.qint8)),
                     ("quant_per_tensor_qint32", lambda: torch.quantize_per_tensor(base, 0.05, 0, torch.qint32)),
                     ("quant_per_channel", lambda: torch.quantize_per_channel(base, torch.rand(6) + 0.01, torch.zeros(6, dtype=torch.long), 0, torch.qint8)),
                     ("meta", lambda: torch.empty(3, 3, device="meta")),
                     ("float8", lambda: base.to(torch.float8_e4m3fn))]:
        try:
            t[name] = fn()
        except Exception as e:  # noqa: BLE001
            FAILED.append((f"torch/tensors/{name}", "create", repr(e)[:200]))
    return t, base


def gen_torch():
    import numpy as np
    import torch
    from torch import nn
    layers = torch_layers()
    for name, m in layers.items():
        torch_save(f"torch/state_dict/{name}", m.state_dict(), f"state_dict {name}")
        torch_save(f"torch/module/{name}", m, f"whole module {name}")
    tensors, base = torch_tensors()
    for name, tt in tensors.items():
        torch_save(f"torch/tensors/{name}", tt, f"tensor {name}")
    storable = {k: v for k, v in tensors.items() if k not in ("sparse_csc", "sparse_bsr")}  # not serialisable in torch 1.13
    torch_save("torch/tensors/all_dtypes_dict", storable, "dict of every tensor kind")
    # shared storages / views / parameters / nested containers
    p = nn.Parameter(torch.randn(4, 4))
    frozen = nn.Parameter(torch.randn(2), requires_grad=False)
    attr = torch.randn(2)
    attr.note = "python attribute on a tensor"
    nested = {"views": {"base": base, "row": base[1], "col": base[:, 2], "flat": base.view(-1), "slice": base[2:4, 1:3]},
              "params": [p, frozen, p], "tuple": (base[0], (base[1], [base[2]])), "tensor_attr": attr,
              "dtypes": [torch.float32, torch.bfloat16, torch.int64, torch.bool], "size": torch.Size([2, 3]),
              "device": torch.device("cpu"), "layout": torch.strided,
              "numpy": np.arange(5), "version": torch.__version__}
    torch_save("torch/nested/shared_views", nested, "shared storages, views, params", protocols=(None, 2, 3, 4, 5))
    # full training checkpoint
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
    x, yv = torch.randn(16, 4), torch.randint(0, 2, (16,))
    optims = {
        "sgd_momentum": torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True),
        "adam": torch.optim.Adam(model.parameters(), lr=1e-3), "adam_amsgrad": torch.optim.Adam(model.parameters(), amsgrad=True),
        "adamw": torch.optim.AdamW(model.parameters(), weight_decay=0.01), "rmsprop": torch.optim.RMSprop(model.parameters(), momentum=0.9, centered=True),
        "adagrad": torch.optim.Adagrad(model.parameters()), "adadelta": torch.optim.Adadelta(model.parameters()), "adamax": torch.optim.Adamax(model.parameters()),
        "nadam": torch.optim.NAdam(model.parameters()), "radam": torch.optim.RAdam(model.parameters()), "asgd": torch.optim.ASGD(model.parameters()),
        "rprop": torch.optim.Rprop(model.parameters()), "lbfgs": torch.optim.LBFGS(model.parameters()),
    }
    for name, opt in optims.items():
        def closure(opt=opt):
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x), yv)
            loss.backward()
            return loss
        for _ in range(2):
            opt.step(closure)
        torch_save(f"torch/optim/{name}", opt.state_dict(), f"optimizer state_dict {name}")
        torch_save(f"torch/optim_object/{name}", opt, f"whole optimizer object {name}", legacy=False)
    sched_opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    S = torch.optim.lr_scheduler
    scheds = {
        "step": lambda o: S.StepLR(o, 3), "multistep": lambda o: S.MultiStepLR(o, [2, 5]), "exponential": lambda o: S.ExponentialLR(o, 0.9),
        "cosine": lambda o: S.CosineAnnealingLR(o, 10), "cosine_restarts": lambda o: S.CosineAnnealingWarmRestarts(o, 3),
        "cyclic": lambda o: S.CyclicLR(o, 0.01, 0.1), "onecycle": lambda o: S.OneCycleLR(o, 0.1, total_steps=20),
        "plateau": lambda o: S.ReduceLROnPlateau(o), "lambda": lambda o: S.LambdaLR(o, lambda e: 0.95 ** e),
        "multiplicative": lambda o: S.MultiplicativeLR(o, lambda e: 0.95), "linear": lambda o: S.LinearLR(o),
        "constant": lambda o: S.ConstantLR(o), "polynomial": lambda o: getattr(S, "PolynomialLR")(o),
        "sequential": lambda o: S.SequentialLR(o, [S.ConstantLR(o), S.ExponentialLR(o, 0.9)], milestones=[2]),
        "chained": lambda o: S.ChainedScheduler([S.ConstantLR(o), S.ExponentialLR(o, 0.9)]),
    }
    for name, mk in scheds.items():
        try:
            sch = mk(sched_opt)
            for _ in range(3):
                sched_opt.step()
                sch.step(1.0) if name == "plateau" else sch.step()
            torch_save(f"torch/lr_scheduler/{name}", sch.state_dict(), f"lr_scheduler state_dict {name}")
        except Exception as e:  # noqa: BLE001
            FAILED.append((f"torch/lr_scheduler/{name}", "create", repr(e)[:200]))
    scaler = torch.cuda.amp.GradScaler(enabled=False)
    ckpt = {"epoch": 3, "model": model.state_dict(), "optimizer": optims["adam"].state_dict(),
            "scheduler": S.StepLR(torch.optim.SGD(model.parameters(), lr=0.1), 3).state_dict(), "scaler": scaler.state_dict(),
            "args": argparse.Namespace(lr=0.1, arch="mlp"), "rng": {"torch": torch.get_rng_state(), "python": random.getstate(),
            "numpy": np.random.get_state()}, "best_acc": np.float64(0.93), "history": collections.defaultdict(list, {"loss": [1.0, 0.5]}),
            "when": datetime.datetime(2024, 1, 1)}
    torch_save("torch/checkpoint/full_training", ckpt, "full training checkpoint", protocols=(None, 2, 3, 4, 5))
    torch_save("torch/checkpoint/whole_model", model, "whole nn.Sequential model", protocols=(None, 2, 3, 4, 5))
    # quantization
    try:
        torch.backends.quantized.engine = "qnnpack"
        qm = torch.ao.quantization.quantize_dynamic(nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2)), {nn.Linear}, dtype=torch.qint8)
        torch_save("torch/quantized/dynamic_linear_state_dict", qm.state_dict(), "dynamic-quantized Linear state_dict")
        torch_save("torch/quantized/dynamic_linear_module", qm, "dynamic-quantized whole module")
        ql = torch.ao.quantization.quantize_dynamic(nn.Sequential(nn.LSTM(4, 4)), {nn.LSTM}, dtype=torch.qint8)
        torch_save("torch/quantized/dynamic_lstm_state_dict", ql.state_dict(), "dynamic-quantized LSTM state_dict")
    except Exception as e:  # noqa: BLE001
        FAILED.append(("torch/quantized", "quantize_dynamic", repr(e)[:200]))
    try:
        class _QNet(nn.Module):
            def __init__(self):
                super().__init__()
                self.q, self.c, self.r, self.dq = torch.ao.quantization.QuantStub(), nn.Conv2d(1, 2, 3), nn.ReLU(), torch.ao.quantization.DeQuantStub()

            def forward(self, v):
                return self.dq(self.r(self.c(self.q(v))))
        net = _QNet().eval()
        net.qconfig = torch.ao.quantization.get_default_qconfig("qnnpack")
        prepared = torch.ao.quantization.prepare(net)
        prepared(torch.randn(2, 1, 6, 6))
        conv = torch.ao.quantization.convert(prepared)
        torch_save("torch/quantized/static_conv_state_dict", conv.state_dict(), "static-quantized conv state_dict")
    except Exception as e:  # noqa: BLE001
        FAILED.append(("torch/quantized/static", "static quantization", repr(e)[:200]))
    gen_torchscript(layers)
    gen_user_torch()


def gen_torchscript(layers):
    import torch
    from torch import nn
    for name in ["linear", "conv2d", "lstm", "gru", "batchnorm2d", "sequential", "transformer_encoder", "embedding"]:
        m = layers[name].eval()
        attempt(f"torch/jit/script_{name}.pt", f"torch.jit.script {name}", lambda p, m=m: torch.jit.script(m).save(p))
    examples = {"linear": torch.randn(2, 4), "conv2d": torch.randn(1, 3, 5, 5), "sequential": torch.randn(1, 1, 4, 4)}
    for name, ex in examples.items():
        m = layers[name].eval()
        attempt(f"torch/jit/trace_{name}.pt", f"torch.jit.trace {name}", lambda p, m=m, ex=ex: torch.jit.trace(m, ex).save(p))

    class Rich(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(3, 3)
            self.table: typing.Dict[str, torch.Tensor] = {"a": torch.ones(2)}
            self.ids: typing.List[int] = [1, 2, 3]
            self.pair: typing.Tuple[float, str] = (1.5, "x")
            self.flag = True
            self.register_buffer("buf", torch.arange(4.0))

        def forward(self, v: torch.Tensor) -> torch.Tensor:
            if self.flag:
                v = self.lin(v) + self.table["a"].sum() + float(len(self.ids))
            return torch.relu(v)
    attempt("torch/jit/script_rich_attributes.pt", "torch.jit.script with dict/list/tuple attributes", lambda p: torch.jit.script(Rich()).save(p))
    attempt("torch/jit/script_with_extra_files.pt", "torch.jit.save with _extra_files",
            lambda p: torch.jit.save(torch.jit.script(layers["linear"]), p, _extra_files={"meta.json": '{"v": 1}'}))
    try:
        import torchvision
        attempt("torch/jit/script_torchvision_resnet18.pt", "torch.jit.script torchvision resnet18",
                lambda p: torch.jit.script(torchvision.models.resnet18(weights=None).eval()).save(p))
    except ImportError:
        pass


Pair = collections.namedtuple("Pair", "a b")  # a namedtuple defined in __main__ (user bucket)


try:
    import torch as _torch
    _ModuleBase = _torch.nn.Module
except ImportError:  # torch missing: the torch sections are skipped anyway
    _ModuleBase = object


class MainNet(_ModuleBase):
    """A user model defined in __main__ (its pickles are expected to get an unknown-global finding)."""

    def __init__(self):
        import torch
        super().__init__()
        self.fc = torch.nn.Linear(2, 2)


class VocabNet(_ModuleBase):
    """A typical research model: a local import and a path join in __init__ (legacy torch.save keeps this source)."""

    def __init__(self, root="/tmp"):
        import os
        import torch
        super().__init__()
        self.vocab_path = os.path.join(root, "vocab.txt")
        self.emb = torch.nn.Embedding(10, 2)


def gen_user_torch():
    torch_save("user/torch_main_model", MainNet(), "whole model of a __main__ class")
    torch_save("user/torch_main_vocabnet", VocabNet(), "whole model of a __main__ class with a local import")


def gen_extras():
    """Objects that ML code saves next to models: datasets, distributions, pandas-fitted sklearn, ndarray.dump."""
    import numpy as np
    import torch
    x = torch.arange(12.0).reshape(4, 3)
    extras = {
        "tensor_dataset": torch.utils.data.TensorDataset(x, torch.arange(4)),
        "distribution_normal": torch.distributions.Normal(torch.zeros(2), torch.ones(2)),
        "packed_sequence": torch.nn.utils.rnn.pack_sequence([torch.ones(3, 2), torch.ones(2, 2)]),
        "return_types_max": torch.max(x, 0),
        "grad_scaler": torch.cuda.amp.GradScaler(enabled=False),
    }
    for name, v in extras.items():
        torch_save(f"extras/torch_{name}", v, f"torch.save {name}", legacy=False)
    arr = np.array([{"a": 1}, None], dtype=object)
    attempt("extras/ndarray_dump.pkl", "ndarray.dump (object)", lambda p: arr.dump(p))
    attempt("extras/ndarray_dumps_float.pkl", "ndarray.dumps (float)", lambda p: open(p, "wb").write(np.arange(5.0).dumps()))
    try:
        import joblib
        import pandas as pd
        from sklearn.compose import ColumnTransformer, make_column_selector
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler
        df = pd.DataFrame({"age": np.arange(40) % 50, "income": np.linspace(1, 2, 40), "city": ["a", "b", "c", "d"] * 10})
        yy = np.arange(40) % 2
        ct = ColumnTransformer([("num", StandardScaler(), ["age", "income"]),
                                ("cat", OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_include=object))])
        pipe = make_pipeline(ct, LogisticRegression()).fit(df, yy)
        dump_pickle("extras/sklearn_pipeline_on_dataframe", pipe, protocols=(4, 5), what="sklearn pipeline fitted on a DataFrame")
        joblib_dump("extras/sklearn_pipeline_on_dataframe.joblib", pipe, 3)
        tz = {"dateutil": pd.date_range("2024-01-01", periods=3, tz="dateutil/Europe/Paris"),
              "pytz_ny": pd.Timestamp("2024-01-01", tz="America/New_York")}
        for name, v in tz.items():
            dump_pickle(f"extras/pandas_tz_{name}", v, protocols=(4,), what=f"pandas tz {name}")
    except ImportError:
        pass


def gen_realistic():
    """Benign shapes that stress the heuristics (memo sharing, command-looking text)."""
    import numpy as np
    import torch
    names = ["cat", "dog", "bird"]
    labels = [names[i % 3] for i in range(5000)]  # one str object per class, shared by every sample
    dump_pickle("realistic/labels_list", labels, protocols=(2, 4, 5), what="list of 5000 class-name labels (3 distinct objects)")
    dump_pickle("realistic/samples_with_label_meta", [{"path": f"img{i}.jpg", "label": names[i % 3]} for i in range(500)],
                protocols=(4,), what="list of 500 sample dicts sharing 3 label strings")
    torch_save("realistic/torch_labels_checkpoint", {"model": torch.nn.Linear(2, 3).state_dict(), "idx_to_class": labels[:300]},
               "checkpoint with 300 per-sample class labels", legacy=False)
    try:
        import pandas as pd
        csv = "city,temp\n" + "".join(f"{['Paris', 'Lyon', 'Nice', 'Lille'][i % 4]},{i % 30}\n" for i in range(10000))
        df = pd.read_csv(io.StringIO(csv))  # the C parser de-duplicates equal strings: 4 objects for 10000 cells
        dump_pickle("realistic/pandas_read_csv", df, protocols=(4, 5), what="DataFrame from read_csv, 10000 rows, 4 distinct cities")
        attempt("realistic/pandas_read_csv_to_pickle.pkl.gz", "DataFrame.to_pickle gzip", lambda p: df.to_pickle(p))
        import joblib
        attempt("realistic/pandas_read_csv.joblib", "joblib.dump DataFrame", lambda p: joblib.dump(df, p))
        np.save(out("realistic/object_column.npy"), df["city"].to_numpy(), allow_pickle=True)
        record("realistic/object_column.npy", "np.save of an object column with repeated strings")
    except ImportError:
        pass
    card = textwrap.dedent("""\
        # Model card
        Download the weights:
            wget https://huggingface.co/org/model/resolve/main/pytorch_model.bin
            curl -L https://example.com/vocab.txt -o vocab.txt
        Evaluate with `python -c "import torch; m = torch.load('m.pt')"` then call eval() on the model.
        """)
    torch_save("realistic/checkpoint_with_model_card", {"state_dict": torch.nn.Linear(2, 2).state_dict(), "readme": card},
               "checkpoint carrying its model card text", legacy=False)
    dump_pickle("realistic/config_with_shell_history", {"cmd": "python train.py --lr 0.1", "setup": "wget https://example.com/data.tgz && tar xzf data.tgz",
                                                        "eval_expr": "eval(model) on val split"}, protocols=(4,), what="config dict with command strings")


def gen_torchvision():
    import torch
    import torchvision
    from torchvision import transforms
    torch.manual_seed(0)
    models = {"resnet18": torchvision.models.resnet18, "mobilenet_v3_small": torchvision.models.mobilenet_v3_small,
              "squeezenet1_1": torchvision.models.squeezenet1_1, "shufflenet_v2_x0_5": torchvision.models.shufflenet_v2_x0_5,
              "efficientnet_b0": torchvision.models.efficientnet_b0}
    for name, ctor in models.items():
        m = ctor(weights=None)
        torch_save(f"torchvision/{name}_state_dict", m.state_dict(), f"torchvision {name} state_dict")
        torch_save(f"torchvision/{name}_whole", m, f"torchvision {name} whole model", legacy=False)
    tf = transforms.Compose([transforms.Resize(32), transforms.CenterCrop(28), transforms.ToTensor(), transforms.Normalize([0.5] * 3, [0.2] * 3)])
    dump_pickle("torchvision/transforms_compose", tf, protocols=(2, 4), what="torchvision transforms.Compose")


# ---------------------------------------------------------------------------------------------

def main():
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=OUT)
    ap.add_argument("--only", default="", help="comma-separated sections to run (default all)")
    args = ap.parse_args()
    OUT = os.path.abspath(args.out)
    if OUT in ("/", os.path.expanduser("~")) or not OUT.startswith("/tmp/"):
        sys.exit("refusing to write outside /tmp")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    random.seed(0)
    ul = import_userlib()
    sections = [("stdlib", gen_stdlib), ("stdlib_extra", gen_stdlib_extra), ("user", lambda: gen_user(ul)),
                ("numpy", gen_numpy), ("scipy", gen_scipy), ("sklearn", gen_sklearn), ("pandas", gen_pandas),
                ("xgboost", gen_xgboost), ("networkx", gen_networkx), ("statsmodels", gen_statsmodels),
                ("torch", gen_torch), ("torchvision", gen_torchvision), ("realistic", gen_realistic), ("extras", gen_extras), ("dill_cloudpickle", gen_dill_cloudpickle)]
    only = set(filter(None, args.only.split(",")))
    for name, fn in sections:
        if only and name not in only:
            continue
        try:
            fn()
        except ImportError as e:
            FAILED.append((name, "section", f"library missing: {e}"))
        except Exception:  # noqa: BLE001
            FAILED.append((name, "section", traceback.format_exc().replace("\n", " | ")[-400:]))
        print(f"{name}: {len(MANIFEST)} artifacts so far, {len(FAILED)} failures", file=sys.stderr)
    shutil.rmtree(os.path.join(OUT, "_userlib"), ignore_errors=True)
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.writelines(f"{r}\t{w}\n" for r, w in sorted(MANIFEST))
    with open(os.path.join(OUT, "FAILED.tsv"), "w") as f:
        f.writelines(f"{r}\t{w}\t{e}\n" for r, w, e in FAILED)


if __name__ == "__main__":
    main()
