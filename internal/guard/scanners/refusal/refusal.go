// Package refusal detects model refusals ("I'm sorry, but I can't help with that", "As an AI
// language model, I cannot …", and the usual openings in a dozen languages). It is a metric:
// the configuration logs it by default, and refusal rates per client feed abuse signals
// (probing for what a model will not do).
//
// Refusals open an answer, so only the first sentences are read, and a phrase must have the
// shape of a refusal: a first-person inability ("I cannot", "I will not", "I must decline")
// after an apology, or followed by a verb of helping. Topical words in compliant answers
// ("why you can't divide by zero", "I can't stress enough") and quoted dialogue in stories
// ("'I'm sorry, but I can't,' she said") do not count.
package refusal

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Name is the rule key.
const Name = "refusal"

const (
	defaultSentences = 3
	maxSentences     = 10
	// openingBytes bounds how much of a segment is read: refusals come first.
	openingBytes = 1024
	excerptBytes = 60
)

// Options configures the refusal scanner. The zero value is the default.
type Options struct {
	// Phrases are extra refusal formulas (any language), matched case-insensitively anywhere
	// in the opening sentences, e.g. a product's canned "I can only answer questions about
	// Acme products".
	Phrases []string `yaml:"phrases"`
	// Sentences is how many opening sentences are read. Default 3, at most 10.
	Sentences int `yaml:"sentences"`
}

// Scanner is the refusal rule; read-only after New, safe for concurrent use.
type Scanner struct {
	starts    []*regexp.Regexp // patterns anchored at a sentence start
	cues      []string         // one must occur before starts are tried
	builtin   []string         // normalised formulas matched anywhere in a sentence (each holds a cue)
	custom    []string         // Options.Phrases, normalised
	sentences int
	norm      *strings.Replacer
	dialogue  *regexp.Regexp
}

// New validates opts, compiles the patterns and returns a scanner.
func New(opts Options) (*Scanner, error) {
	s := &Scanner{sentences: opts.Sentences, norm: normaliser(), cues: cues()}
	switch {
	case s.sentences == 0:
		s.sentences = defaultSentences
	case s.sentences < 0 || s.sentences > maxSentences:
		return nil, fmt.Errorf("refusal: sentences must be in 1..%d", maxSentences)
	}
	for _, p := range append(englishPatterns(), multilingualPatterns()...) {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("refusal: unable to compile %q: %w", p, err)
		}
		s.starts = append(s.starts, re)
	}
	for _, p := range phrases() {
		s.builtin = append(s.builtin, s.normalise(p))
	}
	for _, p := range opts.Phrases {
		n := s.normalise(p)
		if len(n) < 4 {
			return nil, fmt.Errorf("refusal: phrase %q is too short to mean a refusal", p)
		}
		s.custom = append(s.custom, n)
	}
	s.dialogue = regexp.MustCompile(`\b(?:said|says|asked|replied|whispered|muttered|shouted|answered|sighed|cried|told)\b`)
	return s, nil
}

// normaliser expands the contractions the patterns are written without.
func normaliser() *strings.Replacer {
	return strings.NewReplacer(
		"i'm ", "i am ", "can't", "cannot", "can not", "cannot", "won't", "will not",
		"don't", "do not", "doesn't", "does not", "isn't", "is not", "i'd ", "i would ", "it's ", "it is ",
		"that's ", "that is ", "i'll ", "i will ", "i've ", "i have ", "couldn't", "could not",
		"wouldn't", "would not", "shouldn't", "should not", "aren't", "are not", "i'm", "i am",
	)
}

// Name returns "refusal".
func (s *Scanner) Name() string { return Name }

// Directions returns Output.
func (s *Scanner) Directions() scanners.Direction { return scanners.Output }

// Scan reports at most one refusal per segment: the first opening sentence that is one.
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil {
		return nil, nil
	}
	var out []scanners.Finding
	for i, seg := range req.Segments {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the refusal scan: %w", err)
		}
		inQuote := false // inside a quotation that spans sentences ("I'm sorry, Dave. I'm afraid …")
		for n, sp := range openingSentences(seg.Text, s.sentences) {
			sentence := seg.Text[sp[0]:sp[1]]
			quoted := inQuote
			inQuote = quoteOpen(sentence, inQuote)
			if quoted {
				continue
			}
			if score, ok := s.judge(sentence, n); ok {
				out = append(out, scanners.Finding{Rule: Name, Kind: "refusal", Score: score, Segment: i,
					Start: sp[0], End: sp[1], Excerpt: excerpt(seg.Text[sp[0]:sp[1]])})
				break
			}
		}
	}
	return out, nil
}

