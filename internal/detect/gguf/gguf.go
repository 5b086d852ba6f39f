// Package gguf reports structural anomalies of GGUF headers: counts, lengths, shapes and
// offsets that do not fit the file, the shapes behind llama.cpp's heap overflows, and
// structures loaders read differently. Chat templates and other metadata text are left to the
// template and metadata detectors, which receive them through meta.Source.
package gguf

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	ggufmodel "github.com/aisecops/aisec/internal/format/gguf"
)

const (
	cweOverflow = "CWE-190"
	cweBounds   = "CWE-125"
	cweParse    = "CWE-20"
	atlas       = "AML.T0011.000"
	owasp       = "LLM03:2025"
	fixCrafted  = "Do not load the file: it was crafted or corrupted. Update llama.cpp-based runtimes (llama.cpp, " +
		"Ollama, LM Studio, llama-cpp-python) and obtain the model from its publisher."
	fixHygiene = "Re-export the model with a current GGUF writer (llama.cpp convert_hf_to_gguf.py / gguf-py)."
)

func rule(id string, sev finding.Severity, cwe, title, desc, fix string) finding.Rule {
	return finding.Rule{ID: id, Severity: sev, Title: title, Description: desc, Remediation: fix,
		CWE: cwe, ATLAS: atlas, OWASP: owasp}
}

// Rules of the GGUF detector.
var (
	RuleCounts = rule("AISEC-GGUF-001", finding.High, cweOverflow, "GGUF header declares more than the file holds",
		"A metadata or tensor count, a string length or an array length is larger than the rest of the file can "+
			"hold, or a key is tens of KiB long. Loaders that allocate from these numbers overflow or exhaust the "+
			"heap: llama.cpp's GGUF reader had heap overflows from header.n_kv (CVE-2024-23605) and integer "+
			"overflows in gguf_init_from_file_impl (CVE-2025-53630, CVE-2026-27940 / GHSA-3p4r-fq3f-q74v).", fixCrafted)
	RuleShapes = rule("AISEC-GGUF-002", finding.High, cweOverflow, "GGUF tensor shape or alignment overflows size computations",
		"A tensor's element count or byte size overflows int64, it has no or more than four dimensions, its row is "+
			"not a whole number of quantization blocks, its offset overflows, or general.alignment is zero, not a "+
			"power of two or absurdly large. These are the inputs behind llama.cpp's tensor-size heap overflows "+
			"(CVE-2024-21802, info->ne; GGML_PAD and ggml_nbytes wrap-arounds) and divide-by-zero crashes.", fixCrafted)
	RuleBounds = rule("AISEC-GGUF-003", finding.High, cweBounds, "GGUF tensor data outside the file or overlapping",
		"A tensor's data range lies past the end of the file in a layout no writer produces, or two tensors share "+
			"bytes. Loaders that map the file trust these offsets and read out of bounds; overlapping tensors make "+
			"tools disagree about the weights.", fixCrafted)
	RuleIndex = rule("AISEC-GGUF-004", finding.High, cweBounds, "GGUF metadata that makes loaders index out of bounds",
		"A tokenizer array has the wrong element type (e.g. uint8 scores read as float32) or a length different "+
			"from the vocabulary, or block_count exceeds llama.cpp's 512-layer tables. llama.cpp indexes these "+
			"arrays by token id and layer without re-checking, which reads or writes past the heap buffer.", fixCrafted)
	RuleDiffer = rule("AISEC-GGUF-005", finding.Medium, cweParse, "GGUF structure that loaders read differently",
		"Duplicate metadata keys or tensor names, arrays of arrays, unknown value or tensor types, or an "+
			"unsupported version. Each loader picks a different value or fails at a different point, so what a "+
			"scanner inspects may not be what a runtime loads (a second tokenizer.chat_template, for instance).",
		fixHygiene)
	RuleTruncated = rule("AISEC-GGUF-006", finding.Medium, cweParse, "GGUF file truncated",
		"The file ends inside the header or before the end of the tensor data. It cannot be loaded as is and "+
			"could not be fully analysed.", "Download the file again and verify its checksum or signature.")
	RuleHygiene = rule("AISEC-GGUF-007", finding.Low, cweParse, "GGUF hygiene issue",
		"Misaligned tensor offsets, bytes after the tensor data (room for an appended payload), tensor names of "+
			"64 bytes or more, keys with control or non-ASCII characters, or special token ids outside the "+
			"vocabulary. llama.cpp refuses or ignores these; they suggest a hand-edited file.", fixHygiene)
)

