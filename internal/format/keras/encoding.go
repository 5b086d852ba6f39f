package keras

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// normalise returns UTF-8 JSON text Go's decoder accepts, with the offset shift of a removed
// BOM and whether the text was transcoded (offsets then no longer index the input).
func normalise(data []byte) ([]byte, int64, bool, error) {
	enc := detectEncoding(data)
	var text []byte
	var shift int64
	switch enc {
	case "utf-8":
		text = data
	case "utf-8-sig":
		text, shift = data[3:], 3
	default:
		t, err := transcode(data, enc)
		if err != nil {
			return nil, 0, false, err
		}
		return t, 0, true, nil
	}
	return text, shift, false, nil
}

// detectEncoding mirrors json.detect_encoding of CPython's Lib/json/__init__.py, which
// json.loads applies to bytes (Keras reads config.json as bytes).
func detectEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0, 0, 0xfe, 0xff}), bytes.HasPrefix(b, []byte{0xff, 0xfe, 0, 0}):
		return "utf-32"
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}), bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return "utf-16"
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return "utf-8-sig"
	}
	switch {
	case len(b) >= 4 && b[0] == 0:
		if b[1] != 0 {
			return "utf-16-be"
		}
		return "utf-32-be"
	case len(b) >= 4 && b[1] == 0:
		if b[2] != 0 || b[3] != 0 {
			return "utf-16-le"
		}
		return "utf-32-le"
	case len(b) == 2 && b[0] == 0:
		return "utf-16-be"
	case len(b) == 2 && b[1] == 0:
		return "utf-16-le"
	}
	return "utf-8"
}

// transcode converts UTF-16/32 text to UTF-8. A BOM picks the byte order for "utf-16" and
// "utf-32" (and is dropped); invalid units become U+FFFD.
func transcode(b []byte, enc string) ([]byte, error) {
	var order binary.ByteOrder = binary.LittleEndian
	switch enc {
	case "utf-16", "utf-32":
		if b[0] == 0xfe || b[0] == 0 {
			order = binary.BigEndian
		}
		if enc == "utf-16" {
			b, enc = b[2:], "utf-16-x"
		} else {
			b, enc = b[4:], "utf-32-x"
		}
	case "utf-16-be", "utf-32-be":
		order = binary.BigEndian
	}
	out := make([]byte, 0, len(b))
	if enc[:6] == "utf-16" {
		units := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			units = append(units, order.Uint16(b[i:]))
		}
		for _, r := range utf16.Decode(units) {
			out = utf8.AppendRune(out, r)
		}
		return out, nil
	}
	for i := 0; i+3 < len(b); i += 4 {
		out = utf8.AppendRune(out, rune(order.Uint32(b[i:])))
	}
	return out, nil
}
