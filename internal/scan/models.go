package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/gguf"
	"github.com/aisecops/aisec/internal/format/hdf5"
	"github.com/aisecops/aisec/internal/format/keras"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/format/safetensors"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/format/tflite"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/source"
)

// modelKinds are the hub formats parsed from random access by their own package.
func isModelKind(k format.Kind) bool {
	switch k {
	case format.HDF5, format.TensorFlow, format.TFLite, format.ONNX, format.GGUF, format.Safetensors:
		return true
	}
	return false
}

// parseModel runs the parser of kind. Parsers read headers and graphs, never the weights.
func parseModel(ctx context.Context, kind format.Kind, name string, r io.ReaderAt, size int64, b limits.Budget) (any, error) {
	switch kind {
	case format.HDF5:
		return nonNil(hdf5.Parse(ctx, r, size, b))
	case format.TensorFlow:
		return nonNil(savedmodel.ParseAs(ctx, r, size, b, tfKind(r, size, name)))
	case format.TFLite:
		return nonNil(tflite.Parse(ctx, r, size, b))
	case format.ONNX:
		return nonNil(onnx.Parse(ctx, r, size, b))
	case format.GGUF:
		return nonNil(gguf.Parse(ctx, r, size, b))
	case format.Safetensors:
		return nonNil(safetensors.Parse(ctx, r, size, b))
	}
	return nil, fmt.Errorf("no parser for %s", kind)
}

// tfKind decides which TensorFlow message a file holds: by structure, the name breaking ties
// or standing in when unknown leading fields (which TensorFlow skips) hide the structure.
func tfKind(r io.ReaderAt, size int64, name string) savedmodel.Kind {
	head := make([]byte, min(size, savedmodel.SniffLen))
	if _, err := r.ReadAt(head, 0); err == nil || errors.Is(err, io.EOF) {
		if k, ok := savedmodel.Sniff(head, path.Base(name)); ok {
			return k
		}
	}
	k, _ := savedmodel.KindForName(path.Base(name))
	return k
}

// nonNil keeps a typed nil pointer out of the any result.
func nonNil[T any](m *T, err error) (any, error) {
	if err != nil || m == nil {
		return nil, err
	}
	return m, nil
}

// model parses one hub-format model from random access and hands it to analyzeModel.
func (c *collector) model(ctx context.Context, n source.Node, kind format.Kind) {
	m, closer, err := source.Materialize(n, c.s.opts.Budget)
	if err != nil {
		c.fail(n, string(kind), err)
		return
	}
	defer closer.Close()
	model, err := parseModel(ctx, kind, n.Name, m.ReaderAt, m.Size, c.s.opts.Budget)
	if err != nil {
		if ctx.Err() == nil {
			c.fail(n, string(kind), err)
		}
		return
	}
	if emptyGraph(model) {
		c.skip(n, format.Data) // named .pb, but no graph in it: another protobuf
		return
	}
	c.analyzeModel(ctx, n, kind, model)
}

// analyzeModel records a parsed model and runs the detectors on it, on its metadata text and
// on the Keras configurations it carries.
func (c *collector) analyzeModel(ctx context.Context, n source.Node, kind format.Kind, model any) {
	configs := kerasConfigs(model)
	unreadable := unreadableConfigs(model)
	switch m := model.(type) {
	case *hdf5.File:
		if len(configs) > 0 || len(unreadable) > 0 {
			kind = format.KerasH5
		}
	case *savedmodel.Model:
		kind = format.Kind(m.Kind)
	}
	idx := c.addFile(n, string(kind), finding.StatusScanned, "")
	c.gaps(n, idx, model)
	c.partial(n, idx, unreadable)
	c.detect(ctx, n, string(kind), model)
	if om, ok := model.(*onnx.Model); ok {
		c.externalLinks(ctx, n, om)
	}
	c.metadata(ctx, n, string(kind), model, configs)
	for _, cfg := range configs {
		c.kerasConfig(ctx, n, idx, cfg)
	}
}

