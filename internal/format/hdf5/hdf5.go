// Package hdf5 is a minimal, read-only HDF5 reader for Keras .h5 models. It reads the
// attributes of the root group (model_config, keras_version, backend, training_config, ...)
// and of the objects reachable from it through hard links, following the HDF5 File Format
// Specification version 3: superblocks v0 to v3, object headers v1 and v2 with continuation
// chunks, compact and dense attribute storage (fractal heap + v2 B-tree), fixed and
// variable-length strings (global heap), integers, floats and arrays of them.
//
// It never reads dataset contents. Everything it cannot follow is reported as a gap
// (format.Partial) so that the scanner never calls a partly read file clean.
package hdf5

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/aisecops/aisec/internal/format"
	"github.com/aisecops/aisec/internal/format/meta"
	"github.com/aisecops/aisec/internal/limits"
)

// Budgets specific to HDF5, applied on top of limits.Budget.
const (
	// MaxValueBytes caps the attribute value bytes decoded from one file (lowered to
	// Budget.MaxDictBytes when that is smaller).
	MaxValueBytes = 64 << 20
	// maxReadBytes caps all bytes read from one file (structures and values); the cap is
	// lowered to a few times the file size, as a well-formed file is read about once and
	// more means structures are being shared to amplify work.
	maxReadBytes = 512 << 20
	readSlack    = 16 << 20
	// maxFileMessages caps the object header messages decoded over the whole file.
	maxFileMessages = 1 << 20
	// maxAttributes caps the attributes kept per object (lowered to Budget.MaxEntries).
	maxAttributes = 1 << 16
)

// File is what was read from an HDF5 file.
type File struct {
	Superblock int         // superblock version: 0, 1, 2 or 3
	Attributes []Attribute // attributes of the root group
	// Objects are the groups and datasets below the root reached through hard links,
	// breadth first, with their attributes.
	Objects []Object
	gaps    []string
}

// Object is a group or dataset below the root group.
type Object struct {
	Path       string // e.g. "/model_weights/dense_1"
	Attributes []Attribute
}

// Gaps lists why the file was read only in part (implements format.Partial).
func (f *File) Gaps() []string { return f.gaps }

// Attr returns the root group attribute with the given name.
func (f *File) Attr(name string) (Attribute, bool) {
	for _, a := range f.Attributes {
		if a.Name == name {
			return a, true
		}
	}
	return Attribute{}, false
}

// MetaStrings returns every string attribute value: root attributes under "attrs.<name>",
// attributes of other objects under "<path>.attrs.<name>", with "[i]" appended for the
// elements of string arrays (implements meta.Source).
func (f *File) MetaStrings() []meta.String {
	var out []meta.String
	out = appendMeta(out, "", f.Attributes)
	for _, o := range f.Objects {
		out = appendMeta(out, o.Path+".", o.Attributes)
	}
	return out
}

func appendMeta(out []meta.String, prefix string, attrs []Attribute) []meta.String {
	for _, a := range attrs {
		key := prefix + "attrs." + a.Name
		for i, s := range a.Strings {
			k := key
			if len(a.Strings) > 1 {
				k += "[" + strconv.Itoa(i) + "]"
			}
			off := int64(-1)
			if i < len(a.offsets) {
				off = a.offsets[i]
			}
			out = append(out, meta.String{Key: k, Value: s, Offset: off})
		}
	}
	return out
}

// Looks reports whether head (the first bytes of a file, typically 4096) holds an HDF5
// superblock signature at offset 0 or at a user-block boundary (512, 1024, 2048).
func Looks(head []byte) bool {
	for off := 0; off+len(Signature) <= len(head); off = int(nextProbe(int64(off))) {
		if string(head[off:off+len(Signature)]) == Signature {
			return true
		}
	}
	return false
}

// Parse reads the superblock, the root group's attributes and those of the objects below it.
// It returns an error when the input is not HDF5 or the root group's attributes cannot be
// located at all; anything read only in part is listed by Gaps.
func Parse(ctx context.Context, r io.ReaderAt, size int64, b limits.Budget) (*File, error) {
	b = b.WithDefaults()
	if size > b.MaxFileBytes {
		return nil, limits.Exceeded("file bytes", b.MaxFileBytes)
	}
	at, err := findSignature(r, size)
	if err != nil {
		return nil, err
	}
	p := &parser{
		ctx: ctx, r: r, size: size, base: at,
		maxRead:    min(maxReadBytes, 4*min(size, maxReadBytes)+readSlack),
		maxValues:  min(MaxValueBytes, b.MaxDictBytes),
		maxAttrs:   min(maxAttributes, b.MaxEntries),
		maxRecords: b.MaxEntries,
		gapSeen:    map[string]bool{},
		gcols:      map[int64]*globalCollection{},
	}
	sb, err := p.readSuperblock()
	if err != nil {
		return nil, fmt.Errorf("unable to read HDF5 superblock at %d: %w", at, err)
	}
	msgs, err := p.objectHeader(sb.root)
	if err != nil {
		return nil, fmt.Errorf("unable to read HDF5 root group: %w", err)
	}
	f := &File{Superblock: sb.version}
	f.Attributes = p.attributes(msgs, "root group")
	f.Objects = p.walk(msgs, sb.root, b.MaxEntries)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.gaps = p.gaps
	return f, nil
}

// Interface guards.
var (
	_ format.Partial = (*File)(nil)
	_ meta.Source    = (*File)(nil)
)
