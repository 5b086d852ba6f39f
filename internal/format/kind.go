// Package format identifies inputs by content and holds one pure parser per format in its
// subpackages. Identification never trusts a file name alone: a pickle named weights.bin is a
// pickle, a PNG named model.pt is an image.
package format

// Kind names an identified format. The string values appear in reports (files[].format).
type Kind string

// Formats aisec recognises. Container kinds are expanded by internal/source; model kinds are
// parsed by internal/format/<name>.
const (
	Unknown Kind = "unknown"

	// Model and data formats.
	Pickle         Kind = "pickle"
	PyTorchZip     Kind = "pytorch-zip"     // torch.save zip layout (<root>/data.pkl)
	PyTorchLegacy  Kind = "pytorch-legacy"  // magic-number pickle followed by stacked pickles
	PyTorchTar     Kind = "pytorch-tar"     // the pre-1.0 tar layout (sys_info, pickle, storages, tensors)
	TorchScript    Kind = "torchscript"     // zip with code/ and constants.pkl
	NumPy          Kind = "numpy"           // .npy
	NumPyZip       Kind = "numpy-zip"       // .npz
	Joblib         Kind = "joblib"          // pickle with joblib's inline numpy arrays
	Python         Kind = "python"          // Python source (TorchScript code/ members, custom model code)
	HDF5           Kind = "hdf5"            // HDF5 file (Keras .h5 when it has a model_config)
	KerasH5        Kind = "keras-h5"        // Keras HDF5 model (root attribute model_config)
	Keras          Kind = "keras"           // Keras v3 .keras zip (config.json, metadata.json, weights)
	KerasConfig    Kind = "keras-config"    // a Keras model config (JSON)
	TensorFlow     Kind = "tensorflow"      // TensorFlow protobuf; reported as tf-savedmodel, tf-graphdef, ...
	TensorFlowText Kind = "tensorflow-text" // TensorFlow text protobuf (.pbtxt, text .meta)
	TFLite         Kind = "tflite"          // TensorFlow Lite flatbuffer
	ONNX           Kind = "onnx"            // ONNX ModelProto
	GGUF           Kind = "gguf"            // llama.cpp GGUF
	Safetensors    Kind = "safetensors"     // safetensors
	JSON           Kind = "json"            // JSON configuration (HF config.json, tokenizer_config.json, ...)
	YAML           Kind = "yaml"            // YAML configuration
	Template       Kind = "jinja"           // standalone Jinja (chat) template
	Executable     Kind = "executable"      // ELF, PE, Mach-O or shebang script

	// Application code and project configuration (the AI code checks).
	SourceCode Kind = "source-code"         // Python, JavaScript/TypeScript, Go or Java application code
	Notebook   Kind = "notebook"            // Jupyter notebook (.ipynb)
	DotEnv     Kind = "dotenv"              // .env file of environment variables
	MCPConfig  Kind = "mcp-config"          // MCP client configuration or server manifest
	Manifest   Kind = "dependency-manifest" // requirements.txt, package.json, lockfiles, go.mod…

	// Containers.
	Zip      Kind = "zip"
	Tar      Kind = "tar"
	Gzip     Kind = "gzip"
	Bzip2    Kind = "bzip2"
	XZ       Kind = "xz"
	LZMA     Kind = "lzma"
	Zstd     Kind = "zstd"
	LZ4      Kind = "lz4"
	Zlib     Kind = "zlib"
	SevenZip Kind = "7z"

	// Recognised non-model content, reported as skipped.
	Image Kind = "image"
	Text  Kind = "text"
	Data  Kind = "data" // raw bytes with no structure (tensor storage, weights)
)

// IsContainer reports whether k is expanded into members rather than parsed.
func (k Kind) IsContainer() bool {
	switch k {
	case Zip, Tar, Gzip, Bzip2, XZ, LZMA, Zstd, LZ4, Zlib, SevenZip, PyTorchZip, TorchScript, NumPyZip, PyTorchTar, Keras:
		return true
	}
	return false
}

// IsCompression reports whether k is a single compressed stream (one member).
func (k Kind) IsCompression() bool {
	switch k {
	case Gzip, Bzip2, XZ, LZMA, Zstd, LZ4, Zlib:
		return true
	}
	return false
}

// Layout describes an expanded container: which flavour its members make it (a zip may be a
// PyTorch checkpoint, a TorchScript archive or an .npz) and how many members it has.
type Layout struct {
	Kind    Kind
	Members int
}

// Partial is implemented by parsed models that may have been analysed only in part (a budget
// was reached, a structure could not be followed). Each gap is one human-readable reason; the
// scanner marks the input partial and reports AISEC-SCAN-001 for it.
type Partial interface {
	Gaps() []string
}
