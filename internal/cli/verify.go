package cli

import (
	"crypto"
	"crypto/x509"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/sign/bundle"
	"github.com/aisecops/aisec/internal/sign/manifest"
)

// verifier checks a signature bundle and returns what it signed.
type verifier func(sig []byte) (*bundle.Verified, error)

// verifyError is a failed verification: exit 4, with the reason printed.
func verifyError(format string, args ...any) error {
	return &exitError{code: ExitVerifyFailed, err: fmt.Errorf(format, args...)}
}

func (e *env) verifyCommand() *cobra.Command {
	var o modelOptions
	var ignoreUnsigned bool
	cmd := &cobra.Command{
		Use:   "verify key|certificate|sigstore MODEL",
		Short: "Verify a model against its OpenSSF model_signing signature",
		Long: `Verify the signature of a model file or directory, then hash the model again and compare every
file with what was signed. Missing, extra and changed files are each named. Any failure exits 4.`,
		Example: `  aisec verify key ./my-model --public-key key.pub
  aisec verify certificate ./my-model --certificate-chain ca.pem
  aisec verify sigstore ./my-model --identity someone@example.com --identity-provider https://accounts.google.com
  aisec verify sigstore ./my-model --identity ... --identity-provider ... --trust-config trusted_root.json  # offline`,
	}
	o.addFlags(cmd, true, false)
	cmd.PersistentFlags().BoolVar(&ignoreUnsigned, "ignore-unsigned-files", false, "check only the files the signature lists")
	run := func(cmd *cobra.Command, model string, v verifier) error {
		return e.verify(cmd, model, &o, ignoreUnsigned, v)
	}
	cmd.AddCommand(e.verifyKeyCommand(run), e.verifyCertificateCommand(run), e.verifySigstoreCommand(run))
	return cmd
}

type verifyRun func(cmd *cobra.Command, model string, v verifier) error

func (e *env) verifyKeyCommand(run verifyRun) *cobra.Command {
	var keyPath string
	cmd := &cobra.Command{
		Use:   "key MODEL",
		Short: "Verify with the signer's EC public key (PEM)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := readLimited(keyPath, "public key")
			if err != nil {
				return err
			}
			pub, err := bundle.LoadPublicKey(b)
			if err != nil {
				return usageError("%v", err)
			}
			return run(cmd, args[0], func(sig []byte) (*bundle.Verified, error) { return bundle.VerifyKey(sig, crypto.PublicKey(pub)) })
		},
	}
	cmd.Flags().StringVar(&keyPath, "public-key", "", "PEM public key (required)")
	_ = cmd.MarkFlagRequired("public-key")
	return cmd
}

func (e *env) verifyCertificateCommand(run verifyRun) *cobra.Command {
	var chainPaths []string
	cmd := &cobra.Command{
		Use:   "certificate MODEL",
		Short: "Verify a certificate-signed model against trusted root and intermediate certificates",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var roots []*x509.Certificate
			for _, p := range chainPaths {
				certs, err := loadCertificates(p)
				if err != nil {
					return err
				}
				roots = append(roots, certs...)
			}
			return run(cmd, args[0], func(sig []byte) (*bundle.Verified, error) { return bundle.VerifyCertificate(sig, roots) })
		},
	}
	cmd.Flags().StringSliceVar(&chainPaths, "certificate-chain", nil, "PEM certificates to trust (repeatable, required)")
	_ = cmd.MarkFlagRequired("certificate-chain")
	return cmd
}

func (e *env) verifySigstoreCommand(run verifyRun) *cobra.Command {
	var identity, issuer, trustConfig string
	cmd := &cobra.Command{
		Use:   "sigstore MODEL",
		Short: "Verify a Sigstore-signed model: certificate identity and issuer, transparency log",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var root []byte
			if trustConfig != "" {
				b, err := readLimited(trustConfig, "trust configuration")
				if err != nil {
					return err
				}
				root = b
			}
			return run(cmd, args[0], func(sig []byte) (*bundle.Verified, error) {
				return bundle.VerifySigstore(sig, root, identity, issuer)
			})
		},
	}
	cmd.Flags().StringVar(&identity, "identity", "", "expected signer identity (certificate SAN, required)")
	cmd.Flags().StringVar(&issuer, "identity-provider", "", "expected OIDC issuer (required)")
	cmd.Flags().StringVar(&trustConfig, "trust-config", "", "Sigstore trusted-root JSON (required: aisec does not fetch the public-good root over TUF yet)")
	_ = cmd.MarkFlagRequired("identity")
	_ = cmd.MarkFlagRequired("identity-provider")
	_ = cmd.MarkFlagRequired("trust-config")
	return cmd
}

// verify checks the signature, then the model against the signed manifest.
func (e *env) verify(cmd *cobra.Command, model string, o *modelOptions, ignoreUnsigned bool, v verifier) error {
	if _, err := os.Lstat(model); err != nil {
		return usageError("unable to read model: %v", err)
	}
	if _, err := os.Stat(o.signature); err != nil {
		return usageError("unable to read signature: %v", err)
	}
	sig, err := readAtMost(o.signature, bundle.MaxBundleSize)
	if err != nil {
		return verifyError("unable to read signature: %v", err)
	}
	ok, err := v(sig)
	if err != nil {
		return verifyError("signature verification failed: %v", err)
	}
	signed, signedOpts, err := manifest.ParsePayload(ok.Payload)
	if err != nil {
		return verifyError("signed payload is not a model_signing manifest: %v", err)
	}
	opts := signedOpts // hash the way the signature says
	opts.IgnorePaths = append(opts.IgnorePaths, o.absIgnorePaths()...)
	opts.IgnoreGitPaths = o.gitPathsIgnored()
	opts.SignatureFile = absolute(o.signature)
	if cmd.Flags().Changed("allow-symlinks") {
		opts.AllowSymlinks = o.allowSymlinks // the verifier's choice wins, as in model_signing
	}
	if len(signed.Entries) == 0 {
		return verifyError("the signature lists no files: it cannot vouch for any model")
	}
	actual, err := manifest.Rehash(cmd.Context(), model, signed, opts, ignoreUnsigned)
	if err != nil {
		return verifyError("unable to hash the model: %v", err)
	}
	if d := manifest.Compare(signed, actual); !d.OK() {
		writeDiff(e.stderr, d)
		return verifyError("model does not match its signature")
	}
	fmt.Fprintf(e.stdout, "verified %s: %d entries match (%s)\n", model, len(signed.Entries), ok.Method)
	return nil
}

// writeDiff names every file that differs from the signed manifest.
func writeDiff(w io.Writer, d manifest.Diff) {
	for _, p := range d.Missing {
		fmt.Fprintf(w, "missing: %s (signed, not in the model)\n", p)
	}
	for _, p := range d.Extra {
		fmt.Fprintf(w, "extra: %s (in the model, not signed)\n", p)
	}
	for _, c := range d.Changed {
		fmt.Fprintf(w, "changed: %s\n  signed: %s\n  actual: %s\n", c.Name, c.Want, c.Got)
	}
}
