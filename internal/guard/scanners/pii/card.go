package pii

// card reads a payment card number: 13–19 digits, written solid or in groups separated by
// single spaces or dashes (4-4-4-4, 4-6-5 for American Express), with an issuer prefix of a
// known scheme for that length and a valid Luhn check digit.
func (sc *Scanner) card(_ *scanState, s string, i int) (int, bool) {
	if !isDigit(s[i]) || !startsToken(s, i) {
		return 0, false
	}
	var digits [19]byte
	var groups [8]int
	n, g, sep := 0, 0, byte(0)
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
		if (c == ' ' || c == '-') && isDigit(at(s, j+1)) && (sep == 0 || c == sep) && g < len(groups)-1 {
			sep = c
			g++
			j++
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
