package bundle

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sigstore/sigstore-go/pkg/root"
	"github.com/sigstore/sigstore-go/pkg/sign"
	"google.golang.org/protobuf/encoding/protojson"
)

// Public-good Sigstore endpoints used when SigstoreOptions leaves them empty.
const (
	DefaultFulcioURL = "https://fulcio.sigstore.dev"
	DefaultRekorURL  = "https://rekor.sigstore.dev"
)

// SigstoreOptions configures keyless signing. Obtaining the OIDC token (browser, device flow,
// ambient CI credentials) is the caller's job.
type SigstoreOptions struct {
	// IDToken is the OIDC identity token sent to Fulcio (required).
	IDToken string
	// FulcioURL and RekorURL default to the public-good instances.
	FulcioURL string
	RekorURL  string
	// TSAURL, when set, adds an RFC 3161 timestamp from that authority.
	TSAURL string
	// TrustedRootJSON, when set, is used to verify the new bundle before it is returned.
	TrustedRootJSON []byte
	// Timeout bounds each network request (default 30s).
	Timeout time.Duration
}

// SignSigstore signs payload keylessly: an ephemeral P-256 key, a Fulcio certificate for the
// token's identity and a Rekor dsse entry (plus a TSA timestamp when configured). It returns
// the compact bundle JSON. It needs the network.
func SignSigstore(ctx context.Context, payload []byte, o SigstoreOptions) ([]byte, error) {
	if o.IDToken == "" {
		return nil, errors.New("unable to sign with sigstore: an OIDC identity token is required")
	}
	opts, err := o.bundleOptions(ctx)
	if err != nil {
		return nil, err
	}
	kp, err := sign.NewEphemeralKeypair(nil)
	if err != nil {
		return nil, fmt.Errorf("unable to create ephemeral key: %w", err)
	}
	pb, err := sign.Bundle(&sign.DSSEData{Data: payload, PayloadType: PayloadType}, kp, opts)
	if err != nil {
		return nil, fmt.Errorf("unable to sign with sigstore: %w", err)
	}
	out, err := protojson.Marshal(pb)
	if err != nil {
		return nil, fmt.Errorf("unable to encode bundle: %w", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		return nil, fmt.Errorf("unable to encode bundle: %w", err)
	}
	if _, err := parse(compact.Bytes()); err != nil {
		return nil, fmt.Errorf("sigstore produced an unusable bundle: %w", err)
	}
	return compact.Bytes(), nil
}

// bundleOptions turns the options into sigstore-go signing options.
func (o SigstoreOptions) bundleOptions(ctx context.Context) (sign.BundleOptions, error) {
	fulcio, rekor := o.FulcioURL, o.RekorURL
	if fulcio == "" {
		fulcio = DefaultFulcioURL
	}
	if rekor == "" {
		rekor = DefaultRekorURL
	}
	opts := sign.BundleOptions{
		Context:                    ctx,
		CertificateProvider:        sign.NewFulcio(&sign.FulcioOptions{BaseURL: fulcio, Timeout: o.Timeout}),
		CertificateProviderOptions: &sign.CertificateProviderOptions{IDToken: o.IDToken},
		TransparencyLogs:           []sign.Transparency{sign.NewRekor(&sign.RekorOptions{BaseURL: rekor, Timeout: o.Timeout})},
	}
	if o.TSAURL != "" {
		opts.TimestampAuthorities = []*sign.TimestampAuthority{
			sign.NewTimestampAuthority(&sign.TimestampAuthorityOptions{URL: o.TSAURL, Timeout: o.Timeout}),
		}
	}
	if len(o.TrustedRootJSON) > 0 {
		tr, err := root.NewTrustedRootFromJSON(o.TrustedRootJSON)
		if err != nil {
			return opts, fmt.Errorf("unable to load trusted root: %w", err)
		}
		opts.TrustedRoot = tr
	}
	return opts, nil
}
