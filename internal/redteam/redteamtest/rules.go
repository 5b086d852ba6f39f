package redteamtest

import "strings"

// rule is one named behaviour of a scripted target: it applies to a turn or does not.
type rule struct {
	name  string
	apply func(t *turn) (answer, bool)
}

// respondAll runs every rule and joins the answers of those that apply after opener, in
// rule order; when none applies, fallback is used. It returns the names of the rules that
// applied, for tests.
func respondAll(t *turn, rules []rule, opener, fallback string) (answer, []string) {
	var out answer
	var fired []string
	parts := []string{opener}
	for _, r := range rules {
		a, ok := r.apply(t)
		if !ok {
			continue
		}
		fired = append(fired, r.name)
		if a.Text != "" {
			parts = append(parts, a.Text)
		}
		out.Calls = append(out.Calls, a.Calls...)
	}
	if len(parts) == 1 && len(out.Calls) == 0 {
		parts = append(parts, fallback)
	}
	out.Text = strings.Join(parts, "\n\n")
	return out, fired
}

// respondFirst answers with the first rule that applies, or with fallback.
func respondFirst(t *turn, rules []rule, fallback string) (answer, []string) {
	for _, r := range rules {
		if a, ok := r.apply(t); ok {
			return a, []string{r.name}
		}
	}
	return answer{Text: fallback}, nil
}

// text is an answer of text only.
func text(s string) (answer, bool) { return answer{Text: s}, true }
