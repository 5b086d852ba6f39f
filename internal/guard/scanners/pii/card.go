package pii

// card reads a payment card number: 13–19 digits, written solid or in groups separated by
// one or two spaces, dashes or dots (4-4-4-4, 4-6-5 for American Express), with an issuer prefix of a
// known scheme for that length and a valid Luhn check digit.
func (sc *Scanner) card(_ *scanState, s string, i int) (int, bool) {
	if !isDigit(s[i]) || !startsToken(s, i) {
		return 0, false
	}
	var digits [19]byte
	var groups [8]int
	n, g := 0, 0
	j := i
	for j < len(s) {
		c := s[j]
		if isDigit(c) {
			if n == len(digits) {
				return 0, false // longer than any card number
			}
			digits[n] = c - '0'
			n++
			groups[g]++
			j++
			continue
		}
		if k := cardSep(s, j); k > 0 && g < len(groups)-1 {
			g++
			j += k
			continue
		}
		break
	}
	if n < 13 || !endsToken(s, j) || !cardGroups(groups[:g+1], n) {
		return 0, false
	}
	d := digits[:n]
	if !issuerKnown(d) || !luhn(d) || allSame(d) {
		return 0, false
	}
	return j, true
}

// cardSep returns the length of the separator at s[j] between two digit groups: up to two
// spaces, dashes or dots, mixed or not ("4111.1111.1111.1111", "4111-1111 1111-1111",
// "4111  1111"); 0 when there is none. The grouping check keeps this from joining unrelated
// numbers: only the card layouts pass.
func cardSep(s string, j int) int {
	k := 0
	for k < 2 && j+k < len(s) && (s[j+k] == ' ' || s[j+k] == '-' || s[j+k] == '.') {
		k++
	}
	if k == 0 || !isDigit(at(s, j+k)) {
		return 0
	}
	return k
}

// cardGroups accepts a solid number or the groupings printed on cards.
func cardGroups(groups []int, n int) bool {
	switch len(groups) {
	case 1:
		return true
	case 3: // American Express and Diners: 4-6-5, 4-6-4
		return groups[0] == 4 && groups[1] == 6 && (groups[2] == 5 || groups[2] == 4)
	}
	for k, l := range groups {
		if l != 4 && (k != len(groups)-1 || l < 1 || l > 4) {
			return false
		}
	}
	return n >= 13
}

// issuerKnown checks the issuer identification number against the major schemes and the
// lengths they issue.
func issuerKnown(d []byte) bool {
	p2 := int(d[0])*10 + int(d[1])
	p3 := p2*10 + int(d[2])
	p4 := p3*10 + int(d[3])
	n := len(d)
	switch {
	case d[0] == 4: // Visa
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p4 == 6011, p2 == 65, p3 >= 644 && p3 <= 649: // Discover
		return n >= 16
	case p4 >= 3528 && p4 <= 3589: // JCB
		return n >= 16
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39: // Diners Club
		return n >= 14
	case p2 == 62: // UnionPay
		return n >= 16
	}
	return false
}

// luhn verifies the check digit.
func luhn(d []byte) bool {
	sum := 0
	for k := 0; k < len(d); k++ {
		v := int(d[len(d)-1-k])
		if k%2 == 1 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

func allSame(d []byte) bool {
	for _, c := range d[1:] {
		if c != d[0] {
			return false
		}
	}
	return true
}
