// Package code finds dangerous code and commands in model output, for deployments where
// output feeds tools, shells, databases, browsers, template engines or terminals: shell
// commands that destroy data, download and run code, open reverse shells, persist or read
// credentials; PowerShell cradles; destructive SQL and injection payloads; script
// injection; template injection and JNDI lookups; spreadsheet formula injection (DDE,
// macro calls, cells that send the sheet to a URL); and raw terminal control sequences.
//
// Every pattern is precompiled in New and guarded by literal keys, so an ordinary answer
// costs a few substring searches. Precision is the goal: code samples that merely look
// technical (a Python function, SELECT … WHERE, ls -la, pip install) do not fire.
package code

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Name is the rule key.
const Name = "code"

const (
	defaultThreshold = 0.6
	maxPerRule       = 8  // matches reported per pattern and round of keys
	maxFindings      = 64 // findings reported per segment
	excerptBytes     = 60 // bytes of the matched command quoted in the excerpt
)

// Options configures the code scanner. The zero value is the default.
type Options struct {
	// Threshold is the lowest pattern score reported, in (0, 1]. Default 0.6 (a bare
	// Invoke-Expression scores 0.7, a reverse shell 0.95).
	Threshold float64 `yaml:"threshold"`
	// Disable lists families ("shell", "powershell", "python", "sql", "xss", "template",
	// "spreadsheet", "terminal") or kinds ("sql:destructive") not to report.
	Disable []string `yaml:"disable"`
}

// spec is one pattern before compilation.
type spec struct {
	kind  string
	score float64
	// fenced, when set, is the score inside a markdown code fence: there a chat client shows
	// HTML as code instead of rendering it.
	fenced  float64
	keys    []string // lower-case literals (2+ bytes) on the first line of every match
	pattern string
	// free rules search the lines around a key (the match may start before it); the others
	// are anchored: the match starts at the key. Anchoring keeps the regexp work per key
	// small, which is what makes the rule cheap on code-heavy answers.
	free bool
	// word asks that the key start a word (not preceded by a letter, digit, '_', '-', '.').
	word bool
	// pre, when set, checks the text before an anchored key.
	pre func(text string, pos int) bool
	// need lists literals of which one must follow the key in its window before the pattern
	// runs; an anchored pattern then only sees the window up to a little past it. Go's
	// backtracking matcher costs tens of nanoseconds per byte, so skipping the lines that
	// cannot match is most of the rule's speed.
	need []string
	// match, when set, replaces pattern for an anchored rule: it returns the match end.
	match func(text string, pos, limit int) (int, bool)
	// before and after widen the text a pattern runs on around a key: lines before the key's
	// line (a tag opened earlier; free rules only) and lines after it (a statement
	// continued). The default is the key's line only.
	before, after int
	exact         bool                            // match the original text instead of the lower-cased one
	keep          func(text string, m []int) bool // optional post-filter on a match
}

type rule struct {
	spec
	re *regexp.Regexp
}

// Scanner is the code rule; read-only after New, safe for concurrent use.
type Scanner struct {
	rules     []rule
	keys      *keyIndex
	threshold float64
	disabled  map[string]bool
}

