// Package list is the explicit registry of detectors. A detector that is not listed here does
// not run; there is no init() registration.
package list

import (
	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/detect/aicode"
	"github.com/aisecops/aisec/internal/detect/archive"
	"github.com/aisecops/aisec/internal/detect/executable"
	"github.com/aisecops/aisec/internal/detect/gguf"
	"github.com/aisecops/aisec/internal/detect/hfrepo"
	"github.com/aisecops/aisec/internal/detect/keras"
	"github.com/aisecops/aisec/internal/detect/mcp"
	"github.com/aisecops/aisec/internal/detect/metadata"
	"github.com/aisecops/aisec/internal/detect/onnx"
	"github.com/aisecops/aisec/internal/detect/pickle"
	"github.com/aisecops/aisec/internal/detect/pycode"
	"github.com/aisecops/aisec/internal/detect/safetensors"
	"github.com/aisecops/aisec/internal/detect/template"
	"github.com/aisecops/aisec/internal/detect/tensorflow"
	"github.com/aisecops/aisec/internal/detect/tflite"
	"github.com/aisecops/aisec/internal/detect/torchscript"
	"github.com/aisecops/aisec/internal/detect/vulns"
)

// Options configures the detectors that take configuration.
type Options struct {
	// AllowGlobals extends the pickle allowlist ("module.name" or "module.*"). The denylist
	// cannot be overridden.
	AllowGlobals []string
}

// Default returns every detector of `aisec scan`, in reporting order.
func Default(o Options) []detect.Detector {
	policy := pickle.NewPolicy(o.AllowGlobals)
	return []detect.Detector{
		pickle.New(policy),
		torchscript.New(),
		keras.New(policy),
		tensorflow.New(),
		tflite.New(),
		onnx.New(),
		gguf.New(),
		safetensors.New(),
		template.New(),
		metadata.New(),
		pycode.New(),
		hfrepo.New(),
		executable.New(),
		archive.New(),
		aicode.New(),
		mcp.New(),
		vulns.New(),
	}
}
