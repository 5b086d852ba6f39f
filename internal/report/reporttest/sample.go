// Package reporttest holds the sample reports and the golden-file helper shared by the tests of
// every report writer. The sample is built in code so that each field is visible in review.
package reporttest

import (
	"time"

	"github.com/aisecops/aisec/internal/finding"
)

// Started returns the fixed start time of the sample reports, so that golden files are stable.
func Started() time.Time { return time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC) }

// sampleRules are the rules the sample uses. IDs and texts are illustrative, not the real rule
// catalogue.
type sampleRules struct{ dangerous, evasion, unknown, format, meta finding.Rule }

func newSampleRules() sampleRules {
	return sampleRules{
		dangerous: finding.Rule{
			ID: "AISEC-PKL-001", Severity: finding.Critical,
			Title:       "Pickle calls a code-execution function",
			Description: "The pickle imports and calls a function that runs code when the file is loaded.",
			Remediation: "Do not load this file. Obtain the model from a trusted source, preferably as safetensors.",
			CWE:         "CWE-502", ATLAS: "AML.T0011.000", OWASP: "LLM03:2025",
		},
		evasion: finding.Rule{
			ID: "AISEC-PKL-002", Severity: finding.High,
			Title:       "Malformed pickle stream after a dangerous opcode",
			Description: "The stream breaks right after a call, a trick that hides payloads from other scanners.",
			Remediation: "Treat the file as hostile.",
			CWE:         "CWE-502", ATLAS: "AML.T0011.000",
		},
		unknown: finding.Rule{
			ID: "AISEC-PKL-003", Severity: finding.Medium,
			Title:       "Pickle imports an unknown global",
			Description: "The loader will import a global that is neither known-safe nor known-dangerous.",
			Remediation: "Review the global; allowlist it in .aisec.yaml if it is expected.",
			CWE:         "CWE-502",
		},
		format: finding.Rule{
			ID: "AISEC-HYG-001", Severity: finding.Low,
			Title:       "Model stored as pickle",
			Description: "Pickle-based formats can carry code; safetensors cannot.",
			Remediation: "Convert the weights to safetensors.",
		},
		meta: finding.Rule{
			ID: "AISEC-HYG-002", Severity: finding.Info,
			Title:       "Model has no metadata",
			Description: "The archive carries no version or producer record.",
		},
	}
}

// at places a rule's finding at a location and computes its fingerprint.
func at(r finding.Rule, path, member string, offset int64, evidence string) finding.Finding {
	f := r.New(evidence, offset)
	f.Path, f.Member = path, member
	f.Fingerprint = f.ComputeFingerprint()
	return f
}

// Sample returns a report that exercises every writer feature: all severities, container
// members, known and unknown offsets, partial, error and skipped files, a suppressed finding,
// and evidence with characters that need escaping (pipes, newlines, markup, terminal escapes).
// Findings are deliberately out of order, as a concurrent scan may produce them.
func Sample() *finding.Report {
	rs := newSampleRules()
	r := &finding.Report{
		Schema:     finding.SchemaV1,
		Tool:       finding.Tool{Name: "aisec", Version: "1.2.3"},
		Started:    Started(),
		DurationMS: 1234,
		Targets:    []string{"models/", "extra model.pkl"},
		Files: []finding.FileResult{
			{Path: "models/model.pt", Format: "pytorch-zip", Size: 4096, SHA256: sha('a'), Status: finding.StatusScanned},
			{Path: "models/evil.pkl", Format: "pickle", Size: 120, SHA256: sha('b'), Status: finding.StatusScanned},
			{Path: "models/model.pt", Member: "archive/data.pkl", Format: "pickle", Size: 900, SHA256: sha('c'), Status: finding.StatusScanned},
			{Path: "models/big.pt", Member: "archive/data.pkl", Format: "pickle", Size: 1 << 30, Status: finding.StatusPartial,
				Error: "pickle opcode budget exceeded (limit 1000000)"},
			{Path: "models/broken.zip", Format: "zip", Size: 77, SHA256: sha('d'), Status: finding.StatusError,
				Error: "unable to open zip: bad member name \"\x1b[2Jx|y\""},
			{Path: "models/readme.png", Format: "image", Size: 2048, SHA256: sha('e'), Status: finding.StatusSkipped},
			{Path: "extra model.pkl", Format: "pickle", Size: 64, SHA256: sha('f'), Status: finding.StatusScanned},
		},
		Findings: []finding.Finding{
			at(rs.meta, "models/model.pt", "", finding.NoOffset, "no version record in archive/"),
			at(rs.unknown, "models/evil.pkl", "", 40, "mypkg.layers.Custom via GLOBAL"),
			at(rs.dangerous, "models/evil.pkl", "", 26, "os.system via STACK_GLOBAL (memo 3)"),
			at(rs.dangerous, "models/model.pt", "archive/data.pkl", 113,
				"builtins.eval via REDUCE: \"__import__('os').system('id | sh')\""),
			at(rs.evasion, "models/model.pt", "archive/data.pkl", 130, "truncated stream after REDUCE\nat <opcode 57> & beyond"),
			at(rs.format, "models/model.pt", "", finding.NoOffset, "pytorch-zip"),
		},
		Suppressed: []finding.Suppressed{{
			Finding: at(rs.unknown, "models/legacy.pkl", "", 12, "internal.Layer via GLOBAL"),
			Reason:  "reviewed: internal class", Expires: "2026-12-31",
		}},
		Rules: rules(rs.dangerous, rs.evasion, rs.unknown, rs.format, rs.meta),
	}
	r.Summarize()
	return r
}

// Clean returns a report of a scan that found nothing and analysed everything.
func Clean() *finding.Report {
	r := &finding.Report{
		Schema:     finding.SchemaV1,
		Tool:       finding.Tool{Name: "aisec", Version: "1.2.3"},
		Started:    Started(),
		DurationMS: 5,
		Targets:    []string{"safe.pkl"},
		Files: []finding.FileResult{
			{Path: "safe.pkl", Format: "pickle", Size: 32, SHA256: sha('0'), Status: finding.StatusScanned},
		},
	}
	r.Summarize()
	return r
}

// Empty returns a report whose slices and maps are all nil, the edge case writers must not
// render as null.
func Empty() *finding.Report {
	return &finding.Report{Schema: finding.SchemaV1, Tool: finding.Tool{Name: "aisec", Version: "dev"}, Started: Started()}
}

func rules(rs ...finding.Rule) map[string]finding.Rule {
	m := make(map[string]finding.Rule, len(rs))
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

// sha returns a fake hex SHA-256 made of one repeated digit.
func sha(c byte) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c
	}
	return string(b)
}
