package keras

import (
	"fmt"
	"strings"

	pickledetect "github.com/aisecops/aisec/internal/detect/pickle"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/keras"
)

// ref is what a serialised object asks the loader to resolve.
type ref struct {
	module string
	name   string // class name, or function name for {"class_name": "function"}
	fn     bool
}

func (r ref) String() string {
	if r.module == "" {
		return r.name
	}
	return r.module + "." + r.name
}

func refOf(o keras.Object) ref {
	r := ref{module: o.Module, name: o.ClassName, fn: o.ClassName == "function"}
	switch {
	case r.fn && o.Inner != "":
		r.name = o.Inner
	case r.fn:
		r.name = o.RegisteredName
	case o.ClassName == "__typespec__":
		r.name = o.Inner
	}
	return r
}

// object returns the one finding an object deserves, the most severe that applies.
func (d *Detector) object(m *keras.Model, o keras.Object) (finding.Finding, bool) {
	r := refOf(o)
	at, where := m.FileOffset(o.Offset), describe(o)
	kerasRef := kerasPackages[topPackage(r.module)] || r.module == ""
	switch {
	case r.name == "TorchModuleWrapper" || strings.HasSuffix(o.RegisteredName, ">TorchModuleWrapper"):
		return RuleTorchModule.New(clip("TorchModuleWrapper "+where), at), true
	case r.name == "enable_unsafe_deserialization":
		return RuleUnsafeDeserialization.New(clip(r.String()+" "+where), at), true
	case r.name == "get_file":
		return RuleGetFile.New(clip(r.String()+" "+where+urlArg(o.Args)), at), true
	case d.dangerous(r):
		return RuleDangerousRef.New(clip(kindOf(r)+" "+r.String()+" "+where+args(o)), at), true
	case isTFOpLambda(o.ClassName) && tfDanger(o.Function):
		return RuleDangerousRef.New(clip(fmt.Sprintf("%s calls tf.%s %s%s", o.ClassName, o.Function, where, args(o))), at), true
	case kerasRef && kerasCodeLoaders[r.name]:
		return RuleDangerousRef.New(clip(r.String()+" rebuilds Python bytecode, "+where), at), true
	case kerasRef && (kerasFileFunctions[r.name] || kerasFileUtils[r.name] && isFileModule(r.module)):
		return RuleFileFunction.New(clip(r.String()+" "+where+args(o)), at), true
	case r.fn && (o.Called || o.Slot == "layers"):
		return RuleFunctionLayer.New(clip("function "+r.String()+" "+where+args(o)), at), true
	}
	if ev, ok := d.foreign(r); ok {
		return RuleForeignModule.New(clip(ev+" "+where), at), true
	}
	if pkg, ok := customPackage(o); ok {
		return RuleCustomObject.New(clip(fmt.Sprintf("custom object %q (package %q) %s", registered(o), pkg, where)), at), true
	}
	return finding.Finding{}, false
}

// dangerous reports whether resolving r imports something on the denylist, or a TensorFlow
// function that reaches files or Python.
func (d *Detector) dangerous(r ref) bool {
	if r.module == "" || r.name == "" {
		return false // without a module nothing is imported: Keras looks names up in its registries
	}
	if frameworkPackages[topPackage(r.module)] && tfDanger(r.name) {
		return true
	}
	if isBuiltins(r.module) && pureBuiltins[r.name] {
		return false
	}
	switch v, _ := d.policy.Classify(r.module, r.name, 4); v {
	case pickledetect.Dangerous:
		return true
	case pickledetect.Gadget:
		return !isBuiltins(r.module) // builtins.map and friends are only called with tensors here
	}
	return false
}

// foreign describes a reference to a module outside Keras and its frameworks. Keras writes
// "builtins" for its own built-in functions ("relu", "mse"); only names that really are Python
// builtins count there.
func (d *Detector) foreign(r ref) (string, bool) {
	top := topPackage(r.module)
	switch {
	case r.module == "" || kerasPackages[top] || frameworkPackages[top]:
		return "", false
	case isBuiltins(r.module):
		if pythonBuiltins[r.name] && !pureBuiltins[r.name] {
			return "Python builtin " + r.name, true
		}
		return "", false
	}
	return fmt.Sprintf("%s %s from module %q", kindOf(r), r.name, r.module), true
}

// customPackage returns the package of a registered custom object ("Custom>Name",
// "package>Name"), from registered_name (Keras 3) or class_name (Keras 2), and recognises the
// well-known custom layer of Keras 2 models, tensorflow_hub's KerasLayer.
func customPackage(o keras.Object) (string, bool) {
	if o.ClassName == "KerasLayer" && o.Module == "" {
		return "tensorflow_hub", true // Keras 2 hub.KerasLayer: downloads and loads a SavedModel from its handle
	}
	pkg, name, ok := strings.Cut(registered(o), ">")
	if !ok || kerasPackages[pkg] || (pkg == "Custom" && builtinOptimizers[name]) {
		return "", false
	}
	return pkg, true
}

// builtinOptimizers are the optimizers TF/Keras 2.11–2.15 serialise as "Custom>Name" although
// they are Keras' own (the "Unknown optimizer: Custom>Adam" load errors of that era).
var builtinOptimizers = map[string]bool{"Adam": true, "AdamW": true, "SGD": true, "RMSprop": true,
	"Adagrad": true, "Adadelta": true, "Adamax": true, "Nadam": true, "Ftrl": true, "Lion": true, "Adafactor": true}

func registered(o keras.Object) string {
	if strings.Contains(o.RegisteredName, ">") {
		return o.RegisteredName
	}
	return o.ClassName
}

func isBuiltins(module string) bool { return module == "builtins" || module == "__builtin__" }

func isTFOpLambda(cls string) bool { return cls == "TFOpLambda" || cls == "SlicingOpLambda" }

func isFileModule(module string) bool {
	return strings.Contains(module, "file_utils") || strings.Contains(module, "io_utils") || strings.Contains(module, "gfile")
}

func kindOf(r ref) string {
	if r.fn {
		return "function"
	}
	return "class"
}

// describe names where an object sits: `layer "x" at config.layers[2]`.
func describe(o keras.Object) string {
	role := "object"
	switch {
	case o.Slot == "layers" || o.Slot == "layer" || o.Slot == "backward_layer" || o.Slot == "forward_layer":
		role = "layer"
	case o.Slot != "":
		role = o.Slot
	}
	s := "at " + pathOrRoot(o.Path)
	if o.Name != "" {
		s = fmt.Sprintf("as %s %q %s", role, short(o.Name, 40), s)
	}
	if o.Called {
		s += ", called on load"
	}
	return s
}

// args renders the string arguments of an object's recorded calls.
func args(o keras.Object) string {
	if len(o.Args) == 0 {
		return ""
	}
	q := make([]string, 0, len(o.Args))
	for _, a := range o.Args {
		q = append(q, fmt.Sprintf("%q", short(a, 40)))
	}
	return " with " + quoteList(q, 4)
}

// urlArg names the URL get_file would fetch, when the config records one.
func urlArg(list []string) string {
	for _, a := range list {
		if strings.Contains(a, "://") {
			return fmt.Sprintf(" fetching %q", short(a, 80))
		}
	}
	return ""
}
