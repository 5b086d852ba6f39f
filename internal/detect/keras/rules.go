package keras

import "github.com/aisecops/aisec/internal/finding"

const (
	cwe502 = "CWE-502"
	cwe94  = "CWE-94"
	atlas  = "AML.T0011.000"
	owasp  = "LLM03:2025"
	fixDo  = "Do not load this model. If it is yours, rebuild it without Lambda layers or custom functions " +
		"(register custom layers in code instead), save it as .keras, and load with safe_mode=True on Keras >= 3.11.3."
)

func rule(id string, sev finding.Severity, cwe, title, desc, fix string) finding.Rule {
	return finding.Rule{ID: id, Severity: sev, Title: title, Description: desc, Remediation: fix,
		CWE: cwe, ATLAS: atlas, OWASP: owasp}
}

// Rules of the Keras detector.
var (
	RuleLambdaDangerous = rule("AISEC-KRS-001", finding.Critical, cwe94, "Keras Lambda layer code calls a dangerous function",
		"A Lambda layer (or a serialised __lambda__) carries Python bytecode, or Python source where bytecode belongs, "+
			"that names processes, files, the network or dynamic code execution (os.system, subprocess, eval, exec, "+
			"open, __import__, socket…). Keras rebuilds the function with marshal when the model is loaded: from "+
			"HDF5 and SavedModel files always (safe_mode is ignored for .h5, CVE-2025-9905; Keras < 2.13 has no "+
			"safe_mode, CVE-2024-3660) and from .keras archives with safe_mode=False.", fixDo)
	RuleLambdaCode = rule("AISEC-KRS-002", finding.High, cwe94, "Keras Lambda layer carries Python bytecode",
		"A Lambda layer (or a serialised __lambda__) carries marshalled Python bytecode. Whatever it names, the code "+
			"is arbitrary and runs when the layer is rebuilt or called: on every HDF5/SavedModel load (CVE-2025-9905, "+
			"CVE-2024-3660) and for .keras archives loaded with safe_mode=False. Bytecode aisec could not decode is "+
			"reported here too.", fixDo)
	RuleDangerousRef = rule("AISEC-KRS-003", finding.Critical, cwe502, "Keras config references a dangerous module or function",
		"A serialised object names a module, class or function that runs code, touches files or processes, or "+
			"opens the network (e.g. {\"module\": \"subprocess\", \"class_name\": \"function\", \"config\": \"Popen\"}, "+
			"builtins.exec, a TFOpLambda on tf.io.write_file). Keras < 3.9 imports any module a config names and "+
			"calls functions placed as layers with the recorded arguments, even in safe_mode (CVE-2025-1550).", fixDo)
	RuleForeignModule = rule("AISEC-KRS-004", finding.Medium, cwe502, "Keras config references a module outside Keras",
		"A serialised object names a Python module outside keras/keras_nlp/keras_cv/keras_hub/tensorflow. Keras < 3.9 "+
			"imports it while loading (CVE-2025-1550); newer Keras refuses it unless the class is registered. "+
			"The model needs code that is not part of Keras.",
		"Confirm the module belongs to a trusted project and is installed from a trusted source before loading the model.")
	RuleCustomObject = rule("AISEC-KRS-005", finding.Medium, cwe502, "Keras model needs custom objects",
		"The config names a registered custom object (\"Custom>Name\", \"package>Name\") or a function looked up by "+
			"name. Loading resolves it from custom_objects or the registry, i.e. from code shipped outside the model.",
		"Review the custom code the model expects; load it only from a trusted package.")
	RuleGetFile = rule("AISEC-KRS-006", finding.Critical, cwe502, "Keras config downloads a file with get_file",
		"The config references keras.utils.get_file, which Keras 3.0-3.10 calls with the recorded arguments while "+
			"rebuilding a functional model, even in safe_mode (CVE-2025-8747): it downloads a URL to an "+
			"attacker-chosen path (e.g. ~/.ssh/authorized_keys).", fixDo)
	RuleUnsafeDeserialization = rule("AISEC-KRS-007", finding.Critical, cwe502, "Keras config disables safe mode",
		"The config references keras.config.enable_unsafe_deserialization. Called while the model is rebuilt, it "+
			"turns safe_mode off so that Lambda bytecode later in the same file runs (CVE-2025-9906).", fixDo)
	RuleTorchModule = rule("AISEC-KRS-008", finding.Critical, cwe502, "Keras TorchModuleWrapper unpickles a torch module",
		"A TorchModuleWrapper layer stores a whole torch.nn.Module saved with torch.save; its from_config calls "+
			"torch.load(weights_only=False), i.e. unpickles attacker-controlled data, even in safe_mode "+
			"(CVE-2025-49655, Keras 3.11.0-3.11.2 with the torch backend).", fixDo)
	RuleFunctionLayer = rule("AISEC-KRS-009", finding.High, cwe502, "Keras config calls a function as a layer",
		"An entry of a layer list is a bare function reference ({\"class_name\": \"function\"}) instead of a layer. "+
			"Rebuilding a functional model calls it with the arguments stored in inbound_nodes. Keras never saves "+
			"models this way; it is the mechanism of the CVE-2025-1550 and CVE-2025-8747 exploits.", fixDo)
	RuleFileFunction = rule("AISEC-KRS-010", finding.High, cwe502, "Keras config references a Keras function that loads or writes files",
		"The config names a Keras function that loads another model or file, writes files or downloads data "+
			"(load_model, load_weights, model_from_json, TFSMLayer, save_img, file_utils…). Keras never serialises "+
			"these into a model; placed as a layer they act on attacker-chosen paths while the model loads.", fixDo)
	RuleDuplicateKey = rule("AISEC-KRS-011", finding.High, cwe502, "Keras JSON repeats a key",
		"An object of the Keras JSON repeats a key. Python's json (and so Keras) keeps the last value while other "+
			"parsers keep the first: a scanner and the loader then disagree about what the model contains. Keras "+
			"never writes duplicate keys.", fixDo)
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleLambdaDangerous, RuleLambdaCode, RuleDangerousRef, RuleForeignModule, RuleCustomObject,
		RuleGetFile, RuleUnsafeDeserialization, RuleTorchModule, RuleFunctionLayer, RuleFileFunction, RuleDuplicateKey}
}
