package pii

import (
	"context"
	"fmt"
	"slices"
)

// match is one recognised value: its kind and byte span.
type match struct {
	kind       string
	start, end int
}

// recogniser tries to read one entity starting at s[i]; it returns the end of the value.
// first tells which bytes the entity can start with.
type recogniser struct {
	kind  string
	first func(c byte) bool
	try   func(sc *Scanner, st *scanState, s string, i int) (int, bool)
}

// scanState is the per-call budget of expensive checks.
type scanState struct {
	// phoneChecks counts libphonenumber validations (~20 µs each) left for this call.
	phoneChecks int
}

// maxPhoneChecks bounds libphonenumber validations per text: beyond it, uncached phone
// candidates are not reported, so that a text made of thousands of numbers stays cheap.
const maxPhoneChecks = 64

// recognisers returns the token recognisers in priority order: at a given start, the first
// that matches wins (a card number is not also reported as a phone number).
func recognisers() []recogniser {
	return []recogniser{
		{CreditCard, isDigit, (*Scanner).card},
		{IBAN, isAlpha, (*Scanner).iban},
		{USSSN, isDigit, (*Scanner).ssn},
		{IPAddress, isDigit, (*Scanner).ipv4},
		{IPAddress, func(c byte) bool { return isHex(c) || c == ':' }, (*Scanner).ipv6},
		{MACAddress, isHex, (*Scanner).mac},
		{CryptoETH, func(c byte) bool { return c == '0' }, (*Scanner).eth},
		{CryptoBTC, func(c byte) bool { return c == '1' || c == '3' || c == 'b' || c == 'B' }, (*Scanner).btc},
		{UKNINO, isUpper, (*Scanner).nino},
		{Phone, func(c byte) bool { return isDigit(c) || c == '+' || c == '(' }, (*Scanner).phone},
	}
}

// dispatch lists, for every first byte, the enabled recognisers that can start with it:
// most words of prose start with a byte that no recogniser wants.
type dispatch [256][]recogniser

func newDispatch(recs []recogniser) *dispatch {
	var d dispatch
	for c := range 256 {
		for _, r := range recs {
			if r.first(byte(c)) {
				d[c] = append(d[c], r)
			}
		}
	}
	return &d
}

// find returns the entities of s in text order. E-mail addresses are found from their '@';
// the other kinds from the start of each token: a position after a character that is not
// a letter or digit, holding a letter, a digit, '+' or '('.
func (sc *Scanner) find(ctx context.Context, s string) ([]match, error) {
	var out []match
	if sc.emailOn {
		out = sc.emails(s, out)
	}
	emails := len(out)
	st := scanState{phoneChecks: maxPhoneChecks}
	next := 0 // index of the next e-mail to skip over
	for i := 0; i < len(s); {
		if i&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("unable to finish the pii scan: %w", err)
			}
		}
		if next < emails && i >= out[next].start {
			i = max(i, out[next].end)
			next++
			continue
		}
		if !tokenStart(s, i) {
			i++
			continue
		}
		end, kind := sc.tryAt(&st, s, i)
		if kind == "" {
			i = skipToken(s, i)
			continue
		}
		if next < emails && end > out[next].start {
			i = skipToken(s, i) // overlaps an e-mail address: the address wins
			continue
		}
		if !sc.allowed(kind, s[i:end]) {
			out = append(out, match{kind, i, end})
		}
		i = end
	}
	slices.SortFunc(out, func(a, b match) int { return a.start - b.start })
	return out, nil
}

// tryAt runs the enabled recognisers at s[i] in priority order.
func (sc *Scanner) tryAt(st *scanState, s string, i int) (int, string) {
	for _, r := range sc.recs[s[i]] {
		if end, ok := r.try(sc, st, s, i); ok {
			return end, r.kind
		}
	}
	return 0, ""
}

// allowed reports whether v is on the allow list; phone numbers compare in E.164 form, so
// that any way of writing an allowed number is allowed.
func (sc *Scanner) allowed(kind, v string) bool {
	if len(sc.allow) == 0 {
		return false
	}
	if kind == Phone {
		v = sc.e164(v)
	}
	_, ok := sc.allow[normalize(v)]
	return ok
}

// tokenStart reports whether an entity may start at s[i]: a letter, a digit, '+', '(' or
// the "::" that starts a compressed IPv6 address, after a character that is not a letter
// or digit.
func tokenStart(s string, i int) bool {
	c := s[i]
	if !isAlnum(c) && c != '+' && c != '(' && !(c == ':' && at(s, i+1) == ':' && at(s, i-1) != ':') {
		return false
	}
	return i == 0 || !isAlnum(s[i-1])
}

// skipToken moves past the letters and digits of the token at i (at least one byte).
func skipToken(s string, i int) int {
	j := i + 1
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	return j
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isAlpha(c byte) bool { return isUpper(c) || isLower(c) }
func isAlnum(c byte) bool { return isDigit(c) || isAlpha(c) }
func isHex(c byte) bool   { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func lowerByte(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// at returns s[i], or 0 outside s.
func at(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}

// endsToken reports whether a value ending at s[end] is not glued to more of the same:
// no letter or digit follows, nor a separator followed by a digit ("1.2.3.4.5").
func endsToken(s string, end int) bool {
	c := at(s, end)
	if isAlnum(c) {
		return false
	}
	if (c == '.' || c == '-' || c == ':' || c == '/') && isDigit(at(s, end+1)) {
		return false
	}
	return true
}

// startsToken is endsToken for the character before a value.
func startsToken(s string, start int) bool {
	c := at(s, start-1)
	if isAlnum(c) {
		return false
	}
	if (c == '.' || c == '-' || c == ':' || c == '/') && isDigit(at(s, start-2)) {
		return false
	}
	return true
}

// contextBefore is how far back context words are looked for.
const contextBefore = 48

// hasContext reports whether one of the lower-case words starts a word in the contextBefore
// bytes before start (ASCII case-insensitive).
func hasContext(s string, start int, words []string) bool {
	return hasContextWithin(s, start, words, contextBefore)
}

// hasContextWithin is hasContext over the n (at most contextBefore) bytes before start.
func hasContextWithin(s string, start int, words []string, n int) bool {
	var buf [contextBefore]byte
	lo := max(start-min(n, contextBefore), 0)
	w := buf[:start-lo]
	for i := range w {
		w[i] = lowerByte(s[lo+i])
	}
	for _, word := range words {
		if containsWord(w, word) {
			return true
		}
	}
	return false
}

// containsWord reports whether b contains w at the start of a word ("ip" in "ip:" and
// "ipv4", not in "zip").
func containsWord(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		if string(b[i:i+len(w)]) == w && (i == 0 || !isAlpha(b[i-1])) {
			return true
		}
	}
	return false
}
