package secrets

import "unicode/utf8"

// Mask describes a secret without revealing it: the first and last four characters of a
// long value ("sk-p…f3a9"), two of a medium one, none of a short one. Audit logs store this.
func Mask(s string) string {
	n := utf8.RuneCountInString(s)
	var keep int
	switch {
	case n >= 20:
		keep = 4
	case n >= 12:
		keep = 2
	default:
		return "…"
	}
	r := []rune(s)
	return string(r[:keep]) + "…" + string(r[n-keep:])
}
