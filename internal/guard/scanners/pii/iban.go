package pii

// ibanLength returns the IBAN length of a country in the SWIFT IBAN registry (0: none).
func ibanLength(country string) int {
	switch country {
	case "NO":
		return 15
	case "BE":
		return 16
	case "DK", "FI", "FK", "FO", "GL", "NL", "SD":
		return 18
	case "MK", "SI":
		return 19
	case "AT", "BA", "EE", "KZ", "LT", "LU", "MN", "XK":
		return 20
	case "CH", "HR", "LI", "LV":
		return 21
	case "BG", "BH", "CR", "DE", "GB", "GE", "IE", "ME", "RS", "VA":
		return 22
	case "AE", "GI", "IL", "IQ", "OM", "SO", "TL":
		return 23
	case "AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG":
		return 24
	case "LY", "PT", "ST":
		return 25
	case "IS", "TR":
		return 26
	case "BI", "DJ", "FR", "GR", "IT", "MC", "MR", "SM":
		return 27
	case "AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "NI", "PL", "SV":
		return 28
	case "BR", "EG", "PS", "QA", "UA":
		return 29
	case "JO", "KW", "MU", "YE":
		return 30
	case "MT", "SC":
		return 31
	case "LC":
		return 32
	case "RU":
		return 33
	}
	return 0
}

// iban reads an International Bank Account Number in either case (typed lower-case, it still
// routes money), solid or printed in groups of four separated by single spaces or dashes, with the registry length of its country and a valid
// mod-97 check.
func (sc *Scanner) iban(_ *scanState, s string, i int) (int, bool) {
	if i+4 > len(s) || !isAlpha(s[i]) || !isAlpha(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return 0, false
	}
	want := ibanLength(string([]byte{upperByte(s[i]), upperByte(s[i+1])}))
	if want == 0 || !startsToken(s, i) {
		return 0, false
	}
	var buf [34]byte
	n, j, group := 0, i, 0
	for j < len(s) && n < want {
		c := s[j]
		switch {
		case isDigit(c) || isAlpha(c):
			buf[n] = upperByte(c)
			n++
			group++
			j++
		case (c == ' ' || c == '-') && group == 4 && j+1 < len(s) && isAlnum(s[j+1]):
			group = 0
			j++
		default:
			return 0, false
		}
	}
	if n != want || !endsToken(s, j) {
		return 0, false
	}
	return j, mod97(buf[:n]) == 1
}

// mod97 computes the ISO 7064 remainder of an IBAN moved to check order: the first four
// characters go to the end and letters count as 10–35.
func mod97(b []byte) int {
	r := 0
	add := func(c byte) {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
			return
		}
		r = (r*100 + int(c-'A') + 10) % 97
	}
	for _, c := range b[4:] {
		add(c)
	}
	for _, c := range b[:4] {
		add(c)
	}
	return r
}

func upperByte(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}
