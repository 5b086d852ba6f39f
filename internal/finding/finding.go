// Package finding holds the data model every aisec verb reports: rules, findings, per-file results
// and the versioned scan report (schema aisec.scan/v1).
package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// NoOffset marks a finding whose byte offset is not known.
const NoOffset int64 = -1

// Finding is one occurrence of one rule. Field names and JSON keys are part of the v1 contract.
type Finding struct {
	Rule        string   `json:"rule"`
	Severity    Severity `json:"severity"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	Path        string   `json:"path"`
	Member      string   `json:"member,omitempty"`
	Offset      int64    `json:"offset"`
	Evidence    string   `json:"evidence"`
	CWE         string   `json:"cwe,omitempty"`
	ATLAS       string   `json:"atlas,omitempty"`
	OWASP       string   `json:"owasp,omitempty"`
	Fingerprint string   `json:"fingerprint"`
	// Model names the Hugging Face model the file belongs to, when the path is in a hub cache.
	Model *ModelRef `json:"model,omitempty"`
}

// ModelRef identifies a model on a hub: the repository id and the revision (commit) of the
// snapshot a file came from.
type ModelRef struct {
	ID       string `json:"id"`
	Revision string `json:"revision,omitempty"`
	Type     string `json:"type,omitempty"` // model, dataset or space
}

// ComputeFingerprint returns a stable identifier of the finding: the same rule, location and evidence
// give the same fingerprint across runs and machines, so it can be used in baselines and
// suppressions. The byte offset is left out on purpose: re-saving a model moves offsets.
func (f Finding) ComputeFingerprint() string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.Path, f.Member, f.Evidence} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:32]
}

// Location joins path and member the way people read it: a.zip!/b.pkl.
func (f Finding) Location() string {
	if f.Member == "" {
		return f.Path
	}
	return f.Path + "!/" + strings.TrimPrefix(f.Member, "/")
}
