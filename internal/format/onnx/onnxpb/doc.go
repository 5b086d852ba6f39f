// Package onnxpb holds the Go types generated from aisec_onnx.proto, a trimmed copy of
// onnx.proto (Apache-2.0, ONNX Project Contributors) that keeps the upstream field numbers.
// internal/format/onnx decodes only small messages into them; regenerate with generate.sh.
package onnxpb
