package secrets

import "strings"

// keywordIndex finds the gitleaks keywords of every rule in a text in one pass. It indexes
// keywords by their first two lower-cased bytes: one table load per input byte, and a
// comparison only where a keyword can start. Matching is ASCII case-insensitive (gitleaks
// lower-cases the whole text with Unicode rules; the difference only concerns non-ASCII
// letters that fold to ASCII, such as the Kelvin sign).
type keywordIndex struct {
	// pair maps the first two lower-cased bytes of a keyword to 1+index in groups.
	pair   []uint16
	groups [][]keyword
	// single holds one-byte keywords (none in the default rules, kept for custom configs).
	single [256][]int32
}

// keyword is one lower-cased keyword and the rules (indexes into Scanner.rules) it enables.
type keyword struct {
	text  string
	rules []int32
}

// lower is an ASCII lower-casing table.
var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

func newKeywordIndex(ruleKeywords [][]string) *keywordIndex {
	ix := &keywordIndex{pair: make([]uint16, 1<<16)}
	byText := map[string]int{} // keyword → position in its group, encoded as group<<16|slot
	for ri, kws := range ruleKeywords {
		for _, k := range kws {
			k = strings.ToLower(k)
			ix.add(byText, k, int32(ri))
		}
	}
	return ix
}

func (ix *keywordIndex) add(byText map[string]int, k string, rule int32) {
	switch len(k) {
	case 0:
		return
	case 1:
		ix.single[k[0]] = append(ix.single[k[0]], rule)
		return
	}
	if at, ok := byText[k]; ok {
		g := &ix.groups[at>>16][at&0xffff]
		g.rules = append(g.rules, rule)
		return
	}
	p := uint16(k[0])<<8 | uint16(k[1])
	if ix.pair[p] == 0 {
		ix.groups = append(ix.groups, nil)
		ix.pair[p] = uint16(len(ix.groups))
	}
	gi := int(ix.pair[p]) - 1
	byText[k] = gi<<16 | len(ix.groups[gi])
	ix.groups[gi] = append(ix.groups[gi], keyword{text: k, rules: []int32{rule}})
}

// scan calls hit for every keyword occurrence, in text order, with the rule it enables and
// the byte span of the occurrence.
func (ix *keywordIndex) scan(s string, hit func(rule int32, start, end int)) {
	for i := 0; i < len(s); i++ {
		c := lower[s[i]]
		for _, r := range ix.single[c] {
			hit(r, i, i+1)
		}
		if i+1 >= len(s) {
			break
		}
		g := ix.pair[uint16(c)<<8|uint16(lower[s[i+1]])]
		if g == 0 {
			continue
		}
		for _, k := range ix.groups[g-1] {
			if hasPrefixFold(s[i:], k.text) {
				for _, r := range k.rules {
					hit(r, i, i+len(k.text))
				}
			}
		}
	}
}

// hasPrefixFold reports whether s starts with the lower-case keyword k, ignoring ASCII case.
func hasPrefixFold(s, k string) bool {
	if len(s) < len(k) {
		return false
	}
	for j := 2; j < len(k); j++ {
		if lower[s[j]] != k[j] {
			return false
		}
	}
	return true
}
