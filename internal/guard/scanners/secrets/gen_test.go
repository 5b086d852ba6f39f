package secrets

import (
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"unicode"
)

// sample generates a random string matched by re, for differential tests against gitleaks.
// Repetitions stay near their minimum (at most +maxExtra) and character classes prefer
// ASCII, which is what real credentials look like.
func sample(rng *rand.Rand, re *syntax.Regexp) string {
	var b strings.Builder
	gen(rng, re, &b)
	return b.String()
}

const maxExtra = 8

func gen(rng *rand.Rand, re *syntax.Regexp, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && rng.IntN(2) == 0 && r < unicode.MaxASCII {
				r = unicode.SimpleFold(r)
				if r > unicode.MaxASCII {
					r = unicode.SimpleFold(r)
				}
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		b.WriteRune(pick(rng, re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte(byte('a' + rng.IntN(26)))
	case syntax.OpCapture:
		gen(rng, re.Sub[0], b)
	case syntax.OpQuest:
		if rng.IntN(2) == 0 {
			gen(rng, re.Sub[0], b)
		}
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		lo, hi := repeatBounds(re)
		for n := lo + rng.IntN(hi-lo+1); n > 0; n-- {
			gen(rng, re.Sub[0], b)
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			gen(rng, s, b)
		}
	case syntax.OpAlternate:
		gen(rng, re.Sub[rng.IntN(len(re.Sub))], b)
	}
}

func repeatBounds(re *syntax.Regexp) (int, int) {
	lo, hi := 0, -1
	switch re.Op {
	case syntax.OpPlus:
		lo = 1
	case syntax.OpRepeat:
		lo, hi = re.Min, re.Max
	}
	if hi < 0 || hi > lo+maxExtra {
		hi = lo + maxExtra
	}
	return lo, hi
}

// pick chooses a character from a class, ASCII letters and digits first.
func pick(rng *rand.Rand, ranges []rune) rune {
	var ascii []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for c := ranges[i]; c <= ranges[i+1] && c < 128; c++ {
			if c > ' ' && c != 0x7f {
				ascii = append(ascii, c)
			}
		}
	}
	var good []rune
	for _, c := range ascii {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			good = append(good, c)
		}
	}
	switch {
	case len(good) > 0 && rng.IntN(8) > 0:
		return good[rng.IntN(len(good))]
	case len(ascii) > 0:
		return ascii[rng.IntN(len(ascii))]
	}
	return ranges[0]
}
