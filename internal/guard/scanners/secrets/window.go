package secrets

// span is a byte range [start,end) of the scanned text.
type span struct{ start, end int }

// Limits of the assignment gate, a little wider than what gitleaks' generated rules accept
// ([ \t\w.-]{0,20} after identifiers of up to ~30 characters, [\s'"]{0,3} before the
// operator, [\x60'"\s=]{0,5} after it).
const (
	gateIdent      = 72
	gateQuote      = 3
	gateOperator   = 4
	gatePrefix     = 5
	gateValueBack  = 256 // how far back a keyword inside a value looks for the value start
	assignLookHead = 8   // bytes after the value kept for the terminator
)

// assignGate reports whether the keyword ending at end is followed by an assignment of a
// value of at least minValue bytes, and where that value ends. It is a necessary condition
// for gitleaks' generated identifier=value rules and costs a few dozen byte compares. A
// second operator is tried when the first is not followed by a value: an identifier can
// contain one (nytimes' "new-york-times,").
func assignGate(s string, end, minValue int) (int, bool) {
	i := end
	for range 2 {
		for n := 0; i < len(s) && n < gateIdent && isIdent(s[i]); n++ {
			i++
		}
		for n := 0; i < len(s) && n < gateQuote && isSpaceQuote(s[i]); n++ {
			i++
		}
		if i >= len(s) || !isOperator(s[i]) {
			return 0, false
		}
		op := i
		for n := 0; i < len(s) && n < gateOperator && isOperator(s[i]); n++ {
			i++
		}
		for n := 0; i < len(s) && n < gatePrefix && isValuePrefix(s[i]); n++ {
			i++
		}
		if j := valueEnd(s, i); j-i >= minValue {
			return j, true
		}
		i = op + 1
	}
	return 0, false
}

// valueGate is assignGate for a keyword that is part of the value (lob's "test_", New
// Relic's "NRAK"): the value around the hit must be long enough and follow an operator. It
// returns where the operator is and where the value ends.
func valueGate(s string, h span, minValue int) (op, end int, ok bool) {
	i := h.start
	for n := 0; i > 0 && n < gateValueBack && isValue(s[i-1]) && !isOperator(s[i-1]); n++ {
		i--
	}
	end = valueEnd(s, h.end)
	if end-i < minValue {
		return 0, 0, false
	}
	for n := 0; i > 0 && n < gatePrefix+gateOperator; n++ {
		c := s[i-1]
		if !isOperator(c) && !isValuePrefix(c) {
			break
		}
		if i--; isOperator(c) {
			op, ok = i, true
		}
	}
	return op, end, ok
}

func valueEnd(s string, i int) int {
	for i < len(s) && isValue(s[i]) {
		i++
	}
	return i
}

func isIdent(c byte) bool {
	return c == ' ' || c == '\t' || c == '.' || c == '-' || c == '_' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isSpaceQuote(c byte) bool { return isSpace(c) || c == '\'' || c == '"' }

func isOperator(c byte) bool {
	return c == '=' || c == '>' || c == ':' || c == '|' || c == ',' || c == '?'
}

func isValuePrefix(c byte) bool { return isSpaceQuote(c) || c == '`' || c == '=' }

// isValue is a superset of the characters of every generated rule's value.
func isValue(c byte) bool {
	return !isSpaceQuote(c) && c != '`' && c != ';' && c != ','
}

// windows builds the scan windows of one rule from its keyword hits: the hits that pass the
// rule's gate, each widened to white space, merged when they touch. Widening stops at the
// previous window, so a long run without white space is walked once, not once per hit.
func (r *rule) windows(s string, hits []span, out []span) []span {
	out = out[:0]
	for _, h := range hits {
		w, ok := r.window(s, h)
		if !ok {
			continue
		}
		prev := 0
		if n := len(out); n > 0 {
			prev = out[n-1].end
		}
		if w.start > prev && r.plan != planAssign {
			// Identifier=value rules start at the identifier, which holds the keyword:
			// their windows need no widening to the left.
			w.start = widenLeft(s, w.start, prev)
		}
		if n := len(out); n > 0 && w.start <= prev {
			if w.end > prev {
				out[n-1].end = widenRight(s, w.end)
			}
		} else {
			out = append(out, span{w.start, widenRight(s, w.end)})
		}
		if out[len(out)-1].end == len(s) {
			break // the window covers every later hit
		}
	}
	return out
}

// window is the raw range to run the rule's regex on for one keyword hit, if the hit passes.
func (r *rule) window(s string, h span) (span, bool) {
	lo, hi := max(h.start-r.reach, 0), min(h.end+r.reach, len(s))
	switch r.plan {
	case planAssign:
		if r.valueKeyword(s[h.start:h.end]) {
			if op, end, ok := valueGate(s, h, r.valueMin); ok {
				return span{max(op-gateIdent-r.reach, 0), min(end+assignLookHead, len(s))}, true
			}
		}
		end, ok := assignGate(s, h.end, r.valueMin)
		if !ok {
			return span{}, false
		}
		return span{lo, min(end+assignLookHead, len(s))}, true
	case planTail:
		if !r.probe.hasRun(s[lo:hi]) {
			return span{}, false
		}
		return span{lo, len(s)}, true
	}
	if !r.probe.hasRun(s[lo:hi]) {
		return span{}, false
	}
	return span{lo, hi}, true
}

// valueKeyword reports whether the keyword k occurs in the value part of r's regex.
func (r *rule) valueKeyword(k string) bool {
	for _, v := range r.valueKeys {
		if equalFold(k, v) {
			return true
		}
	}
	return false
}

// equalFold reports whether s equals the lower-case keyword k, ignoring ASCII case.
func equalFold(s, k string) bool {
	if len(s) != len(k) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lower[s[i]] != k[i] {
			return false
		}
	}
	return true
}

// widenLeft moves lo back to just after white space, but not before stop, so that
// assertions at the window edge (\b) see what they would see in the whole text.
func widenLeft(s string, lo, stop int) int {
	for lo > stop && !isSpace(s[lo-1]) {
		lo--
	}
	return lo
}

// widenRight moves hi forward to white space, so that a value is never cut in two and an
// end-of-text assertion cannot hold inside a token.
func widenRight(s string, hi int) int {
	for hi < len(s) && !isSpace(s[hi]) {
		hi++
	}
	return hi
}
