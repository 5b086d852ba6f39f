// Package vuln matches package versions against OSV advisories
// (https://ossf.github.io/osv-schema/), either offline from a database the user provides (a
// directory of <ID>.json files and/or osv.dev all.zip dumps, or one .zip file) or online through
// the OSV API. Both paths run the same local matching logic, so the same advisories give the
// same results.
//
// Everything read is untrusted: advisory sizes, total decompressed bytes and the number of
// advisories are bounded, malformed advisories are skipped and counted, and version strings that
// do not parse never match a range (they are never guessed at).
package vuln

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Query asks which advisories affect one package version.
type Query struct {
	Ecosystem string // OSV ecosystem name: "PyPI", "npm", "Go", "Maven"… (case-insensitive here)
	Name      string // package name as the ecosystem spells it (normalised before matching)
	Version   string // exact version; an empty version matches nothing
}

// Advisory is one OSV advisory as it applies to one queried package.
type Advisory struct {
	ID       string   // OSV ID, e.g. "GHSA-53q9-r3pm-6pq6"
	Aliases  []string // other IDs (CVE-…), sorted
	Summary  string   // summary, else the first line of details; at most 300 characters
	Severity string   // "critical", "high", "medium", "low" or "" (unknown)
	Fixed    []string // fixed versions for this package, in version order
	URL      string   // first ADVISORY reference, else WEB, else the osv.dev page
}

// Matcher answers queries. Result i holds the advisories affecting qs[i], sorted by ID.
type Matcher interface {
	Match(ctx context.Context, qs []Query) ([][]Advisory, error)
}

// Options bounds what Open reads. The zero value gives the defaults.
type Options struct {
	HTTPClient       *http.Client // API matcher only; default: a client with a 60 s timeout
	MaxAdvisoryBytes int64        // largest advisory JSON read (default 4 MiB); larger ones are skipped
	MaxTotalBytes    int64        // uncompressed bytes read in total (default 4 GiB); past it Open fails
	MaxAdvisories    int          // advisories parsed in total (default 2,000,000); past it Open fails
}

const (
	defaultMaxAdvisoryBytes = 4 << 20
	defaultMaxTotalBytes    = 4 << 30
	defaultMaxAdvisories    = 2_000_000
	defaultHTTPTimeout      = 60 * time.Second
	maxSummaryRunes         = 300
	maxVersionLen           = 256 // longer version strings are rejected as invalid
)

// withDefaults fills every zero (or negative) field from the defaults.
func (o Options) withDefaults() Options {
	if o.MaxAdvisoryBytes <= 0 {
		o.MaxAdvisoryBytes = defaultMaxAdvisoryBytes
	}
	if o.MaxTotalBytes <= 0 {
		o.MaxTotalBytes = defaultMaxTotalBytes
	}
	if o.MaxAdvisories <= 0 {
		o.MaxAdvisories = defaultMaxAdvisories
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout}
	}
	return o
}

// ErrInvalidVersion is matched (errors.Is) by every version that does not parse in its
// ecosystem's scheme.
var ErrInvalidVersion = errors.New("invalid version")

// ErrUnknownEcosystem is returned by Compare for an ecosystem without a known version order.
var ErrUnknownEcosystem = errors.New("no version order known for ecosystem")

// Open returns a Matcher for spec: an http(s) URL is the base of an OSV API (e.g.
// https://api.osv.dev); anything else is a local database, either a directory (walked
// recursively for *.json advisories and *.zip dumps), a .zip file or a single advisory .json.
func Open(spec string, o Options) (Matcher, error) {
	if isURL(spec) {
		return NewAPI(spec, o)
	}
	return OpenDB(spec, o)
}

func isURL(spec string) bool {
	l := strings.ToLower(spec)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// OpenDB loads the offline database at path (a directory, a .zip file or one .json advisory).
// Malformed or oversized advisories are skipped and counted; an unreadable directory or zip,
// or a budget exceeded, is an error.
func OpenDB(path string, o Options) (*DB, error) {
	o = o.withDefaults()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("unable to open vulnerability database: %w", err)
	}
	produce := func(emit emitFunc) error { return loadFile(path, fi.Size(), o, emit) }
	if fi.IsDir() {
		root, err := filepath.EvalSymlinks(path) // the walk itself follows no links
		if err != nil {
			return nil, fmt.Errorf("unable to open vulnerability database: %w", err)
		}
		produce = func(emit emitFunc) error { return walkDir(root, o, emit) }
	}
	l := newLoader(o)
	if err := l.run(produce); err != nil {
		return nil, fmt.Errorf("unable to load vulnerability database %s: %w", path, err)
	}
	return l.b.build(), nil
}
