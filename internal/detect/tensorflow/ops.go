package tensorflow

// opKind says how an op reaches outside the graph.
type opKind uint8

const (
	kindPython     opKind = iota + 1 // runs Python or a process
	kindRead                         // reads or lists files named by an input
	kindWrite                        // writes files named by an input
	kindCheckpoint                   // Save/Restore family: normal inside the saver
	kindTable                        // table initialised from a text file
	kindNetwork                      // opens connections
	kindDebug                        // debug op with debug_urls (file:// or grpc://)
	kindPrint                        // PrintV2: output_stream may be a file
	kindProtoDesc                    // descriptor_source may be a file
	kindMap                          // ImmutableConst: memory_region_name is a file path
	kindCache                        // dataset cache: writes a file when the name is not empty
	kindAttrFile                     // a string attribute names a file
	kindAbort                        // terminates the process
	kindGraph                        // instantiates a graph passed as data
)

// opInfo describes a dangerous op: its kind, the input holding the path or address (-1 when
// none), or the attribute holding it, and what it does.
type opInfo struct {
	kind opKind
	arg  int
	attr string
	what string
}

func in(kind opKind, arg int, what string) opInfo { return opInfo{kind: kind, arg: arg, what: what} }

func at(kind opKind, attr, what string) opInfo {
	return opInfo{kind: kind, arg: -1, attr: attr, what: what}
}

