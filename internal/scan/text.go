package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/keras"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/source"
)

// maxTextBytes bounds the configuration and template files read whole.
const maxTextBytes = 16 << 20

// templateExts are the names standalone Jinja templates go by.
var templateExts = map[string]bool{".jinja": true, ".jinja2": true, ".j2": true, ".template": true, ".tmpl": true}

// textKind decides what a text file is. The name picks which text formats are worth parsing
// (a README is not a config); content confirms it, and a file that is not named JSON but
// starts like JSON (a BERT vocab.txt starts with "[PAD]") is tried and skipped if it is not.
func textKind(n source.Node, head []byte) format.Kind {
	name := strings.ToLower(path.Base(n.Name))
	ext := path.Ext(name)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case ext == ".py":
		return format.Python
	case templateExts[ext] || strings.HasPrefix(name, "chat_template"):
		return format.Template
	case ext == ".pbtxt" || ext == ".meta":
		return format.TensorFlowText
	case dataExts[ext]:
		return format.Text // datasets: records, not configuration a loader acts on
	case ext == ".yaml" || ext == ".yml":
		return format.YAML
	case len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '['):
		return format.JSON
	}
	return format.Text
}

// dataExts are line-oriented datasets often shipped beside models (fine-tuning records). Their
// free text is user content, not metadata; scanning it for code would flag every coding dataset.
var dataExts = map[string]bool{".jsonl": true, ".ndjson": true, ".csv": true, ".tsv": true, ".txt": true}

// overBudget tells a document we refused to read whole from one that is not JSON at all.
func overBudget(err error) bool {
	return errors.Is(err, limits.ErrExceeded) || errors.Is(err, structured.ErrTooDeep)
}

// jsonName reports files that claim to be JSON: failing to read one is an error, not prose.
func jsonName(n source.Node) bool {
	return strings.EqualFold(path.Ext(n.Name), ".json")
}

// text analyses configuration files, templates and Python source.
func (c *collector) text(ctx context.Context, n source.Node, r io.Reader, kind format.Kind, parent format.Kind) {
	if kind == format.Python {
		c.pythonCode(ctx, n, r)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r, maxTextBytes+1))
	if err != nil {
		c.fail(n, string(kind), fmt.Errorf("unable to read: %w", err))
		return
	}
	truncated := len(data) > maxTextBytes
	if truncated {
		data = data[:maxTextBytes]
	}
	switch kind {
	case format.TensorFlowText:
		c.tfText(ctx, n, data, truncated)
	case format.Template:
		idx := c.addFile(n, string(kind), finding.StatusScanned, "")
		c.truncated(n, idx, truncated)
		c.detect(ctx, n, string(kind), &meta.Doc{Format: string(kind), Strings: []meta.String{{Value: string(data), Offset: 0}}})
	case format.JSON, format.YAML:
		c.config(ctx, n, data, truncated, kind, parent)
	}
}

// config analyses a JSON or YAML document: as a configuration (auto_map, Hydra targets) and as
// metadata text (templates, secrets, URLs). The members of a .keras archive are Keras models.
func (c *collector) config(ctx context.Context, n source.Node, data []byte, truncated bool, kind, parent format.Kind) {
	if o, ok := kerasMember(n, parent); ok {
		idx := c.addFile(n, string(format.KerasConfig), finding.StatusScanned, "")
		c.truncated(n, idx, truncated)
		c.kerasConfig(ctx, n, idx, embeddedConfig{data: data, origin: o, offset: 0})
		return
	}
	if truncated {
		c.oversizedConfig(n, kind)
		return
	}
	doc, err := structured.Parse(data, c.s.opts.Budget)
	switch {
	case err != nil && overBudget(err):
		c.fail(n, string(kind), err) // refused to expand: what it hides is unknown
		return
	case err != nil && (kind == format.YAML || !jsonName(n)):
		// Neither PyYAML nor json.loads reads it either (a Helm template, a vocab.txt
		// starting with "[PAD]"), so no loader acts on it.
		c.skipWhy(n, format.Text, "not a readable configuration: "+err.Error())
		return
	case err != nil:
		c.fail(n, string(kind), err) // named .json but unreadable: not clean
		return
	}
	if signatureBundle(doc) {
		c.skipWhy(n, format.JSON, "a Sigstore bundle (model_signing signature): check it with aisec verify")
		return
	}
	label := string(doc.Flavour)
	idx := c.addFile(n, label, finding.StatusScanned, "")
	c.gaps(n, idx, doc)
	c.detect(ctx, n, label, doc)
	c.metadata(ctx, n, label, doc, nil)
	if rootConfigJSON(n, parent) && looksLikeKerasConfig(doc) {
		// A zip with only config.json (and npz weights) still loads as a .keras model.
		c.kerasConfig(ctx, n, idx, embeddedConfig{data: data, origin: keras.OriginKerasConfig, offset: 0})
	}
}

