package secrets

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/viper"
	"github.com/zricethezav/gitleaks/v8/config"
)

// assignOperators is the operator group gitleaks' rule generator puts between an identifier
// and its value (`api_key = …`, `token: …`, `"secret", …`). Rules containing it get the
// assignment gate (see assignGate).
const assignOperators = `(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)`

// Execution plans for a rule, decided once in New from its regex.
const (
	// planBounded: the regex has a bounded width W; it runs on windows of W bytes around
	// keyword hits, which contain every match that contains the keyword.
	planBounded = iota
	// planAssign: a generated identifier=value rule; it runs on windows from a little before
	// the identifier to the end of the value found by the assignment gate.
	planAssign
	// planTail: unbounded width; it runs from a little before the first plausible keyword hit
	// to the end of the text.
	planTail
)

// maxWindow caps the width treated as bounded: wider rules use planTail.
const maxWindow = 2048

// assignLookBehind is how far before a keyword an identifier=value match can start once its
// leading [\w.-]{0,50}? is dropped (see execForm): the identifier contains the keyword.
const assignLookBehind = 24

// rule is one gitleaks rule prepared for scanning.
type rule struct {
	id      string
	generic bool           // generic rules yield to a specific rule reporting the same secret
	re      *regexp.Regexp // execForm of the gitleaks regex
	// anchored is re anchored at the start, set when every match starts with a keyword
	// (see keywordLed): the rule then runs at keyword hits only. boundary: re starts
	// with \b, which the scanner checks before the hit.
	anchored *regexp.Regexp
	boundary bool
	// back and backSet describe the dropped leading repetitions, for widening matches.
	back    int
	backSet byteSet
	// capCheck holds, per capture group, the group's original pattern anchored at both ends
	// when execForm relaxed a bound inside it (nil otherwise).
	capCheck []*regexp.Regexp
	group    int     // secret capture group, 0 = first non-empty group
	entropy  float64 // minimum Shannon entropy of the secret, 0 = none
	allow    []allowList
	plan     int
	// reach is how far, in bytes, a match (or the bounded prefix of one, for planTail) can
	// extend before or after a keyword hit it contains.
	reach int
	// probe must occur within reach of a keyword hit for the rule to run there.
	probe run
	// valueMin is the minimum secret length for planAssign.
	valueMin int
	// valueKeys are the lower-cased keywords that occur in the value part of a planAssign
	// regex (after the operator) rather than in the identifier.
	valueKeys []string
}

// loadConfig reads gitleaks' embedded default rules through a private viper instance
// (gitleaks' NewDetectorDefaultConfig uses the global one) and silences zerolog, through
// which gitleaks logs while translating; SetGlobalLevel is an atomic store and aisec does not
// use zerolog. internal/detect/metadata builds its detector the same way.
func loadConfig() (config.Config, error) {
	zerolog.SetGlobalLevel(zerolog.Disabled)
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(strings.NewReader(config.DefaultConfig)); err != nil {
		return config.Config{}, fmt.Errorf("unable to read the gitleaks default config: %w", err)
	}
	var vc config.ViperConfig
	if err := v.Unmarshal(&vc); err != nil {
		return config.Config{}, fmt.Errorf("unable to decode the gitleaks default config: %w", err)
	}
	cfg, err := vc.Translate()
	if err != nil {
		return config.Config{}, fmt.Errorf("unable to load the gitleaks default rules: %w", err)
	}
	return cfg, nil
}

