// Package pii is the guard scanner for personal data in prompts and model output: e-mail
// addresses, phone numbers, payment cards, IBANs, US social security numbers, UK national
// insurance numbers, IP and MAC addresses and cryptocurrency addresses.
//
// Every recogniser is a hand-written byte scanner plus a validator (Luhn, IBAN mod-97,
// Base58Check and bech32 checksums, libphonenumber metadata, net/netip), not a regex: one
// pass over a 4 KiB prompt costs a few microseconds per kilobyte. Precision comes first —
// version numbers, dates, prices, order numbers, timestamps, UUIDs and hashes must not fire
// — so shapes that are ambiguous on their own (a bare nine-digit number as an SSN, a bare
// ten-digit number as a phone, a.b.c.d with single-digit parts as an address) are reported
// only when a context word ("ssn", "phone", "ip", …) precedes them.
//
// IP addresses that identify no one are skipped unless Options.IncludeReserved is set: the
// unspecified address, loopback, link-local, multicast, broadcast and the documentation
// ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32). Private ranges
// (10/8, 172.16/12, 192.168/16, fc00::/7) are reported: they describe internal networks.
package pii

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Name is the rule key of this scanner.
const Name = "pii"

// Entity kinds, as reported in Finding.Kind and accepted in Options.Entities.
const (
	Email      = "email"
	Phone      = "phone"
	CreditCard = "credit_card"
	IBAN       = "iban"
	USSSN      = "us_ssn"
	UKNINO     = "uk_nino"
	IPAddress  = "ip_address"
	MACAddress = "mac_address"
	CryptoBTC  = "crypto_btc"
	CryptoETH  = "crypto_eth"
)

// AllEntities returns every entity kind.
func AllEntities() []string {
	return []string{CreditCard, IBAN, USSSN, IPAddress, MACAddress, CryptoETH, CryptoBTC, UKNINO, Phone, Email}
}

// score is the informative confidence of a kind: checksummed formats score highest.
func score(kind string) float64 {
	switch kind {
	case CreditCard, IBAN:
		return 0.95
	case Email, CryptoBTC:
		return 0.9
	case USSSN:
		return 0.85
	case UKNINO, CryptoETH:
		return 0.8
	case Phone:
		return 0.75
	}
	return 0.6
}

// Options configures the PII scanner. The zero value detects every entity, validates phone
// numbers for the US, and skips reserved IP addresses.
type Options struct {
	// Entities restricts detection to these kinds (default: all of AllEntities).
	Entities []string `yaml:"entities"`
	// DefaultRegion is the ISO 3166 region used to validate phone numbers written without
	// a +country prefix (default "US").
	DefaultRegion string `yaml:"default_region"`
	// AllowList holds values never reported, compared after normalisation (case and
	// separators ignored: "+1 415-555-2671" also allows "(415) 555 2671").
	AllowList []string `yaml:"allow_list"`
	// IncludeReserved also reports loopback, unspecified, link-local, multicast, broadcast
	// and documentation IP addresses.
	IncludeReserved bool `yaml:"include_reserved"`
}

// Scanner finds personal data. It is immutable after New and safe for concurrent use.
type Scanner struct {
	recs            *dispatch // enabled token recognisers by first byte, in priority order
	emailOn         bool
	region          string
	allow           map[string]struct{}
	includeReserved bool
	phones          phoneCache
}

// New validates the options.
func New(opts Options) (*Scanner, error) {
	sc := &Scanner{region: "US", allow: map[string]struct{}{}, includeReserved: opts.IncludeReserved}
	all := AllEntities()
	ents := opts.Entities
	if len(ents) == 0 {
		ents = all
	}
	for _, e := range ents {
		if !slices.Contains(all, e) {
			return nil, fmt.Errorf("unable to enable pii entity %q: known entities are %s", e, strings.Join(all, ", "))
		}
	}
	sc.emailOn = slices.Contains(ents, Email)
	var recs []recogniser
	for _, r := range recognisers() {
		if slices.Contains(ents, r.kind) {
			recs = append(recs, r)
		}
	}
	sc.recs = newDispatch(recs)
	if opts.DefaultRegion != "" {
		r := strings.ToUpper(opts.DefaultRegion)
		if !phonenumbers.GetSupportedRegions()[r] {
			return nil, fmt.Errorf("unable to use default region %q: not a phone numbering region", opts.DefaultRegion)
		}
		sc.region = r
	}
	for _, v := range opts.AllowList {
		sc.allow[normalize(v)] = struct{}{}
		if p := sc.e164(v); p != v {
			sc.allow[normalize(p)] = struct{}{}
		}
	}
	return sc, nil
}

// Name returns "pii".
func (*Scanner) Name() string { return Name }

// Directions returns scanners.Both: users paste personal data, models repeat or invent it.
func (*Scanner) Directions() scanners.Direction { return scanners.Both }

// Scan reports the personal data in every segment.
func (sc *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	for i, seg := range req.Segments {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the pii scan: %w", err)
		}
		ms, err := sc.find(ctx, seg.Text)
		if err != nil {
			return out, err
		}
		for _, m := range ms {
			v := seg.Text[m.start:m.end]
			out = append(out, scanners.Finding{
				Rule: Name, Kind: m.kind, Score: score(m.kind),
				Segment: i, Start: m.start, End: m.end,
				Excerpt: Mask(m.kind, v), Redactable: true,
			})
		}
		if textnorm.MayHide(seg.Text) {
			if out, err = sc.scanFolded(ctx, i, seg.Text, ms, out); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// Find is Scan for one text.
func (sc *Scanner) Find(ctx context.Context, s string) ([]scanners.Finding, error) {
	return sc.Scan(ctx, &scanners.Request{Segments: []scanners.Segment{{Text: s}}})
}

// normalize folds a value for allow-list comparison: lower case, without the separators
// people put in numbers.
func normalize(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case ' ', '-', '.', '(', ')', '+', '\t':
		default:
			b.WriteByte(lowerByte(c))
		}
	}
	return b.String()
}

var _ scanners.Scanner = (*Scanner)(nil)
