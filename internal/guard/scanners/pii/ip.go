package pii

import (
	"net/netip"
	"strings"
)

// versionBefore is how far back version words count: "version 10.2.0.1", not a sentence
// that mentions a release and then an address.
const versionBefore = 12

var (
	// versionContext marks dotted numbers that are versions or section numbers.
	versionContext = []string{"version", "ver.", "release", "build", "section", "chapter", "step", "rule", "oid", "§", "v."}
	// ipContext lets a.b.c.d with small parts count as an address.
	ipContext = []string{"ip", "address", "addr", "host", "server", "dns", "gateway", "ping", "subnet", "route", "connect"}
	// docNets are the address blocks reserved for documentation (RFC 5737, RFC 3849).
	docNets = []netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"),
		netip.MustParsePrefix("198.51.100.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"),
		netip.MustParsePrefix("2001:db8::/32"),
	}
)

// ipv4 reads a dotted-quad IPv4 address: four decimal parts of at most 255 without leading
// zeros, not glued to more dotted numbers, not introduced as a version or section number.
// Quads of small parts read as versions or section numbers as often as addresses (2.10.0.1,
// 4.12.1.3): unless a part is 100 or more or the address is in 10/8, an address context
// word ("ip", "host", "server", …) must precede them.
func (sc *Scanner) ipv4(_ *scanState, s string, i int) (int, bool) {
	if !isDigit(s[i]) || !startsToken(s, i) || at(s, i-1) == 'v' || at(s, i-1) == 'V' {
		return 0, false
	}
	var parts [4]int
	j, small := i, true // small: no part of three digits
	for p := range 4 {
		if p > 0 {
			if at(s, j) != '.' {
				return 0, false
			}
			j++
		}
		v, k := 0, j
		for k < len(s) && isDigit(s[k]) && k-j < 4 {
			v = v*10 + int(s[k]-'0')
			k++
		}
		if k == j || k-j > 3 || v > 255 || s[j] == '0' && k-j > 1 {
			return 0, false
		}
		parts[p], small, j = v, small && v < 100, k
	}
	if !endsToken(s, j) || at(s, j) == '.' && isAlnum(at(s, j+1)) {
		return 0, false
	}
	small = small && parts[0] != 10
	if hasContextWithin(s, i, versionContext, versionBefore) || small && !hasContext(s, i, ipContext) {
		return 0, false
	}
	a := netip.AddrFrom4([4]byte{byte(parts[0]), byte(parts[1]), byte(parts[2]), byte(parts[3])})
	return j, sc.includeReserved || !reserved(a)
}

// ipv6 reads an IPv6 address in any RFC 4291 form (with "::", with an embedded IPv4 part)
// that has at least three non-empty groups: "a::b" and "std::vector" are not addresses.
func (sc *Scanner) ipv6(_ *scanState, s string, i int) (int, bool) {
	if !isHex(s[i]) && s[i] != ':' || !startsToken(s, i) || at(s, i-1) == ':' {
		return 0, false
	}
	j := i
	for j < len(s) && j-i < 46 && (isHex(s[j]) || s[j] == ':' || s[j] == '.') {
		j++
	}
	for j > i && (s[j-1] == '.' || s[j-1] == ':' && at(s, j-2) != ':') {
		j-- // trailing punctuation
	}
	cand := s[i:j]
	if isAlnum(at(s, j)) || strings.Count(cand, ":") < 2 || nonEmptyGroups(cand) < 3 {
		return 0, false
	}
	a, err := netip.ParseAddr(cand)
	if err != nil || !a.Is6() {
		return 0, false
	}
	return j, sc.includeReserved || !reserved(a.Unmap())
}

// nonEmptyGroups counts the 16-bit groups written out in s; an embedded IPv4 address
// counts as the two it stands for.
func nonEmptyGroups(s string) int {
	n := 0
	for g := range strings.SplitSeq(s, ":") {
		switch {
		case strings.Contains(g, "."):
			n += 2
		case g != "":
			n++
		}
	}
	return n
}

// reserved reports addresses that identify no host on a network: unspecified, loopback,
// link-local, multicast, the IPv4 broadcast address and the documentation blocks.
func reserved(a netip.Addr) bool {
	if a.IsUnspecified() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsMulticast() ||
		a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() {
		return true
	}
	if a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return true
	}
	for _, p := range docNets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
