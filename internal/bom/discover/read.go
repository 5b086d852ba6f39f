package discover

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/bom/describe"
	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/code"
	"github.com/aisecops/aisec/internal/format/deps"
	"github.com/aisecops/aisec/internal/format/mcp"
	"github.com/aisecops/aisec/internal/format/onnx"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/sign/bundle"
	"github.com/aisecops/aisec/internal/sign/manifest"
	"github.com/aisecops/aisec/internal/source"
)

// maxDocBytes bounds the cards, configurations and signatures read whole.
const maxDocBytes = 16 << 20

// read fills f's facts. Failures become f.problem: the BOM then lists the file as incomplete.
func read(ctx context.Context, f *file, o Options) {
	if f.node.Size > o.Budget.MaxFileBytes && f.role != roleModel && f.role != roleDataset && f.role != roleSniff {
		f.problem = fmt.Sprintf("larger than the file budget (%d bytes)", o.Budget.MaxFileBytes)
		return
	}
	var err error
	switch f.role {
	case roleSniff:
		err = sniff(ctx, f, o)
	case roleModel:
		err = readModel(ctx, f, o)
	case roleDataset:
		err = readDataset(f, o)
	case roleCode:
		err = readCode(f)
	case roleNotebook:
		err = readNotebook(f)
	case roleManifest:
		err = withBytes(f, func(b []byte) (err error) { f.manifest, err = deps.Parse(f.depsKind, b); return err })
	case roleMCP:
		err = withBytes(f, func(b []byte) (err error) {
			if f.mcp, err = mcp.Parse(f.rel, b); errors.Is(err, mcp.ErrNotConfig) {
				return nil // a settings file that configures no MCP server
			}
			return err
		})
	case roleCard:
		err = withBytes(f, func(b []byte) (err error) { f.card, err = describe.ParseCard(b); return err })
	case roleHFConfig:
		err = withBytes(f, func(b []byte) error { f.model = &bom.ModelInfo{}; return describe.HFConfig(b, f.model) })
	case roleAdapter:
		err = withBytes(f, func(b []byte) (err error) { f.meta, err = describe.AdapterConfig(b); return err })
	case roleSignature:
		err = readSignature(f, o)
	}
	if err != nil && f.problem == "" {
		f.problem = err.Error()
	}
}

// withBytes reads the whole (bounded) file and hands it to parse.
func withBytes(f *file, parse func([]byte) error) error {
	b, err := readBounded(f.node, maxDocBytes)
	if err != nil {
		return err
	}
	return parse(b)
}

