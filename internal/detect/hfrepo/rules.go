package hfrepo

import "github.com/aisecops/aisec/internal/finding"

const (
	atlas      = "AML.T0011.000"
	owasp      = "LLM03:2025"
	fixRemote  = "Load the model without trust_remote_code, or review the referenced Python and pin the reviewed commit with revision= (and code_revision= for code in another repository)."
	fixHydra   = "Do not restore this model (nemo restore_from, hydra.utils.instantiate) until the _target_ is reviewed; upgrade NeMo to 2.3.2 or later and load only trusted checkpoints."
	fixPickle  = "Delete the pickle-format twin (or load with use_safetensors=True) so no code path can unpickle it."
	fixYAMLTag = "Remove the tag; load YAML configs with yaml.safe_load (OmegaConf and NeMo do) and treat this file as malicious."
)

// Rules of the Hugging Face repository detector.
var (
	RuleAutoMap = finding.Rule{
		ID: "AISEC-HF-001", Severity: finding.Medium, Title: "Config makes transformers import Python shipped with the model",
		Description: "auto_map (config.json, tokenizer_config.json, processor configs) or custom_pipelines names a " +
			"module.Class in this repository. With trust_remote_code=True, transformers downloads that module and imports " +
			"it, running whatever it contains; aisec scans shipped .py files with the pycode rules.",
		Remediation: fixRemote, CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleCrossRepo = finding.Rule{
		ID: "AISEC-HF-002", Severity: finding.Medium, Title: "Config imports Python from another repository",
		Description: "An auto_map or custom_pipelines entry of the form \"org/repo--module.Class\" makes transformers " +
			"download and import code from a different repository, at its latest revision unless code_revision is " +
			"pinned. That code is not part of this artifact, so it was not scanned, and its owner can change it at any time.",
		Remediation: fixRemote, CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleHydraDangerous = finding.Rule{
		ID: "AISEC-HF-003", Severity: finding.High, Title: "Config instantiates a dangerous callable (_target_)",
		Description: "A Hydra/NeMo config has a _target_ that runs processes, evaluates code, imports by name, loads " +
			"pickles or native code, opens the network or deletes files (os.system, builtins.exec, subprocess.*, " +
			"torch.load, hydra.utils.get_method of such a name…). NeMo restore_from and hydra.utils.instantiate call it " +
			"while loading the model (CVE-2025-23304).",
		Remediation: fixHydra, CWE: "CWE-94", ATLAS: atlas, OWASP: owasp,
	}
	RuleHydraUnknown = finding.Rule{
		ID: "AISEC-HF-004", Severity: finding.Medium, Title: "Config instantiates a class outside known ML frameworks (_target_)",
		Description: "A Hydra/NeMo _target_ names a callable outside the frameworks such configs normally use (nemo, " +
			"torch, lightning, transformers, omegaconf…). Instantiation imports its module and calls it while loading " +
			"(CVE-2025-23304); review what it is.",
		Remediation: fixHydra, CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RuleYAMLPythonTag = finding.Rule{
		ID: "AISEC-HF-005", Severity: finding.High, Title: "YAML config carries a Python object tag",
		Description: "A !!python/object, !!python/object/apply, !!python/object/new, !!python/name or !!python/module tag " +
			"makes PyYAML's unsafe loaders (yaml.load with Loader/UnsafeLoader, yaml.unsafe_load, old PyYAML defaults) import " +
			"and call the named object. Configs never need it; it exists to run code.",
		Remediation: fixYAMLTag, CWE: "CWE-502", ATLAS: atlas, OWASP: owasp,
	}
	RulePythonFile = finding.Rule{
		ID: "AISEC-HF-006", Severity: finding.Medium, Title: "Python code shipped with the model",
		Description: "A .py file sits in a model folder. transformers imports such files when a config's auto_map points " +
			"at them and the model is loaded with trust_remote_code=True; other tools run handler.py or pipeline files. " +
			"The file's own findings (AISEC-PY-*) say what it does.",
		Remediation: fixRemote, CWE: "CWE-829", ATLAS: atlas, OWASP: owasp,
	}
	RulePickleTwin = finding.Rule{
		ID: "AISEC-HF-007", Severity: finding.Low, Title: "Pickle weights beside a safetensors twin",
		Description: "The folder has the same weights as safetensors and as a pickle (pytorch_model.bin, *.pt, *.ckpt). " +
			"Loaders prefer safetensors when present, but older code, explicit file names or use_safetensors=False still " +
			"unpickle the twin, and a tampered twin runs code.",
		Remediation: fixPickle, CWE: "CWE-502", ATLAS: atlas, OWASP: owasp,
	}
)
