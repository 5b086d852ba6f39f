package testgen

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"

	"google.golang.org/protobuf/encoding/protowire"
)

// WriteSparseSafetensors writes a safetensors file of about totalBytes with the given number of
// float32 tensors. The data section is a hole (the file is sparse), so a 4 GiB benchmark input
// costs no disk: scanners must read the header, never the weights.
func WriteSparseSafetensors(path string, totalBytes int64, tensors int) error {
	if tensors < 1 || totalBytes < int64(tensors)*4 {
		return fmt.Errorf("unable to plan safetensors file: need tensors >= 1 and totalBytes >= 4*tensors")
	}
	per := totalBytes / int64(tensors) / 4 * 4
	header := map[string]any{"__metadata__": map[string]string{"format": "pt"}}
	for i := range tensors {
		begin := int64(i) * per
		header[fmt.Sprintf("model.layers.%d.weight", i)] = map[string]any{
			"dtype": "F32", "shape": []int64{per / 4}, "data_offsets": []int64{begin, begin + per},
		}
	}
	js, err := json.Marshal(header)
	if err != nil {
		return fmt.Errorf("unable to encode safetensors header: %w", err)
	}
	for len(js)%8 != 0 {
		js = append(js, ' ') // the reference writer pads the header with spaces to 8 bytes
	}
	head := binary.LittleEndian.AppendUint64(nil, uint64(len(js)))
	return writeSparse(path, append(head, js...), int64(len(head)+len(js))+per*int64(tensors))
}

// WriteSparseONNX writes an ONNX model of about totalBytes: a MatMul graph whose one
// initializer holds its weights inline in raw_data. The raw_data bytes are a hole in a sparse
// file; a scanner that streams over raw_data reads a few hundred bytes.
func WriteSparseONNX(path string, totalBytes int64) error {
	var node []byte
	node = protowire.AppendTag(node, 1, protowire.BytesType) // input
	node = protowire.AppendString(node, "x")
	node = protowire.AppendTag(node, 1, protowire.BytesType)
	node = protowire.AppendString(node, "W")
	node = protowire.AppendTag(node, 2, protowire.BytesType) // output
	node = protowire.AppendString(node, "y")
	node = protowire.AppendTag(node, 4, protowire.BytesType) // op_type
	node = protowire.AppendString(node, "MatMul")

	opset := protowire.AppendTag(nil, 2, protowire.VarintType) // version
	opset = protowire.AppendVarint(opset, 13)

	var model []byte
	model = protowire.AppendTag(model, 1, protowire.VarintType) // ir_version
	model = protowire.AppendVarint(model, 8)
	model = protowire.AppendTag(model, 2, protowire.BytesType) // producer_name
	model = protowire.AppendString(model, "aisec-testgen")
	model = protowire.AppendTag(model, 8, protowire.BytesType) // opset_import
	model = protowire.AppendBytes(model, opset)

	// The graph ends with the initializer, and the initializer ends with raw_data, so that the
	// hole is the tail of the file.
	const overhead = 256
	raw := totalBytes - int64(len(model)) - int64(len(node)) - overhead
	if raw < 4 {
		return fmt.Errorf("unable to plan ONNX file of %d bytes", totalBytes)
	}
	raw -= raw % 4
	var tensorHead []byte
	tensorHead = protowire.AppendTag(tensorHead, 1, protowire.VarintType) // dims
	tensorHead = protowire.AppendVarint(tensorHead, uint64(raw/4))
	tensorHead = protowire.AppendTag(tensorHead, 2, protowire.VarintType) // data_type FLOAT
	tensorHead = protowire.AppendVarint(tensorHead, 1)
	tensorHead = protowire.AppendTag(tensorHead, 8, protowire.BytesType) // name
	tensorHead = protowire.AppendString(tensorHead, "W")
	tensorHead = protowire.AppendTag(tensorHead, 9, protowire.BytesType) // raw_data
	tensorHead = protowire.AppendVarint(tensorHead, uint64(raw))
	tensorLen := int64(len(tensorHead)) + raw

	var graphHead []byte
	graphHead = protowire.AppendTag(graphHead, 1, protowire.BytesType) // node
	graphHead = protowire.AppendBytes(graphHead, node)
	graphHead = protowire.AppendTag(graphHead, 2, protowire.BytesType) // name
	graphHead = protowire.AppendString(graphHead, "bench")
	graphHead = protowire.AppendTag(graphHead, 5, protowire.BytesType) // initializer
	graphHead = protowire.AppendVarint(graphHead, uint64(tensorLen))
	graphLen := int64(len(graphHead)) + tensorLen

	model = protowire.AppendTag(model, 7, protowire.BytesType) // graph
	model = protowire.AppendVarint(model, uint64(graphLen))
	head := append(append(model, graphHead...), tensorHead...)
	return writeSparse(path, head, int64(len(head))+raw)
}

// writeSparse writes head and extends the file to size with a hole.
func writeSparse(path string, head []byte, size int64) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("unable to create %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("unable to close %s: %w", path, cerr)
		}
	}()
	if _, err := f.Write(head); err != nil {
		return fmt.Errorf("unable to write %s: %w", path, err)
	}
	if err := f.Truncate(size); err != nil {
		return fmt.Errorf("unable to extend %s: %w", path, err)
	}
	return nil
}
