// Package pickle turns the static model of a pickle (internal/format/pickle) into findings: the
// three-tier import policy, untraceable calls, evasion tricks and second-stage payloads.
package pickle

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	pkl "github.com/aisecops/aisec/internal/format/pickle"
)

// Detector applies the pickle rules.
type Detector struct{ policy *Policy }

// New returns a detector using the given policy (nil means the built-in policy).
func New(p *Policy) *Detector {
	if p == nil {
		p = NewPolicy(nil)
	}
	return &Detector{policy: p}
}

// Name implements detect.Detector.
func (d *Detector) Name() string { return "pickle" }

// Rules implements detect.Detector.
func (d *Detector) Rules() []finding.Rule { return AllRules() }

// Detect implements detect.Detector for *pickle.File models.
func (d *Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	f, ok := t.Model.(*pkl.File)
	if !ok || f == nil {
		return nil
	}
	out := d.file(f, "")
	if disguised(t) && len(f.Streams) > 0 {
		out = append(out, RuleDisguised.New(fmt.Sprintf("pickle content in %q", innermostName(t)), f.Streams[0].Offset))
	}
	return out
}

// file reports every stream; prefix is prepended to evidence for nested pickles.
func (d *Detector) file(f *pkl.File, prefix string) []finding.Finding {
	var out []finding.Finding
	for i, s := range f.Streams {
		sp := prefix
		if len(f.Streams) > 1 {
			sp = fmt.Sprintf("%spickle #%d: ", prefix, i+1)
		}
		out = append(out, d.stream(s, sp)...)
	}
	return out
}

func (d *Detector) stream(s *pkl.Stream, prefix string) []finding.Finding {
	var out []finding.Finding
	add := func(f finding.Finding) {
		f.Evidence = prefix + f.Evidence
		out = append(out, f)
	}
	risky := d.imports(s, add)
	for _, c := range s.Calls {
		if c.OnGlobal {
			add(RuleBuildOnGlobal.New(fmt.Sprintf("BUILD on %s with state %s", c.Callee, c.Args), c.Offset))
		}
		if len(c.Roots) == 0 && c.Opcode != "BUILD" {
			risky = true
			add(RuleUnresolved.New(fmt.Sprintf("%s on untraceable callable %s(%s)", c.Opcode, c.Callee, c.Args), c.Offset))
		} else if callsCallResult(c) {
			risky = true
			add(RuleUnknownCall.New(fmt.Sprintf("REDUCE calls the result of a call: %s(%s)", c.Callee, c.Args), c.Offset))
		}
	}
	for _, e := range s.Ext {
		risky = true
		add(RuleExt.New(fmt.Sprintf("EXT opcode imports extension code %d", e.Code), e.Offset))
	}
	for _, a := range firstOfKind(s.Anomalies) {
		add(RuleStructure.New(fmt.Sprintf("%s: %s", a.Kind, a.Detail), a.Offset))
	}
	if expansion(s) {
		add(RuleExpansion.New(fmt.Sprintf("a value expands to %d leaves from %d opcodes (%d GET, %d DUP, %d PUT)",
			s.Memo.Expanded, s.Opcodes, s.Memo.Gets, s.Memo.Dups, s.Memo.Puts), s.Offset))
	}
	if s.Err != nil {
		f := RuleMalformed.New(fmt.Sprintf("stream breaks at offset %d: %s", s.Err.Offset, s.Err.Msg), s.Err.Offset)
		if !risky {
			f.Severity = finding.Low
		}
		add(f)
	}
	for _, n := range s.Nested {
		for _, f := range d.nested(n) {
			add(f)
		}
	}
	for _, c := range s.Strings {
		if ev := codeEvidence(c); ev != "" {
			add(RuleEmbeddedCode.New(ev, c.Offset))
		}
	}
	return out
}

// imports reports every non-allowed import once per distinct global and says whether any
// import other than a known-safe one was seen.
func (d *Detector) imports(s *pkl.Stream, add func(finding.Finding)) (risky bool) {
	seen := map[string]bool{}
	for _, im := range s.Imports {
		full := im.Module + "." + im.Name
		key := fmt.Sprint(im.Resolved, full)
		if seen[key] {
			continue
		}
		seen[key] = true
		if !im.Resolved {
			risky = true
			add(RuleUnresolved.New(fmt.Sprintf("%s with non-constant operands %s (%s)", im.Opcode, full, orDirect(im.Via)), im.Offset))
			continue
		}
		verdict, entry := d.policy.Classify(im.Module, im.Name, s.Protocol)
		r := RuleUnknownGlobal
		switch verdict {
		case Allowed:
			continue
		case Dangerous:
			r = RuleDangerousGlobal
			if d.lookupsOnly(s, im) {
				continue // enum members and stored method references, see lookupsOnly
			}
		case Gadget:
			r = RuleGadget
		case Unknown:
			if calledAsFunction(s, im) {
				r = RuleUnknownCall
			}
		}
		risky = true
		add(r.New(importEvidence(s, im, full, entry), im.Offset))
	}
	return risky
}

func importEvidence(s *pkl.Stream, im pkl.Import, full, entry string) string {
	var b strings.Builder
	b.WriteString(full + " via " + im.Opcode)
	if im.Via != "" {
		b.WriteString(" (" + im.Via + ")")
	}
	if entry != "" && entry != full {
		b.WriteString(" (denylist entry " + entry + ")")
	}
	if c, ok := firstCall(s, im); ok {
		b.WriteString("; called as " + c.Callee + "(" + c.Args + ")")
	}
	if n := countImports(s, full); n > 1 {
		fmt.Fprintf(&b, "; imported %d times", n)
	}
	return b.String()
}

