package describe

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
	"github.com/aisecops/aisec/internal/format/hdf5"
	"github.com/aisecops/aisec/internal/format/keras"
	"github.com/aisecops/aisec/internal/format/savedmodel"
	"github.com/aisecops/aisec/internal/format/tflite"
	"github.com/aisecops/aisec/internal/limits"
)

var errNoMember = errors.New("no such member in the archive")

// maxKerasMembers bounds the central directory entries looked through in a .keras archive.
const maxKerasMembers = 100_000

// describeKerasZip reads config.json (the model) and metadata.json (keras_version, backend)
// from a Keras 3 .keras archive.
func describeKerasZip(r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	if size > b.MaxFileBytes {
		return fmt.Errorf("unable to read .keras archive: %w", limits.Exceeded("file bytes", b.MaxFileBytes))
	}
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil // names like ../x: the members read here are named exactly
	}
	if err != nil {
		return fmt.Errorf("unable to read .keras archive: %w", err)
	}
	if len(zr.File) > maxKerasMembers {
		return fmt.Errorf("unable to read .keras archive: %w", limits.Exceeded("archive entries", maxKerasMembers))
	}
	var firstErr error
	for _, name := range []string{"metadata.json", "config.json"} {
		data, err := zipMember(zr, name, b)
		if errors.Is(err, errNoMember) && name == "metadata.json" {
			continue // optional: only the keras_version is lost
		}
		if err != nil {
			firstErr = firstNonNil(firstErr, err)
			continue
		}
		origin := keras.OriginKerasConfig
		if name == "metadata.json" {
			origin = keras.OriginKerasMetadata
		}
		firstErr = firstNonNil(firstErr, applyKeras(data, origin, b, info, fm))
	}
	return firstErr
}

// zipMember reads the member called name (the last one of that name, as Python's zipfile
// does), refusing members larger than keras.MaxJSONBytes.
func zipMember(zr *zip.Reader, name string, b limits.Budget) ([]byte, error) {
	var found *zip.File
	for _, f := range zr.File {
		if f.Name == name {
			found = f
		}
	}
	if found == nil {
		return nil, fmt.Errorf("unable to read %s: %w", name, errNoMember)
	}
	limit := min(int64(keras.MaxJSONBytes), b.MaxFileBytes)
	if found.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("unable to read %s: %w", name, limits.Exceeded("JSON bytes", limit))
	}
	rc, err := found.Open()
	if err != nil {
		return nil, fmt.Errorf("unable to open %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("unable to read %s: %w", name, limits.Exceeded("JSON bytes", limit))
	}
	return data, nil
}

// applyKeras parses one Keras JSON text and copies the class name and version it declares.
func applyKeras(data []byte, origin keras.Origin, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	m, err := keras.Parse(data, origin, b)
	if err != nil {
		return fmt.Errorf("unable to read Keras %s: %w", origin, err)
	}
	fm.Gaps = append(fm.Gaps, m.Gaps()...)
	if origin != keras.OriginKerasMetadata && info.Architecture == "" {
		info.Architecture = clip(m.ClassName, maxValueLen)
	}
	if m.KerasVersion != "" && info.Producer == "" {
		info.Producer = "keras " + clip(m.KerasVersion, maxValueLen)
	}
	fm.prop("keras-backend", m.Backend)
	fm.prop("keras-date-saved", m.DateSaved)
	return nil
}

// describeKerasConfig reads a standalone Keras JSON configuration.
func describeKerasConfig(r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	limit := min(int64(keras.MaxJSONBytes), b.MaxFileBytes)
	if size > limit {
		return fmt.Errorf("unable to read Keras config: %w", limits.Exceeded("JSON bytes", limit))
	}
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && err != io.EOF {
		return fmt.Errorf("unable to read Keras config: %w", err)
	}
	origin := keras.OriginKerasConfig
	if bytes.Contains(data[:min(len(data), 4096)], []byte(`"date_saved"`)) {
		origin = keras.OriginKerasMetadata
	}
	return applyKeras(data, origin, b, info, fm)
}

// describeH5 reads the root attributes Keras writes into .h5 models: keras_version, backend
// and model_config. An HDF5 file without model_config is not a Keras model.
func describeH5(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	f, err := hdf5.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read HDF5 file: %w", err)
	}
	fm.Gaps = f.Gaps()
	cfg := h5String(f, "model_config")
	version := h5String(f, "keras_version")
	if cfg == "" && version == "" {
		return nil
	}
	info.Format, info.Framework = "keras-h5", "keras"
	if version != "" {
		info.Producer = "keras " + clip(version, maxValueLen)
	}
	fm.prop("keras-backend", h5String(f, "backend"))
	if cfg != "" {
		return applyKeras([]byte(cfg), keras.OriginH5ModelConfig, b, info, fm)
	}
	return nil
}

func h5String(f *hdf5.File, name string) string {
	a, ok := f.Attr(name)
	if !ok || a.Class != hdf5.ClassString || len(a.Strings) == 0 {
		return ""
	}
	return strings.TrimSpace(a.Strings[0])
}

func describeTFLite(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	m, err := tflite.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read TFLite model: %w", err)
	}
	fm.Gaps = m.Gaps()
	info.Producer = clip(strings.TrimSpace(m.Description), maxValueLen) // "MLIR Converted."
	fm.prop("tflite-schema-version", fmt.Sprint(m.Version))
	return nil
}

func describeTensorFlow(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget, info *bom.ModelInfo, fm *FileMeta) error {
	m, err := savedmodel.Parse(ctx, r, size, b)
	if err != nil {
		return fmt.Errorf("unable to read TensorFlow model: %w", err)
	}
	fm.Gaps = m.Gaps()
	fm.prop("tensorflow-kind", string(m.Kind))
	for _, mg := range m.MetaGraphs {
		if mg.TensorflowVersion != "" {
			info.Producer = "tensorflow " + clip(mg.TensorflowVersion, maxValueLen)
			break
		}
	}
	return nil
}

func firstNonNil(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
