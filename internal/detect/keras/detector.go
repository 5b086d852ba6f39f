// Package keras finds code execution and unsafe references in Keras model configurations
// (HDF5 model_config/training_config, .keras config.json, SavedModel keras_metadata): Lambda
// bytecode, module and function references outside Keras (CVE-2025-1550 family), get_file
// (CVE-2025-8747), enable_unsafe_deserialization (CVE-2025-9906), TorchModuleWrapper
// (CVE-2025-49655) and parser-differential tricks. Secrets and URLs in the config text are the
// metadata detector's job (the parsed model is a meta.Source).
package keras

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	pickledetect "github.com/aisecops/aisec/internal/detect/pickle"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/keras"
)

// maxEvidence bounds evidence strings.
const maxEvidence = 200

// Detector reports on *keras.Model values.
type Detector struct {
	// policy is the pickle detector's denylist of modules and callables: a Keras config that names
	// os.system is as dangerous as a pickle that imports it.
	policy *pickledetect.Policy
}

// New returns the Keras detector.
// The policy is the pickle detector's, so that one allowlist governs both formats.
func New(policy *pickledetect.Policy) *Detector { return &Detector{policy: policy} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "keras" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return AllRules() }

// Detect implements detect.Detector.
func (d *Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	m, ok := t.Model.(*keras.Model)
	if !ok || m == nil {
		return nil
	}
	var out []finding.Finding
	unsafeSeen := false
	for i, o := range m.Objects {
		if i%1024 == 0 && ctx.Err() != nil {
			return out
		}
		if f, ok := d.object(m, o); ok {
			unsafeSeen = unsafeSeen || f.Rule == RuleUnsafeDeserialization.ID
			out = append(out, f)
		}
	}
	for _, l := range m.Lambdas {
		if f, ok := d.lambda(m, l); ok {
			out = append(out, f)
		}
	}
	if !unsafeSeen {
		out = append(out, unsafeStrings(m)...)
	}
	for _, dup := range m.Duplicates {
		ev := fmt.Sprintf("key %q repeated in the object at %s (Python keeps the last value)", dup.Key, pathOrRoot(dup.Path))
		out = append(out, RuleDuplicateKey.New(clip(ev), m.FileOffset(dup.Offset)))
	}
	return out
}

// unsafeStrings finds enable_unsafe_deserialization named anywhere else: inside Lambda
// bytecode constants, a TFOpLambda symbol, an argument.
func unsafeStrings(m *keras.Model) []finding.Finding {
	for _, s := range m.MetaStrings() {
		if strings.Contains(s.Value, "enable_unsafe_deserialization") {
			ev := fmt.Sprintf("%q at %s", short(s.Value, 80), pathOrRoot(s.Key))
			return []finding.Finding{RuleUnsafeDeserialization.New(clip(ev), s.Offset)}
		}
	}
	return nil
}

func pathOrRoot(p string) string {
	if p == "" {
		return "the top level"
	}
	return p
}

// clip bounds an evidence string.
func clip(s string) string { return short(s, maxEvidence) }

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xc0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// quoteList renders up to n items as a comma-separated list.
func quoteList(items []string, n int) string {
	if len(items) > n {
		return strings.Join(items[:n], ", ") + fmt.Sprintf(" (+%d more)", len(items)-n)
	}
	return strings.Join(items, ", ")
}

var _ detect.Detector = (*Detector)(nil)
