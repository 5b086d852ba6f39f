package textnorm

import (
	"strings"
	"unicode/utf8"
)

const (
	tagFirst = 0xe0020 // TAG SPACE
	tagLast  = 0xe007e // TAG TILDE
	// blackFlag starts emoji tag sequences (subdivision flags such as Scotland's), the one
	// legitimate use of tag characters in running text.
	blackFlag    = 0x1f3f4
	minTagChars  = 4
	minZeroWidth = 16
)

// appendTags collects Unicode tag characters, which render as nothing but map one-to-one to
// ASCII ("ASCII smuggling"). All runs are joined into one decoded text spanning from the
// first to the last run; emoji flag sequences are skipped.
func appendTags(out []Decoded, s string) []Decoded {
	if strings.IndexByte(s, 0xf3) < 0 {
		return out
	}
	var b []byte
	start, end := -1, 0
	prev := rune(0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= tagFirst && r <= tagLast {
			inFlag := prev == blackFlag
			j := i
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if r2 < tagFirst || r2 > tagLast {
					break
				}
				if !inFlag && len(b) < MaxDecodedBytes {
					b = append(b, byte(r2-0xe0000))
				}
				j += n
			}
			if !inFlag {
				if start < 0 {
					start = i
				}
				end = j
			}
			prev, i = 0, j
			continue
		}
		prev = r
		i += size
	}
	if len(b) < minTagChars {
		return out
	}
	return append(out, Decoded{Method: "unicode-tags", Text: string(b), Start: start, End: end})
}

// isZeroWidthSymbol reports the characters zero-width steganography tools encode bits with.
func isZeroWidthSymbol(r rune) bool {
	return r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff
}

// appendZeroWidth decodes runs of zero-width characters that encode binary: two symbols
// stand for 0 and 1 and an optional third one separates characters; without separator the
// bits are read as bytes. Both polarities are tried.
func appendZeroWidth(out []Decoded, s string) []Decoded {
	if strings.IndexByte(s, 0xe2) < 0 && strings.IndexByte(s, 0xef) < 0 {
		return out
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isZeroWidthSymbol(r) {
			i += size
			continue
		}
		var run []rune
		j := i
		for j < len(s) && len(run) < MaxDecodedBytes*8 {
			r2, n := utf8.DecodeRuneInString(s[j:])
			if !isZeroWidthSymbol(r2) {
				break
			}
			run = append(run, r2)
			j += n
		}
		if len(run) >= minZeroWidth {
			if text, ok := decodeZeroWidth(run); ok {
				out = append(out, Decoded{Method: "zero-width", Text: text, Start: i, End: j})
			}
		}
		i = j
	}
	return out
}

func decodeZeroWidth(run []rune) (string, bool) {
	// The two most frequent symbols carry the bits; a third one, if any, separates.
	var syms [3]rune
	var counts [3]int
	n := 0
	for _, r := range run {
		k := 0
		for k < n && syms[k] != r {
			k++
		}
		if k == n {
			if n == len(syms) {
				return "", false
			}
			syms[k] = r
			n++
		}
		counts[k]++
	}
	if n < 2 {
		return "", false
	}
	for a := 0; a < n; a++ { // order by count, highest first
		for b := a + 1; b < n; b++ {
			if counts[b] > counts[a] {
				counts[a], counts[b] = counts[b], counts[a]
				syms[a], syms[b] = syms[b], syms[a]
			}
		}
	}
	zero, one, sep := syms[0], syms[1], rune(-1)
	if n == 3 {
		sep = syms[2]
	}
	for _, flip := range [2]bool{false, true} {
		z, o := zero, one
		if flip {
			z, o = one, zero
		}
		if b := zeroWidthBits(run, z, o, sep); readable(b) {
			return string(capDecoded(b)), true
		}
	}
	return "", false
}

// zeroWidthBits turns the run into bytes: with a separator each group is one code point,
// otherwise every 8 bits are one byte.
func zeroWidthBits(run []rune, zero, one, sep rune) []byte {
	var out []byte
	acc, nbits := 0, 0
	flush := func() {
		if nbits > 0 && acc <= utf8.MaxRune {
			out = utf8.AppendRune(out, rune(acc))
		}
		acc, nbits = 0, 0
	}
	for _, r := range run {
		switch {
		case r == sep:
			flush()
			continue
		case r == one:
			acc = acc<<1 | 1
		case r == zero:
			acc <<= 1
		default:
			continue
		}
		nbits++
		if sep < 0 && nbits == 8 {
			out = append(out, byte(acc))
			acc, nbits = 0, 0
		} else if nbits > 21 {
			return nil
		}
	}
	if sep >= 0 {
		flush()
	}
	return out
}