// dangerousOps lists the TensorFlow ops (and a few names scanners treat as process execution)
// that reach outside the graph, from the raw op registry and the TensorAbuse study (2024).
var dangerousOps = map[string]opInfo{
	"PyFunc":          at(kindPython, "token", "calls a registered Python function"),
	"PyFuncStateless": at(kindPython, "token", "calls a registered Python function"),
	"EagerPyFunc":     at(kindPython, "token", "calls a registered Python function"),
	"PyCall":          in(kindPython, -1, "is named after Python execution"),
	"ShellExecute":    in(kindPython, -1, "is named after shell execution"),
	"ExecuteOp":       in(kindPython, -1, "is named after process execution"),

	"ReadFile":                         in(kindRead, 0, "reads"),
	"MatchingFiles":                    in(kindRead, 0, "lists files matching"),
	"MatchingFilesDataset":             in(kindRead, 0, "lists files matching"),
	"ExperimentalMatchingFilesDataset": in(kindRead, 0, "lists files matching"),
	"TFRecordDataset":                  in(kindRead, 0, "reads records from"),
	"TFRecordDatasetV2":                in(kindRead, 0, "reads records from"),
	"TextLineDataset":                  in(kindRead, 0, "reads lines from"),
	"FixedLengthRecordDataset":         in(kindRead, 0, "reads records from"),
	"FixedLengthRecordDatasetV2":       in(kindRead, 0, "reads records from"),
	"CSVDataset":                       in(kindRead, 0, "reads CSV from"),
	"CSVDatasetV2":                     in(kindRead, 0, "reads CSV from"),
	"ExperimentalCSVDataset":           in(kindRead, 0, "reads CSV from"),
	"LMDBDataset":                      in(kindRead, 0, "reads the LMDB database"),
	"ExperimentalLMDBDataset":          in(kindRead, 0, "reads the LMDB database"),
	"SqlDataset":                       in(kindRead, 1, "queries the database"),
	"ExperimentalSqlDataset":           in(kindRead, 1, "queries the database"),
	"LoadDataset":                      in(kindRead, 0, "loads a dataset from"),
	"WholeFileReader":                  in(kindRead, -1, "reads whole files named in a queue"),
	"WholeFileReaderV2":                in(kindRead, -1, "reads whole files named in a queue"),
	"TextLineReader":                   in(kindRead, -1, "reads files named in a queue"),
	"TextLineReaderV2":                 in(kindRead, -1, "reads files named in a queue"),
	"TFRecordReader":                   in(kindRead, -1, "reads files named in a queue"),
	"TFRecordReaderV2":                 in(kindRead, -1, "reads files named in a queue"),
	"FixedLengthRecordReader":          in(kindRead, -1, "reads files named in a queue"),
	"FixedLengthRecordReaderV2":        in(kindRead, -1, "reads files named in a queue"),
	"LMDBReader":                       in(kindRead, -1, "reads LMDB files named in a queue"),
	"LoadAndRemapMatrix":               in(kindRead, 0, "reads the checkpoint"),
	"GenerateVocabRemapping":           in(kindRead, 0, "reads the vocabulary file"),
	"FixedUnigramCandidateSampler":     at(kindAttrFile, "vocab_file", "reads the vocabulary file"),
	"RecordInput":                      at(kindAttrFile, "file_pattern", "reads records from files matching"),
	"ListSnapshotChunksDataset":        in(kindRead, 0, "lists snapshot chunks in"),
	"SnapshotChunkDataset":             in(kindRead, 0, "reads the snapshot chunk"),
	"SnapshotDatasetReader":            in(kindRead, 0, "reads snapshot shards from"),
	"FileSystemSetConfiguration":       in(kindWrite, -1, "changes file system configuration (credentials, endpoints)"),

	"WriteFile":                     in(kindWrite, 0, "writes"),
	"SaveDataset":                   in(kindWrite, 1, "saves a dataset to"),
	"SaveDatasetV2":                 in(kindWrite, 1, "saves a dataset to"),
	"DatasetToTFRecord":             in(kindWrite, 1, "writes records to"),
	"ExperimentalDatasetToTFRecord": in(kindWrite, 1, "writes records to"),
	"SnapshotDataset":               in(kindWrite, 1, "writes a snapshot to"),
	"SnapshotDatasetV2":             in(kindWrite, 1, "writes a snapshot to"),
	"CreateSummaryFileWriter":       in(kindWrite, 1, "writes summaries to"),
	"CreateSummaryDbWriter":         in(kindWrite, 1, "writes summaries to the database"),
	"CacheDataset":                  in(kindCache, 1, "caches the dataset in"),
	"CacheDatasetV2":                in(kindCache, 1, "caches the dataset in"),

	"Save":               in(kindCheckpoint, 0, "saves tensors to"),
	"SaveV2":             in(kindCheckpoint, 0, "saves tensors to"),
	"SaveSlices":         in(kindCheckpoint, 0, "saves tensors to"),
	"Restore":            in(kindCheckpoint, 0, "restores tensors from"),
	"RestoreV2":          in(kindCheckpoint, 0, "restores tensors from"),
	"RestoreSlice":       in(kindCheckpoint, 0, "restores tensors from"),
	"MergeV2Checkpoints": in(kindCheckpoint, 0, "merges and deletes checkpoint files at"),

	"InitializeTableFromTextFile":   in(kindTable, 1, "initialises a table from"),
	"InitializeTableFromTextFileV2": in(kindTable, 1, "initialises a table from"),

	"ImmutableConst":      at(kindMap, "memory_region_name", "maps the file"),
	"PrintV2":             at(kindPrint, "output_stream", "prints tensors to"),
	"DecodeProtoV2":       at(kindProtoDesc, "descriptor_source", "reads proto descriptors from"),
	"EncodeProto":         at(kindProtoDesc, "descriptor_source", "reads proto descriptors from"),
	"DebugIdentity":       at(kindDebug, "debug_urls", "streams tensors to"),
	"DebugIdentityV2":     at(kindDebug, "debug_urls", "streams tensors to"),
	"DebugIdentityV3":     at(kindDebug, "debug_urls", "streams tensors to"),
	"DebugNanCount":       at(kindDebug, "debug_urls", "streams tensors to"),
	"DebugNumericSummary": at(kindDebug, "debug_urls", "streams tensors to"),
	"Copy":                at(kindDebug, "debug_ops_spec", "streams tensors to"),
	"CopyHost":            at(kindDebug, "debug_ops_spec", "streams tensors to"),

	"RpcClient":                        in(kindNetwork, 0, "connects to the RPC server"),
	"RpcServer":                        in(kindNetwork, 0, "serves RPC on"),
	"RpcServerStart":                   in(kindNetwork, -1, "starts an RPC server"),
	"RpcServerRegister":                in(kindNetwork, -1, "registers an RPC method"),
	"RpcCall":                          in(kindNetwork, -1, "makes an RPC call"),
	"Rpc":                              in(kindNetwork, 0, "makes an RPC call to"),
	"TryRpc":                           in(kindNetwork, 0, "makes an RPC call to"),
	"DataServiceDataset":               in(kindNetwork, 2, "reads a dataset from the tf.data service at"),
	"DataServiceDatasetV2":             in(kindNetwork, 2, "reads a dataset from the tf.data service at"),
	"DataServiceDatasetV3":             in(kindNetwork, 2, "reads a dataset from the tf.data service at"),
	"DataServiceDatasetV4":             in(kindNetwork, 2, "reads a dataset from the tf.data service at"),
	"RegisterDataset":                  in(kindNetwork, 1, "registers a dataset with the tf.data service at"),
	"RegisterDatasetV2":                in(kindNetwork, 1, "registers a dataset with the tf.data service at"),
	"DistributedSave":                  in(kindNetwork, 2, "sends a dataset to the tf.data service at"),
	"GcsConfigureCredentials":          in(kindNetwork, -1, "sets Google Cloud Storage credentials"),
	"GcsConfigureBlockCache":           in(kindNetwork, -1, "configures Google Cloud Storage access"),
	"BigQueryReader":                   in(kindNetwork, -1, "reads from BigQuery"),
	"GenerateBigQueryReaderPartitions": in(kindNetwork, -1, "reads from BigQuery"),

	"Abort": in(kindAbort, -1, "terminates the process"),

	// Ops that run a graph handed to them as a tensor: DatasetFromGraph parses its graph_def
	// string and instantiates it with its function library; DeserializeIterator restores an
	// iterator whose serialized state carries the dataset graph it rebuilds.
	"DatasetFromGraph":    in(kindGraph, 0, "builds a dataset from"),
	"DeserializeIterator": in(kindGraph, 1, "restores an iterator (and its dataset graph) from"),
}
