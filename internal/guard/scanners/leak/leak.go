// Package leak detects system-prompt leakage in model output by word-shingle overlap: the
// system prompt is cut into overlapping five-word shingles (after normalisation: case,
// punctuation, markup, apostrophes and invisible characters do not count; non-ASCII text
// goes through textnorm first, so look-alike letters and styled forms do not hide a copy),
// hashed once and cached; the output is walked word by word and each of its shingles looked
// up. A finding is reported when a long copied region matches (the model copied a passage,
// possibly reformatted as a list) or when a large share of the prompt's shingles shows up
// (a dump with light edits). Translations and true paraphrases are not detected; the canary
// rule covers part of that gap.
//
// The scan works on streaming windows: a window is judged on its own, so the run criterion
// is the one that fires mid-stream, and coverage only adds up inside one window.
package leak

import (
	"context"
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Name is the rule key.
const Name = "leak"

// Defaults.
const (
	defaultMinRunWords    = 12
	defaultThreshold      = 0.35
	defaultMaxSystemBytes = 64 << 10
	defaultCacheSize      = 64
	// minMatched is the fewest distinct matched shingles (7 words) for the coverage
	// criterion: with a short prompt one shared sentence would otherwise be "most of it".
	minMatched = 3
	// ctxEvery is how many output words are read between two context checks.
	ctxEvery = 4096
)

// Options configures the leak scanner. The zero value is the default.
type Options struct {
	// MinRunWords is the length, in words, of a copied passage that is reported on its own.
	// Default 12; at least shingle size + 1 (6).
	MinRunWords int `yaml:"min_run_words"`
	// Threshold is the share of the system prompt's shingles found in one output segment
	// that is reported even without a long run. Default 0.35, in (0, 1].
	Threshold float64 `yaml:"threshold"`
	// AllowedPhrases are passages of the system prompt the model is expected to repeat
	// (canned replies, disclaimers); they never match. Text in double quotes in the system
	// prompt is treated that way automatically.
	AllowedPhrases []string `yaml:"allowed_phrases"`
	// MaxSystemBytes bounds how much of the system prompt is profiled. Default 64 KiB.
	MaxSystemBytes int `yaml:"max_system_bytes"`
	// CacheSize is how many system-prompt profiles are kept. Default 64; -1 disables.
	CacheSize int `yaml:"cache_size"`
}

// Scanner compares output segments with Request.System. It is safe for concurrent use.
type Scanner struct {
	minRun    int
	threshold float64
	maxSystem int
	skip      map[uint64]bool // allowed-phrase shingles (read-only after New)
	boiler    map[uint64]bool // boilerplate shingles (read-only after New)
	cache     *cache
}

// New validates opts and returns a scanner.
func New(opts Options) (*Scanner, error) {
	if err := defaults(&opts); err != nil {
		return nil, err
	}
	s := &Scanner{
		minRun: opts.MinRunWords, threshold: opts.Threshold, maxSystem: opts.MaxSystemBytes,
		skip: map[uint64]bool{}, boiler: map[uint64]bool{},
		cache: newCache(max(opts.CacheSize, 0)),
	}
	shingleSet(opts.AllowedPhrases, s.skip)
	shingleSet(boilerplate(), s.boiler)
	return s, nil
}

func defaults(o *Options) error {
	switch {
	case o.MinRunWords == 0:
		o.MinRunWords = defaultMinRunWords
	case o.MinRunWords <= shingleWords:
		return fmt.Errorf("leak: min_run_words must be more than %d", shingleWords)
	}
	switch {
	case o.Threshold == 0:
		o.Threshold = defaultThreshold
	case o.Threshold < 0 || o.Threshold > 1:
		return errors.New("leak: threshold must be in (0, 1]")
	}
	switch {
	case o.MaxSystemBytes == 0:
		o.MaxSystemBytes = defaultMaxSystemBytes
	case o.MaxSystemBytes < 0:
		return errors.New("leak: max_system_bytes must not be negative")
	}
	switch {
	case o.CacheSize == 0:
		o.CacheSize = defaultCacheSize
	case o.CacheSize < -1:
		return errors.New("leak: cache_size must be -1 (off) or positive")
	}
	return nil
}

// Name returns "leak".
func (s *Scanner) Name() string { return Name }

// Directions returns Output.
func (s *Scanner) Directions() scanners.Direction { return scanners.Output }

// Scan reports at most one finding per segment that overlaps the system prompt.
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil || req.System == "" || len(req.Segments) == 0 {
		return nil, nil
	}
	system := req.System
	if len(system) > s.maxSystem {
		system = system[:s.maxSystem]
	}
	p := s.cache.get(system, func() *profile { return buildProfile(system, s.skip, s.boiler) })
	if p.informative == 0 {
		return nil, nil
	}
	var out []scanners.Finding
	seen := make([]uint64, (p.informative+63)/64)
	for i, seg := range req.Segments {
		clear(seen)
		text, mapped := seg.Text, (*textnorm.Mapped)(nil)
		if !isASCII(text) {
			nm := textnorm.NormalizeMap(text)
			text, mapped = nm.Text, &nm
		}
		m, err := p.match(ctx, text, seen)
		if err != nil {
			return out, fmt.Errorf("unable to finish the leak scan: %w", err)
		}
		if f, ok := s.judge(p, m); ok {
			if mapped != nil {
				f.Start, f.End = mapped.Span(f.Start, f.End)
			}
			f.Segment = i
			out = append(out, f)
		}
	}
	return out, nil
}

