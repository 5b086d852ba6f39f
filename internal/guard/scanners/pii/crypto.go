package pii

import (
	"crypto/sha256"
	"strings"
)

// eth reads an Ethereum address: 0x and exactly 40 hex digits (the zero address, a burn
// sink, is skipped). EIP-55 mixed-case checksums are not verified: that needs Keccak-256.
func (sc *Scanner) eth(_ *scanState, s string, i int) (int, bool) {
	if i+42 > len(s) || s[i] != '0' || s[i+1] != 'x' && s[i+1] != 'X' || !startsToken(s, i) {
		return 0, false
	}
	zero := true
	for k := i + 2; k < i+42; k++ {
		if !isHex(s[k]) {
			return 0, false
		}
		zero = zero && s[k] == '0'
	}
	if zero || isAlnum(at(s, i+42)) {
		return 0, false
	}
	return i + 42, true
}

// btc reads a Bitcoin address: a legacy Base58Check P2PKH ('1…') or P2SH ('3…') address
// with a valid double-SHA-256 checksum, or a SegWit bech32/bech32m address ("bc1…") with a
// valid BCH checksum.
func (sc *Scanner) btc(_ *scanState, s string, i int) (int, bool) {
	switch c := s[i]; {
	case c == '1' || c == '3':
		return base58Address(s, i)
	case c == 'b' || c == 'B':
		return bech32Address(s, i)
	}
	return 0, false
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func base58Address(s string, i int) (int, bool) {
	if !startsToken(s, i) {
		return 0, false
	}
	j := i
	for j < len(s) && j-i <= 35 && strings.IndexByte(base58Alphabet, s[j]) >= 0 {
		j++
	}
	if j-i < 26 || j-i > 35 || isAlnum(at(s, j)) {
		return 0, false
	}
	var out [25]byte
	if !base58Decode(s[i:j], &out) {
		return 0, false
	}
	if v := out[0]; v != 0x00 && v != 0x05 {
		return 0, false
	}
	sum := sha256.Sum256(out[:21])
	sum = sha256.Sum256(sum[:])
	return j, string(sum[:4]) == string(out[21:])
}

// base58Decode decodes s into exactly 25 bytes, failing when the value does not fit or
// when leading '1's (zero bytes) do not account for the padding.
func base58Decode(s string, out *[25]byte) bool {
	for k := 0; k < len(s); k++ {
		carry := strings.IndexByte(base58Alphabet, s[k])
		for b := len(out) - 1; b >= 0; b-- {
			carry += 58 * int(out[b])
			out[b] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false
		}
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	lead := 0
	for lead < len(out) && out[lead] == 0 {
		lead++
	}
	return lead == zeros
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// Checksum constants of bech32 (BIP 173, SegWit v0) and bech32m (BIP 350, v1+).
const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
)

func bech32Address(s string, i int) (int, bool) {
	if i+14 > len(s) || !startsToken(s, i) || !strings.EqualFold(s[i:i+3], "bc1") {
		return 0, false
	}
	j := i + 3
	upper, lower := false, false
	for j < len(s) && j-i <= 90 && strings.IndexByte(bech32Charset, lowerByte(s[j])) >= 0 {
		upper, lower = upper || isUpper(s[j]), lower || isLower(s[j])
		j++
	}
	if upper && lower || isAlnum(at(s, j)) || j-i < 14 || j-i > 74 {
		return 0, false
	}
	data := make([]byte, 0, 90)
	for k := i + 3; k < j; k++ {
		data = append(data, byte(strings.IndexByte(bech32Charset, lowerByte(s[k]))))
	}
	c := bech32Polymod(data)
	return j, c == bech32Const || c == bech32mConst
}

// bech32Polymod computes the BCH checksum over the expanded human-readable part "bc" and
// the data characters.
func bech32Polymod(data []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	step := func(v byte) {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for k := range 5 {
			if top>>k&1 == 1 {
				chk ^= gen[k]
			}
		}
	}
	for _, c := range []byte("bc") {
		step(c >> 5)
	}
	step(0)
	for _, c := range []byte("bc") {
		step(c & 31)
	}
	for _, v := range data {
		step(v)
	}
	return chk
}
