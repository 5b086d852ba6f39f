package vuln

import "strings"

// mavenScheme orders Maven versions like Maven's ComparableVersion (3.x): the version splits at
// ".", "-" and digit/letter transitions into numbers and qualifiers; "-" and transitions open
// a sub-list; trailing zeros and release qualifiers are dropped; qualifiers order
// alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < others
// (alphabetically); numbers sort above qualifiers.
type mavenScheme struct{}

// Item kinds.
const (
	mvnInt = iota
	mvnString
	mvnList
)

// mvnItem is a number (digits without leading zeros), a comparable qualifier, or a list.
type mvnItem struct {
	kind int
	val  string
	list []*mvnItem
}

// mvnQualifiers in order; the index (as a digit) is the comparable form.
var mvnQualifiers = []string{"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"}

var mvnAliases = map[string]string{"ga": "", "final": "", "release": "", "cr": "rc"}

const mvnReleaseIndex = "5" // comparable form of ""

func (mavenScheme) parse(s string) (version, error) {
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxVersionLen {
		return nil, invalid("Maven", orig)
	}
	return parseMaven(s), nil
}

// parseMaven follows ComparableVersion.parseVersion.
func parseMaven(s string) *mvnItem {
	root := &mvnItem{kind: mvnList}
	list := root
	stack := []*mvnItem{root}
	push := func() {
		l := &mvnItem{kind: mvnList}
		list.list = append(list.list, l)
		list = l
		stack = append(stack, l)
	}
	isDig, start := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '-':
			if i == start {
				list.list = append(list.list, &mvnItem{kind: mvnInt, val: "0"})
			} else {
				list.list = append(list.list, mvnParseItem(isDig, s[start:i]))
			}
			start = i + 1
			if c == '-' {
				push()
			}
		case isDigit(c):
			if !isDig && i > start {
				list.list = append(list.list, mvnQualifier(s[start:i], true))
				start = i
				push()
			}
			isDig = true
		default:
			if isDig && i > start {
				list.list = append(list.list, mvnParseItem(true, s[start:i]))
				start = i
				push()
			}
			isDig = false
		}
	}
	if len(s) > start {
		list.list = append(list.list, mvnParseItem(isDig, s[start:]))
	}
	for i := len(stack) - 1; i >= 0; i-- {
		stack[i].normalize()
	}
	return root
}

func mvnParseItem(isDig bool, s string) *mvnItem {
	if isDig {
		return &mvnItem{kind: mvnInt, val: trimZeros(s)}
	}
	return mvnQualifier(s, false)
}

// mvnQualifier builds a qualifier; a single letter directly followed by a digit abbreviates
// alpha, beta or milestone ("1a1" is "1-alpha-1").
func mvnQualifier(s string, followedByDigit bool) *mvnItem {
	if followedByDigit && len(s) == 1 {
		switch s {
		case "a":
			s = "alpha"
		case "b":
			s = "beta"
		case "m":
			s = "milestone"
		}
	}
	if a, ok := mvnAliases[s]; ok {
		s = a
	}
	for i, q := range mvnQualifiers {
		if q == s {
			return &mvnItem{kind: mvnString, val: string(rune('0' + i))}
		}
	}
	return &mvnItem{kind: mvnString, val: "7-" + s}
}

func (it *mvnItem) isNull() bool {
	switch it.kind {
	case mvnInt:
		return it.val == "0"
	case mvnString:
		return it.val == mvnReleaseIndex
	}
	return len(it.list) == 0
}

// normalize drops trailing null items, looking through trailing sub-lists.
func (it *mvnItem) normalize() {
	for i := len(it.list) - 1; i >= 0; i-- {
		last := it.list[i]
		if last.isNull() {
			it.list = append(it.list[:i], it.list[i+1:]...)
		} else if last.kind != mvnList {
			break
		}
	}
}

// compare orders it against o; o == nil stands for a missing item.
func (it *mvnItem) compare(o *mvnItem) int {
	if o == nil {
		switch it.kind {
		case mvnInt:
			if it.val == "0" {
				return 0
			}
			return 1
		case mvnString:
			return strings.Compare(it.val, mvnReleaseIndex)
		}
		for _, x := range it.list { // every item, not just the first (Maven MNG-6964)
			if c := x.compare(nil); c != 0 {
				return c
			}
		}
		return 0
	}
	if it.kind != o.kind {
		return mvnKindOrder(it.kind, o.kind)
	}
	switch it.kind {
	case mvnInt:
		return cmpNum(it.val, o.val)
	case mvnString:
		return strings.Compare(it.val, o.val)
	}
	for i := 0; i < len(it.list) || i < len(o.list); i++ {
		var c int
		switch {
		case i >= len(it.list):
			c = -o.list[i].compare(nil)
		case i >= len(o.list):
			c = it.list[i].compare(nil)
		default:
			c = it.list[i].compare(o.list[i])
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// mvnKindOrder orders items of different kinds: int > list > string.
func mvnKindOrder(a, b int) int {
	rank := [...]int{mvnInt: 2, mvnList: 1, mvnString: 0}
	return sign(rank[a] - rank[b])
}

func (it *mvnItem) cmp(other version) int { return it.compare(other.(*mvnItem)) }

func (it *mvnItem) key() string {
	var b strings.Builder
	it.writeKey(&b)
	return b.String()
}

func (it *mvnItem) writeKey(b *strings.Builder) {
	switch it.kind {
	case mvnInt:
		b.WriteString(it.val)
	case mvnString:
		b.WriteString("'" + it.val)
	default:
		b.WriteByte('(')
		for i, x := range it.list {
			if i > 0 {
				b.WriteByte(',')
			}
			x.writeKey(b)
		}
		b.WriteByte(')')
	}
}
