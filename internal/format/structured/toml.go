package structured

// TOMLDepth returns the deepest nesting of arrays, inline tables and table headers in TOML
// text, skipping strings and comments. It over-estimates, never under-estimates, so that a
// hostile document can be refused before a recursive parser sees it.
func TOMLDepth(b []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '#':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipTOMLString(b, i)
		case '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return deepest
}

// skipTOMLString returns the index of the last byte of the string starting at i (len(b) when
// it never ends).
func skipTOMLString(b []byte, i int) int {
	q := b[i]
	if i+2 < len(b) && b[i+1] == q && b[i+2] == q { // multi-line
		for j := i + 3; j < len(b); j++ {
			if q == '"' && b[j] == '\\' {
				j++
				continue
			}
			if b[j] == q && j+2 < len(b) && b[j+1] == q && b[j+2] == q {
				return j + 2
			}
		}
		return len(b)
	}
	for j := i + 1; j < len(b); j++ {
		switch {
		case q == '"' && b[j] == '\\':
			j++
		case b[j] == q || b[j] == '\n':
			return j
		}
	}
	return len(b)
}
