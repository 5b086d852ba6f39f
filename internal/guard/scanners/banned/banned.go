// Package banned is the guard scanner for content an operator forbids: banned phrases,
// banned regular expressions and banned topics.
//
//   - Substrings match case-insensitively on text folded by textnorm.Normalize (look-alike
//     letters, fullwidth forms, invisible characters and runs of white space do not hide
//     a phrase); with WholeWord they must not be part of a longer word.
//   - Regexes are RE2 patterns, on the original text or, with Normalized, on folded text.
//   - A topic is a list of keywords and phrases and a minimum number of distinct ones that
//     must occur in one segment: {name: weapons, keywords: [rifle, ammunition, suppressor],
//     min_hits: 2}. It is transparent keyword counting, not a classifier: a topic fires on
//     a text that uses enough of its words, whatever the intent.
//
// Spans always refer to the original text; folded matches are mapped back.
package banned

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// Name is the rule key of this scanner.
const Name = "banned"

// maxFindings bounds the findings reported per segment: a text repeating a banned word
// ten thousand times needs blocking, not ten thousand findings.
const maxFindings = 256

// Options configures the banned-content scanner. The zero value bans nothing.
type Options struct {
	Substrings []Substring `yaml:"substrings"`
	Regexes    []Regex     `yaml:"regexes"`
	Topics     []Topic     `yaml:"topics"`
	// Directions is "input" (default), "output" or "both".
	Directions string `yaml:"directions"`
}

// Substring is a banned phrase.
type Substring struct {
	// Name identifies the phrase in findings (Kind "substring:<name>"); default: Text.
	Name string `yaml:"name"`
	Text string `yaml:"text"`
	// WholeWord rejects matches inside longer words ("ass" in "class").
	WholeWord bool `yaml:"whole_word"`
}

// Regex is a banned RE2 pattern.
type Regex struct {
	// Name identifies the pattern in findings (Kind "regex:<name>"); required.
	Name    string `yaml:"name"`
	Pattern string `yaml:"pattern"`
	// Normalized matches the pattern against folded text (lower case, look-alikes folded,
	// white space collapsed) instead of the original.
	Normalized bool `yaml:"normalized"`
}

// Topic is a subject to refuse, recognised by its vocabulary.
type Topic struct {
	// Name identifies the topic in findings (Kind "topic:<name>"); required.
	Name     string   `yaml:"name"`
	Keywords []string `yaml:"keywords"`
	// MinHits is how many distinct keywords must occur (default 2, at most len(Keywords)).
	MinHits int `yaml:"min_hits"`
	// Partial also counts keywords inside longer words ("gun" in "gunpowder").
	Partial bool `yaml:"partial"`
}

// Scanner finds banned content. It is immutable after New and safe for concurrent use.
type Scanner struct {
	dirs    scanners.Direction
	phrases *phraseIndex
	regexes []compiled
	topics  []topic
	// needFold: some check runs on folded text.
	needFold bool
}

type compiled struct {
	name       string
	re         *regexp.Regexp
	normalized bool
	need       literal // a literal every match contains
	hasNeed    bool
}

// New validates the options and compiles every pattern.
func New(opts Options) (*Scanner, error) {
	sc := &Scanner{dirs: scanners.Input}
	switch strings.ToLower(opts.Directions) {
	case "", "input":
	case "output":
		sc.dirs = scanners.Output
	case "both":
		sc.dirs = scanners.Both
	default:
		return nil, fmt.Errorf("unable to use directions %q: want input, output or both", opts.Directions)
	}
	var err error
	if sc.phrases, err = newPhraseIndex(opts.Substrings, opts.Topics); err != nil {
		return nil, err
	}
	if sc.topics, err = newTopics(opts.Topics); err != nil {
		return nil, err
	}
	for _, r := range opts.Regexes {
		if r.Name == "" {
			return nil, fmt.Errorf("unable to use banned regex %q: it needs a name", r.Pattern)
		}
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("unable to compile banned regex %q (%s): %w", r.Name, r.Pattern, err)
		}
		c := compiled{name: r.Name, re: re, normalized: r.Normalized}
		c.need, c.hasNeed = requiredLiteral(r.Pattern)
		sc.regexes = append(sc.regexes, c)
		sc.needFold = sc.needFold || r.Normalized
	}
	sc.needFold = sc.needFold || sc.phrases.size() > 0
	return sc, nil
}

// Name returns "banned".
func (*Scanner) Name() string { return Name }

// Directions returns the configured directions (input by default).
func (sc *Scanner) Directions() scanners.Direction { return sc.dirs }

// Scan reports banned content in every segment.
func (sc *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	var out []scanners.Finding
	for i, seg := range req.Segments {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the banned-content scan: %w", err)
		}
		fs, err := sc.scanText(ctx, i, seg.Text)
		if err != nil {
			return out, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// scanText checks one segment.
func (sc *Scanner) scanText(ctx context.Context, seg int, s string) ([]scanners.Finding, error) {
	var out []scanners.Finding
	var m textnorm.Mapped
	if sc.needFold {
		m = textnorm.NormalizeMap(s)
	}
	if sc.phrases.size() > 0 {
		out = sc.matchPhrases(seg, s, m, out)
	}
	for _, r := range sc.regexes {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the banned-content scan: %w", err)
		}
		out = regexFindings(r, seg, s, m, out)
	}
	return out, nil
}

// regexFindings appends the matches of one pattern.
func regexFindings(r compiled, seg int, s string, m textnorm.Mapped, out []scanners.Finding) []scanners.Finding {
	text := s
	if r.normalized {
		text = m.Text
	}
	if r.hasNeed && !r.need.in(text) {
		return out
	}
	for _, loc := range r.re.FindAllStringIndex(text, maxFindings) {
		start, end := loc[0], loc[1]
		if r.normalized {
			start, end = m.Span(start, end)
		}
		if len(out) >= maxFindings {
			break
		}
		out = append(out, finding(seg, "regex:"+r.name, 1, s, start, end, true))
	}
	return out
}

// excerptMax is how much of the matched text an excerpt quotes.
const excerptMax = 60

func finding(seg int, kind string, score float64, s string, start, end int, redact bool) scanners.Finding {
	return scanners.Finding{
		Rule: Name, Kind: kind, Score: score, Segment: seg, Start: start, End: end,
		Excerpt: quote(s[start:end]), Redactable: redact,
	}
}

// quote shortens a matched text for the audit log, on a character boundary.
func quote(s string) string {
	if len(s) <= excerptMax {
		return s
	}
	cut := excerptMax
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

var _ scanners.Scanner = (*Scanner)(nil)
