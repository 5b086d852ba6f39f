package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/sign/manifest"
)

// maxMaterialBytes bounds keys, certificates and trust roots, which are read whole.
const maxMaterialBytes = 4 << 20

// modelOptions are the flags sign, verify and digest share: how the model is enumerated and hashed.
type modelOptions struct {
	signature      string
	ignorePaths    []string
	ignoreGitPaths bool
	keepGitPaths   bool // --no-ignore-git-paths
	allowSymlinks  bool
	serialization  string
	shardSize      int64
	hash           string
}

// addFlags registers the flags of a verb: the signature file (sign and verify), what to
// leave out and, when hashing is chosen here (sign and digest), how to hash.
func (o *modelOptions) addFlags(cmd *cobra.Command, withSignature, chooseHash bool) {
	f := cmd.PersistentFlags()
	if withSignature {
		f.StringVar(&o.signature, "signature", "model.sig", "signature file (a Sigstore bundle)")
	}
	f.StringSliceVar(&o.ignorePaths, "ignore-paths", nil, "paths under the model to leave out (repeatable)")
	f.BoolVar(&o.ignoreGitPaths, "ignore-git-paths", true, "leave out .git, .gitattributes, .github and .gitignore")
	f.BoolVar(&o.keepGitPaths, "no-ignore-git-paths", false, "keep the git files (as model_signing's --no-ignore-git-paths)")
	f.BoolVar(&o.allowSymlinks, "allow-symlinks", false, "hash the targets of symbolic links inside the model instead of refusing them")
	o.serialization, o.shardSize, o.hash = manifest.MethodFiles, manifest.DefaultShardSize, manifest.HashSHA256
	if chooseHash { // verify hashes the way the signature says
		f.StringVar(&o.serialization, "serialization", o.serialization, "files (one digest per file, the default) or shards")
		f.Int64Var(&o.shardSize, "shard-size", o.shardSize, "shard size in bytes for --serialization shards")
		f.StringVar(&o.hash, "hash", o.hash, "sha256 (default), blake2b or blake3")
	}
}

// manifestOptions turns the flags into the manifest package's options.
func (o *modelOptions) manifestOptions() manifest.Options {
	return manifest.Options{Serialization: o.serialization, ShardSize: o.shardSize, Hash: o.hash,
		IgnorePaths: o.absIgnorePaths(), IgnoreGitPaths: o.gitPathsIgnored(), AllowSymlinks: o.allowSymlinks,
		SignatureFile: absolute(o.signature)}
}

// gitPathsIgnored combines --ignore-git-paths and --no-ignore-git-paths.
func (o *modelOptions) gitPathsIgnored() bool { return o.ignoreGitPaths && !o.keepGitPaths }

// absIgnorePaths resolves --ignore-paths against the working directory, as model_signing does;
// the manifest package drops those outside the model.
func (o *modelOptions) absIgnorePaths() []string {
	out := make([]string, 0, len(o.ignorePaths))
	for _, p := range o.ignorePaths {
		out = append(out, absolute(p))
	}
	return out
}

func absolute(p string) string {
	if p == "" {
		return ""
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

func (e *env) digestCommand() *cobra.Command {
	var o modelOptions
	cmd := &cobra.Command{
		Use:   "digest MODEL",
		Short: "Print the model_signing root digest of a model (file or directory)",
		Long: `Print the root digest that an OpenSSF model_signing signature of MODEL would carry, as
"sha256:<hex>", exactly as "model_signing digest" prints it.`,
		Example: `  aisec digest ./my-model
  aisec digest ./my-model --ignore-paths README.md`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := manifest.Build(cmd.Context(), args[0], o.manifestOptions())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "sha256:%x\n", m.RootDigest())
			return nil
		},
	}
	o.addFlags(cmd, false, true)
	return cmd
}

// readLimited reads a key, certificate or trust root, which are small.
func readLimited(path, what string) ([]byte, error) {
	b, err := readAtMost(path, maxMaterialBytes)
	if err != nil {
		return nil, usageError("unable to read %s: %v", what, err)
	}
	return b, nil
}

// readAtMost reads a file of at most limit bytes.
func readAtMost(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return b, nil
}
