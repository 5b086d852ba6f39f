// Package scan orchestrates a scan: walk the inputs, identify each file by content, expand
// containers, parse models, run the detectors and assemble the report. It holds no format
// logic of its own.
package scan

import (
	"runtime"

	"github.com/aisecops/aisec/internal/limits"
	"github.com/aisecops/aisec/internal/vuln"
)

// HashMode says when files get a sha256 in the report.
type HashMode string

// Hash modes. Auto hashes what costs little (files and random-access members up to
// AutoHashLimit) so that a multi-GB checkpoint is scanned without reading all of it.
const (
	HashAuto   HashMode = "auto"
	HashAlways HashMode = "always"
	HashNever  HashMode = "never"
)

// AutoHashLimit is the largest input hashed in HashAuto mode.
const AutoHashLimit = 256 << 20

// Options configures a Scanner.
type Options struct {
	Jobs    int           // parallel top-level inputs; 0 means one per core
	Budget  limits.Budget // zero fields take limits.Default()
	Hash    HashMode
	Exclude []string // glob patterns of paths to leave out of directory walks
	// FollowSymlinks follows links whose target stays inside the root they were found under.
	FollowSymlinks bool
	// Vulns matches the pinned packages of dependency manifests against advisories; nil (no
	// advisory database given) reports manifests as skipped.
	Vulns vuln.Matcher
	// OnTotal and OnDone report progress: the number of top-level inputs, then one call per
	// finished input. Both may be nil.
	OnTotal func(n int)
	OnDone  func(path string)
}

func (o Options) withDefaults() Options {
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Hash == "" {
		o.Hash = HashAuto
	}
	o.Budget = o.Budget.WithDefaults()
	return o
}
