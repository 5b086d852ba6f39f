package mcp

// stripJSONC returns data with what JSON forbids but VS Code, Zed and Continue accept
// blanked out: a leading byte-order mark, // line comments, /* block */ comments and commas
// before a closing bracket. Blanking (spaces, keeping line breaks) instead of deleting keeps
// every offset that of the original file. Nothing inside strings is touched. data itself is
// never modified; it is returned as is when there is nothing to blank.
func stripJSONC(data []byte) []byte {
	w := blanker{src: data}
	if len(data) >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf {
		w.blank(0, 3)
	}
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			end := i
			for end < len(data) && data[end] != '\n' && data[end] != '\r' {
				end++
			}
			w.blank(i, end)
			i = end - 1
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := i + 2
			for end < len(data) && !(data[end] == '*' && end+1 < len(data) && data[end+1] == '/') {
				end++
			}
			end = min(end+2, len(data))
			w.blank(i, end)
			i = end - 1
		}
	}
	blankTrailingCommas(&w)
	return w.bytes()
}

// blankTrailingCommas blanks commas followed (after white space) by } or ]. It runs after
// the comments are gone, over the blanked text.
func blankTrailingCommas(w *blanker) {
	data := w.bytes()
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case ',':
			j := i + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
				j++
			}
			if j < len(data) && (data[j] == '}' || data[j] == ']') {
				w.blank(i, i+1)
				data = w.bytes()
			}
			i = j - 1
		}
	}
}

// blanker copies its source on the first write.
type blanker struct {
	src []byte
	out []byte
}

// blank replaces bytes [from, to) with spaces, keeping line breaks.
func (w *blanker) blank(from, to int) {
	if w.out == nil {
		w.out = append([]byte(nil), w.src...)
	}
	for k := from; k < to; k++ {
		if w.out[k] != '\n' && w.out[k] != '\r' {
			w.out[k] = ' '
		}
	}
}

func (w *blanker) bytes() []byte {
	if w.out != nil {
		return w.out
	}
	return w.src
}
