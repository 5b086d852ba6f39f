package aicode

import "github.com/aisecops/aisec/internal/finding"

const (
	atlasLoad    = "AML.T0011.000" // User Execution: Unsafe ML Artifacts
	owaspSupply  = "LLM03:2025"    // Supply Chain
	owaspOutput  = "LLM05:2025"    // Improper Output Handling
	fixTaint     = "Treat model output as untrusted input. Never execute it; if the model must choose an action, map its answer onto a fixed allow-list of actions or commands and pass values as separate, validated arguments (parameterised queries, argument lists without a shell)."
	descTaintEnd = " Model output is attacker-controlled as soon as any untrusted text reaches the prompt (documents, web pages, tool results, user messages: prompt injection). The taint analysis is intra-file and deliberately simple: a name holds model output when it is assigned from an LLM API call (chat/completions/messages/responses create, generate_content, invoke, predict, run, chat, complete, a called pipeline…), from an attribute, index or method chain on such a name, or from an f-string, concatenation, %, .format or container built from one, followed through simple assignments."
)

// Rules of the AI code detector.
var (
	RuleTorchLoad = finding.Rule{
		ID: "AISEC-CODE-001", Severity: finding.Medium, Title: "torch.load without weights_only=True",
		Description: "The code calls torch.load without weights_only=True (or with weights_only=False). torch.load unpickles " +
			"its input unless weights_only=True, so loading a checkpoint from an untrusted source runs code chosen by " +
			"whoever made the file. torch 2.6 and later default to weights_only=True, but pinned or older versions do not, " +
			"and an explicit weights_only=False always unpickles.",
		Remediation: "Pass weights_only=True (and pin torch ≥ 2.6), or store and load weights as safetensors.",
		CWE:         "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RulePickle = finding.Rule{
		ID: "AISEC-CODE-002", Severity: finding.Medium, Title: "Pickle-based deserialisation",
		Description: "The code deserialises with pickle.load/loads (or cPickle, dill, cloudpickle, joblib.load, " +
			"pandas.read_pickle, shelve.open, jsonpickle.decode). Unpickling runs code chosen by whoever wrote the data: " +
			"a model, cache or dataset file from an untrusted source is a remote code execution vector.",
		Remediation: "Load models from safetensors, ONNX or another data-only format; use JSON for data. If pickle " +
			"cannot be avoided, only load files you produced, verify their digest or signature first, and scan them with `aisec scan`.",
		CWE: "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleNumpyPickle = finding.Rule{
		ID: "AISEC-CODE-003", Severity: finding.Medium, Title: "numpy.load with allow_pickle=True",
		Description: "numpy.load is called with allow_pickle=True, so object arrays in .npy/.npz files are unpickled: " +
			"loading an untrusted file runs code.",
		Remediation: "Keep allow_pickle=False (the default) and store numeric arrays only.",
		CWE:         "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleYAML = finding.Rule{
		ID: "AISEC-CODE-004", Severity: finding.Medium, Title: "yaml.load without a safe Loader",
		Description: "yaml.load is called without Loader= or with an unsafe loader (Loader, UnsafeLoader, FullLoader), or " +
			"yaml.unsafe_load is used. These loaders construct arbitrary Python objects, which runs code from the YAML " +
			"document (model and training configs are often shared files).",
		Remediation: "Use yaml.safe_load, or yaml.load(data, Loader=yaml.SafeLoader).",
		CWE:         "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleRemoteCode = finding.Rule{
		ID: "AISEC-CODE-005", Severity: finding.Medium, Title: "trust_remote_code=True",
		Description: "A model, tokenizer, pipeline or dataset is loaded with trust_remote_code=True (from_pretrained, " +
			"pipeline, AutoModel…, load_dataset, SentenceTransformer, vLLM LLM…). This downloads and runs the Python " +
			"files of the repository, at whatever revision is current unless one is pinned.",
		Remediation: "Prefer models that need no custom code. Otherwise review the code and pin revision= to the commit " +
			"you reviewed; scan the repository with `aisec scan`.",
		CWE: "CWE-94", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleDangerous = finding.Rule{
		ID: "AISEC-CODE-006", Severity: finding.Medium, Title: "Dangerous LangChain opt-in flag",
		Description: "allow_dangerous_deserialization=True (FAISS.load_local and other pickle-backed stores), " +
			"allow_dangerous_code=True (agents that execute generated Python or pandas code) or " +
			"allow_dangerous_requests=True (agents that issue HTTP requests chosen by the model) disables a LangChain " +
			"safeguard: an untrusted index file or a prompt-injected model runs code or reaches internal services.",
		Remediation: "Only load indexes you built and whose digest you verify; run code-executing agents in a sandbox " +
			"without credentials; restrict request tools to an allow-list of hosts.",
		CWE: "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleKerasUnsafe = finding.Rule{
		ID: "AISEC-CODE-007", Severity: finding.Medium, Title: "Keras unsafe deserialisation enabled",
		Description: "A Keras model is loaded with safe_mode=False, or keras.config.enable_unsafe_deserialization() is " +
			"called. This lets Lambda layers carry Python bytecode that runs when the model is loaded.",
		Remediation: "Keep safe_mode=True (the default); replace Lambda layers with registered custom layers.",
		CWE:         "CWE-502", ATLAS: atlasLoad, OWASP: owaspSupply,
	}
	RuleEvalOutput = finding.Rule{
		ID: "AISEC-CODE-008", Severity: finding.High, Title: "Model output is executed as code",
		Description: "Output of an LLM call reaches eval, exec or compile (Python) or eval, new Function or " +
			"vm.runIn*Context (JavaScript). A prompt-injected model then runs arbitrary code in the application." + descTaintEnd,
		Remediation: fixTaint + " Code interpreters for generated code belong in a sandbox without credentials or network.",
		CWE:         "CWE-94", OWASP: owaspOutput,
	}
	RuleShellOutput = finding.Rule{
		ID: "AISEC-CODE-009", Severity: finding.High, Title: "Model output is passed to a shell",
		Description: "Output of an LLM call reaches os.system, os.popen, subprocess with shell=True or a string " +
			"command, child_process.exec/execSync or spawn with shell: true (or a similar shell API). A prompt-injected " +
			"model then runs arbitrary commands." + descTaintEnd,
		Remediation: fixTaint,
		CWE:         "CWE-78", OWASP: owaspOutput,
	}
	RuleSQLOutput = finding.Rule{
		ID: "AISEC-CODE-010", Severity: finding.High, Title: "Model output is built into an SQL statement",
		Description: "Output of an LLM call is part of the SQL text given to cursor.execute/executemany/executescript, " +
			"connection.execute, sqlalchemy text(), pandas.read_sql or a JavaScript db.query/raw (directly, or through an " +
			"f-string, concatenation, % or .format). A prompt-injected model then reads or changes any data the " +
			"connection can reach. Passing model output only as a bound parameter is not reported." + descTaintEnd,
		Remediation: "Use parameterised queries for values. If the model writes SQL (text-to-SQL), run it on a read-only " +
			"connection limited to the tables it may see, with a statement allow-list and row limits.",
		CWE: "CWE-89", OWASP: owaspOutput,
	}
)

// Rules lists every rule of the package, in ID order.
func Rules() []finding.Rule {
	return []finding.Rule{RuleTorchLoad, RulePickle, RuleNumpyPickle, RuleYAML, RuleRemoteCode, RuleDangerous,
		RuleKerasUnsafe, RuleEvalOutput, RuleShellOutput, RuleSQLOutput}
}