// prepare turns a gitleaks rule into a rule. ok is false for rules that cannot fire on
// prompt text: path-only rules and rules restricted to file paths (a prompt has no path,
// and gitleaks skips such rules when the path does not match).
func prepare(r config.Rule) (rule, bool, error) {
	if r.Regex == nil || r.Path != nil || r.SkipReport || len(r.RequiredRules) > 0 {
		return rule{}, false, nil
	}
	src := r.Regex.String()
	tree, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return rule{}, false, fmt.Errorf("unable to parse the regex of gitleaks rule %s: %w", r.RuleID, err)
	}
	exec, back, backSet := execForm(tree)
	re, err := regexp.Compile(exec.String())
	if err != nil {
		return rule{}, false, fmt.Errorf("unable to rewrite the regex of gitleaks rule %s: %w", r.RuleID, err)
	}
	if re.NumSubexp() != r.Regex.NumSubexp() {
		return rule{}, false, fmt.Errorf("unable to rewrite the regex of gitleaks rule %s: its groups changed", r.RuleID)
	}
	out := rule{
		id:      r.RuleID,
		generic: strings.Contains(strings.ToLower(r.RuleID), "generic"),
		re:      re,
		back:    back,
		backSet: backSet,
		group:   r.SecretGroup,
		entropy: r.Entropy,
		allow:   newAllowLists(r.Allowlists),
	}
	if out.capCheck, err = captureChecks(tree); err != nil {
		return rule{}, false, fmt.Errorf("unable to prepare gitleaks rule %s: %w", r.RuleID, err)
	}
	if led, boundary := keywordLed(exec, r.Keywords); led {
		if out.anchored, err = regexp.Compile(`^(?:` + exec.String() + `)`); err != nil {
			return rule{}, false, fmt.Errorf("unable to anchor the regex of gitleaks rule %s: %w", r.RuleID, err)
		}
		out.boundary = boundary
	}
	out.plan, out.reach, out.probe = planOf(tree, src, r.Keywords)
	if out.plan == planAssign {
		out.valueMin = secretMinLen(tree)
		out.valueKeys = valueKeywords(src, r.Keywords)
	}
	return out, true, nil
}

// planOf chooses how a rule runs (see the plan constants), how far from a keyword hit its
// matches can reach, and the run of characters its matches need near the hit.
func planOf(tree *syntax.Regexp, src string, keywords []string) (plan, reach int, probe run) {
	if strings.Contains(src, assignOperators) && tree.Op != syntax.OpAlternate {
		return planAssign, assignLookBehind, run{}
	}
	if w := maxWidth(tree); w != unbounded && w <= maxWindow {
		return planBounded, w, mandatoryRun(tree)
	}
	prefix, _ := truncate(tree)
	reach = maxWidth(prefix)
	if reach <= 0 || reach > maxWindow || !containsAll(prefix.String(), keywords) {
		// The keyword may sit after the bounded prefix (a URL host before it): look as far
		// as any window goes.
		reach = maxWindow
	}
	return planTail, reach, mandatoryRun(prefix)
}

// containsAll reports whether every keyword appears literally in a regex source.
func containsAll(src string, keywords []string) bool {
	src = strings.ToLower(strings.ReplaceAll(src, `\`, ""))
	for _, k := range keywords {
		if !strings.Contains(src, strings.ToLower(k)) {
			return false
		}
	}
	return true
}

// valueKeywords returns the keywords of an assignment rule that may be part of its value:
// those in the value part of the regex, and those not spelled literally in the identifier
// part (lob's "test_" comes from "(live|test)_").
func valueKeywords(src string, keywords []string) []string {
	ident, value, _ := strings.Cut(src, assignOperators)
	ident = strings.ToLower(strings.ReplaceAll(ident, `\`, ""))
	value = strings.ToLower(strings.ReplaceAll(value, `\`, ""))
	var out []string
	for _, k := range keywords {
		if k = strings.ToLower(k); strings.Contains(value, k) || !strings.Contains(ident, k) {
			out = append(out, k)
		}
	}
	return out
}

// secretMinLen is the minimum length of the first capture group, which generated rules use
// for the value; at most 16, so that an odd rule cannot make the gate too strict.
func secretMinLen(tree *syntax.Regexp) int {
	if c := firstCapture(tree); c != nil {
		return min(minLen(c), 16)
	}
	return 1
}

func firstCapture(re *syntax.Regexp) *syntax.Regexp {
	if re.Op == syntax.OpCapture {
		return re
	}
	for _, s := range re.Sub {
		if c := firstCapture(s); c != nil {
			return c
		}
	}
	return nil
}

// captureChecks compiles, for each capture group that relax changes, the group's original
// pattern anchored at both ends.
func captureChecks(tree *syntax.Regexp) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, tree.MaxCap()+1)
	var err error
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		if re.Op == syntax.OpCapture && relax(re.Sub[0]) != re.Sub[0] && err == nil {
			out[re.Cap], err = regexp.Compile(`^(?:` + re.Sub[0].String() + `)$`)
		}
		for _, s := range re.Sub {
			walk(s)
		}
	}
	walk(tree)
	return out, err
}