// readBounded reads at most limit bytes of n; longer files are an error, not a silent prefix.
func readBounded(n source.Node, limit int64) ([]byte, error) {
	rc, err := n.Open()
	if err != nil {
		return nil, fmt.Errorf("unable to open: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return b, nil
}

// sniff identifies a file by content: a model, a dataset, or nothing the BOM lists.
func sniff(ctx context.Context, f *file, o Options) error {
	head, err := readPrefix(f.node, format.SniffLen) // closed at once: most sniffed files are nothing we list
	if err != nil {
		return err
	}
	if k, ok := modelKind(head, f.node.Name); ok {
		f.role, f.kind = roleModel, k
		return readModel(ctx, f, o)
	}
	if ds, ok := describe.DatasetFormat(f.node.Name, head, f.node.Size); ok {
		f.role, f.dataset = roleDataset, ds
		return readDataset(f, o)
	}
	f.role = roleNone
	if ext := strings.ToLower(path.Ext(f.node.Name)); modelNameExts[ext] {
		return fmt.Errorf("named like a model (%s) but the content is not a model format aisec reads", ext)
	}
	return nil
}

// modelNameExts are extensions that promise a model: a file so named that is not one is
// listed as incomplete rather than silently left out of the inventory.
var modelNameExts = map[string]bool{".safetensors": true, ".gguf": true, ".onnx": true, ".tflite": true,
	".h5": true, ".keras": true, ".pt": true, ".ckpt": true} // not .pth: also Python's path files

// modelKind maps a sniffed head to a model format. Zip-based formats (PyTorch, Keras, NumPy
// archives) are named by their extension: the BOM lists them; `aisec scan` inspects them.
func modelKind(head []byte, name string) (format.Kind, bool) {
	k := format.Sniff(head)
	ext := strings.ToLower(path.Ext(name))
	switch k {
	case format.Safetensors, format.GGUF, format.TFLite, format.ONNX, format.HDF5, format.TensorFlow,
		format.PyTorchLegacy, format.PyTorchTar, format.NumPy:
		return k, true
	case format.Pickle, format.Joblib:
		// The pickle sniff is loose (protocol 0 is text); the inventory lists pickles that are
		// named as models. `aisec scan` inspects every pickle whatever its name.
		return k, pickleModelExts[ext]
	case format.Zip:
		return zipModelKind(ext)
	case format.Data, format.Text:
		switch {
		case onnx.Looks(head) || ext == ".onnx":
			return format.ONNX, true
		case ext == ".pb" || ext == ".pbtxt":
			if _, ok := savedmodel.KindForName(path.Base(name)); ok {
				return format.TensorFlow, true
			}
		}
	}
	return "", false
}

// pickleModelExts are the names pickled models go by.
var pickleModelExts = map[string]bool{".pkl": true, ".pickle": true, ".pt": true, ".pth": true, ".bin": true,
	".ckpt": true, ".joblib": true, ".dill": true, ".sav": true, ".model": true}

// zipModelKind names the zip layouts that are models by their conventional extensions.
func zipModelKind(ext string) (format.Kind, bool) {
	switch ext {
	case ".pt", ".pth", ".bin", ".ckpt", ".mar", ".nemo":
		return format.PyTorchZip, true
	case ".keras":
		return format.Keras, true
	case ".npz":
		return format.NumPyZip, true
	}
	return "", false
}

// readModel describes a model file from its header and hashes it when asked.
func readModel(ctx context.Context, f *file, o Options) error {
	n, closer, err := source.OpenFile(f.node)
	if err != nil {
		return fmt.Errorf("unable to open: %w", err)
	}
	defer closer.Close()
	f.node = n
	if o.Hash {
		if f.sha256, err = hashNode(ctx, n); err != nil {
			return err
		}
	}
	info, meta, err := describe.ModelFileMeta(ctx, f.kind, n.ReaderAt, n.Size, o.Budget)
	f.model, f.meta = info, meta
	if f.model == nil {
		f.model = &bom.ModelInfo{Format: string(f.kind)}
	}
	if err != nil {
		return fmt.Errorf("unable to describe the %s model: %w", f.kind, err)
	}
	if f.kind == format.HDF5 && f.model.Format == string(format.HDF5) {
		f.role, f.dataset = roleDataset, "hdf5" // HDF5 without a Keras model is data
	}
	return nil
}

// readDataset counts what it cheaply can and hashes the file when asked.
func readDataset(f *file, o Options) error {
	n, closer, err := source.OpenFile(f.node)
	if err != nil {
		return fmt.Errorf("unable to open: %w", err)
	}
	defer closer.Close()
	f.node = n
	if o.Hash {
		if f.sha256, err = hashNode(context.Background(), n); err != nil {
			return err
		}
	}
	f.records, f.columns, err = describe.DatasetDetails(f.dataset, n.ReaderAt, n.Size)
	return err
}

// readCode keeps only the AI usages of a source file: the parsed file is dropped at once so that
// a large repository does not hold every syntax summary in memory.
func readCode(f *file) error {
	b, err := readPrefix(f.node, code.MaxLen)
	if err != nil {
		return err
	}
	f.usages = code.Usages(code.Parse(f.lang, b))
	return nil
}

func readNotebook(f *file) error {
	return withBytes(f, func(b []byte) error {
		nb, err := code.ParseNotebook(b)
		if err != nil {
			return err
		}
		f.usages = code.Usages(nb.Code())
		return nil
	})
}

// readPrefix reads the first limit bytes of n (code beyond code.MaxLen is not analysed; the
// parser marks that).
func readPrefix(n source.Node, limit int64) ([]byte, error) {
	rc, err := n.Open()
	if err != nil {
		return nil, fmt.Errorf("unable to open: %w", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil, fmt.Errorf("unable to read: %w", err)
	}
	return b, nil
}

// readSignature records what a model_signing bundle claims: signer, method and the root digest
// of the signed manifest. It is not verified here.
func readSignature(f *file, o Options) error {
	b, err := readBounded(f.node, bundle.MaxBundleSize)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	d, err := bundle.Describe(b)
	if err != nil {
		return err
	}
	m, _, err := manifest.ParsePayload(d.Payload)
	if err != nil {
		return err
	}
	f.sig = &bom.SignatureInfo{
		Path: f.rel, SHA256: hex.EncodeToString(sum[:]), RootDigest: "sha256:" + hex.EncodeToString(m.RootDigest()),
		Method: d.Method, Signer: d.Signer, Issuer: d.Issuer, Files: len(m.Entries),
	}
	return nil
}

// hashNode streams the SHA-256 of a file.
func hashNode(ctx context.Context, n source.Node) (string, error) {
	h := sha256.New()
	r := io.NewSectionReader(n.ReaderAt, 0, n.Size)
	buf := make([]byte, 1<<20)
	for {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		k, err := r.Read(buf)
		h.Write(buf[:k])
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("unable to hash: %w", err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
