// Package injection is the prompt-injection and jailbreak scanner (rule key "injection"). It
// looks at input text in layers:
//
//  1. normalisation (textnorm): invisible characters, look-alike letters, fullwidth and
//     styled letters, accents, case and spacing are folded; leetspeak, letter-spaced and
//     reversed spellings are tried as variants; base64, hex, percent, rot13, Unicode-tag
//     and zero-width encodings are decoded and scanned too (a hidden instruction is itself
//     evidence: kind "encoded:<how>"; invisible tag text alone is "smuggling:unicode-tags");
//  2. a phrase grammar over word classes (instruction override, system-prompt extraction,
//     personas such as DAN and developer mode, refusal suppression, exfiltration, fake chat
//     markup, obfuscation requests, fiction framings, text addressed to the model or
//     claiming to outrank the user or imposing rules on the models that read it, content
//     that countermands the task it was pasted for; several languages), matched with one
//     vocabulary lookup per word and an Aho-Corasick pass for literals;
//  3. structure (turns.go): conversations forged inside a message (one reply repeated and
//     left open for the model to continue, an assistant turn that already agreed to
//     something), system or tool messages written as chat-API JSON, function-call markup,
//     markup closed and reopened around an order, invisible characters between letters;
//  4. a linear classifier (package classifier) scoring the raw text.
//
// Rule weights and the classifier probability are combined with a noisy-OR; a segment is
// reported when the result reaches Options.Threshold. Text from tools and documents is
// scanned the same way and reported with kinds prefixed "indirect:".
package injection

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Name is the rule key of this scanner.
const Name = "injection"

// Defaults for the zero Options.
const (
	DefaultThreshold     = 0.7
	DefaultMaxBytes      = 32 << 10
	DefaultMaxTotalBytes = 128 << 10
	maxFindingsPerSeg    = 8
)

// Model is what the scanner needs from a classifier: the probability that a raw text is an
// attack. *classifier.Model implements it.
type Model interface {
	Score(text string) float64
}

// normalizedScorer is implemented by models (*classifier.Model) that can score a text whose
// normalisation the scanner has already done, with the same result as Score.
type normalizedScorer interface {
	ScoreNormalized(text, norm string) float64
}

// thresholder is implemented by models that know their own decision threshold; the scanner
// then maps that threshold onto its own, so that the model's operating point is kept.
type thresholder interface {
	Threshold() float64
}

// Options configure the scanner. The zero value is the default configuration.
type Options struct {
	// Threshold is the combined score at which a segment is reported (default 0.7). Rule
	// weights are written so that one strong phrase (≥ 0.85) passes it on its own.
	Threshold float64 `yaml:"threshold"`
	// Model overrides the classifier (nil: the embedded default model).
	Model Model `yaml:"-"`
	// ClassifierThreshold is the model probability that on its own reaches Threshold (0:
	// the model's own recommended threshold, or 0.5 when it has none). Probabilities map
	// piecewise-linearly onto the scanner's scale around it before the noisy-OR.
	ClassifierThreshold float64 `yaml:"classifier_threshold"`
	// DisableClassifier scans with the rules only.
	DisableClassifier bool `yaml:"disable_classifier"`
	// DisableRules scans with the classifier only (and no decoding).
	DisableRules bool `yaml:"disable_rules"`
	// DisableDecoding skips base64/hex/rot13/… probes.
	DisableDecoding bool `yaml:"disable_decoding"`
	// MaxBytes bounds the work per segment (default 32 KiB): longer text is scanned as a
	// head window (half), a tail window (a quarter) and four evenly spread middle chunks.
	MaxBytes int `yaml:"max_bytes"`
	// MaxTotalBytes bounds the work per request (default 128 KiB); segments are scanned
	// newest first, so an over-long history leaves its oldest messages unscanned.
	MaxTotalBytes int `yaml:"max_total_bytes"`
	// Roles lists the segment roles scanned (default user, tool, document and segments
	// without a role). System prompts come from the application and are not scanned.
	Roles []string `yaml:"roles"`
}

// Scanner is the injection scanner. It is immutable and safe for concurrent use.
type Scanner struct {
	threshold   float64
	model       Model
	modelThresh float64
	rules       *ruleSet
	decode      bool
	useRules    bool
	maxBytes    int
	maxTotal    int
	roles       map[string]bool
	pool        sync.Pool
}

