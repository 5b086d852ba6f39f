package pii

import (
	"strings"
	"unicode/utf8"
)

// Mask describes a value of a kind without revealing it, for audit logs: the e-mail's first
// letter and domain ("j***@example.com"), the last digits of numbers ("***-***-2671",
// "**** 1111"), the network part of an address.
func Mask(kind, v string) string {
	switch kind {
	case Email:
		if at := strings.LastIndexByte(v, '@'); at > 0 {
			r, _ := utf8.DecodeRuneInString(v)
			return string(r) + "***" + v[at:]
		}
	case Phone:
		return keepLastDigits(v, 2)
	case CreditCard:
		return keepLastDigits(v, 4)
	case IBAN:
		if len(v) > 4 {
			return v[:2] + "**" + keepLastDigits(v[2:], 2)
		}
	case IPAddress:
		return maskIP(v)
	case MACAddress:
		if len(v) >= 8 {
			return v[:8] + strings.Repeat("*", len(v)-8) // the vendor prefix is not personal
		}
	case CryptoBTC, CryptoETH:
		if len(v) > 10 {
			return v[:4] + "…" + v[len(v)-4:]
		}
	}
	return strings.Repeat("*", utf8.RuneCountInString(v)) // SSN, NINO: nothing shown
}

// keepLastDigits stars every letter and digit of v except the last n digits, keeping the
// separators so that the shape stays readable.
func keepLastDigits(v string, n int) string {
	b := []byte(v)
	for k := len(b) - 1; k >= 0; k-- {
		if isDigit(b[k]) && n > 0 {
			n--
			continue
		}
		if isAlnum(b[k]) {
			b[k] = '*'
		}
	}
	return string(b)
}

// maskIP keeps the first part of an address: "10.*.*.*", "2001:*".
func maskIP(v string) string {
	if k := strings.IndexByte(v, '.'); k > 0 && !strings.Contains(v, ":") {
		return v[:k] + ".*.*.*"
	}
	if k := strings.IndexByte(v, ':'); k > 0 {
		return v[:k] + ":*"
	}
	return "*"
}
