package onnx

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/aisecops/aisec/internal/format/onnx/onnxpb"
)

// TensorProto fields: the header fields are decoded, the data fields are skipped unread.
const (
	tensorDims, tensorType, tensorSegment, tensorName, tensorRaw, tensorDoc = 1, 2, 3, 8, 9, 12
	tensorExternal, tensorLocation, tensorMeta                              = 13, 14, 16
)

// tensor reads the header of one TensorProto at where. raw_data, float_data, int32_data,
// string_data, int64_data, double_data and uint64_data are skipped by offset: only their
// length is looked at.
func (w *walker) tensor(f field, where string) error {
	w.m.Tensors++
	hdr := &onnxpb.TensorProto{}
	var raw int64
	err := w.walk(f.Val, f.End, loc{path: where}, func(g field) error {
		switch g.Num {
		case tensorRaw:
			if g.Type == protowire.BytesType {
				raw += g.Size()
			}
		case tensorDims, tensorType, tensorSegment, tensorName, tensorDoc, tensorExternal, tensorLocation, tensorMeta:
			w.decode(g, hdr, where)
		}
		return nil
	})
	w.text(where+".doc_string", hdr.GetDocString(), f.Val)
	for _, p := range hdr.GetMetadataProps() {
		w.text(where+".metadata_props."+p.GetKey(), p.GetValue(), f.Val)
	}
	if hdr.GetDataLocation() != DataLocationExternal && len(hdr.GetExternalData()) == 0 {
		return err
	}
	if len(w.m.External) >= w.budget.MaxEntries {
		w.gap("more than %d tensors with external data; %s and later ones were not recorded", w.budget.MaxEntries, where)
		return err
	}
	t := Tensor{Name: w.keep(hdr.GetName()), Where: where, DataType: hdr.GetDataType(), Dims: hdr.GetDims(),
		DataLocation: int32(hdr.GetDataLocation()), ExtOffset: -1, ExtLength: -1, RawData: raw, Offset: f.Val}
	for _, e := range hdr.GetExternalData() {
		w.external(&t, e.GetKey(), e.GetValue())
	}
	w.m.External = append(w.m.External, t)
	return err
}

// external applies one external_data entry the way onnx's ExternalDataInfo does: later
// entries of a key override earlier ones.
func (w *walker) external(t *Tensor, key, value string) {
	key, value = w.keep(key), w.keep(value)
	t.Entries = append(t.Entries, Prop{Key: key, Value: value, Offset: t.Offset})
	switch key {
	case "location":
		t.Location, t.HasLocation = value, true
	case "offset", "length":
		n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil || n < 0 {
			t.BadValues = append(t.BadValues, fmt.Sprintf("%s=%q", key, value))
			return
		}
		if key == "offset" {
			t.ExtOffset = n
		} else {
			t.ExtLength = n
		}
	case "checksum":
		t.Checksum = value
	}
}

// sparse walks a SparseTensorProto: its values and indices are tensors of their own.
func (w *walker) sparse(f field, where string) error {
	return w.walk(f.Val, f.End, loc{path: where}, func(g field) error {
		if g.Type != protowire.BytesType {
			return nil
		}
		switch g.Num {
		case 1:
			return w.tensor(g, where+".values")
		case 2:
			return w.tensor(g, where+".indices")
		}
		return nil
	})
}