// New validates the options and compiles the rules.
func New(opts Options) (*Scanner, error) {
	s := &Scanner{threshold: opts.Threshold, maxBytes: opts.MaxBytes, maxTotal: opts.MaxTotalBytes,
		decode: !opts.DisableDecoding && !opts.DisableRules, useRules: !opts.DisableRules}
	if s.threshold == 0 {
		s.threshold = DefaultThreshold
	}
	if s.threshold <= 0 || s.threshold > 1 {
		return nil, fmt.Errorf("injection threshold %v is outside (0,1]", opts.Threshold)
	}
	if s.maxBytes == 0 {
		s.maxBytes = DefaultMaxBytes
	}
	if s.maxTotal == 0 {
		s.maxTotal = DefaultMaxTotalBytes
	}
	if s.maxBytes < 1024 || s.maxTotal < s.maxBytes {
		return nil, fmt.Errorf("injection max_bytes %d must be ≥ 1024 and ≤ max_total_bytes %d", s.maxBytes, s.maxTotal)
	}
	if opts.DisableRules && opts.DisableClassifier {
		return nil, fmt.Errorf("injection: rules and classifier cannot both be disabled")
	}
	if err := s.setModel(opts); err != nil {
		return nil, err
	}
	s.roles = map[string]bool{"": true, scanners.RoleUser: true, scanners.RoleTool: true, scanners.RoleDocument: true}
	if len(opts.Roles) > 0 {
		s.roles = make(map[string]bool, len(opts.Roles))
		for _, r := range opts.Roles {
			s.roles[r] = true
		}
	}
	rules, err := defaultRules()
	if err != nil {
		return nil, fmt.Errorf("unable to compile the injection rules: %w", err)
	}
	s.rules = rules
	s.pool.New = func() any { return &scratch{} }
	return s, nil
}

func (s *Scanner) setModel(opts Options) error {
	if opts.DisableClassifier {
		return nil
	}
	s.model = opts.Model
	if s.model == nil {
		m, err := classifier.LoadDefault()
		if err != nil {
			return fmt.Errorf("unable to load the injection classifier: %w", err)
		}
		s.model = m
	}
	s.modelThresh = 0.5
	if t, ok := s.model.(thresholder); ok && t.Threshold() > 0 && t.Threshold() < 1 {
		s.modelThresh = t.Threshold()
	}
	if c := opts.ClassifierThreshold; c != 0 {
		if c <= 0 || c >= 1 {
			return fmt.Errorf("injection classifier_threshold %v is outside (0,1)", c)
		}
		s.modelThresh = c
	}
	return nil
}

// defaultRules compiles the built-in rule tables.
func defaultRules() (*ruleSet, error) {
	if err := checkRules(markupLiterals, textnorm.Normalize); err != nil {
		return nil, err
	}
	classes := append(append([]classDef{}, englishClasses...), intlClasses...)
	pats := append(append([]patternDef{}, englishPatterns...), intlPatterns...)
	return compileRules(classes, pats, markupLiterals)
}

// Name returns "injection".
func (s *Scanner) Name() string { return Name }

// Directions returns Input: injections arrive with the request (including tool results).
func (s *Scanner) Directions() scanners.Direction { return scanners.Input }

// Scan inspects the request's segments, newest first, within the byte budget.
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil || req.Direction&scanners.Input == 0 {
		return nil, nil
	}
	sc := s.pool.Get().(*scratch)
	defer s.pool.Put(sc)
	var out []scanners.Finding
	budget := s.maxTotal
	for i := len(req.Segments) - 1; i >= 0 && budget > 0; i-- {
		seg := &req.Segments[i]
		if !s.roles[seg.Role] || seg.Text == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("injection scan interrupted: %w", err)
		}
		acc, used, err := s.scanText(ctx, seg.Text, min(s.maxBytes, budget), sc)
		if err != nil {
			return out, err
		}
		budget -= used
		out = append(out, s.findings(acc, i, seg)...)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Segment != out[b].Segment {
			return out[a].Segment < out[b].Segment
		}
		return out[a].Start < out[b].Start
	})
	return out, nil
}

var _ scanners.Scanner = (*Scanner)(nil)
