package code

import "strings"

// Terminal control sequences in output are dangerous when a client prints the text to a
// terminal: OSC 8 hides a link target behind other text, OSC 52 writes the clipboard, cursor
// movement, erasing, concealed text, backspace and a bare carriage return overwrite what the
// user sees. Colours (SGR without "conceal") are harmless and not reported.

// termHit is one control sequence found.
type termHit struct {
	kind       string
	score      float64
	start, end int
}

// Bounds: the longest sequence followed, and how many hits of one kind a segment reports.
const (
	maxSequence = 4096
	maxPerKind  = 4
)

// hasControls is the cheap pre-check: any byte that can start a sequence (vectorised
// IndexByte calls rather than a byte loop).
func hasControls(text string) bool {
	if strings.IndexByte(text, 0x1b) >= 0 || strings.IndexByte(text, 0x08) >= 0 || strings.IndexByte(text, '\r') >= 0 {
		return true
	}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], 0xc2)
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(text) && text[i] >= 0x80 && text[i] <= 0x9f {
			return true
		}
	}
}

// terminalHits lists the control sequences of text that are worth reporting.
func terminalHits(text string) []termHit {
	var out []termHit
	perKind := map[string]int{}
	for i := 0; i < len(text); {
		h, next := sequenceAt(text, i)
		if h.kind != "" && h.score >= 0.5 && perKind[h.kind] < maxPerKind {
			perKind[h.kind]++
			out = append(out, h)
		}
		i = next
	}
	return out
}

// sequenceAt classifies the sequence starting at i (if any) and returns where to go on.
func sequenceAt(text string, i int) (termHit, int) {
	c := text[i]
	switch {
	case c == 0x1b && i+1 < len(text):
		return escape(text, i, i+1, text[i+1])
	case c == 0xc2 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] <= 0x9f:
		// C1 control in UTF-8: U+009B is CSI, U+009D OSC, U+0090 DCS, …
		if intro, ok := c1Intro(text[i+1]); ok {
			return escape(text, i, i+1, intro)
		}
		return termHit{"terminal:escape", 0.4, i, i + 2}, i + 2 // other C1: odd, not dangerous
	case c == 0x08:
		j := i
		for j < len(text) && text[j] == 0x08 {
			j++
		}
		return termHit{"terminal:overwrite", 0.7, i, j}, j
	case c == '\r' && i+1 < len(text) && text[i+1] != '\n' && text[i+1] != '\r':
		return termHit{"terminal:overwrite", 0.7, i, i + 1}, i + 1
	}
	return termHit{}, i + 1
}

func c1Intro(b byte) (byte, bool) {
	switch b {
	case 0x9b:
		return '[', true
	case 0x9d:
		return ']', true
	case 0x90:
		return 'P', true
	case 0x9e:
		return '^', true
	case 0x9f:
		return '_', true
	}
	return 0, false
}

// escape reads the sequence whose introducer byte (the one after ESC, or the C1 control's
// 7-bit equivalent) is intro; at is the index of that byte in text.
func escape(text string, start, at int, intro byte) (termHit, int) {
	body := at + 1
	if text[start] == 0xc2 {
		body = start + 2
	}
	switch intro {
	case ']':
		return osc(text, start, body)
	case '[':
		return csi(text, start, body)
	case 'P', '_', '^', 'X':
		end := stringTerminator(text, body)
		return termHit{"terminal:escape", 0.85, start, end}, end
	case '7', '8', 'M', 'c', 'D', 'E', 'H':
		return termHit{"terminal:cursor", 0.85, start, body}, body
	}
	return termHit{"terminal:escape", 0.5, start, body}, body
}

// osc reads "ESC ] n ; … (BEL | ESC \ | ST)".
func osc(text string, start, body int) (termHit, int) {
	n, k := 0, body
	for k < len(text) && k-body < 4 && text[k] >= '0' && text[k] <= '9' {
		n = n*10 + int(text[k]-'0')
		k++
	}
	end := stringTerminator(text, k)
	h := termHit{"terminal:osc", 0.8, start, end}
	switch {
	case k == body:
	case n == 8:
		h.kind, h.score = "terminal:hyperlink", 0.9
	case n == 52:
		h.kind, h.score = "terminal:clipboard", 0.95
	case n <= 2:
		h.kind, h.score = "terminal:title", 0.7
	}
	return h, end
}

// stringTerminator returns the index after BEL, ESC \ or ST (U+009C) from k (bounded).
func stringTerminator(text string, k int) int {
	limit := min(len(text), k+maxSequence)
	for ; k < limit; k++ {
		switch text[k] {
		case 0x07:
			return k + 1
		case 0x1b:
			if k+1 < len(text) && text[k+1] == '\\' {
				return k + 2
			}
			return k // another sequence starts: this one was not terminated
		case 0xc2:
			if k+1 < len(text) && text[k+1] == 0x9c {
				return k + 2
			}
		}
	}
	return limit
}

// csi reads "ESC [ params intermediates final".
func csi(text string, start, body int) (termHit, int) {
	k := body
	for k < len(text) && k-body < 64 && text[k] >= 0x30 && text[k] <= 0x3f {
		k++
	}
	params := text[body:k]
	for k < len(text) && k-body < 64 && text[k] >= 0x20 && text[k] <= 0x2f {
		k++
	}
	if k >= len(text) || text[k] < 0x40 || text[k] > 0x7e {
		return termHit{"terminal:escape", 0.5, start, k}, max(k, body)
	}
	final, end := text[k], k+1
	switch final {
	case 'm':
		if concealed(params) {
			return termHit{"terminal:hidden-text", 0.9, start, end}, end
		}
		return termHit{}, end // colours and styles
	case 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'f', 'J', 'K', 'S', 'T', 'd', 's', 'u', 'L', 'M', 'P', 'X', '@':
		return termHit{"terminal:cursor", 0.85, start, end}, end
	case 'n', 'c', 't', 'x', 'q':
		return termHit{"terminal:query", 0.8, start, end}, end
	}
	return termHit{"terminal:escape", 0.5, start, end}, end // unknown: odd, not known to be harmful
}

// concealed reports SGR parameter 8 (conceal) among params ("8", "0;8", "1;8;31").
func concealed(params string) bool {
	n, have := 0, false
	for i := 0; i <= len(params); i++ {
		if i == len(params) || params[i] == ';' || params[i] == ':' {
			if have && n == 8 {
				return true
			}
			n, have = 0, false
			continue
		}
		if c := params[i]; c >= '0' && c <= '9' {
			n, have = n*10+int(c-'0'), true
		}
	}
	return false
}
