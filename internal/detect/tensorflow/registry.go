package tensorflow

import (
	_ "embed"
	"strings"
	"sync"
)

// rawOps is the op registry of a current TensorFlow build: every name in tf.raw_ops (1,468),
// sorted, whitespace-separated, transcribed from TensorFlow's API golden file
// tensorflow/tools/api/golden/v2/tensorflow.raw_ops.pbtxt (Apache-2.0) as of the
// tensorflow-upstream mirror's commit 331f225969aac52a6ad09b8f241ba4ea2de25ef4 (TF 2.2x).
//
//go:embed raw_ops.txt
var rawOps string

// builtinOps are ops every TensorFlow build registers that tf.raw_ops does not list: the XLA
// bridge (tf2xla), TPU execution and TensorRT integration. jax2tf SavedModels use XlaCallModule;
// TF-TRT converted models use TRTEngineOp.
var builtinOps = []string{
	"XlaAllReduce", "XlaBroadcastHelper", "XlaCallModule", "XlaClusterOutput", "XlaCompile", "XlaConv",
	"XlaConvV2", "XlaCustomCall", "XlaCustomCallV2", "XlaDequantize", "XlaDot", "XlaDotV2",
	"XlaDynamicSlice", "XlaDynamicUpdateSlice", "XlaEinsum", "XlaGather", "XlaHostCompute", "XlaIf",
	"XlaKeyValueSort", "XlaLaunch", "XlaLaunchV2", "XlaMerge", "XlaOptimizationBarrier", "XlaPad",
	"XlaRecv", "XlaRecvFromHost", "XlaReduce", "XlaReducePrecision", "XlaReduceScatter",
	"XlaReduceWindow", "XlaRemoveDynamicDimensionSize", "XlaReplicaId", "XlaRngBitGenerator", "XlaRun",
	"XlaScatter", "XlaSelectAndScatter", "XlaSelfAdjointEig", "XlaSend", "XlaSendToHost", "XlaSetBound",
	"XlaSetDynamicDimensionSize", "XlaSharding", "XlaSort", "XlaSpmdFullToShardShape",
	"XlaSpmdShardToFullShape", "XlaSvd", "XlaVariadicReduce", "XlaVariadicReduceV2", "XlaVariadicSort",
	"XlaWhile", "TPUCompile", "TPUCompileSucceededAssert", "TPUExecute", "TPUExecuteAndUpdateVariables",
	"TPUReplicate", "TRTEngineOp", "CreateTRTResourceHandle", "InitializeTRTResource",
	"SerializeTRTResource", "GetCalibrationDataOp",
}

// registered parses rawOps once.
var registered = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, op := range strings.Fields(rawOps) {
		set[op] = true
	}
	for _, op := range builtinOps {
		set[op] = true
	}
	return set
})

// isRegistered reports whether TensorFlow itself defines op. Ops starting with "_" are the
// runtime's internal ops (_Arg, _Retval, _Send, _FusedConv2D…), which tf.raw_ops omits.
func isRegistered(op string) bool {
	return strings.HasPrefix(op, "_") || registered()[op]
}