// ruleFor maps each anomaly kind to its rule.
var ruleFor = map[ggufmodel.AnomalyKind]*finding.Rule{
	ggufmodel.CountTooLarge: &RuleCounts, ggufmodel.LengthTooLarge: &RuleCounts, ggufmodel.LongKey: &RuleCounts,
	ggufmodel.DimsOverflow: &RuleShapes, ggufmodel.OffsetOverflow: &RuleShapes, ggufmodel.BadDims: &RuleShapes,
	ggufmodel.BadAlignment: &RuleShapes,
	ggufmodel.OutOfBounds:  &RuleBounds, ggufmodel.Overlap: &RuleBounds,
	ggufmodel.KeyType: &RuleIndex, ggufmodel.ArrayMismatch: &RuleIndex, ggufmodel.ValueOutOfRange: &RuleIndex,
	ggufmodel.DuplicateKey: &RuleDiffer, ggufmodel.DuplicateTensor: &RuleDiffer, ggufmodel.NestedArray: &RuleDiffer,
	ggufmodel.BadValueType: &RuleDiffer, ggufmodel.UnknownTensorType: &RuleDiffer, ggufmodel.BadVersion: &RuleDiffer,
	ggufmodel.Truncated: &RuleTruncated, ggufmodel.DataTruncated: &RuleTruncated,
	ggufmodel.Misaligned: &RuleHygiene, ggufmodel.TrailingData: &RuleHygiene, ggufmodel.LongName: &RuleHygiene,
	ggufmodel.BadKey: &RuleHygiene, ggufmodel.BadTokenID: &RuleHygiene,
}

// Detector reports structural anomalies of *gguf.File models.
type Detector struct{}

// New returns the GGUF structure detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "gguf" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule {
	return []finding.Rule{RuleCounts, RuleShapes, RuleBounds, RuleIndex, RuleDiffer, RuleTruncated, RuleHygiene}
}

// Detect implements detect.Detector: one finding per rule, its evidence the first anomalies
// of that rule and its offset the first one's.
func (d *Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	f, ok := t.Model.(*ggufmodel.File)
	if !ok || f == nil {
		return nil
	}
	byRule := make(map[string][]ggufmodel.Anomaly)
	for _, a := range f.Anomalies {
		if r := ruleFor[a.Kind]; r != nil {
			byRule[r.ID] = append(byRule[r.ID], a)
		}
	}
	var out []finding.Finding
	for _, r := range d.Rules() {
		as := byRule[r.ID]
		if len(as) == 0 {
			continue
		}
		out = append(out, r.New(evidence(as, f.AnomaliesDropped), as[0].Offset))
	}
	return out
}

// evidence joins the first anomalies of a rule, capped at about 200 bytes.
func evidence(as []ggufmodel.Anomaly, dropped int) string {
	var parts []string
	for _, a := range as[:min(2, len(as))] {
		parts = append(parts, a.Detail)
	}
	ev := strings.Join(parts, "; ")
	if more := len(as) - len(parts); more > 0 {
		ev += fmt.Sprintf(" (+%d more)", more)
	}
	if len(ev) > 200 {
		n := 197
		for n > 0 && ev[n]&0xc0 == 0x80 {
			n--
		}
		ev = ev[:n] + "…"
	}
	if dropped > 0 && len(as) > 1 {
		ev += fmt.Sprintf(" [%d anomalies over the cap not listed]", dropped)
	}
	return ev
}

var _ detect.Detector = (*Detector)(nil)
