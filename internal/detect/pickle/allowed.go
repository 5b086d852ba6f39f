package pickle

// frameworkAllowed are globals that real producers write, verified against the library source
// (see testdata/fp/REPORT.md for the file and line of each): they rebuild data and cannot run
// code, touch files or call a callable taken from their arguments. Helpers that construct a
// class passed as an argument (newObj, _new_Index) are safe because that class is a separate
// import, classified on its own.
var frameworkAllowed = set(
	// stdlib
	"array.array", "array._array_reconstructor", "time.struct_time", "re.RegexFlag", "http.HTTPStatus",
	"enum.IntEnum", "enum.IntFlag", "ipaddress.IPv4Address", "ipaddress.IPv6Address", "statistics.NormalDist",
	// numpy
	"numpy.ma.core.MaskedConstant", "numpy.matrix", "numpy.recarray", "numpy.record", "numpy.void",
	"numpy.poly1d", "numpy.polynomial.polynomial.Polynomial", "numpy.polynomial.chebyshev.Chebyshev",
	"numpy.random.bit_generator.__pyx_unpickle_SeedSequence", "numpy.core._multiarray_umath.log1p",
	"numpy.core._multiarray_umath.expm1", "numpy.matrixlib.defmatrix.matrix", "numpy.core.records.recarray",
	"numpy.core.records.record",
	// scipy
	"scipy.sparse._bsr.bsr_matrix", "scipy.sparse._dia.dia_matrix", "scipy.sparse._dok.dok_matrix",
	"scipy.sparse._lil.lil_matrix", "scipy.sparse._arrays.bsr_array", "scipy.sparse._arrays.coo_array",
	"scipy.sparse._arrays.csc_array", "scipy.sparse._arrays.csr_array", "scipy.sparse._arrays.dia_array",
	"scipy.sparse._arrays.dok_array", "scipy.sparse._arrays.lil_array", "scipy.interpolate._bsplines.BSpline",
	"scipy.spatial._ckdtree.cKDTree",
	// scikit-learn
	"sklearn._loss._loss.__pyx_unpickle_CyAbsoluteError", "sklearn._loss._loss.__pyx_unpickle_CyHalfGammaLoss",
	"sklearn._loss._loss.__pyx_unpickle_CyHalfMultinomialLoss", "sklearn._loss._loss.__pyx_unpickle_CyHalfPoissonLoss",
	"sklearn._loss._loss.__pyx_unpickle_CyHalfSquaredError", "sklearn._loss._loss.__pyx_unpickle_CyHalfTweedieLoss",
	"sklearn._loss._loss.__pyx_unpickle_CyHalfTweedieLossIdentity", "sklearn._loss._loss.__pyx_unpickle_CyPinballLoss",
	"sklearn.compose._column_transformer.make_column_selector", "sklearn.metrics._classification.accuracy_score",
	"sklearn.metrics._classification.f1_score", "sklearn.metrics._ranking.roc_auc_score",
	"sklearn.feature_selection._univariate_selection.f_classif",
	"sklearn.feature_selection._mutual_info.mutual_info_classif", "sklearn.neighbors._kd_tree.newObj",
	"sklearn.neighbors._ball_tree.newObj", "sklearn.metrics._dist_metrics.newObj",
	// pandas
	"pandas._libs.interval.__pyx_unpickle_IntervalMixin", "pandas._libs.missing.NA", "pandas._libs.sparse.IntIndex",
	"pandas._libs.sparse.BlockIndex", "pandas._libs.tslibs.nattype.__nat_unpickle",
	"pandas._libs.tslibs.timedeltas._timedelta_unpickle", "pandas.core.indexes.datetimes._new_DatetimeIndex",
	"pytz._UTC", "pytz._p", // pytz refuses zone names with path separators or ".."
	"logging.getLogger", "operator.or_", "_operator.or_", "operator.and_", "_operator.and_", // enum flags
	// torch and torchvision
	"torch.nn.functional.relu", "torch.nn.functional.gelu", "torch.utils.data.dataset.TensorDataset",
	"torch.return_types.max", "torch.return_types.min", "torch.return_types.topk", "torch.return_types.sort",
	"torchvision.transforms.transforms.Compose", "torchvision.transforms.transforms.Resize",
	"torchvision.transforms.transforms.CenterCrop", "torchvision.transforms.transforms.ToTensor",
	"torchvision.transforms.transforms.Normalize", "torchvision.transforms.functional.InterpolationMode",
)

// union merges sets.
func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for k := range s {
			out[k] = true
		}
	}
	return out
}