// judge decides whether one sentence (the n-th of the opening) is a refusal.
func (s *Scanner) judge(sentence string, n int) (float64, bool) {
	body := strings.TrimLeftFunc(sentence, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("*_#>-~`|", r)
	})
	if body == "" || strings.ContainsRune("\"'“‘«„「『", firstRune(body)) {
		return 0, false // a quotation, not the model speaking
	}
	norm := s.normalise(body)
	if strings.Contains(norm, "help but ") || hasQuote(norm) && s.dialogue.MatchString(norm) {
		return 0, false // "I can't help but …"; dialogue in a story
	}
	score := 1.0 - 0.1*float64(n)
	unquoted := withoutQuotes(norm) // "never respond with 'I cannot fulfill that request'" quotes one
	if containsAny(norm, s.cues) {
		for _, re := range s.starts {
			if re.MatchString(norm) {
				return score, true
			}
		}
		if containsAny(unquoted, s.builtin) {
			return score - 0.1, true
		}
	}
	if containsAny(unquoted, s.custom) {
		return score - 0.1, true
	}
	return 0, false
}

// quoteOpen reports whether a quotation is still open after sentence, given whether one
// was open before it (straight double quotes toggle, curly ones open and close).
func quoteOpen(sentence string, open bool) bool {
	for _, r := range sentence {
		switch r {
		case '"':
			open = !open
		case '“', '«', '„':
			open = true
		case '”', '»':
			open = false
		}
	}
	return open
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// withoutQuotes drops double-quoted passages (an unclosed quote runs to the end).
func withoutQuotes(s string) string {
	if !hasQuote(s) {
		return s
	}
	var b strings.Builder
	open := false
	for _, r := range s {
		switch r {
		case '"':
			open = !open
			continue
		case '“', '«':
			open = true
			continue
		case '”', '»':
			open = false
			continue
		}
		if !open {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasQuote(s string) bool { return strings.ContainsAny(s, "\"“”«»") }

// normalise lower-cases, straightens apostrophes, collapses whitespace and expands
// contractions.
func (s *Scanner) normalise(t string) string {
	t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
	t = strings.Map(func(r rune) rune {
		if r == '’' || r == '‘' || r == 'ʼ' {
			return '\''
		}
		return r
	}, t)
	// The trailing space lets "i'm " and friends match at the end of a sentence.
	return strings.TrimSuffix(s.norm.Replace(t+" "), " ")
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// openingSentences returns the byte spans of the first n sentences of text (within
// openingBytes). A sentence ends at . ! ? followed by a space, quote, bracket or the end, at
// 。！？, or at a line break. A code fence ends the opening: refusals are prose.
func openingSentences(text string, n int) [][2]int {
	limit := min(len(text), openingBytes)
	var out [][2]int
	start := -1
	for i := 0; i < limit && len(out) < n; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if start < 0 {
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			if strings.HasPrefix(text[i:], "```") || strings.HasPrefix(text[i:], "~~~") {
				break
			}
			start = i
		}
		end := -1
		switch {
		case r == '\n':
			end = i
		case r == '。' || r == '！' || r == '？':
			end = i + size
		case r == '.' || r == '!' || r == '?':
			if next := i + size; next >= len(text) || strings.ContainsRune(" \t\n\r\"')”’]*_", rune(text[next])) {
				end = next
			}
		}
		i += size
		if end >= 0 {
			if strings.TrimSpace(text[start:end]) != "" {
				out = append(out, [2]int{start, end})
			}
			start = -1
		}
	}
	if start >= 0 && len(out) < n {
		out = append(out, [2]int{start, limit})
	}
	return out
}

// excerpt quotes the start of the sentence (refusals are not sensitive), control
// characters removed.
func excerpt(s string) string {
	if len(s) > excerptBytes {
		cut := excerptBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}

var _ scanners.Scanner = (*Scanner)(nil)