func firstCall(s *pkl.Stream, im pkl.Import) (pkl.Call, bool) {
	for _, c := range s.Calls {
		for _, r := range c.Roots {
			if r.Offset == im.Offset && c.Opcode != "BUILD" {
				return c, true
			}
		}
	}
	return pkl.Call{}, false
}

// calledAsFunction reports whether an unknown import is a function (not a class) that the
// pickle calls directly by REDUCE, or passes as an argument to a call: allowlisted helpers such
// as torch's _rebuild_from_type_v2(func, ...) or numpy's random-state constructors call the
// callable they are given. Unknown functions are how allowlists are bypassed.
func calledAsFunction(s *pkl.Stream, im pkl.Import) bool {
	full := im.Module + "." + im.Name
	if isClassName(full) || strings.Trim(name(full), "_") == "" || noEscalate[full] {
		return false
	}
	for _, c := range s.Calls {
		if c.Opcode == "REDUCE" && c.Callee == full {
			return true
		}
		if c.Opcode != "BUILD" && mentions(c.Args, full) {
			return true
		}
	}
	return false
}

// mentions reports whether the rendered expression refers to the global name (not merely to
// a longer name that starts with it).
func mentions(expr, name string) bool {
	for i := strings.Index(expr, name); i >= 0; {
		end := i + len(name)
		if (i == 0 || !identByte(expr[i-1])) && (end == len(expr) || !identByte(expr[end]) && expr[end] != '.') {
			return true
		}
		next := strings.Index(expr[i+1:], name)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func identByte(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// callsCallResult reports REDUCE on a value that is itself the result of a call (other than a
// getattr lookup, which its own rule covers): calling an instance runs its __call__, e.g. a
// joblib Parallel object runs the functions it is handed.
func callsCallResult(c pkl.Call) bool {
	return c.Opcode == "REDUCE" && strings.HasSuffix(c.Callee, ")") && !strings.Contains(c.Callee, "getattr(")
}

func countImports(s *pkl.Stream, full string) int {
	n := 0
	for _, im := range s.Imports {
		if im.Module+"."+im.Name == full {
			n++
		}
	}
	return n
}

// nested reports a pickle embedded in a constant. Passed to a loader, its findings stand as
// they are (the outer loader call is itself reported). Inert, it becomes one second-stage
// finding as soon as it imports anything outside the allowlist: data that carries a pickle
// which calls code is a staged payload whatever the callable.
func (d *Detector) nested(n pkl.Nested) []finding.Finding {
	if n.File == nil {
		return nil
	}
	where := fmt.Sprintf("nested %s pickle at offset %d", n.Encoding, n.Offset)
	inner := d.file(n.File, "")
	if n.Loader != "" {
		for i := range inner {
			inner[i].Evidence = where + " loaded by " + n.Loader + ": " + inner[i].Evidence
		}
		return inner
	}
	var worst []string
	for _, f := range inner {
		if f.Severity >= finding.Medium {
			worst = append(worst, f.Evidence)
		}
	}
	if len(worst) == 0 {
		return nil
	}
	return []finding.Finding{RuleSecondStage.New(where+" (inert data) would run: "+strings.Join(worst, "; "), n.Offset)}
}

// expansion reports a value that grows far beyond the opcodes that built it. Ordinary pickles
// share references too (a class imported once and reused), but the expanded size stays within a
// small factor of the opcode count; nesting memo references multiplies it at every level.
func expansion(s *pkl.Stream) bool {
	return s.Memo.Expanded > expansionFloor && s.Memo.Expanded/max(s.Opcodes, 1) > expansionFactor
}

// Thresholds of expansion: a legitimate list holding ten thousand references to one
// thousand-element list (10^7 leaves from 10^4 opcodes) stays below them.
const (
	expansionFloor  = 100_000_000
	expansionFactor = 1000
)

func firstOfKind(as []pkl.Anomaly) []pkl.Anomaly {
	seen := map[pkl.AnomalyKind]bool{}
	var out []pkl.Anomaly
	for _, a := range as {
		if !seen[a.Kind] && a.Kind != pkl.AnomalyUnknownOpcode {
			seen[a.Kind] = true
			out = append(out, a)
		}
	}
	return out
}

func orDirect(via string) string {
	if via == "" {
		return "direct"
	}
	return via
}

// nonPickleExt are extensions that claim a format other than pickle.
var nonPickleExt = set(".txt", ".json", ".md", ".csv", ".yaml", ".yml", ".xml", ".html", ".png", ".jpg",
	".jpeg", ".gif", ".safetensors", ".onnx", ".gguf", ".h5", ".hdf5", ".keras", ".tflite", ".pb", ".msgpack",
	".py", ".sh", ".cfg", ".ini", ".toml", ".npy", ".wav", ".mp3", ".log")

func disguised(t detect.Target) bool {
	if t.Format == "numpy" { // object arrays hold pickles by design
		return false
	}
	return nonPickleExt[strings.ToLower(path.Ext(innermostName(t)))]
}

func innermostName(t detect.Target) string {
	name := t.Path
	if t.Member != "" {
		parts := strings.Split(t.Member, "!/")
		name = parts[len(parts)-1]
	}
	return path.Base(strings.ReplaceAll(name, "\\", "/"))
}

var _ detect.Detector = (*Detector)(nil)
