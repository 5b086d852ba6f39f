// Package describe turns what discovery finds — model files, Hugging Face configuration files,
// model and dataset cards, dataset files — into the neutral BOM model (bom.ModelInfo,
// bom.DatasetInfo, bom.Completeness). It reads through the repository's bounded parsers
// (internal/format/...), takes readers and bytes, never opens files and never reads weights:
// a multi-gigabyte model costs its header.
//
// Every function tolerates hostile input: lengths and counts are bounded, nothing panics, and
// malformed input yields less information rather than an error wherever the rest still makes
// sense.
package describe
