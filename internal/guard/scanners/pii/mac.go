package pii

// mac reads a 48-bit MAC address: six pairs of hex digits separated by ':' or '-' (the same
// throughout), or Cisco's three dotted groups of four. The all-zero and broadcast addresses
// are skipped.
func (sc *Scanner) mac(_ *scanState, s string, i int) (int, bool) {
	if !isHex(s[i]) || !startsToken(s, i) || isHex(at(s, i-1)) {
		return 0, false
	}
	var b [12]byte
	n, j := 0, i
	if sep := at(s, i+2); sep == ':' || sep == '-' {
		for g := range 6 {
			if g > 0 {
				if at(s, j) != sep {
					return 0, false
				}
				j++
			}
			if !isHex(at(s, j)) || !isHex(at(s, j+1)) {
				return 0, false
			}
			b[n], b[n+1] = lowerByte(s[j]), lowerByte(s[j+1])
			n, j = n+2, j+2
		}
	} else {
		for g := range 3 {
			if g > 0 {
				if at(s, j) != '.' {
					return 0, false
				}
				j++
			}
			for k := range 4 {
				if !isHex(at(s, j+k)) {
					return 0, false
				}
				b[n+k] = lowerByte(s[j+k])
			}
			n, j = n+4, j+4
		}
	}
	if isHex(at(s, j)) || isAlnum(at(s, j)) || (at(s, j) == ':' || at(s, j) == '-' || at(s, j) == '.') && isHex(at(s, j+1)) {
		return 0, false
	}
	if v := string(b[:]); v == "000000000000" || v == "ffffffffffff" {
		return 0, false
	}
	return j, true
}
