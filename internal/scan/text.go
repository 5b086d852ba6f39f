package scan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/keras"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/format/pysrc"
	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/source"
)

// maxTextBytes bounds the configuration and template files read whole.
const maxTextBytes = 16 << 20

// templateExts are the names standalone Jinja templates go by.
var templateExts = map[string]bool{".jinja": true, ".jinja2": true, ".j2": true, ".template": true, ".tmpl": true}

// textKind decides what a text file is. Content decides between JSON and anything else; the
// name only picks which text formats are worth parsing (a README is not a config).
func textKind(n source.Node, head []byte) format.Kind {
	name := strings.ToLower(path.Base(n.Name))
	ext := path.Ext(name)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case ext == ".py":
		return format.Python
	case templateExts[ext] || strings.HasPrefix(name, "chat_template"):
		return format.Template
	case len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '['):
		return format.JSON
	case ext == ".yaml" || ext == ".yml":
		return format.YAML
	}
	return format.Text
}

// text analyses configuration files, templates and Python source.
func (c *collector) text(ctx context.Context, n source.Node, r io.Reader, kind format.Kind, parent format.Kind) {
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
	case format.Python:
		src := &pysrc.File{Text: string(data), Truncated: truncated}
		idx := c.addFile(n, string(kind), finding.StatusScanned, "")
		if truncated {
			c.degrade(idx, finding.StatusPartial, "source longer than the read limit")
		}
		c.detect(ctx, n, string(kind), src)
		return
	case format.Template:
		idx := c.addFile(n, string(kind), finding.StatusScanned, "")
		c.truncated(n, idx, truncated)
		c.detect(ctx, n, string(kind), &meta.Doc{Format: string(kind), Strings: []meta.String{{Value: string(data), Offset: 0}}})
		return
	}
	c.config(ctx, n, data, truncated, kind, parent)
}

// config analyses a JSON or YAML document: as a configuration (auto_map, Hydra targets), as
// metadata text (templates, secrets, URLs) and, inside a .keras archive, as the Keras model.
func (c *collector) config(ctx context.Context, n source.Node, data []byte, truncated bool, kind, parent format.Kind) {
	doc, err := structured.Parse(data, c.s.opts.Budget)
	if err != nil {
		if kind == format.JSON {
			c.fail(n, string(kind), err) // it looked like JSON: unreadable is not clean
		} else {
			c.skip(n, format.Text)
		}
		return
	}
	label := format.Kind(doc.Flavour)
	if parent == format.Keras && n.Depth > 0 {
		if o, ok := kerasMember(n.Name); ok {
			label = format.KerasConfig
			defer func(idx int) { c.kerasConfig(ctx, n, idx, embeddedConfig{data: data, origin: o}) }(len(c.files))
		}
	}
	idx := c.addFile(n, string(label), finding.StatusScanned, "")
	c.truncated(n, idx, truncated)
	c.gaps(n, idx, doc)
	c.detect(ctx, n, string(label), doc)
	if label != format.KerasConfig {
		c.metadata(ctx, n, string(label), doc, nil) // the Keras model reports its own strings
	}
}

// kerasMember maps the members of a .keras archive to what they hold.
func kerasMember(name string) (keras.Origin, bool) {
	switch name {
	case "config.json":
		return keras.OriginKerasConfig, true
	case "metadata.json":
		return keras.OriginKerasMetadata, true
	}
	return "", false
}

func (c *collector) truncated(n source.Node, idx int, truncated bool) {
	if truncated {
		why := fmt.Sprintf("only the first %d bytes were analysed", maxTextBytes)
		c.degrade(idx, finding.StatusPartial, why)
		c.add(n, RuleIncomplete.New(why, finding.NoOffset))
	}
}
