package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/exe"
	"github.com/aisecops/aisec/internal/format/hdf5"
	"github.com/aisecops/aisec/internal/format/numpy"
	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/format/pickle"
	"github.com/aisecops/aisec/internal/format/pysrc"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/source"
)

// analyze identifies one node by content and hands it to the matching handler. parent is the
// kind of the enclosing container ("" at top level), which refines members such as TorchScript
// code/ sources.
func (c *collector) analyze(ctx context.Context, n source.Node, parent format.Kind) {
	if ctx.Err() != nil {
		return
	}
	if n.Size > c.s.opts.Budget.MaxFileBytes {
		c.addFile(n, string(format.Unknown), finding.StatusPartial, "larger than the file budget")
		c.add(n, RuleIncomplete.New(limits.Exceeded("file bytes", c.s.opts.Budget.MaxFileBytes).Error(), finding.NoOffset))
		return
	}
	rc, err := n.Open()
	if err != nil {
		c.fail(n, string(format.Unknown), err)
		return
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, format.SniffLen)
	head, err := br.Peek(format.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		c.fail(n, string(format.Unknown), fmt.Errorf("unable to read: %w", err))
		return
	}
	kind, alsoHDF5 := c.classify(n, head, parent)
	c.dispatch(ctx, n, br, head, kind, parent)
	if alsoHDF5 {
		// h5py finds a superblock behind a user block whatever the block holds: a GGUF or
		// zip header there must not hide a Keras model.
		c.model(ctx, n, format.HDF5)
	}
}

// classify identifies n by content, with the few corrections that need its name, its parent
// or random access. alsoHDF5 reports an HDF5 file behind another format's header.
func (c *collector) classify(n source.Node, head []byte, parent format.Kind) (kind format.Kind, alsoHDF5 bool) {
	kind = format.Sniff(head)
	switch {
	case (kind == format.Data || kind == format.Text) && c.zipAtEnd(n):
		kind = format.Zip // text or junk in front of a zip: Python's zipfile still opens it
	case kind == format.LZMA && rawMembers(parent):
		// joblib takes any "5d 00" prefix for LZMA, so the sniff is loose; tensor bytes in a
		// checkpoint can start that way, and torch never decompresses its members.
		kind = format.Data
	}
	kind = refine(kind, head, n, parent)
	if kind == format.HDF5 || !hdf5UserBlock(n, parent) {
		return kind, false
	}
	if kind == format.Data || kind == format.Text {
		return format.HDF5, false
	}
	return kind, true
}

// dispatch hands n to the handler of its kind.
func (c *collector) dispatch(ctx context.Context, n source.Node, br *bufio.Reader, head []byte, kind, parent format.Kind) {
	switch {
	case kind == format.Zip:
		c.zip(ctx, n)
	case isModelKind(kind):
		c.model(ctx, n, kind)
	case kind == format.Executable:
		c.executable(ctx, n, head)
	case isProjectKind(kind):
		c.project(ctx, n, br, kind)
	case kind == format.Python || kind == format.Template || kind == format.JSON || kind == format.YAML ||
		kind == format.TensorFlowText:
		c.text(ctx, n, br, kind, parent)
	case kind.IsContainer():
		c.container(ctx, n, kind, kind)
	case kind == format.Pickle && rawMembers(parent) && !pickleName(n):
		// A tensor member that merely looks like a pickle: reported only if it would run
		// something (a pickle hidden under a tensor name still is).
		c.pickle(ctx, n, seekable(n, br), "")
	case kind == format.Pickle:
		c.pickle(ctx, n, seekable(n, br), string(format.Pickle))
	case kind == format.NumPy:
		c.numpy(ctx, n, br)
	case parent == format.TorchScript && isCode(n):
		c.code(ctx, n, br)
	case (kind == format.Data || kind == format.Text) && pickleName(n):
		c.pickle(ctx, n, seekable(n, br), "")
	default:
		c.skip(n, kind)
	}
}

// refine looks closer at inputs the magic-number sniff leaves open: protobuf models have no
// magic number, and text may be a configuration, a template, Python source or a script.
func refine(kind format.Kind, head []byte, n source.Node, parent format.Kind) format.Kind {
	if _, ok := kerasMember(n, parent); ok {
		return format.JSON // whatever its encoding: Keras reads it with json.loads on bytes
	}
	if kind != format.Data && kind != format.Text {
		return kind
	}
	switch {
	case kind == format.Text && n.Depth > 0 && !rawMembers(parent) && isShebang(head):
		return format.Executable // a script packed inside a model archive
	case onnx.Looks(head):
		return format.ONNX
	case tfSniff(head, n.Name):
		return format.TensorFlow
	case kind == format.Data && strings.EqualFold(path.Ext(n.Name), ".onnx"):
		return format.ONNX // onnxruntime skips unknown leading fields: a padded model hides from Looks
	case kind == format.Data && tfName(n.Name):
		return format.TensorFlow // so does TensorFlow: unknown fields can pad the structure away
	case kind == format.Text:
		if k, ok := projectKind(n); ok {
			return k
		}
		return textKind(n, head)
	}
	return kind
}

