package keras

import (
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/keras"
)

// lambda returns the finding for one function a loader would rebuild.
func (d *Detector) lambda(m *keras.Model, l keras.Lambda) (finding.Finding, bool) {
	at := m.FileOffset(l.Offset)
	switch l.Kind {
	case keras.KindByName:
		return d.byName(m, l)
	case keras.KindBytecode, keras.KindSource:
	default:
		return finding.Finding{}, false
	}
	bad := dangerousWords(l)
	what := describeCode(l)
	ev := fmt.Sprintf("%s %s", lambdaName(l), what)
	if len(bad) > 0 {
		ev += " using " + quoteList(bad, 6)
	}
	if len(l.Values) > 0 {
		ev += fmt.Sprintf(" (with %q)", short(l.Values[0], 60))
	}
	ev += loadNote(m.Origin)
	if len(bad) > 0 {
		return RuleLambdaDangerous.New(clip(ev), at), true
	}
	return RuleLambdaCode.New(clip(ev), at), true
}

// byName judges a Keras 2 Lambda whose function is looked up by name: a dangerous module and
// name is as bad as a config reference to it; any other name needs custom code.
func (d *Detector) byName(m *keras.Model, l keras.Lambda) (finding.Finding, bool) {
	r := ref{module: l.Module, name: l.FuncName, fn: true}
	if r.module == "__main__" {
		r.module = ""
	}
	if i := strings.LastIndexByte(r.name, '.'); r.module == "" && i > 0 {
		r.module, r.name = r.name[:i], r.name[i+1:] // a dotted name says its module
	}
	at := m.FileOffset(l.Offset)
	if d.dangerous(r) {
		return RuleDangerousRef.New(clip(fmt.Sprintf("%s function %s", lambdaName(l), r)), at), true
	}
	if kerasPackages[topPackage(r.module)] || frameworkPackages[topPackage(r.module)] {
		return finding.Finding{}, false
	}
	return RuleCustomObject.New(clip(fmt.Sprintf("%s looks up function %s by name", lambdaName(l), r)), at), true
}

// dangerousWords returns the names the code uses that are on the codeNames list, in order:
// co_names of every nested code object, string constants (__import__("os") keeps "os" as a
// constant), identifiers of undecodable bytecode or source, and the module whose globals a
// Keras 2 Lambda is given.
func dangerousWords(l keras.Lambda) []string {
	var out []string
	seen := map[string]bool{}
	add := func(words ...string) {
		for _, w := range words {
			if codeNames[w] && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	add(l.Summary.Names...)
	add(l.Summary.Strings...)
	add(l.Words...)
	if l.Module != "" && l.Module != "__main__" && codeNames[topPackage(l.Module)] {
		add(topPackage(l.Module))
	}
	return out
}

func lambdaName(l keras.Lambda) string {
	switch {
	case l.Layer == "" && l.Field == "value":
		return "serialised lambda at " + pathOrRoot(l.Path)
	case l.Layer == "":
		return "Lambda layer at " + pathOrRoot(l.Path)
	}
	if l.Field == "function" {
		return fmt.Sprintf("Lambda layer %q", short(l.Layer, 40))
	}
	return fmt.Sprintf("Lambda layer %q %s", short(l.Layer, 40), l.Field)
}

// describeCode says what kind of code was found and how far it was decoded.
func describeCode(l keras.Lambda) string {
	switch {
	case l.Kind == keras.KindSource:
		return "holds Python source instead of bytecode"
	case l.Code != nil:
		return fmt.Sprintf("has %s bytecode (%d bytes)", l.Code.Layout, l.CodeLen)
	}
	return fmt.Sprintf("has %d bytes of bytecode no known layout decodes", l.CodeLen)
}

// loadNote says when the code runs for the artifact the JSON came from.
func loadNote(o keras.Origin) string {
	switch {
	case o.SafeMode():
		return "; runs when loaded with safe_mode=False"
	case o == keras.OriginH5ModelConfig || o == keras.OriginH5TrainingConfig:
		return "; runs on load, safe_mode is ignored for .h5 (CVE-2025-9905)"
	}
	return "; runs on load"
}
