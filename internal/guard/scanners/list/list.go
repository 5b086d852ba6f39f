// Package list registers the guard's scanners explicitly, in the order the engine reports them.
package list

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/banned"
	"github.com/aisecops/aisec/internal/guard/scanners/canary"
	"github.com/aisecops/aisec/internal/guard/scanners/code"
	"github.com/aisecops/aisec/internal/guard/scanners/injection"
	"github.com/aisecops/aisec/internal/guard/scanners/leak"
	"github.com/aisecops/aisec/internal/guard/scanners/limits"
	"github.com/aisecops/aisec/internal/guard/scanners/links"
	"github.com/aisecops/aisec/internal/guard/scanners/pii"
	"github.com/aisecops/aisec/internal/guard/scanners/refusal"
	"github.com/aisecops/aisec/internal/guard/scanners/secrets"
)

// Factory builds one scanner from its options.
type Factory struct {
	Name string
	// On says whether the scanner runs when the configuration does not mention it. Banned
	// content and size limits have nothing to check until they are configured.
	On bool
	// Build decodes the scanner's options (nil: defaults) strictly and constructs it.
	Build func(options *yaml.Node) (scanners.Scanner, error)
}

// Factories is the explicit list of every guard scanner.
func Factories() []Factory {
	return []Factory{
		{Name: "injection", On: true, Build: builder(injection.New)},
		{Name: "secrets", On: true, Build: builder(secrets.New)},
		{Name: "pii", On: true, Build: builder(pii.New)},
		{Name: "banned", On: false, Build: builder(banned.New)},
		{Name: "limits", On: false, Build: builder(limits.New)}, // nothing to limit until configured
		{Name: "canary", On: true, Build: builder(canary.New)},
		{Name: "leak", On: true, Build: builder(leak.New)},
		{Name: "links", On: true, Build: builder(links.New)},
		{Name: "code", On: true, Build: builder(code.New)},
		{Name: "refusal", On: true, Build: builder(refusal.New)},
	}
}

// Default builds every scanner that is on by default, with default options.
func Default() ([]scanners.Scanner, error) {
	var out []scanners.Scanner
	for _, f := range Factories() {
		if !f.On {
			continue
		}
		s, err := f.Build(nil)
		if err != nil {
			return nil, fmt.Errorf("scanner %s: %w", f.Name, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// builder adapts a scanner constructor to Factory.Build.
func builder[O any, S scanners.Scanner](newScanner func(O) (S, error)) func(*yaml.Node) (scanners.Scanner, error) {
	return func(n *yaml.Node) (scanners.Scanner, error) {
		var o O
		if err := decodeStrict(n, &o); err != nil {
			return nil, err
		}
		return newScanner(o)
	}
}

// decodeStrict decodes a node rejecting unknown keys (yaml.Node.Decode cannot do that).
func decodeStrict(n *yaml.Node, v any) error {
	if n == nil {
		return nil
	}
	data, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
