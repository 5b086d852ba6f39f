package tflite

import "github.com/aisecops/aisec/internal/format/tflite"

// flexPrefix starts the custom_code of every Select TF (Flex) operator: "Flex" + the
// TensorFlow op name.
const flexPrefix = tflite.FlexPrefix

// pythonOps call a Python function of the host process.
var pythonOps = map[string]bool{"PyFunc": true, "PyFuncStateless": true, "EagerPyFunc": true}

// ioOps are TensorFlow ops that read or write files or reach the network. Only ops whose
// kernels do I/O themselves are listed; ops that merely pass file names around are not.
var ioOps = map[string]bool{
	// Files.
	"ReadFile": true, "WriteFile": true, "MatchingFiles": true, "ImmutableConst": true,
	"Save": true, "SaveV2": true, "SaveSlices": true, "Restore": true, "RestoreV2": true, "RestoreSlice": true,
	"MergeV2Checkpoints": true, "LoadAndRemapMatrix": true, "GenerateVocabRemapping": true,
	"InitializeTableFromTextFile": true, "InitializeTableFromTextFileV2": true,
	"PrintV2":         true, // output_stream may be "file://path"
	"DebugIdentityV2": true, "DebugIdentityV3": true,
	"DecodeProtoV2": true, "EncodeProto": true, // descriptor_source may name a file
	// Readers and record datasets.
	"WholeFileReader": true, "WholeFileReaderV2": true, "TextLineReader": true, "TextLineReaderV2": true,
	"FixedLengthRecordReader": true, "FixedLengthRecordReaderV2": true, "TFRecordReader": true, "TFRecordReaderV2": true,
	"LMDBReader": true, "TFRecordDataset": true, "TFRecordDatasetV2": true, "FixedLengthRecordDataset": true,
	"FixedLengthRecordDatasetV2": true, "TextLineDataset": true, "LMDBDataset": true, "ExperimentalLMDBDataset": true,
	"CSVDataset": true, "CSVDatasetV2": true, "ExperimentalCSVDataset": true, "SqlDataset": true, "ExperimentalSqlDataset": true,
	"SaveDataset": true, "SaveDatasetV2": true, "LoadDataset": true, "SnapshotDataset": true, "SnapshotDatasetV2": true,
	"DatasetToTFRecord": true, "ExperimentalDatasetToTFRecord": true,
	// Summaries written to event files or databases.
	"CreateSummaryFileWriter": true, "CreateSummaryDbWriter": true, "WriteSummary": true, "WriteScalarSummary": true,
	"WriteHistogramSummary": true, "WriteImageSummary": true, "WriteAudioSummary": true, "WriteGraphSummary": true,
	"WriteRawProtoSummary": true, "ImportEvent": true, "FlushSummaryWriter": true,
	// Network.
	"Rpc": true, "TryRpc": true, "RpcCall": true, "RpcClient": true, "RpcServer": true, "RpcServerStart": true,
	"RpcServerRegister": true,
}

// shippedCustomOps are custom operators that TFLite's BuiltinOpResolver registers itself
// (tensorflow/lite/kernels/register.cc): they need no code from elsewhere.
var shippedCustomOps = map[string]bool{
	"TFLite_Detection_PostProcess": true, "Mfcc": true, "AudioSpectrogram": true, "NumericVerify": true,
}
