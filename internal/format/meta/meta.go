// Package meta holds the text a model carries besides its weights — metadata values, config
// strings, chat templates — in one shape, so that the metadata, template and secret detectors
// work the same on every format.
package meta

// String is one text value found in a model's metadata.
type String struct {
	// Key says where the value sits, e.g. "__metadata__.model_info", "tokenizer.chat_template",
	// "config.layers[3].config.function" or "" for a standalone template file.
	Key   string
	Value string
	// Offset is the byte offset of the value in the file, or -1 when unknown.
	Offset int64
}

// Doc is the metadata text of one artifact, handed to the detectors as a model of its own.
type Doc struct {
	Format  string // the format the strings were read from, e.g. "safetensors", "gguf", "json"
	Strings []String
}

// Source is implemented by parsed models that carry metadata text. The scanner turns it into a
// Doc for the metadata and template detectors.
type Source interface {
	MetaStrings() []String
}

// Code is text in which only credentials are of concern: application source, notebook cells and
// outputs, environment files. Code is expected to hold code, URLs and commands, so the metadata
// detector looks for secrets in it and nothing else.
type Code struct {
	Format  string // "python", "notebook", "dotenv"…
	Strings []String
}
