package describe

import (
	"strings"
	"unicode"
)

// cardField is where the text of a card section goes.
type cardField int

const (
	fieldNone cardField = iota
	fieldUseCases
	fieldLimitations
	fieldUsers
)

// sectionFields maps normalised section titles (and bold paragraph labels such as Llama's
// "**Out-of-scope**") to the Card list they fill. The Hugging Face model card template names
// most of them (Uses, Direct Use, Downstream Use, Out-of-Scope Use, Bias, Risks, and
// Limitations); the Trainer's auto-generated card has "Intended uses & limitations".
var sectionFields = map[string]cardField{
	"intended uses": fieldUseCases, "intended use": fieldUseCases, "uses": fieldUseCases, "use": fieldUseCases,
	"direct use": fieldUseCases, "downstream use": fieldUseCases, "intended uses & limitations": fieldUseCases,
	"intended uses and limitations": fieldUseCases, "intended use cases": fieldUseCases, "use cases": fieldUseCases,
	"primary intended uses": fieldUseCases, "direct uses": fieldUseCases, "downstream uses": fieldUseCases,
	"out-of-scope use": fieldLimitations, "out-of-scope uses": fieldLimitations, "out of scope use": fieldLimitations,
	"out of scope uses": fieldLimitations, "out-of-scope": fieldLimitations, "out of scope": fieldLimitations,
	"limitations": fieldLimitations, "known limitations": fieldLimitations, "bias, risks, and limitations": fieldLimitations,
	"bias, risks and limitations": fieldLimitations, "risks": fieldLimitations, "risks and limitations": fieldLimitations,
	"limitations and bias": fieldLimitations, "bias and limitations": fieldLimitations, "limitations and biases": fieldLimitations,
	"ethical considerations and limitations": fieldLimitations, "bias": fieldLimitations, "biases": fieldLimitations,
	"intended users": fieldUsers, "who are the users": fieldUsers, "primary intended users": fieldUsers, "users": fieldUsers,
}

// authorLabels and sourceLabels are bold labels of the card summary list
// ("- **Developed by:** Meta", "- **Repository:** https://…").
var (
	authorLabels = map[string]bool{"developed by": true, "curated by": true, "shared by": true, "model developers": true,
		"created by": true, "author": true, "authors": true, "model developer": true}
	sourceLabels = map[string]bool{"repository": true, "homepage": true, "source": true, "source data": true, "website": true}
)

// Bounds of the markdown walk.
const (
	maxBlocks    = 100_000 // paragraphs, list items and headings looked at
	maxBlockText = 8 << 10 // bytes of one block's text kept
)

type blockKind int

const (
	blockHeading blockKind = iota
	blockPara
	blockItem
)

// block is a heading, a paragraph or a list item of the card body.
type block struct {
	kind blockKind
	text string
}

// markdown fills the markdown-derived fields from the card body.
func (c *Card) markdown(body string) {
	blocks := mdBlocks(stripComments(body))
	c.Description = description(blocks)
	field := fieldNone
	for _, b := range blocks {
		if b.kind == blockHeading {
			field = sectionFields[normTitle(b.text)]
			continue
		}
		field = c.route(b.text, field)
	}
}

// route sends one paragraph or list item to the list it belongs to, following a bold label
// at its start when it has one. A label naming a section ("**Out-of-scope** …") acts as a
// sub-heading: the field it selects is returned for the blocks that follow.
func (c *Card) route(text string, field cardField) cardField {
	if label, rest, ok := boldLabel(text); ok {
		switch {
		case authorLabels[label]:
			if v := cleanInline(rest); !placeholder(v) {
				c.Authors = appendUnique(c.Authors, clipWords(v, maxValueLen))
			}
			return field
		case sourceLabels[label]:
			if c.SourceURL == "" {
				c.SourceURL = firstURL(rest)
			}
			return field
		case sectionFields[label] != fieldNone:
			field, text = sectionFields[label], rest
		}
	}
	v := cleanInline(text)
	if field == fieldNone || placeholder(v) {
		return field
	}
	v = clipWords(v, maxItemLen)
	switch field {
	case fieldUseCases:
		c.UseCases = appendItem(c.UseCases, v)
	case fieldLimitations:
		c.Limitations = appendItem(c.Limitations, v)
	case fieldUsers:
		c.Users = appendItem(c.Users, v)
	}
	return field
}

func appendItem(list []string, v string) []string {
	if len(list) >= maxItems || contains(list, v) {
		return list
	}
	return append(list, v)
}

