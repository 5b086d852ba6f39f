// Package tflite reports the operators of TFLite models that need code from outside TFLite:
// custom operators and Select TF (Flex) operators, with the Flex ops that do I/O or call
// Python singled out.
package tflite

import (
	"context"
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/tflite"
)

// Detector reports custom and Flex operators in *tflite.Model.
type Detector struct{}

// New returns the TFLite detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "tflite" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return AllRules() }

// Detect implements detect.Detector.
func (*Detector) Detect(_ context.Context, t detect.Target) []finding.Finding {
	m, ok := t.Model.(*tflite.Model)
	if !ok || m == nil {
		return nil
	}
	flex := map[int][]tflite.FlexOp{}
	for _, op := range m.FlexOps {
		flex[op.Opcode] = append(flex[op.Opcode], op)
	}
	var out []finding.Finding
	for _, c := range m.OperatorCodes {
		out = append(out, judgeCode(c, flex[c.Index])...)
	}
	if m.BadOpcodeRefs > 0 {
		out = append(out, RuleMalformed.New(fmt.Sprintf("%d operators refer to operator codes that do not exist", m.BadOpcodeRefs), finding.NoOffset))
	}
	if m.Identifier != tflite.Identifier {
		out = append(out, RuleMalformed.New(fmt.Sprintf("file identifier %q instead of %q", m.Identifier, tflite.Identifier), 4))
	}
	return out
}

// judge returns the finding for one operator code by its name, if it deserves one. A code
// listed but used by no operator is still reported: the interpreter resolves every code (and
// enables the Flex delegate for Flex codes) when it builds. The name is custom_code up to its
// first NUL, as the interpreter reads it.
func judge(c tflite.OperatorCode) (finding.Finding, bool) {
	if !c.IsCustom() {
		return finding.Finding{}, false
	}
	name := c.CustomName()
	if name == "" {
		return RuleMalformed.New(fmt.Sprintf("operator code %d is CUSTOM without a custom_code name", c.Index), c.Offset), true
	}
	tfOp, flex := strings.CutPrefix(name, flexPrefix)
	if !flex {
		tfOp = name
	}
	rule, ok := classify(tfOp, flex)
	if !ok {
		return finding.Finding{}, false
	}
	kind := "custom operator"
	if flex {
		kind = "Flex operator"
	}
	return rule.New(fmt.Sprintf("%s %q %s", kind, clip(name), uses(c.Uses)), c.Offset), true
}

// classify returns the rule for the op tfOp, run by the Flex delegate (flex) or as a custom
// operator; ok is false for custom operators TFLite ships itself.
func classify(tfOp string, flex bool) (finding.Rule, bool) {
	switch {
	case pythonOps[tfOp]:
		return RulePythonOp, true
	case flex && ioOps[tfOp]:
		return RuleFlexIO, true
	case flex:
		return RuleFlexOp, true
	case shippedCustomOps[tfOp]:
		return finding.Rule{}, false
	}
	return RuleCustomOp, true
}

func uses(n int) string {
	switch n {
	case 0:
		return "(listed, used by no operator)"
	case 1:
		return "used by 1 operator"
	}
	return fmt.Sprintf("used by %d operators", n)
}

// clip shortens untrusted names for evidence strings.
func clip(s string) string {
	const maxLen = 80
	if len(s) > maxLen {
		s = s[:maxLen] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

var _ detect.Detector = (*Detector)(nil)
