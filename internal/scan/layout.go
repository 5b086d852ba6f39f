package scan

import (
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/pickle"
)

// legacyTorchMagic is the first value torch.save writes in the pre-zip format.
const legacyTorchMagic = "119547037146038801333356" // 0x1950a86a20f9469cfc6c

// legacyTorchStreams is how many pickles torch.load reads from a legacy file; what follows is
// raw storage data that no loader unpickles.
const legacyTorchStreams = 5

// zipLayout names the zip flavour from its member names. Content still decides everything:
// the label only tells people what the archive is.
func zipLayout(names []string) format.Kind {
	var pkl, code, constants, npy int
	for _, name := range names {
		base := path.Base(name)
		switch {
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
	}
	return format.Zip
}

// classifyPickle labels a pickle file: legacy torch checkpoints and joblib dumps are pickles
// with a recognisable shape. For a legacy checkpoint, streams after the fifth are tensor bytes
// torch never unpickles, so they are dropped rather than misread as pickles.
func classifyPickle(f *pickle.File) format.Kind {
	if len(f.Streams) >= 2 && isLegacyMagic(f.Streams[0]) {
		if len(f.Streams) > legacyTorchStreams {
			extra := f.Streams[legacyTorchStreams]
			f.Streams = f.Streams[:legacyTorchStreams]
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

// isLegacyMagic accepts the literal magic number, and also a first pickle whose value is
// computed by a call: a loader would still go on to the next pickles (GHSA-97f8-7cmv-76j2).
func isLegacyMagic(s *pickle.Stream) bool {
	return s.Result.Int == legacyTorchMagic || s.Result.Kind == pickle.ValueCall
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