// description is the first prose paragraph after the first heading, or before it when there
// is none after.
func description(blocks []block) string {
	first := -1
	for i, b := range blocks {
		if b.kind == blockHeading {
			first = i
			break
		}
	}
	search := func(bs []block) string {
		for _, b := range bs {
			if b.kind != blockPara {
				continue
			}
			if v := cleanInline(b.text); !placeholder(v) {
				return clipWords(v, maxDescription)
			}
		}
		return ""
	}
	if first >= 0 {
		if d := search(blocks[first+1:]); d != "" {
			return d
		}
		return search(blocks[:first])
	}
	return search(blocks)
}

// mdBlocks splits markdown into headings, paragraphs and list items, leaving out fenced code,
// tables, HTML lines, images and rules.
func mdBlocks(body string) []block {
	var out []block
	var cur *block
	lines := 0 // lines of cur
	fence := ""
	end := func() { cur = nil }
	for line := range strings.Lines(body) {
		if len(out) >= maxBlocks {
			break
		}
		t := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			fence = t[:3]
			end()
		case isRule(t) && cur != nil && cur.kind == blockPara && lines == 1 && (t[0] == '=' || t[0] == '-'):
			cur.kind = blockHeading // setext heading: "Title" underlined with === or ---
			end()
		case t == "", isRule(t), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "<"),
			strings.HasPrefix(t, "!["), strings.HasPrefix(t, "[!["):
			end()
		case heading(t) != "":
			out = append(out, block{kind: blockHeading, text: heading(t)})
			end()
		case listItem(t) != "":
			out = append(out, block{kind: blockItem, text: listItem(t)})
			cur, lines = &out[len(out)-1], 1
		default:
			t = strings.TrimSpace(strings.TrimLeft(t, ">"))
			switch {
			case cur != nil:
				lines++
				if len(cur.text) < maxBlockText {
					cur.text = clip(cur.text+" "+t, maxBlockText)
				}
			case t != "":
				out = append(out, block{kind: blockPara, text: clip(t, maxBlockText)})
				cur, lines = &out[len(out)-1], 1
			}
		}
	}
	return out
}

// heading returns the title of an ATX heading line ("## Uses" → "Uses"), or "".
func heading(t string) string {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return ""
	}
	title := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[n:]), "#"))
	if title == "" {
		return " " // an empty heading still ends the section
	}
	return title
}

// listItem returns the text of a bullet or numbered list line, or "".
func listItem(t string) string {
	if len(t) >= 2 && strings.ContainsRune("-*+", rune(t[0])) && (t[1] == ' ' || t[1] == '\t') {
		return strings.TrimSpace(t[2:])
	}
	n := 0
	for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
		return strings.TrimSpace(t[n+2:])
	}
	return ""
}

// isRule reports a thematic break or setext underline: ---, ***, ___, ===.
func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' && c != '=' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c && t[i] != ' ' {
			return false
		}
	}
	return true
}

// stripComments removes HTML comments (the model card template's guidance text).
func stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+4:], "-->")
		if j < 0 {
			return b.String()
		}
		s = s[i+4+j+3:]
	}
}

// normTitle lowercases a section title and drops decoration: numbering, "[optional]",
// emoji and punctuation at either end, a trailing colon.
func normTitle(t string) string {
	t = strings.ToLower(t)
	t = strings.ReplaceAll(t, "[optional]", "")
	t = strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	return strings.Join(strings.Fields(t), " ")
}

// boldLabel splits "**Label:** rest" or "**Label** rest" into the normalised label and rest.
func boldLabel(text string) (label, rest string, ok bool) {
	after, found := strings.CutPrefix(text, "**")
	if !found {
		return "", "", false
	}
	i := strings.Index(after, "**")
	if i <= 0 || i > 100 {
		return "", "", false
	}
	label = normTitle(after[:i])
	rest = strings.TrimSpace(after[i+2:])
	rest = strings.TrimSpace(strings.TrimLeft(rest, ":-–—"))
	return label, rest, label != ""
}

// placeholder reports empty text and the model card template's "[More Information Needed]"
// (the Trainer's card says "More information needed").
func placeholder(v string) bool {
	t := strings.ToLower(strings.Trim(v, " []().:*_"))
	switch t {
	case "", "more information needed", "more info needed", "needs more information", "tbd", "todo", "n/a":
		return true
	}
	return false
}

// firstURL returns the first http(s) URL in s.
func firstURL(s string) string {
	i := strings.Index(s, "https://")
	if j := strings.Index(s, "http://"); i < 0 || (j >= 0 && j < i) {
		i = j
	}
	if i < 0 {
		return ""
	}
	u := s[i:]
	if k := strings.IndexAny(u, " \t)]>\"'"); k >= 0 {
		u = u[:k]
	}
	return clip(u, maxValueLen)
}

// clipWords cuts s to at most n bytes at a word boundary, marking the cut with "…".
func clipWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := clip(s, n-len("…"))
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