// Families lists the rule families (shell, sql, xss, template, spreadsheet, terminal…), the
// values Options.Disable accepts besides single kinds.
func Families() []string {
	out := []string{"terminal"}
	for _, sp := range slices.Concat(shellRules(), sqlRules(), xssRules(), templateRules(), sheetRules()) {
		if f := family(sp.kind); !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// New validates opts, compiles the patterns and returns a scanner.
func New(opts Options) (*Scanner, error) {
	s := &Scanner{threshold: opts.Threshold, disabled: map[string]bool{}}
	if s.threshold == 0 {
		s.threshold = defaultThreshold
	}
	if s.threshold < 0 || s.threshold > 1 {
		return nil, fmt.Errorf("code: threshold %v not in (0, 1]", opts.Threshold)
	}
	all := slices.Concat(shellRules(), sqlRules(), xssRules(), templateRules(), sheetRules())
	known := map[string]bool{"terminal": true}
	for _, k := range terminalKinds() {
		known[k] = true
	}
	for _, sp := range all {
		known[sp.kind], known[family(sp.kind)] = true, true
	}
	for _, d := range opts.Disable {
		if !known[d] {
			return nil, fmt.Errorf("code: unknown family or kind %q in disable", d)
		}
		s.disabled[d] = true
	}
	for _, sp := range all {
		if sp.score < s.threshold || s.off(sp.kind) {
			continue
		}
		var re *regexp.Regexp
		if sp.match == nil {
			pattern := sp.pattern
			if !sp.free {
				pattern = `\A(?:` + pattern + `)`
			}
			var err error
			if re, err = regexp.Compile(pattern); err != nil {
				return nil, fmt.Errorf("code: unable to compile the %s pattern: %w", sp.kind, err)
			}
		}
		if slices.ContainsFunc(sp.keys, func(k string) bool { return len(k) < 2 || k != strings.ToLower(k) }) {
			return nil, fmt.Errorf("code: the %s pattern has a key that is not lower-case or is shorter than 2 bytes", sp.kind)
		}
		s.rules = append(s.rules, rule{sp, re})
	}
	s.keys = newKeyIndex(s.rules)
	return s, nil
}

func terminalKinds() []string {
	return []string{"terminal:hyperlink", "terminal:clipboard", "terminal:title", "terminal:osc",
		"terminal:cursor", "terminal:hidden-text", "terminal:query", "terminal:escape", "terminal:overwrite"}
}

func family(kind string) string {
	f, _, _ := strings.Cut(kind, ":")
	return f
}

func (s *Scanner) off(kind string) bool { return s.disabled[kind] || s.disabled[family(kind)] }

// Name returns "code".
func (s *Scanner) Name() string { return Name }

// Directions returns Output.
func (s *Scanner) Directions() scanners.Direction { return scanners.Output }

// Scan reports dangerous code in every segment.
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil {
		return nil, nil
	}
	var out []scanners.Finding
	for i, seg := range req.Segments {
		found, err := s.scanText(ctx, seg.Text)
		for _, f := range found {
			f.Segment = i
			out = append(out, f)
		}
		if err != nil {
			return out, fmt.Errorf("unable to finish the code scan: %w", err)
		}
	}
	return out, nil
}

func (s *Scanner) scanText(ctx context.Context, text string) ([]scanners.Finding, error) {
	out, err := s.scanPlain(ctx, text)
	if err != nil || !obfuscated(text) || len(out) >= maxFindings {
		return out, err
	}
	deob, offs := deobfuscate(text)
	more, err := s.scanPlain(ctx, deob)
	for _, f := range more {
		if f.End <= f.Start || strings.HasPrefix(f.Kind, "terminal:") {
			continue
		}
		start, end := int(offs[f.Start]), int(offs[f.End-1])+1
		if !overlaps(out, f.Kind, start, end) && len(out) < maxFindings {
			f.Start, f.End, f.Excerpt = start, end, "de-obfuscated: "+f.Excerpt
			out = append(out, f)
		}
	}
	return out, err
}

// scanPlain runs every rule over text as written.
func (s *Scanner) scanPlain(ctx context.Context, text string) ([]scanners.Finding, error) {
	var out []scanners.Finding
	lower := asciiLower(text)
	fenced := lazyFences{text: text}
	for from := 0; from < len(lower) && len(out) < maxFindings; {
		var hits []keyHit
		hits, from = s.keys.scan(lower, from)
		for i := 0; i < len(hits) && len(out) < maxFindings; {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			j := i
			for j < len(hits) && hits[j].rule == hits[i].rule {
				j++
			}
			out = s.report(out, &s.rules[hits[i].rule], text, lower, hits[i:j], &fenced)
			i = j
		}
	}
	if !s.off("terminal") && hasControls(text) {
		for _, h := range terminalHits(text) {
			if h.score >= s.threshold && !s.off(h.kind) && len(out) < maxFindings {
				out = append(out, s.finding(text, h.kind, h.score, h.start, h.end, true))
			}
		}
	}
	return out, nil
}

// report appends the findings of rule r at its key occurrences.
func (s *Scanner) report(out []scanners.Finding, r *rule, text, lower string, hits []keyHit, fenced *lazyFences) []scanners.Finding {
	for _, m := range s.matches(r, text, lower, hits) {
		start, end := trimSpan(text, m[0], m[1])
		score := r.score
		if r.fenced != 0 && fenced.inside(start) {
			score = r.fenced
		}
		if end > start && score >= s.threshold && !overlaps(out, r.kind, start, end) {
			out = append(out, s.finding(text, r.kind, score, start, end, false))
		}
	}
	return out
}

// lazyFences computes the fenced code blocks of a text on first use.
type lazyFences struct {
	text   string
	done   bool
	ranges [][2]int
}

func (f *lazyFences) inside(at int) bool {
	if !f.done {
		f.ranges, f.done = fences(f.text), true
	}
	return inRanges(f.ranges, at)
}

// matches runs rule r at its key occurrences and returns up to maxPerRule matches, as
// submatch index slices into text.
func (s *Scanner) matches(r *rule, text, lower string, hits []keyHit) [][]int {
	hay := lower
	if r.exact {
		hay = text
	}
	var out [][]int
	covered := -1 // end of the last window or match: later keys inside it add nothing
	for _, h := range hits {
		if h.pos < covered || len(out) >= maxPerRule {
			continue
		}
		if r.word && h.pos > 0 && wordByte(lower[h.pos-1]) || r.pre != nil && !r.pre(lower, h.pos) {
			continue
		}
		var ws, we int
		if r.free {
			ws, we = window(hay, h.pos, r.before, r.after)
		} else {
			ws, we = h.pos, lineEnd(hay, h.pos, r.after, anchorSpan)
		}
		if len(r.need) > 0 {
			n := firstOf(hay[ws:we], r.need)
			if n < 0 {
				if r.free {
					covered = we
				}
				continue
			}
			if !r.free {
				we = min(we, ws+n+needTail)
			}
		}
		for _, m := range s.run(r, hay, h.pos, ws, we, maxPerRule-len(out)) {
			if r.keep == nil || r.keep(hay, m) {
				out = append(out, m)
				covered = max(covered, m[1])
			}
		}
		if r.free {
			covered = max(covered, we)
		}
	}
	return out
}

// needTail is how far past a needed literal an anchored pattern may still match.
const needTail = 96

// run applies the rule's matcher to hay[ws:we] and returns matches as indexes into hay.
func (s *Scanner) run(r *rule, hay string, pos, ws, we, n int) [][]int {
	if r.match != nil {
		if end, ok := r.match(hay, pos, we); ok {
			return [][]int{{pos, end}}
		}
		return nil
	}
	var found [][]int
	if r.free {
		found = r.re.FindAllStringSubmatchIndex(hay[ws:we], n)
	} else if m := r.re.FindStringSubmatchIndex(hay[ws:we]); m != nil {
		found = [][]int{m}
	}
	for _, m := range found {
		for k := range m {
			if m[k] >= 0 {
				m[k] += ws
			}
		}
	}
	return found
}

// firstOf returns the index of the first occurrence in s of any of lits, or -1.
func firstOf(s string, lits []string) int {
	best := -1
	for _, l := range lits {
		if i := strings.Index(s, l); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

func (s *Scanner) finding(text, kind string, score float64, start, end int, redactable bool) scanners.Finding {
	return scanners.Finding{Rule: Name, Kind: kind, Score: score, Start: start, End: end,
		Excerpt: excerpt(text[start:end]), Redactable: redactable}
}

// fences returns the byte ranges of the contents of fenced code blocks (``` or ~~~). A
// fence left open runs to the end of the text.
func fences(text string) [][2]int {
	var out [][2]int
	open := -1
	var marker string
	for line := 0; line < len(text); {
		next := strings.IndexByte(text[line:], '\n')
		if next < 0 {
			next = len(text)
		} else {
			next += line + 1
		}
		l := strings.TrimLeft(text[line:next], " ")
		switch {
		case open < 0 && (strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~")):
			open, marker = next, l[:3]
		case open >= 0 && strings.HasPrefix(l, marker):
			out = append(out, [2]int{open, line})
			open = -1
		}
		line = next
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(text)})
	}
	return out
}

func inRanges(rs [][2]int, at int) bool {
	for _, r := range rs {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// trimSpan drops the separator a pattern may have matched before the command.
func trimSpan(text string, start, end int) (int, int) {
	for start < end && strings.IndexByte(" \t\n\r;&|(`$'\"", text[start]) >= 0 {
		start++
	}
	return start, end
}

// overlaps reports a finding of the same kind already covering part of [start, end).
func overlaps(fs []scanners.Finding, kind string, start, end int) bool {
	for _, f := range fs {
		if f.Kind == kind && start < f.End && f.Start < end {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, so byte offsets are unchanged.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// excerpt quotes the start of a match with control characters escaped (the audit log and
// the terminals reading it must not receive raw escape sequences) and long token-like runs
// masked (a command may carry a bearer token or an encoded payload).
func excerpt(m string) string {
	m = maskTokens(m)
	if len(m) > excerptBytes {
		cut := excerptBytes
		for cut > 0 && !utf8.RuneStart(m[cut]) {
			cut--
		}
		m = m[:cut] + "…"
	}
	var b strings.Builder
	for _, r := range m {
		switch {
		case r == utf8.RuneError:
			b.WriteString("\\ufffd")
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maskTokens shortens every run of 20 or more token characters (letters, digits, + / = _ -)
// to its first and last four: "sk-…f3a9" style.
func maskTokens(s string) string {
	const minToken = 20
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= minToken {
			b.WriteString(s[start:start+4] + "…" + s[end-4:end])
		} else if start >= 0 {
			b.WriteString(s[start:end])
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("+/=_-", c) >= 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteByte(c)
	}
	flush(len(s))
	return b.String()
}

var _ scanners.Scanner = (*Scanner)(nil)
