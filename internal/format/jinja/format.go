package jinja

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// percent evaluates printf-style formatting ('%c%c' % (95, 95), '%s'|format(x)) for %s, %r,
// %c, %d, %i and %%, with flags and widths ignored. Anything else gives an unknown value.
func percent(f value, args []value) value {
	if f.kind != vStr {
		return value{}
	}
	var b strings.Builder
	s, next, esc := f.str, 0, f.esc
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("#0- +.123456789", s[j]) >= 0 {
			j++
		}
		if j == len(s) {
			return value{}
		}
		if s[j] == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		if next >= len(args) {
			return value{}
		}
		out, ok := conv(s[j], args[next])
		if !ok {
			return value{}
		}
		esc = esc || args[next].esc
		next++
		b.WriteString(out)
		if b.Len() > MaxBuiltLen {
			return value{}
		}
		i = j
	}
	return str(b.String(), esc)
}

// conv converts one argument for a conversion character (%s, %c, %d, or a {:c} spec).
func conv(c byte, v value) (string, bool) {
	switch c {
	case 's', 'r':
		return v.text()
	case 'd', 'i':
		if v.kind == vNum {
			return strconv.FormatInt(v.num, 10), true
		}
	case 'c':
		if v.kind == vNum && v.num >= 0 && v.num <= utf8.MaxRune {
			return string(rune(v.num)), true
		}
		if v.kind == vStr && utf8.RuneCountInString(v.str) == 1 {
			return v.str, true
		}
	}
	return "", false
}

// format evaluates str.format for {} and {0} fields with an optional :c or :s spec, and {{ }}.
func format(f value, args []value) value {
	var b strings.Builder
	s, next, esc := f.str, 0, f.esc
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{") || strings.HasPrefix(s[i:], "}}"):
			b.WriteByte(s[i])
			i++
			continue
		case s[i] != '{':
			b.WriteByte(s[i])
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return value{}
		}
		field, spec, _ := strings.Cut(s[i+1:i+end], ":")
		idx := next
		if field != "" {
			n, err := strconv.Atoi(field)
			if err != nil {
				return value{}
			}
			idx = n
		}
		next++
		if idx < 0 || idx >= len(args) {
			return value{}
		}
		c := byte('s')
		if spec == "c" || spec == "d" {
			c = spec[0]
		}
		out, ok := conv(c, args[idx])
		if !ok {
			return value{}
		}
		esc = esc || args[idx].esc
		b.WriteString(out)
		if b.Len() > MaxBuiltLen {
			return value{}
		}
		i += end
	}
	return str(b.String(), esc)
}
