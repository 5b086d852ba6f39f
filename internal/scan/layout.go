package scan

import (
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pickle"
)

// zipLayout names the zip flavour from its member names. Content still decides everything:
// the label only tells people what the archive is.
func zipLayout(names []string) format.Kind {
	var pkl, code, constants, npy int
	keras := map[string]bool{}
	for _, name := range names {
		base := path.Base(name)
		switch {
		case name == "config.json" || name == "metadata.json" || name == "model.weights.h5":
			keras[name] = true
		case base == "data.pkl":
			pkl++
		case base == "constants.pkl":
			constants++
		case strings.Contains(name, "/code/") || strings.HasPrefix(name, "code/"):
			code++
		case strings.HasSuffix(name, ".npy"):
			npy++
		}
	}
	switch {
	case code > 0 && constants > 0:
		return format.TorchScript
	case pkl > 0:
		return format.PyTorchZip
	case npy > 0 && npy == len(names):
		return format.NumPyZip
	case keras["config.json"] && (keras["metadata.json"] || keras["model.weights.h5"]):
		return format.Keras // keras.saving.save_model's .keras layout
	}
	return format.Zip
}

// classifyPickle labels a pickle file: legacy torch checkpoints and joblib dumps are pickles
// with a recognisable shape. For a legacy checkpoint, streams after the fifth are tensor bytes
// torch never unpickles, so they are dropped rather than misread as pickles.
func classifyPickle(f *pickle.File) format.Kind {
	if pickle.IsLegacyTorch(f) {
		if len(f.Streams) > pickle.LegacyTorchStreams {
			extra := f.Streams[pickle.LegacyTorchStreams]
			f.Streams = f.Streams[:pickle.LegacyTorchStreams]
			f.TrailingOffset, f.Trailing = extra.Offset, 0
		}
		return format.PyTorchLegacy
	}
	for _, s := range f.Streams {
		for _, im := range s.Imports {
			if strings.HasPrefix(im.Module, "joblib.") {
				return format.Joblib
			}
		}
	}
	return format.Pickle
}

// isLegacyTorchTar recognises the tar layout torch.save wrote before 1.0 (sys_info, pickle,
// storages, tensors), whose members are all analysed like any tar member.
func isLegacyTorchTar(names []string) bool {
	need := map[string]bool{"sys_info": true, "pickle": true, "storages": true}
	for _, n := range names {
		delete(need, n)
	}
	return len(need) == 0
}