// isProjectKind reports the application and project files of the AI code checks.
func isProjectKind(k format.Kind) bool {
	switch k {
	case format.SourceCode, format.Notebook, format.DotEnv, format.MCPConfig, format.Manifest:
		return true
	}
	return false
}

// tfName recognises the names TensorFlow loads by convention. A *.pb that is some other
// protobuf parses as a GraphDef without nodes and is then skipped as data.
func tfName(name string) bool {
	_, ok := savedmodel.KindForName(path.Base(name))
	return ok
}

func isShebang(head []byte) bool {
	k, ok := exe.Identify(head)
	return ok && k == exe.Shebang
}

func tfSniff(head []byte, name string) bool {
	_, ok := savedmodel.Sniff(head, path.Base(name))
	return ok
}

// executable records a native program found at the start of a file.
func (c *collector) executable(ctx context.Context, n source.Node, head []byte) {
	hit, _ := exe.Describe(head)
	c.addFile(n, string(format.Executable), finding.StatusScanned, "")
	c.detect(ctx, n, string(format.Executable), &hit)
}

// hdf5UserBlock looks for an HDF5 superblock after a user block. Members of checkpoints are
// raw tensors no HDF5 loader opens, so they are not probed.
func hdf5UserBlock(n source.Node, parent format.Kind) bool {
	if n.ReaderAt == nil || n.Size < 512 || rawMembers(parent) {
		return false
	}
	return hdf5.UserBlockSignature(n.ReaderAt, n.Size) > 0
}

// rawMembers are container layouts whose members loaders read as raw bytes or pickles only.
func rawMembers(k format.Kind) bool {
	return k == format.PyTorchZip || k == format.TorchScript || k == format.NumPyZip
}

// seekable prefers random access, so that the pickle walker can skip large payloads.
func seekable(n source.Node, fallback io.Reader) io.Reader {
	if n.ReaderAt != nil && n.Size >= 0 {
		return io.NewSectionReader(n.ReaderAt, 0, n.Size)
	}
	return fallback
}

// zipAtEnd looks for an end-of-central-directory record at the end of a random-access input.
func (c *collector) zipAtEnd(n source.Node) bool {
	if n.ReaderAt == nil || n.Size < 22 {
		return false
	}
	size := min(n.Size, format.TailLen)
	if c.tail == nil {
		c.tail = make([]byte, format.TailLen) // reused: a checkpoint has hundreds of members
	}
	tail := c.tail[:size]
	if _, err := n.ReaderAt.ReadAt(tail, n.Size-size); err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	return format.HasZipEnd(tail)
}

// skip records inputs that are not models. Only top-level files are listed: the raw tensor
// members of a checkpoint would otherwise drown the report.
func (c *collector) skip(n source.Node, kind format.Kind) {
	c.skipWhy(n, kind, "")
}

// skipWhy is skip with the reason a file that looked analysable was not analysed.
func (c *collector) skipWhy(n source.Node, kind format.Kind, why string) {
	if n.Depth == 0 {
		c.addFile(n, string(kind), finding.StatusSkipped, why)
	}
}

// zip classifies the archive from its central directory, then expands it. A zip nested in a
// stream (a .zip.gz, a deflated member) is first given random access.
func (c *collector) zip(ctx context.Context, n source.Node) {
	m, closer, err := source.Materialize(n, c.s.opts.Budget)
	if err != nil {
		c.fail(n, string(format.Zip), err)
		return
	}
	defer closer.Close()
	names, err := source.ZipNames(m, c.s.opts.Budget)
	if err != nil && !errors.Is(err, limits.ErrExceeded) {
		c.fail(n, string(format.Zip), err)
		return
	}
	// Over the entry budget the layout is unknown, but Expand still visits the first entries.
	c.container(ctx, m, format.Zip, zipLayout(names))
}

// container records the container itself, expands it and reports its anomalies.
func (c *collector) container(ctx context.Context, n source.Node, kind, label format.Kind) {
	idx := c.addFile(n, string(label), finding.StatusScanned, "")
	var names []string
	anomalies, err := source.Expand(ctx, n, kind, c.s.opts.Budget, c.counter, func(child source.Node) error {
		names = append(names, child.Name)
		c.analyze(ctx, child, label)
		return ctx.Err()
	})
	if kind == format.Tar && isLegacyTorchTar(names) {
		label = format.PyTorchTar
		c.files[idx].Format = string(label)
	}
	c.detect(ctx, n, string(label), format.Layout{Kind: label, Members: len(names)})
	if len(anomalies) > 0 {
		c.detect(ctx, n, string(label), anomalies)
	}
	for _, a := range anomalies {
		if a.Incomplete() {
			c.degrade(idx, finding.StatusPartial, fmt.Sprintf("%s: %s %s", a.Kind, a.Member, a.Detail))
		}
	}
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
	case errors.Is(err, limits.ErrExceeded):
		c.degrade(idx, finding.StatusPartial, err.Error())
		c.add(n, RuleIncomplete.New(err.Error(), finding.NoOffset))
	default:
		c.degrade(idx, finding.StatusPartial, err.Error())
		c.add(n, RuleIncomplete.New("unable to read all of the archive: "+err.Error(), finding.NoOffset))
	}
}

