package tensorflow

import "github.com/aisecops/aisec/internal/finding"

const (
	atlas    = "AML.T0011.000"
	owasp    = "LLM03:2025"
	fixGraph = "Do not load or serve this model. Obtain it from a trusted source, re-export it from reviewed code, " +
		"and verify its signature (aisec verify)."
)

// Rules of the TensorFlow graph detector.
var (
	RulePythonCallback = finding.Rule{
		ID:       "AISEC-TF-001",
		Severity: finding.Critical,
		Title:    "TensorFlow graph calls back into Python",
		Description: "The graph or one of its library functions contains an op that runs Python code: PyFunc, " +
			"PyFuncStateless or EagerPyFunc (tf.py_function, tf.numpy_function, tf.compat.v1.py_func), or an op " +
			"named after process execution (PyCall, ShellExecute, ExecuteOp). Running the graph executes whatever " +
			"Python callable the loading process has registered under the op's token; ordinary exported models " +
			"never need it, and it is the classic TensorFlow code-execution vector.",
		Remediation: fixGraph,
		CWE:         "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleFileAccess = finding.Rule{
		ID:       "AISEC-TF-002",
		Severity: finding.Critical, // issue 3 and DESIGN.md: a loaded graph touching files or the network
		Title:    "TensorFlow graph reads, writes or lists files",
		Description: "The graph contains an op that touches the file system of the machine running it: ReadFile, " +
			"WriteFile, MatchingFiles, ImmutableConst (maps a file by path), file-backed datasets and readers, " +
			"summary writers, PrintV2 or debug ops writing to a file, DecodeProto with a descriptor file, or " +
			"checkpoint ops (SaveV2, RestoreV2, MergeV2Checkpoints…) outside the standard saver. Such graphs read " +
			"secrets into model outputs or plant files when served (TensorAbuse, 2024). The saver's own " +
			"checkpoint ops and reads of the model's own assets are not reported.",
		Remediation: fixGraph,
		CWE:         "CWE-73", ATLAS: atlas, OWASP: owasp,
	}
	RuleNetwork = finding.Rule{
		ID:       "AISEC-TF-003",
		Severity: finding.Critical, // issue 3 and DESIGN.md: a loaded graph touching files or the network
		Title:    "TensorFlow graph reaches the network",
		Description: "The graph contains an op that opens network connections when it runs: RPC client or server " +
			"ops, tf.data service datasets and registration, distributed dataset saves, GCS or BigQuery " +
			"configuration, or debug ops streaming tensors to a grpc:// URL. A served model can exfiltrate its " +
			"inputs or fetch attacker-controlled data this way.",
		Remediation: fixGraph,
		CWE:         "CWE-918", ATLAS: atlas, OWASP: owasp,
	}
	RuleTableFile = finding.Rule{
		ID:       "AISEC-TF-004",
		Severity: finding.Medium,
		Title:    "TensorFlow lookup table reads a file the model does not ship",
		Description: "A table is initialised from a text file (InitializeTableFromTextFile) named by a constant " +
			"path instead of one of the SavedModel's assets, so loading the model reads whatever file sits at that " +
			"path on the serving machine (relative to its working directory, or absolute). The file's lines become " +
			"table keys and values. Tables fed from assets/ are normal and not reported. Frozen graphs often keep " +
			"the exporting machine's vocabulary path; review it.",
		Remediation: "Ship vocabulary files as SavedModel assets, or review which file the table is meant to read.",
		CWE:         "CWE-73", ATLAS: atlas, OWASP: owasp,
	}
	RuleCustomOp = finding.Rule{
		ID:       "AISEC-TF-005",
		Severity: finding.Medium,
		Title:    "TensorFlow graph uses an op TensorFlow does not define",
		Description: "The graph uses an op that is neither a TensorFlow raw op nor a function of the model's " +
			"library. Loading it needs a custom op library (tf.load_op_library loads a native shared object), " +
			"whose code runs with the loader's privileges and is not covered by this scan.",
		Remediation: "Identify the library that registers the op (e.g. TensorFlow Addons, TF Text) and obtain it " +
			"from a trusted source; do not load op libraries shipped with the model.",
		CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleAbort = finding.Rule{
		ID:          "AISEC-TF-006",
		Severity:    finding.Low,
		Title:       "TensorFlow graph can abort the serving process",
		Description: "The graph contains an Abort op, which terminates the process that runs it (denial of service).",
		Remediation: "Remove the op or make sure it cannot be reached from a serving signature.",
		CWE:         "CWE-400", ATLAS: "AML.T0029", OWASP: owasp,
	}
	RuleNesting = finding.Rule{
		ID:       "AISEC-TF-007",
		Severity: finding.High,
		Title:    "TensorFlow protobuf nested beyond the loader's limit",
		Description: "Messages are nested deeper than TensorFlow's protobuf parser accepts (100 levels). No " +
			"exporter writes this; such protobuf bombs exist to crash or exhaust scanners and loaders, or to hide " +
			"content from tools that give up on them.",
		Remediation: fixGraph,
		CWE:         "CWE-674", ATLAS: atlas, OWASP: owasp,
	}
	RuleGraphUnread = finding.Rule{
		ID:       "AISEC-TF-009",
		Severity: finding.High,
		Title:    "TensorFlow graph runs a graph aisec could not inspect",
		Description: "The graph contains an op that instantiates a graph handed to it as a tensor: DatasetFromGraph " +
			"parses its graph_def string input as a GraphDef and builds the dataset it describes, library functions " +
			"(map functions) included; DeserializeIterator outside the checkpoint saver rebuilds the dataset graph " +
			"stored in an iterator's state. Here the graph is computed or fed at run time, or sits in a constant that " +
			"does not read as a GraphDef, so its ops (PyFunc, WriteFile…) were not inspected. Exported models have " +
			"no reason to carry such ops; hiding a graph inside a string constant evades scanners.",
		Remediation: fixGraph,
		CWE:         "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleGraphData = finding.Rule{
		ID:       "AISEC-TF-010",
		Severity: finding.Medium,
		Title:    "TensorFlow graph runs a graph stored as data",
		Description: "The graph contains DatasetFromGraph (or DeserializeIterator) fed by a string constant that " +
			"holds a serialized GraphDef. aisec read that graph and judged its nodes with the other rules (findings " +
			"in it name the constant); this finding records that the model instantiates a graph smuggled as data, " +
			"which ordinary exports never do.",
		Remediation: "Review why the model embeds a graph in a constant; re-export it from reviewed code.",
		CWE:         "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleAssetPath = finding.Rule{
		ID:       "AISEC-TF-008",
		Severity: finding.High,
		Title:    "SavedModel asset path escapes the assets directory",
		Description: "An AssetFileDef names an absolute path or one with \"..\" components. The loader joins it " +
			"to the model's assets/ directory and binds the result to a graph tensor, so tables or ops read a file " +
			"outside the model.",
		Remediation: fixGraph,
		CWE:         "CWE-22", ATLAS: atlas, OWASP: owasp,
	}
)
