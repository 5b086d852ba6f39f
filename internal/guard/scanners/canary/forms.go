package canary

import (
	"encoding/base32"
	"strconv"
)

// extraNeedles are the rarer forms a model can be talked into: base32 (case-insensitive, so
// matched on the lower-case skeleton), base64 of the reversed token, decimal character codes
// ("51, 102, 57", also what "&#51;&#102;" reduces to) and the token spelled out in words,
// digits as "three" and letters as NATO code words ("foxtrot"). The skeleton drops the spaces
// and punctuation between the words, so each spelling is one more byte string to look for.
func extraNeedles(c string, plain []byte, minLength int) []needle {
	var ns []needle
	for _, b := range base32Forms(c) {
		if len(b) >= minLength {
			ns = append(ns, needle{kind: "base32", b: b})
		}
	}
	for _, b := range base64Forms(string(reversed([]byte(c)))) {
		if len(b) >= minLength {
			ns = append(ns, needle{kind: "base64", b: b, exact: true})
		}
	}
	var codes []byte
	for i := 0; i < len(c); i++ {
		codes = strconv.AppendInt(codes, int64(c[i]), 10)
	}
	ns = append(ns, needle{kind: "decimal", b: codes})
	for _, sp := range spellings {
		if b, ok := spell(plain, sp); ok {
			ns = append(ns, needle{kind: "spelled", b: b})
		}
	}
	return ns
}

// spelling says how digits and letters are written out; an empty table keeps the character.
type spelling struct{ digits, letters *[36]string }

var (
	// digitWords and natoWords are read-only lookup tables indexed by alnumIndex.
	digitWords = [36]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	natoWords  = [36]string{10: "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
		"india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
		"sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"}
	natoAlpha = func() [36]string { t := natoWords; t[10], t[19] = "alpha", "juliet"; return t }()
	spellings = [...]spelling{
		{&digitWords, nil}, {&digitWords, &natoWords}, {&digitWords, &natoAlpha},
		{nil, &natoWords}, {nil, &natoAlpha},
	}
)

// spell writes plain (lower-case letters and digits) with sp; ok is false when sp changes
// nothing the token contains (a token of digits only has no NATO form).
func spell(plain []byte, sp spelling) ([]byte, bool) {
	var out []byte
	changed := false
	for _, c := range plain {
		i := alnumIndex(c)
		tab := sp.letters
		if i < 10 {
			tab = sp.digits
		}
		if tab != nil && tab[i] != "" {
			out = append(out, tab[i]...)
			changed = true
			continue
		}
		out = append(out, c)
	}
	return out, changed
}

func alnumIndex(c byte) int {
	if c <= '9' {
		return int(c - '0')
	}
	return int(c-'a') + 10
}

// base32Forms returns, lower-cased, the parts of base32(x + c + y) that depend only on c, for
// the five alignments of c in the encoded stream (see base64Forms).
func base32Forms(c string) [][]byte {
	var out [][]byte
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for pad := range 5 {
		buf := make([]byte, pad+len(c))
		copy(buf[pad:], c)
		e := enc.EncodeToString(buf)
		skip := (8*pad + 4) / 5
		keep := (8 * len(buf)) / 5
		if keep <= skip {
			continue
		}
		b := []byte(e[skip:keep])
		for i := range b {
			b[i] = toLower(b[i])
		}
		out = append(out, b)
	}
	return out
}
