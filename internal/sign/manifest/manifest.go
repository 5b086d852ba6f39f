package manifest

import (
	"crypto/sha256"
	"strings"
)

// Entry is one manifest resource: a file or a file shard and its digest.
type Entry struct {
	Name      string // POSIX path relative to the model root, "." for a single-file model; shards "path:start:end"
	Algorithm string // hash_type for files, "<hash>-sharded-<S>" for shards
	Digest    []byte // raw digest
}

// Serialization is the predicate's serialization description.
type Serialization struct {
	Method        string // "files" or "shards"
	HashType      string // "sha256", "blake2b" or "blake3"
	AllowSymlinks bool
	ShardSize     int64 // shards only
}

// Manifest is a model's list of hashed resources in emitted (signed) order.
type Manifest struct {
	ModelName     string // subject name: basename of the model path
	Entries       []Entry
	Serialization Serialization
	IgnorePaths   []string // relative POSIX ignore paths recorded in the payload, sorted
}

// RootDigest is SHA-256 over the concatenated raw digests in emitted order, whatever the
// hash type. It is the in-toto subject digest.
func (m *Manifest) RootDigest() []byte {
	h := sha256.New()
	for _, e := range m.Entries {
		h.Write(e.Digest)
	}
	return h.Sum(nil)
}

// lessPath orders relative POSIX paths like Python's PurePosixPath: by the list of path
// components, each compared by code point (byte order on UTF-8).
func lessPath(a, b string) bool {
	return comparePath(a, b) < 0
}

// comparePath compares two relative POSIX paths component-wise.
func comparePath(a, b string) int {
	for {
		ca, ra, moreA := strings.Cut(a, "/")
		cb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ca, cb); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = ra, rb
	}
}
