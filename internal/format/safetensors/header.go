package safetensors

import (
	"context"
	"fmt"
	"strings"
)

const metadataKey = "__metadata__"

// hparser turns the header JSON into the File model.
type hparser struct {
	ctx        context.Context
	s          scanner
	f          *File
	maxTensors int
	tooMany    bool
	base       string // key path of the value being walked
	segs       []seg  // keys and indexes below base
	maxStrings int
	members    int
}

// parseHeader reads the whole header. A syntax error stops it; what was read before stays in
// the model, and the error is returned so the caller can record it.
func (h *hparser) parseHeader() error {
	if h.s.hasPrefix("\xef\xbb\xbf") {
		h.anomaly(ByteOrderMark, "", "UTF-8 byte order mark before the JSON (serde_json rejects it, Python's json.loads(bytes) skips it)", h.s.off())
		h.s.i += 3
	}
	if start := h.s.i; h.s.ws() || h.s.i > start {
		h.anomaly(HeaderPadding, "", "whitespace before the JSON object", h.s.base)
	}
	if h.s.peek() != '{' {
		h.anomaly(NotObject, "", "the header is not a JSON object", h.s.off())
		if err := h.value("", 0); err != nil {
			return err
		}
	} else if err := h.object("the header", "", h.member); err != nil {
		return err
	}
	return h.tail()
}

// tail checks what follows the JSON value: the reference writer pads with spaces to a
// multiple of 8; serde_json accepts any JSON whitespace and rejects anything else.
func (h *hparser) tail() error {
	at := h.s.i
	nonSpace := h.s.ws()
	if h.s.i < len(h.s.b) {
		h.anomaly(HeaderTrailing, "", fmt.Sprintf("%d bytes after the JSON object inside the header", len(h.s.b)-h.s.i), h.s.off())
		h.headerRegion(h.s.i)
		return nil
	}
	if nonSpace {
		h.anomaly(HeaderPadding, "", "header padding is not only spaces", h.s.base+int64(at))
	}
	return nil
}

// member handles one top-level key: "__metadata__" or a tensor name.
func (h *hparser) member(key string, off int64, escaped bool) error {
	h.members++
	if h.members%4096 == 0 {
		if err := h.ctx.Err(); err != nil {
			return err
		}
	}
	if key == metadataKey {
		if escaped {
			h.anomaly(EscapedKey, "", `"__metadata__" spelled with escape sequences`, off)
		}
		return h.metadata(off)
	}
	if !plainName(key) {
		h.collect("(tensor name)", key, off+1)
	}
	return h.tensor(key, off)
}

// metadata reads "__metadata__": null or an object of strings.
func (h *hparser) metadata(off int64) error {
	h.s.ws()
	switch h.s.peek() {
	case 'n':
		_, err := h.s.literal()
		return err
	case '{':
	default:
		h.anomaly(BadMetadata, "", "__metadata__ is not an object", off)
		return h.value(metadataKey, 1)
	}
	// A second "__metadata__" was already noted as a duplicate key by object(): serde_json
	// rejects it (a duplicate struct field), Python keeps the last one. Both are collected.
	h.f.HasMetadata = true
	if h.f.Metadata == nil {
		h.f.Metadata = make(map[string]string)
	}
	return h.object(metadataKey, "", func(key string, koff int64, _ bool) error {
		path := joinPath(metadataKey, key)
		h.s.ws()
		if h.s.peek() != '"' {
			h.anomaly(BadMetadata, "", fmt.Sprintf("__metadata__ value %s is not a string", quote(key)), koff)
			return h.value(path, 2)
		}
		v, voff, _, err := h.s.str()
		if err != nil {
			return err
		}
		h.f.Metadata[key] = v
		h.collect(path, v, voff)
		return nil
	})
}

// plainName reports whether a tensor name uses only the characters real tensor names use;
// other names are handed to the metadata detectors as text.
func plainName(s string) bool {
	if len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-/:+@[]", c) >= 0) {
			return false
		}
	}
	return true
}

// anomaly records one anomaly, keeping at most MaxAnomalies.
func (h *hparser) anomaly(k AnomalyKind, tensor, detail string, off int64) {
	addAnomaly(h.f, Anomaly{Kind: k, Tensor: tensor, Detail: detail, Offset: off})
}

func addAnomaly(f *File, a Anomaly) {
	if len(f.Anomalies) >= MaxAnomalies {
		f.MoreAnomalies++
		return
	}
	f.Anomalies = append(f.Anomalies, a)
}

// headerRegion records header bytes from i to the end as an uncovered region, with a sample
// taken from the header already in memory.
func (h *hparser) headerRegion(i int) {
	if i >= len(h.s.b) {
		return
	}
	r := Region{Kind: RegionHeader, Start: h.s.base + int64(i), End: h.s.base + int64(len(h.s.b))}
	n := min(len(h.s.b)-i, RegionHeadBytes)
	r.Samples = []Sample{{Offset: r.Start, Bytes: append([]byte(nil), h.s.b[i:i+n]...)}}
	h.f.Regions = append(h.f.Regions, r)
}
