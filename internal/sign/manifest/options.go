package manifest

import (
	"fmt"
	"runtime"
)

// Serialization methods.
const (
	MethodFiles  = "files"
	MethodShards = "shards"
)

// Hash names as recorded in serialization.hash_type.
const (
	HashSHA256  = "sha256"
	HashBLAKE2b = "blake2b"
	HashBLAKE3  = "blake3"
)

// DefaultShardSize is model_signing's default shard size (1,000,000,000 bytes).
const DefaultShardSize int64 = 1_000_000_000

// gitPaths are the root-anchored paths ignored by default (model_signing's git set).
var gitPaths = [...]string{".git", ".gitattributes", ".github", ".gitignore"}

// Options configures Build and Rehash. The zero value hashes with files/sha256, no symlinks,
// and ignores nothing; DefaultOptions gives model_signing's defaults.
type Options struct {
	Serialization string   // "files" (default) or "shards"
	ShardSize     int64    // shard size for "shards"; 0 means DefaultShardSize
	Hash          string   // "sha256" (default), "blake2b" (alias "blake2"), "blake3"
	IgnorePaths   []string // absolute, or relative to the model root; paths outside the root are dropped
	// IgnoreGitPaths ignores .git, .gitattributes, .github and .gitignore at the model root.
	IgnoreGitPaths bool
	AllowSymlinks  bool   // hash symlinked files (by target content) instead of failing
	SignatureFile  string // signature path to ignore (absolute, or relative to the model root)
	Jobs           int    // parallel hashing workers; 0 means runtime.NumCPU()
}

// DefaultOptions returns model_signing's signing defaults: files, sha256, git paths ignored.
func DefaultOptions() Options {
	return Options{Serialization: MethodFiles, Hash: HashSHA256, IgnoreGitPaths: true}
}

// normalized validates o and fills in defaults.
func (o Options) normalized() (Options, error) {
	switch o.Serialization {
	case "":
		o.Serialization = MethodFiles
	case MethodFiles, MethodShards:
	default:
		return o, fmt.Errorf("unknown serialization method %q (want files or shards)", o.Serialization)
	}
	h, err := canonicalHash(o.Hash)
	if err != nil {
		return o, err
	}
	o.Hash = h
	if o.ShardSize == 0 {
		o.ShardSize = DefaultShardSize
	}
	if o.ShardSize < 0 {
		return o, fmt.Errorf("invalid shard size %d", o.ShardSize)
	}
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	return o, nil
}

// canonicalHash maps a user or payload hash name to its recorded hash_type.
func canonicalHash(name string) (string, error) {
	switch name {
	case "", HashSHA256:
		return HashSHA256, nil
	case HashBLAKE2b, "blake2":
		return HashBLAKE2b, nil
	case HashBLAKE3:
		return HashBLAKE3, nil
	}
	return "", fmt.Errorf("unsupported hash %q (want sha256, blake2b or blake3)", name)
}

// algorithm is the per-resource algorithm string for the given options.
func (o Options) algorithm() string {
	if o.Serialization == MethodShards {
		return fmt.Sprintf("%s-sharded-%d", o.Hash, o.ShardSize)
	}
	return o.Hash
}
