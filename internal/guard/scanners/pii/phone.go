package pii

import (
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Phone candidates have between 7 and 15 digits (E.164 allows at most 15).
const (
	phoneMinDigits = 7
	phoneMaxDigits = 15
	phoneMaxLen    = 24
)

// phoneContext lets a run of bare digits, with no '+' and no separators, count as a phone
// number: on its own it is as likely an order or account number.
// "Number" alone is not enough: order, account and invoice numbers are numbers too.
var phoneContext = []string{"phone", "tel", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "ph.", "mob", "ring"}

// phone reads a phone number: '+' and a country code, or a national number in the default
// region, written with single separators (space, '-', '.', parentheses around an area
// code) between digit groups. The candidate must be valid per libphonenumber's metadata for
// its region (length and number ranges, not only the digit count). Dates and dotted
// quads are never phone numbers; bare digit runs need a context word.
func (sc *Scanner) phone(st *scanState, s string, i int) (int, bool) {
	c := s[i]
	if !isDigit(c) && c != '+' && c != '(' || !startsToken(s, i) || at(s, i-1) == '+' {
		return 0, false
	}
	j, digits, seps, groups := phoneSpan(s, i)
	if digits < phoneMinDigits || digits > phoneMaxDigits || !endsToken(s, j) {
		return 0, false
	}
	cand := s[i:j]
	plus := c == '+'
	// A national number needs the usual three groups ("415 555 2671") or a context word:
	// "2024-000123" is an invoice number.
	if !plus && (seps == 0 || groups < 3) && !hasContext(s, i, phoneContext) {
		return 0, false
	}
	if looksLikeDate(cand) || groups == 4 && dottedQuad(cand) {
		return 0, false
	}
	return j, sc.validPhone(st, cand)
}

// validPhone asks libphonenumber whether cand is a valid number, through the scanner's
// cache (a conversation resends the same numbers on every turn) and the call's budget.
func (sc *Scanner) validPhone(st *scanState, cand string) bool {
	key := phoneKey(cand)
	if v, ok := sc.phones.get(key); ok {
		return v
	}
	if st.phoneChecks <= 0 {
		return false
	}
	st.phoneChecks--
	num, err := phonenumbers.Parse(cand, sc.region)
	v := err == nil && phonenumbers.IsValidNumber(num) && personalNumber(num)
	sc.phones.put(key, v)
	return v
}

// phoneKey is the digits of a candidate, with its '+': what validity depends on for a
// given default region.
func phoneKey(cand string) string {
	var b [phoneMaxLen]byte
	n := 0
	for k := 0; k < len(cand) && n < len(b); k++ {
		if c := cand[k]; isDigit(c) || c == '+' {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

// e164 formats a phone number as +CCNNN…, or returns v when it does not parse.
func (sc *Scanner) e164(v string) string {
	num, err := phonenumbers.Parse(v, sc.region)
	if err != nil {
		return v
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// phoneSpan walks a phone-shaped run from i: digits with single separators, an optional
// leading '+', parentheses. It returns the end (trailing separators excluded), the digit,
// separator and digit-group counts.
func phoneSpan(s string, i int) (end, digits, seps, groups int) {
	j := i
	if s[j] == '+' {
		j++
	}
	inGroup, prevSep := false, true
	for j < len(s) && j-i < phoneMaxLen {
		c := s[j]
		switch {
		case isDigit(c):
			digits++
			if !inGroup {
				groups++
			}
			inGroup, prevSep = true, false
			end = j + 1
		case c == '(' && prevSep, c == ')' && inGroup:
			inGroup, seps = false, seps+1
			if c == ')' {
				end, prevSep = j+1, true
			}
		case (c == ' ' || c == '-' || c == '.') && !prevSep || c == ' ' && at(s, j-1) == ')':
			inGroup, prevSep, seps = false, true, seps+1
		default:
			return end, digits, seps, groups
		}
		j++
	}
	return end, digits, seps, groups
}

// looksLikeDate matches YYYY-MM-DD, YYYY.MM.DD, DD.MM.YYYY, MM-DD-YYYY and the like.
func looksLikeDate(c string) bool {
	var parts [4]int
	var lens [4]int
	n := 0
	for k := 0; k < len(c) && n < 4; {
		if !isDigit(c[k]) {
			k++
			continue
		}
		v, l := 0, 0
		for k < len(c) && isDigit(c[k]) {
			v, l, k = v*10+int(c[k]-'0'), l+1, k+1
		}
		parts[n], lens[n] = v, l
		n++
	}
	if n != 3 {
		return false
	}
	year := func(k int) bool { return lens[k] == 4 && parts[k] >= 1900 && parts[k] <= 2100 }
	dm := func(k int) bool { return lens[k] <= 2 && parts[k] >= 1 && parts[k] <= 31 }
	return year(0) && dm(1) && dm(2) || dm(0) && dm(1) && (year(2) || lens[2] == 2)
}

// dottedQuad reports a.b.c.d with parts of one to three digits: an address or a version.
func dottedQuad(c string) bool {
	dots := 0
	for k := 0; k < len(c); k++ {
		switch {
		case c[k] == '.':
			dots++
		case !isDigit(c[k]):
			return false
		}
	}
	return dots == 3
}

// maxCachedPhones bounds the validity cache; when full it starts over.
const maxCachedPhones = 4096

// phoneCache remembers libphonenumber's verdicts. It is the only mutable state of a
// Scanner, guarded by a mutex.
type phoneCache struct {
	mu sync.Mutex
	m  map[string]bool
}

func (c *phoneCache) get(k string) (v, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok = c.m[k]
	return v, ok
}

func (c *phoneCache) put(k string, v bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedPhones {
		c.m = make(map[string]bool, 64)
	}
	c.m[k] = v
}

// personalNumber rules out numbers that belong to businesses by construction: toll-free,
// premium-rate, shared-cost and universal access numbers (1-800-275-2273, 0300 200 3300) and
// the North American range reserved for fiction (555-0100 to 555-0199). Answers quote them
// as support lines; masking them in output breaks the answer and protects no one.
func personalNumber(num *phonenumbers.PhoneNumber) bool {
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.UAN:
		return false
	}
	if num.GetCountryCode() == 1 {
		n := phonenumbers.GetNationalSignificantNumber(num)
		if len(n) == 10 && n[3:7] == "5550" && n[7] == '1' {
			return false
		}
	}
	return true
}