// signatureBundle recognises a Sigstore bundle (model.sig): signed base64 payloads and
// certificates, which the metadata checks would misread as hidden payloads.
func signatureBundle(doc *structured.Doc) bool {
	mt, _ := doc.Map()["mediaType"].(string)
	return strings.HasPrefix(mt, "application/vnd.dev.sigstore.bundle")
}

// oversizedConfig records a configuration too large to parse. A tokenizers vocabulary (Gemma's
// tokenizer.json is over 30 MB) is data that no loader executes; anything else is partial.
func (c *collector) oversizedConfig(n source.Node, kind format.Kind) {
	why := fmt.Sprintf("larger than the %d-byte configuration limit", maxTextBytes)
	if strings.EqualFold(path.Base(n.Name), "tokenizer.json") {
		c.skipWhy(n, kind, "tokenizer vocabulary "+why+"; tokenizers files run no code")
		return
	}
	c.partial(n, c.addFile(n, string(kind), finding.StatusScanned, ""), []string{why})
}

// rootConfigJSON is config.json at the root of a zip: where Keras 3 looks for the model.
func rootConfigJSON(n source.Node, parent format.Kind) bool {
	return n.Depth > 0 && (parent == format.Zip || parent == format.Keras) &&
		innermost(n) == "config.json"
}

// looksLikeKerasConfig recognises a serialised Keras object at the top of a document.
func looksLikeKerasConfig(doc *structured.Doc) bool {
	m := doc.Map()
	_, cls := m["class_name"]
	_, cfg := m["config"]
	return cls && cfg
}

// kerasMember maps the members of a .keras archive to what they hold. Keras reads them with
// json.loads on bytes, which also takes UTF-16 and UTF-32: the name decides, not the content.
func kerasMember(n source.Node, parent format.Kind) (keras.Origin, bool) {
	if parent != format.Keras || n.Depth == 0 {
		return "", false
	}
	switch innermost(n) {
	case "config.json":
		return keras.OriginKerasConfig, true
	case "metadata.json":
		return keras.OriginKerasMetadata, true
	}
	return "", false
}

// truncated marks a text input of which only a prefix was read.
func (c *collector) truncated(n source.Node, idx int, truncated bool) {
	if truncated {
		c.partial(n, idx, []string{fmt.Sprintf("only the first %d bytes were analysed", maxTextBytes)})
	}
}

// tfText analyses a TensorFlow text protobuf (saved_model.pbtxt, a text .meta, a written graph).
func (c *collector) tfText(ctx context.Context, n source.Node, data []byte, truncated bool) {
	kind, _ := savedmodel.TextKindForName(strings.ToLower(path.Base(n.Name)), data)
	if truncated {
		c.fail(n, string(kind), fmt.Errorf("text protobuf larger than %d bytes is not analysed", maxTextBytes))
		return
	}
	m, err := savedmodel.ParseText(ctx, data, kind, c.s.opts.Budget)
	if err != nil {
		c.fail(n, string(kind), err)
		return
	}
	c.analyzeModel(ctx, n, format.TensorFlow, m)
}

// innermost is the path of a member inside its own container (the last level of Member).
func innermost(n source.Node) string {
	return n.Member[strings.LastIndex(n.Member, source.MemberSep)+1:]
}