// overlap is what match measured on one segment.
type overlap struct {
	matched          int // distinct informative shingles of the prompt found
	runWords         int // words covered by the best copied region
	runStart, runEnd int
	first, last      int // byte span from the first to the last matching word
}

// maxGap is how far apart (in shingles) two matching shingles may be and still belong to one
// copied region: up to two words inserted or replaced between them, as when a model numbers
// the sentences of its prompt or joins them with "and I".
const maxGap = shingleWords + 2

// match walks text once, looking every shingle up in the profile. Besides coverage it
// measures copied regions: stretches of matching shingles with small gaps, counted in words
// of the output they cover.
func (p *profile) match(ctx context.Context, text string, seen []uint64) (overlap, error) {
	var (
		m       overlap
		sh      shingler
		lastHit = -maxGap - 1 // shingle index of the previous informative hit
		lastAny = lastHit     // the same, counting bridging boilerplate hits
		words   int           // words covered by the current region
		start   int
		err     error
	)
	m.first = -1
	eachWord(text, func(w word) bool {
		if sh.n%ctxEvery == ctxEvery-1 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		h, ok := sh.push(w)
		if !ok {
			return true
		}
		v, hit := p.lookup(h)
		if !hit {
			return true
		}
		idx := sh.n - shingleWords
		if v == generic {
			if idx-lastAny <= maxGap {
				lastAny = idx // boilerplate bridges a region but adds no words to it
			}
			return true
		}
		if seen[v/64]&(1<<(v%64)) == 0 {
			seen[v/64] |= 1 << (v % 64)
			m.matched++
		}
		if idx-lastAny > maxGap {
			words, start = shingleWords, sh.first().start
		} else {
			words += min(idx-lastHit, shingleWords)
		}
		lastHit, lastAny = idx, idx
		if m.first < 0 {
			m.first = sh.first().start
		}
		m.last = w.end
		if words > m.runWords {
			m.runWords, m.runStart, m.runEnd = words, start, w.end
		}
		return true
	})
	return m, err
}

// judge turns an overlap into a finding when it passes the thresholds.
func (s *Scanner) judge(p *profile, m overlap) (scanners.Finding, bool) {
	cov := 0.0
	if p.informative > 0 {
		cov = float64(m.matched) / float64(p.informative)
	}
	byRun := m.runWords >= s.minRun
	byCov := m.matched >= minMatched && cov >= s.threshold
	if !byRun && !byCov {
		return scanners.Finding{}, false
	}
	f := scanners.Finding{
		Rule: Name, Kind: "overlap", Start: m.first, End: m.last,
		Excerpt: fmt.Sprintf("%d words copied; %.0f%% of the system prompt's shingles", m.runWords, 100*cov),
	}
	score := min(1, 0.5+0.5*(cov-s.threshold)/(1-s.threshold+1e-9))
	if byRun {
		f.Kind, f.Start, f.End = "verbatim-run", m.runStart, m.runEnd
		score = max(score, min(1, 0.5+0.5*float64(m.runWords-s.minRun)/float64(s.minRun)))
	}
	f.Score = max(score, 0.5)
	return f, true
}

var _ scanners.Scanner = (*Scanner)(nil)