// pickle parses n as one or more pickles. An empty label means the content did not look like
// a pickle but the name says it is one: it is parsed anyway, because pickle.load does not sniff,
// and skipped only when a load would fail before running anything.
func (c *collector) pickle(ctx context.Context, n source.Node, r io.Reader, label string) {
	f, err := pickle.Parse(ctx, r, pickle.Options{Budget: c.s.opts.Budget, Carve: legacyTarMember(n)})
	if err != nil {
		if ctx.Err() != nil {
			return // reported once by analyzeTop
		}
		c.fail(n, label, err)
		return
	}
	if label == "" && notAPickle(f) {
		c.skip(n, format.Data)
		return
	}
	if label == "" || label == string(format.Pickle) {
		label = string(classifyPickle(f))
	}
	idx := c.addFile(n, label, finding.StatusScanned, "")
	for _, why := range unfinished(f) {
		c.degrade(idx, finding.StatusPartial, why.text)
		if why.budget {
			c.add(n, RuleIncomplete.New(why.text, why.offset))
		}
	}
	c.detect(ctx, n, label, f)
}

// gap is one reason a pickle was not analysed to its end.
type gap struct {
	text   string
	offset int64
	budget bool // a budget stopped the walk (malformed streams have their own rule)
}

// unfinished lists why a parsed pickle, or a pickle nested in it, is incomplete.
func unfinished(f *pickle.File) []gap {
	var out []gap
	if f.Exceeded != nil {
		out = append(out, gap{fmt.Sprintf("stacked pickles: %v", f.Exceeded), f.TrailingOffset, true})
	}
	for _, s := range f.Streams {
		switch {
		case s.Exceeded != nil:
			out = append(out, gap{fmt.Sprintf("pickle at offset %d: %v", s.Offset, s.Exceeded), s.Offset, true})
		case s.Err != nil:
			out = append(out, gap{fmt.Sprintf("malformed pickle at offset %d: %s", s.Err.Offset, s.Err.Msg), s.Err.Offset, false})
		}
		for _, n := range s.Nested {
			if n.File == nil {
				continue
			}
			for _, g := range unfinished(n.File) {
				if g.budget {
					out = append(out, gap{fmt.Sprintf("nested %s pickle at offset %d: %s", n.Encoding, n.Offset, g.text), n.Offset, true})
				}
			}
		}
	}
	return out
}

func (c *collector) numpy(ctx context.Context, n source.Node, br *bufio.Reader) {
	h, err := numpy.ParseHeader(br)
	if err != nil {
		c.fail(n, string(format.NumPy), err)
		return
	}
	if !h.HasObject {
		c.addFile(n, string(format.NumPy), finding.StatusScanned, "")
		return
	}
	// Object arrays are stored as a pickle after the header: np.load(allow_pickle=True) runs it.
	var r io.Reader = br
	if n.ReaderAt != nil && n.Size >= h.DataOffset {
		r = io.NewSectionReader(n.ReaderAt, h.DataOffset, n.Size-h.DataOffset)
	}
	c.pickle(ctx, n, r, string(format.NumPy))
}

func (c *collector) code(ctx context.Context, n source.Node, r io.Reader) {
	src, err := pysrc.Read(r)
	if err != nil {
		c.fail(n, string(format.Python), err)
		return
	}
	idx := c.addFile(n, string(format.Python), finding.StatusScanned, "")
	c.truncated(n, idx, src.Truncated)
	c.detect(ctx, n, string(format.Python), src)
}

// pickleExts are names loaders unpickle without looking at the content.
var pickleExts = map[string]bool{".pkl": true, ".pickle": true, ".pt": true, ".pth": true, ".bin": true,
	".ckpt": true, ".joblib": true, ".dill": true, ".dat": true, ".data": true, ".p": true}

func pickleName(n source.Node) bool {
	return pickleExts[strings.ToLower(path.Ext(n.Name))]
}

// notAPickle is true for input that pickle.load would reject before importing or calling
// anything: raw weights named .bin fail within a few bytes and run nothing.
func notAPickle(f *pickle.File) bool {
	if len(f.Streams) == 0 {
		return true
	}
	s := f.Streams[0]
	return !s.Complete && len(s.Imports) == 0 && len(s.Calls) == 0 && len(s.Ext) == 0 && len(s.Nested) == 0
}

// legacyTarMember recognises the members of the pre-1.0 torch tar layout that interleave
// pickles with raw storage bytes: torch unpickles the pickles after the raw data too.
func legacyTarMember(n source.Node) bool {
	return n.Depth > 0 && (n.Name == "storages" || n.Name == "tensors")
}

func isCode(n source.Node) bool {
	m := strings.ReplaceAll(n.Member, "\\", "/")
	return path.Ext(m) == ".py" && strings.Contains(m, "code/")
}
