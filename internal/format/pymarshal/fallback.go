package pymarshal

// Identifiers is the fallback for marshal data no known layout decodes (a future Python, a
// corrupted or deliberately mangled payload): it returns the identifier-like words found in the
// printable runs of data, unique and in order, at most max of them. Names and string constants
// are stored as plain ASCII in marshal data, so what code loads usually survives here. Words of
// one character are dropped; a type code or length byte glued to a word may add noise.
func Identifiers(data []byte, max int) []string {
	var out []string
	seen := map[string]bool{}
	start := -1
	flush := func(end int) bool {
		if start >= 0 && end-start >= 2 {
			w := string(data[start:end])
			if !seen[w] {
				if len(out) >= max {
					return false
				}
				seen[w] = true
				out = append(out, w)
			}
		}
		start = -1
		return true
	}
	for i, c := range data {
		switch {
		case isIdentByte(c, start < 0):
			if start < 0 {
				start = i
			}
		default:
			if !flush(i) {
				return out
			}
		}
	}
	flush(len(data))
	return out
}

func isIdentByte(c byte, first bool) bool {
	switch {
	case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case c >= '0' && c <= '9':
		return !first
	}
	return false
}
