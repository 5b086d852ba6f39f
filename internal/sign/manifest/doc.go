// Package manifest turns a model (a directory or a single file) into an OpenSSF
// model_signing v1 manifest and converts manifests to and from the in-toto Statement v1
// payload that gets signed.
//
// The rules follow the Python reference implementation (sigstore/model-transparency) byte
// for byte where it matters for interoperability: enumeration (dotfiles included, symlinked
// directories never descended), root-anchored ignore paths, relative POSIX resource names
// ("." for a single-file model), shard names "path:start:end" with algorithm
// "<hash>-sharded-<S>", ordering by path-component list, and a root digest that is SHA-256
// over the raw resource digests in emitted order.
package manifest
