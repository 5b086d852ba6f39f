package pii

// Context words that must precede the forms of national numbers too ambiguous to report on
// their own (nine bare digits, a code without spaces).
var (
	ssnContext  = []string{"ssn", "social security", "social sec", "ss#", "ss #", "ss no", "ss number", "soc sec"}
	ninoContext = []string{"nino", "national insurance", "ni number", "ni no", "insurance no", "insurance number"}
)

// ssn reads a US social security number: AAA-GG-SSSS anywhere, AAA GG SSSS or nine bare
// digits only after a context word. Area 000, 666 and 900–999, group 00 and serial 0000 are
// never issued, nor were the numbers printed on sample cards.
func (sc *Scanner) ssn(_ *scanState, s string, i int) (int, bool) {
	if !isDigit(s[i]) || !startsToken(s, i) {
		return 0, false
	}
	var d [9]byte
	n, j := 0, i
	var seps [2]byte
	for j < len(s) && n < 9 {
		c := s[j]
		switch {
		case isDigit(c):
			d[n] = c - '0'
			n++
			j++
		case (c == '-' || c == ' ') && (n == 3 || n == 5) && isDigit(at(s, j+1)):
			seps[n/5] = c // n==3 → seps[0], n==5 → seps[1]
			j++
		default:
			return 0, false
		}
	}
	if n != 9 || !endsToken(s, j) || isDigit(at(s, j)) || at(s, j) == '-' && isDigit(at(s, j+1)) {
		return 0, false
	}
	dashed := seps[0] == '-' && seps[1] == '-'
	spaced := seps[0] == ' ' && seps[1] == ' '
	bare := seps[0] == 0 && seps[1] == 0
	switch {
	case dashed:
	case (spaced || bare) && hasContext(s, i, ssnContext):
	default:
		return 0, false
	}
	return j, validSSN(d)
}

func validSSN(d [9]byte) bool {
	area := int(d[0])*100 + int(d[1])*10 + int(d[2])
	group := int(d[3])*10 + int(d[4])
	serial := int(d[5])*1000 + int(d[6])*100 + int(d[7])*10 + int(d[8])
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	switch {
	case area == 78 && group == 5 && serial == 1120, // the Woolworth wallet card
		area == 219 && group == 9 && serial == 9999,  // Social Security Administration sample
		area == 457 && group == 55 && serial == 5462: // a 1950s advertisement
		return false
	}
	return true
}

// nino reads a UK National Insurance number: two prefix letters, six digits, a suffix A–D.
// The spaced form "QQ 12 34 56 C" is reported anywhere, the solid form after a context word.
func (sc *Scanner) nino(_ *scanState, s string, i int) (int, bool) {
	if i+9 > len(s) || !isUpper(s[i]) || !isUpper(s[i+1]) || !ninoPrefix(s[i], s[i+1]) || !startsToken(s, i) {
		return 0, false
	}
	j, digits, spaced := i+2, 0, false
	for j < len(s) && digits < 6 {
		switch c := s[j]; {
		case isDigit(c):
			digits++
			j++
		case c == ' ' && digits%2 == 0 && isDigit(at(s, j+1)):
			spaced = true
			j++
		default:
			return 0, false
		}
	}
	if digits != 6 {
		return 0, false
	}
	if at(s, j) == ' ' && spaced {
		j++
	}
	if c := at(s, j); c < 'A' || c > 'D' || !endsToken(s, j+1) {
		return 0, false
	}
	if !spaced && !hasContext(s, i, ninoContext) {
		return 0, false
	}
	return j + 1, true
}

// ninoPrefix applies HMRC's allocation rules: D, F, I, Q, U and V are never used, O never
// second, and BG, GB, KN, NK, NT, TN and ZZ are not allocated.
func ninoPrefix(a, b byte) bool {
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}
