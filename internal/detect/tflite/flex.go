package tflite

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/tflite"
)

// judgeCode returns the findings for one operator code: its name, a disguised name, and for
// Flex codes what their custom_options make the delegate run. The most severe of the ops
// named (custom_code, custom_options v[0], NodeDef op) decides the main finding.
func judgeCode(c tflite.OperatorCode, ops []tflite.FlexOp) []finding.Finding {
	if !c.IsCustom() {
		return nil
	}
	var out []finding.Finding
	if f, ok := disguised(c); ok {
		out = append(out, f)
	}
	main, ok := judge(c)
	codeOp := strings.TrimPrefix(c.CustomName(), flexPrefix)
	for _, op := range ops {
		for _, name := range []string{op.Name, op.NodeDefOp} {
			if name == "" || name == codeOp {
				continue
			}
			rule, _ := classify(name, true)
			if !ok || rule.Severity > main.Severity {
				main, ok = rule.New(fmt.Sprintf("Flex operator %q runs TensorFlow op %q from its custom_options, %s",
					clip(c.CustomName()), clip(name), uses(op.Uses)), op.Offset), true
			}
		}
		out = append(out, flexOpFindings(c, codeOp, op)...)
	}
	if ok {
		out = append([]finding.Finding{main}, out...)
	}
	return out
}

// flexOpFindings reports custom_options that disagree with custom_code or cannot be read.
func flexOpFindings(c tflite.OperatorCode, codeOp string, op tflite.FlexOp) []finding.Finding {
	var out []finding.Finding
	code := clip(c.CustomName())
	// Names the converter would have written identically; "" when not decoded.
	if op.Name != "" && op.Name != codeOp || op.NodeDefOp != "" && op.NodeDefOp != op.Name {
		out = append(out, RuleFlexMismatch.New(fmt.Sprintf("Flex operator %q: custom_options run %q, NodeDef op %q, %s",
			code, clip(op.Name), clip(op.NodeDefOp), uses(op.Uses)), op.Offset))
	}
	if op.Undecodable != "" {
		out = append(out, RuleFlexUndecodable.New(fmt.Sprintf("Flex operator %q %s: %s",
			code, uses(op.Uses), clip(op.Undecodable)), op.Offset))
	}
	return out
}

// disguised reports a custom_code that reads differently as a C string or holds bytes that
// do not print.
func disguised(c tflite.OperatorCode) (finding.Finding, bool) {
	raw := c.CustomCode
	if raw == c.CustomName() && printable(raw) {
		return finding.Finding{}, false
	}
	return RuleDisguisedName.New(fmt.Sprintf("custom_code %q of operator code %d is resolved as %q",
		clipBytes(raw), c.Index, clip(c.CustomName())), c.Offset), true
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return false
		}
	}
	return true
}

// clipBytes shortens a name for %q, keeping its bytes (escaped) rather than replacing them.
func clipBytes(s string) string {
	const maxLen = 80
	return s[:min(len(s), maxLen)]
}