// emptyGraph is a TensorFlow parse that found nothing TensorFlow would run or load.
func emptyGraph(model any) bool {
	m, ok := model.(*savedmodel.Model)
	return ok && m.Kind == savedmodel.KindGraphDef && len(m.Nodes) == 0 && len(m.Functions) == 0 && len(m.Gaps()) == 0
}

// gaps marks a partly read model partial and says why.
func (c *collector) gaps(n source.Node, idx int, model any) {
	if p, ok := model.(format.Partial); ok {
		c.partial(n, idx, p.Gaps())
	}
}

// partial marks file idx partial, with one AISEC-SCAN-001 finding per reason.
func (c *collector) partial(n source.Node, idx int, whys []string) {
	for _, why := range whys {
		c.degrade(idx, finding.StatusPartial, why)
		c.add(n, RuleIncomplete.New(why, finding.NoOffset))
	}
}

// metadata hands the text a model carries to the metadata and template detectors. Keras
// configurations are left out: they are analysed as Keras models, string by string.
func (c *collector) metadata(ctx context.Context, n source.Node, label string, model any, configs []embeddedConfig) {
	src, ok := model.(meta.Source)
	if !ok {
		return
	}
	strs := src.MetaStrings()
	var kept []meta.String
	for _, s := range strs {
		if !handedOver(s.Key, configs) {
			kept = append(kept, s)
		}
	}
	if len(kept) > 0 {
		c.detect(ctx, n, label, &meta.Doc{Format: label, Strings: kept})
	}
}

func handedOver(key string, configs []embeddedConfig) bool {
	for _, cfg := range configs {
		if cfg.key != "" && cfg.key == key {
			return true
		}
	}
	return false
}

// kerasConfig parses a Keras configuration found inside another artifact.
func (c *collector) kerasConfig(ctx context.Context, n source.Node, idx int, cfg embeddedConfig) {
	km, err := keras.Parse(cfg.data, cfg.origin, c.s.opts.Budget)
	if err != nil {
		c.degrade(idx, finding.StatusPartial, "unable to read the Keras configuration: "+err.Error())
		c.add(n, RuleIncomplete.New("unable to read the Keras configuration: "+err.Error(), finding.NoOffset))
		return
	}
	km.Base = cfg.offset
	c.gaps(n, idx, km)
	c.detect(ctx, n, string(format.KerasConfig), km)
	c.metadata(ctx, n, string(format.KerasConfig), km, nil)
}

// embeddedConfig is a Keras configuration held by another artifact.
type embeddedConfig struct {
	data   []byte
	origin keras.Origin
	key    string // its key among the artifact's metadata strings
	offset int64  // where it starts in the file, or -1
}

// unreadableConfigs says which Keras configuration attributes of an HDF5 file exist but are not
// one string: Keras would still read them, so the file cannot be called clean.
func unreadableConfigs(model any) []string {
	m, ok := model.(*hdf5.File)
	if !ok {
		return nil
	}
	var out []string
	for _, name := range []string{"model_config", "training_config"} {
		if a, ok := m.Attr(name); ok && len(a.Strings) != 1 {
			out = append(out, fmt.Sprintf("Keras attribute %s is not a single string (%s with %d strings); its configuration was not analysed",
				name, a.Class, len(a.Strings)))
		}
	}
	return out
}

// kerasConfigs returns the Keras configurations an HDF5 file or a keras_metadata.pb holds.
func kerasConfigs(model any) []embeddedConfig {
	var out []embeddedConfig
	switch m := model.(type) {
	case *hdf5.File:
		for _, a := range []struct {
			name   string
			origin keras.Origin
		}{{"model_config", keras.OriginH5ModelConfig}, {"training_config", keras.OriginH5TrainingConfig}} {
			if attr, ok := m.Attr(a.name); ok && len(attr.Strings) == 1 {
				out = append(out, embeddedConfig{[]byte(attr.Strings[0]), a.origin, "attrs." + a.name, attr.Offset})
			}
		}
	case *savedmodel.Model:
		for _, js := range m.KerasMetadata() {
			out = append(out, embeddedConfig{[]byte(js), keras.OriginSavedModelMetadata, "", -1})
		}
	}
	return out
}
