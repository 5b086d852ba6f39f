package safetensors

import "github.com/aisecops/aisec/internal/finding"

const (
	owasp   = "LLM03:2025"
	atlas   = "AML.T0010.003" // ML supply chain compromise: model
	fixFile = "Do not load the file. Obtain the model from its original publisher, verify its signature " +
		"(aisec verify), or re-export it with the reference safetensors library, which writes none of this."
)

// Rules of the safetensors detector. The reference loader (the Rust safetensors crate behind
// the Python package, transformers, candle) rejects most of these files; the severities say
// what the file does to the readers that do not: Python json based tools, hub metadata
// viewers, and native C/C++ loaders that trust the header.
var (
	RuleDifferential = finding.Rule{
		ID: "AISEC-SFT-001", Severity: finding.High, Title: "safetensors header written to be parsed differently",
		Description: "The JSON header repeats a key (a tensor name, a metadata key, __metadata__ itself, or a " +
			"tensor field) or spells a structural key (__metadata__, dtype, shape, data_offsets) with escape " +
			"sequences. No writer produces either. Parsers resolve duplicates differently (serde_json rejects " +
			"repeated struct fields, Python and Rust maps keep the last value, streaming and first-match parsers " +
			"the first) and byte-matching scanners miss escaped keys, so a scanner and a loader see different " +
			"tensors or metadata: a parser-differential trick whose only purpose is evasion.",
		Remediation: fixFile, CWE: "CWE-436", ATLAS: atlas, OWASP: owasp,
	}
	RuleRejected = finding.Rule{
		ID: "AISEC-SFT-002", Severity: finding.Medium, Title: "safetensors header that the reference loader rejects",
		Description: "The header is not valid UTF-8, not valid strict JSON, not a JSON object, or breaks the " +
			"schema (__metadata__ not a string-to-string map, a tensor entry missing or mistyping dtype, shape or " +
			"data_offsets, content after the JSON object). The Rust loader refuses the file, but lenient readers " +
			"do not: Python's json module accepts NaN/Infinity, a UTF-8 byte order mark (json.loads on bytes) and " +
			"lone surrogate escapes, so Python-based tools and hub viewers show content Rust loaders never see.",
		Remediation: fixFile, CWE: "CWE-20", ATLAS: atlas, OWASP: owasp,
	}
	RuleBounds = finding.Rule{
		ID: "AISEC-SFT-003", Severity: finding.High, Title: "safetensors tensor bounds that overflow native loaders",
		Description: "A tensor's data_offsets reach past the end of the file or end before they begin, its " +
			"dtype × shape overflows 64 bits, or its dtype × shape differs from the byte range it declares. The " +
			"Rust loader rejects these, but native loaders that trust one field and size buffers by the other read " +
			"or write out of bounds (MLX ml-explore/mlx#3363 and #3409, fastllm ztxz16/fastllm#712 heap overflow, " +
			"safetensors-cpp zero-size wrap google-ai-edge/LiteRT#9255). A crafted file of this kind is an exploit " +
			"attempt against such loaders.",
		Remediation: fixFile, CWE: "CWE-787", ATLAS: atlas, OWASP: owasp,
	}
	RuleOverlap = finding.Rule{
		ID: "AISEC-SFT-004", Severity: finding.Medium, Title: "safetensors tensors share bytes",
		Description: "Two tensors' byte ranges overlap. The reference writer lays tensors out back to back and the " +
			"Rust loader rejects overlaps; other loaders alias the bytes, so one write changes two tensors and " +
			"per-tensor checks see the same bytes twice. No known exploit needs it, but no legitimate file has it.",
		Remediation: fixFile, CWE: "CWE-436", ATLAS: atlas, OWASP: owasp,
	}
	RuleUncovered = finding.Rule{
		ID: "AISEC-SFT-005", Severity: finding.Medium, Title: "safetensors bytes no tensor covers",
		Description: "Part of the data section belongs to no tensor: a gap between tensors, bytes after the last " +
			"tensor, or slack inside a byte range beyond its dtype × shape. The format requires the tensors to " +
			"cover the data section exactly and the Rust loader rejects the file (MetadataIncompleteBuffer), yet " +
			"loaders that read only the tensors they need accept it, which makes the uncovered bytes a place to " +
			"smuggle data past tools that only look at tensors. AISEC-SFT-006 reports recognised payloads in them.",
		Remediation: fixFile, CWE: "CWE-506", ATLAS: atlas, OWASP: owasp,
	}
	RulePayload = finding.Rule{
		ID: "AISEC-SFT-006", Severity: finding.High, Title: "Hidden payload in safetensors bytes no tensor covers",
		Description: "Bytes outside every tensor (or after the JSON inside the header) hold an executable (ELF, PE, " +
			"Mach-O, a #! script), a pickle that imports a callable, an archive or compressed stream, or script " +
			"text. Loading the model does not run it; a second-stage loader or script that knows where to look " +
			"extracts it, while the file passes as 'safe' safetensors.",
		Remediation: fixFile, CWE: "CWE-506", ATLAS: "AML.T0011.000", OWASP: owasp,
	}
	RuleTensorPayload = finding.Rule{
		ID: "AISEC-SFT-007", Severity: finding.High, Title: "Executable or archive stored as tensor data",
		Description: "A tensor's data starts with an executable, a #! script, an archive or a pickle that imports " +
			"a callable. Loaders accept it as numbers; anything that writes the tensor's bytes back out recovers " +
			"the file. Model weights never start with a valid program header.",
		Remediation: fixFile, CWE: "CWE-506", ATLAS: "AML.T0011.000", OWASP: owasp,
	}
	RuleDType = finding.Rule{
		ID: "AISEC-SFT-008", Severity: finding.Low, Title: "safetensors dtype the reference loader cannot read",
		Description: "A tensor uses a dtype the reference loader does not know (names are case-sensitive), or a " +
			"sub-byte dtype (F4, F6) whose element count does not end on a byte boundary. The file does not load; " +
			"newer safetensors versions add dtypes, so this may also be a file from a newer writer.",
		Remediation: "Check which tool wrote the file and whether the dtype is real.", CWE: "CWE-20", OWASP: owasp,
	}
	RuleIgnoredFields = finding.Rule{
		ID: "AISEC-SFT-009", Severity: finding.Low, Title: "safetensors tensor entries carry fields loaders ignore",
		Description: "A tensor entry has fields besides dtype, shape and data_offsets. Loaders skip them silently, " +
			"so they are a side channel for text that tools reading only __metadata__ miss; the metadata rules " +
			"(AISEC-META-*) check their strings.",
		Remediation: "Remove the extra fields; keep metadata in __metadata__.", CWE: "CWE-1164", OWASP: owasp,
	}
	RuleLayout = finding.Rule{
		ID: "AISEC-SFT-010", Severity: finding.Info, Title: "Non-canonical safetensors header layout",
		Description: "The header has whitespace before the JSON object or pads it with characters other than " +
			"spaces. Loaders accept it; the reference writer never produces it, so the file was written by hand " +
			"or by another tool.",
		Remediation: "No action needed if the writer is known.", CWE: "CWE-1164", OWASP: owasp,
	}
)

// AllRules lists every rule of the detector, for documentation and SARIF.
func AllRules() []finding.Rule {
	return []finding.Rule{RuleDifferential, RuleRejected, RuleBounds, RuleOverlap, RuleUncovered, RulePayload,
		RuleTensorPayload, RuleDType, RuleIgnoredFields, RuleLayout}
}
