package vuln

import "strings"

// pep440Scheme orders PyPI versions per PEP 440 (https://peps.python.org/pep-0440/), accepting
// the normalisations the spec allows (case, "v" prefix, alternative spellings and separators of
// pre/post/dev releases, implicit post releases "1.0-1", local versions).
type pep440Scheme struct{}

// Pre-release kinds in order; preNone sorts after all of them.
const (
	preA = iota
	preB
	preRC
	preNone
)

// pyVersion is a parsed PEP 440 version; every number is a digit string without leading zeros.
type pyVersion struct {
	epoch   string
	release []string // trailing zeros trimmed (1.0 == 1)
	preKind int
	preNum  string
	post    string // "" when there is no post release
	dev     string // "" when there is no dev release
	local   []string
}

// preLabels and postLabels are tried longest first so "preview" is not read as "pre".
var preLabels = []struct {
	s    string
	kind int
}{{"preview", preRC}, {"alpha", preA}, {"beta", preB}, {"pre", preRC}, {"rc", preRC}, {"a", preA}, {"b", preB}, {"c", preRC}}

var postLabels = []string{"post", "rev", "r"}

func (pep440Scheme) parse(s string) (version, error) {
	v, err := parsePEP440(s)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// fastKey handles plain releases such as "2.6.0": the key drops trailing zero segments.
func (pep440Scheme) fastKey(s string) (string, bool) {
	if _, ok := plainNumeric(s); !ok || len(s) > maxVersionLen {
		return "", false
	}
	for strings.HasSuffix(s, ".0") {
		s = s[:len(s)-2]
	}
	return "0!" + s, true
}

type pyParser struct {
	s string
	i int
}

func (p *pyParser) peek(off int) byte {
	if p.i+off < len(p.s) {
		return p.s[p.i+off]
	}
	return 0
}

func (p *pyParser) digits() string {
	j := p.i
	for j < len(p.s) && isDigit(p.s[j]) {
		j++
	}
	d := p.s[p.i:j]
	p.i = j
	return d
}

func isPySep(c byte) bool { return c == '-' || c == '_' || c == '.' }

// label consumes an optional separator and one of words; it returns the index of the word
// matched, or -1 (consuming nothing).
func (p *pyParser) label(words func(i int) (string, bool)) int {
	start := p.i
	if isPySep(p.peek(0)) {
		p.i++
	}
	for k := 0; ; k++ {
		w, ok := words(k)
		if !ok {
			break
		}
		if strings.HasPrefix(p.s[p.i:], w) {
			p.i += len(w)
			return k
		}
	}
	p.i = start
	return -1
}

// number consumes an optional separator followed by digits, returning "0" when absent.
func (p *pyParser) number() string {
	if isPySep(p.peek(0)) && isDigit(p.peek(1)) {
		p.i++
	}
	if d := p.digits(); d != "" {
		return trimZeros(d)
	}
	return "0"
}

func parsePEP440(s string) (*pyVersion, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > maxVersionLen {
		return nil, invalid("PEP 440", s)
	}
	p := &pyParser{s: strings.TrimPrefix(s, "v")}
	v := &pyVersion{epoch: "0", preKind: preNone}
	if !p.parseRelease(v) {
		return nil, invalid("PEP 440", s)
	}
	p.parsePre(v)
	p.parsePost(v)
	if p.label(func(i int) (string, bool) { return "dev", i == 0 }) == 0 {
		v.dev = p.number()
	}
	if p.peek(0) == '+' && !p.parseLocal(v) {
		return nil, invalid("PEP 440", s)
	}
	if p.i != len(p.s) {
		return nil, invalid("PEP 440", s)
	}
	return v, nil
}

func (p *pyParser) parseRelease(v *pyVersion) bool {
	n := p.digits()
	if p.peek(0) == '!' {
		if n == "" {
			return false
		}
		v.epoch = trimZeros(n)
		p.i++
		n = p.digits()
	}
	if n == "" {
		return false
	}
	v.release = make([]string, 1, 4)
	v.release[0] = trimZeros(n)
	for p.peek(0) == '.' && isDigit(p.peek(1)) {
		p.i++
		v.release = append(v.release, trimZeros(p.digits()))
	}
	for len(v.release) > 1 && v.release[len(v.release)-1] == "0" {
		v.release = v.release[:len(v.release)-1]
	}
	return true
}

func (p *pyParser) parsePre(v *pyVersion) {
	k := p.label(func(i int) (string, bool) {
		if i < len(preLabels) {
			return preLabels[i].s, true
		}
		return "", false
	})
	if k >= 0 {
		v.preKind = preLabels[k].kind
		v.preNum = p.number()
	}
}

func (p *pyParser) parsePost(v *pyVersion) {
	if p.peek(0) == '-' && isDigit(p.peek(1)) { // implicit post release: 1.0-1
		p.i++
		v.post = trimZeros(p.digits())
		return
	}
	k := p.label(func(i int) (string, bool) {
		if i < len(postLabels) {
			return postLabels[i], true
		}
		return "", false
	})
	if k >= 0 {
		v.post = p.number()
	}
}

func (p *pyParser) parseLocal(v *pyVersion) bool {
	p.i++ // '+'
	for {
		j := p.i
		for j < len(p.s) && (isDigit(p.s[j]) || ('a' <= p.s[j] && p.s[j] <= 'z')) {
			j++
		}
		if j == p.i {
			return false
		}
		seg := p.s[p.i:j]
		if allDigits(seg) {
			seg = trimZeros(seg)
		}
		v.local = append(v.local, seg)
		p.i = j
		if !isPySep(p.peek(0)) {
			return true
		}
		p.i++
	}
}

// preRank orders the pre-release slot: a dev release of a final version (1.0.dev0) sorts
// before every pre-release, a final or post release after them all.
func (v *pyVersion) preRank() int {
	switch {
	case v.preKind != preNone:
		return 1
	case v.post == "" && v.dev != "":
		return 0
	}
	return 2
}

func (v *pyVersion) cmp(other version) int {
	o := other.(*pyVersion)
	if c := cmpNum(v.epoch, o.epoch); c != 0 {
		return c
	}
	if c := cmpRelease(v.release, o.release); c != 0 {
		return c
	}
	if c := v.preRank() - o.preRank(); c != 0 {
		return sign(c)
	}
	if v.preKind != preNone {
		if c := v.preKind - o.preKind; c != 0 {
			return sign(c)
		}
		if c := cmpNum(v.preNum, o.preNum); c != 0 {
			return c
		}
	}
	if c := cmpOptional(v.post, o.post, -1); c != 0 { // no post release sorts first
		return c
	}
	if c := cmpOptional(v.dev, o.dev, 1); c != 0 { // no dev release sorts last
		return c
	}
	return cmpLocal(v.local, o.local)
}

func cmpRelease(a, b []string) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmpNum(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// cmpOptional compares optional numbers; absent sorts as absent (-1 first, +1 last).
func cmpOptional(a, b string, absent int) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return absent
	case b == "":
		return -absent
	}
	return cmpNum(a, b)
}

// cmpLocal orders local versions: none first; numeric segments above alphanumeric ones.
func cmpLocal(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		na, nb := allDigits(a[i]), allDigits(b[i])
		var c int
		switch {
		case na && nb:
			c = cmpNum(a[i], b[i])
		case na:
			c = 1
		case nb:
			c = -1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return sign(len(a) - len(b))
}

func (v *pyVersion) key() string {
	var b strings.Builder
	b.WriteString(v.epoch)
	b.WriteByte('!')
	b.WriteString(strings.Join(v.release, "."))
	if v.preKind != preNone {
		b.WriteString([]string{"a", "b", "rc"}[v.preKind])
		b.WriteString(v.preNum)
	}
	if v.post != "" {
		b.WriteString(".post" + v.post)
	}
	if v.dev != "" {
		b.WriteString(".dev" + v.dev)
	}
	if len(v.local) > 0 {
		b.WriteString("+" + strings.Join(v.local, "."))
	}
	return b.String()
}
