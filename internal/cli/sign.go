package cli

import (
	"context"
	"crypto"
	"crypto/x509"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/sign/bundle"
	"github.com/aisecops/aisec/internal/sign/manifest"
)

// signer turns a payload into a signature bundle with one signing method.
type signer func(ctx context.Context, payload []byte) ([]byte, error)

func (e *env) signCommand() *cobra.Command {
	var o modelOptions
	cmd := &cobra.Command{
		Use:   "sign key|certificate|sigstore MODEL",
		Short: "Sign a model in the OpenSSF model_signing (OMS v1) format",
		Long: `Sign a model file or directory. The signature is a Sigstore bundle holding a DSSE envelope over
an in-toto statement that lists every file's digest; "model_signing verify" accepts it, and
"aisec verify" accepts model_signing's signatures.`,
		Example: `  aisec sign key ./my-model --private-key key.pem
  aisec sign certificate ./my-model --private-key key.pem --signing-certificate leaf.pem --certificate-chain ca.pem
  aisec sign sigstore ./my-model                      # keyless: Fulcio and Rekor (needs network)`,
	}
	o.addFlags(cmd, true, true)
	cmd.AddCommand(e.signKeyCommand(&o), e.signCertificateCommand(&o), e.signSigstoreCommand(&o))
	return cmd
}

func (e *env) signKeyCommand(o *modelOptions) *cobra.Command {
	var keyPath, password string
	cmd := &cobra.Command{
		Use:   "key MODEL",
		Short: "Sign with an EC private key (PEM: SEC1, PKCS#8 or encrypted PKCS#8; P-256, P-384, P-521)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := loadKey(keyPath, password)
			if err != nil {
				return err
			}
			return e.sign(cmd.Context(), args[0], o, func(_ context.Context, p []byte) ([]byte, error) {
				return bundle.SignKey(p, key)
			})
		},
	}
	cmd.Flags().StringVar(&keyPath, "private-key", "", "PEM private key (required)")
	cmd.Flags().StringVar(&password, "password", "", "password of an encrypted PKCS#8 key")
	_ = cmd.MarkFlagRequired("private-key")
	return cmd
}

func (e *env) signCertificateCommand(o *modelOptions) *cobra.Command {
	var keyPath, password, certPath string
	var chainPaths []string
	cmd := &cobra.Command{
		Use:   "certificate MODEL",
		Short: "Sign with a private key and its X.509 signing certificate",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			key, err := loadKey(keyPath, password)
			if err != nil {
				return err
			}
			leaf, err := loadCertificates(certPath)
			if err != nil {
				return err
			}
			var chain []*x509.Certificate
			for _, p := range chainPaths {
				certs, err := loadCertificates(p)
				if err != nil {
					return err
				}
				chain = append(chain, certs...)
			}
			return e.sign(cmd.Context(), args[0], o, func(_ context.Context, p []byte) ([]byte, error) {
				return bundle.SignCertificate(p, key, leaf[0], chain)
			})
		},
	}
	cmd.Flags().StringVar(&keyPath, "private-key", "", "PEM private key (required)")
	cmd.Flags().StringVar(&password, "password", "", "password of an encrypted PKCS#8 key")
	cmd.Flags().StringVar(&certPath, "signing-certificate", "", "PEM certificate of the key (required)")
	cmd.Flags().StringSliceVar(&chainPaths, "certificate-chain", nil, "PEM intermediate and root certificates (repeatable)")
	_ = cmd.MarkFlagRequired("private-key")
	_ = cmd.MarkFlagRequired("signing-certificate")
	return cmd
}

func (e *env) signSigstoreCommand(o *modelOptions) *cobra.Command {
	var token, trustConfig string
	var staging bool
	cmd := &cobra.Command{
		Use:   "sigstore MODEL",
		Short: "Sign keylessly with Sigstore (Fulcio certificate, Rekor transparency log; needs network)",
		Long: `Sign keylessly: Fulcio certifies an ephemeral key for the identity in an OIDC token, and the
signature is logged in Rekor. aisec does not run a browser flow: pass the token with
--identity-token (or AISEC_IDENTITY_TOKEN; in GitHub Actions, request one with id-token: write).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				return usageError("sign sigstore needs an OIDC token: --identity-token or AISEC_IDENTITY_TOKEN")
			}
			so := bundle.SigstoreOptions{IDToken: token, FulcioURL: bundle.DefaultFulcioURL, RekorURL: bundle.DefaultRekorURL}
			if staging {
				so.FulcioURL, so.RekorURL = stagingFulcioURL, stagingRekorURL
			}
			if trustConfig != "" {
				b, err := readLimited(trustConfig, "trust configuration")
				if err != nil {
					return err
				}
				so.TrustedRootJSON = b
			}
			return e.sign(cmd.Context(), args[0], o, func(ctx context.Context, p []byte) ([]byte, error) {
				return bundle.SignSigstore(ctx, p, so)
			})
		},
	}
	cmd.Flags().StringVar(&token, "identity-token", "", "OIDC identity token for Fulcio")
	cmd.Flags().BoolVar(&staging, "use-staging", false, "use Sigstore's staging Fulcio and Rekor")
	cmd.Flags().StringVar(&trustConfig, "trust-config", "", "Sigstore trusted-root JSON to check the Fulcio certificate against")
	return cmd
}

// Sigstore's staging instances, for --use-staging.
const (
	stagingFulcioURL = "https://fulcio.sigstage.dev"
	stagingRekorURL  = "https://rekor.sigstage.dev"
)

// sign builds the manifest of model, signs its payload and writes the signature.
func (e *env) sign(ctx context.Context, model string, o *modelOptions, s signer) error {
	if o.serialization != manifest.MethodFiles || o.hash != manifest.HashSHA256 {
		// model_signing's own CLI verifier checks only files + sha256.
		fmt.Fprintf(e.stderr, "warning: --serialization %s --hash %s is verified by aisec and the model_signing library, not by the model_signing CLI\n",
			o.serialization, o.hash)
	}
	m, err := manifest.Build(ctx, model, o.manifestOptions())
	if err != nil {
		return err
	}
	payload, err := m.Payload()
	if err != nil {
		return err
	}
	sig, err := s(ctx, payload)
	if err != nil {
		return err
	}
	if len(sig) > bundle.MaxBundleSize {
		return fmt.Errorf("the signature would be %d bytes, over the %d-byte limit verifiers read: sign with --serialization shards or split the model",
			len(sig), bundle.MaxBundleSize)
	}
	if err := os.WriteFile(o.signature, sig, 0o644); err != nil {
		return fmt.Errorf("unable to write signature: %w", err)
	}
	fmt.Fprintf(e.stderr, "signed %s (%d entries, root sha256:%x) -> %s\n", model, len(m.Entries), m.RootDigest(), o.signature)
	return nil
}

func loadKey(path, password string) (crypto.Signer, error) {
	b, err := readLimited(path, "private key")
	if err != nil {
		return nil, err
	}
	key, err := bundle.LoadPrivateKey(b, []byte(password))
	if err != nil {
		return nil, usageError("%v", err)
	}
	return key, nil
}

// loadCertificates reads every certificate of a PEM file.
func loadCertificates(path string) ([]*x509.Certificate, error) {
	b, err := readLimited(path, "certificate")
	if err != nil {
		return nil, err
	}
	certs, err := bundle.LoadCertificates(b)
	if err != nil {
		return nil, usageError("unable to read certificates from %s: %v", path, err)
	}
	return certs, nil
}
