package describe

import (
	"math"
	"strconv"
	"strings"
)

// Bounds on what is kept from a card or configuration: lists and strings longer than these are
// cut. Real cards stay far below them.
const (
	maxListItems = 256  // tags, languages, datasets, base models kept per list
	maxValueLen  = 1024 // bytes of one short value kept (a license, a name, a tag)
)

// str returns v as a trimmed string when it is a string, a number or a bool.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return clip(strings.TrimSpace(x), maxValueLen)
	case float64:
		return formatNumber(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// strs returns v as a list of non-empty strings: a string is a list of one, a list keeps its
// scalar elements. Duplicates are dropped, order is kept.
func strs(v any) []string {
	var out []string
	add := func(s string) {
		if s != "" && len(out) < maxListItems && !contains(out, s) {
			out = append(out, s)
		}
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			add(str(e))
		}
	default:
		add(str(x))
	}
	return out
}

// num returns v as a non-negative int64 when it is a finite whole number (or a decimal
// string of one).
func num(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		if x >= 0 && x <= math.MaxInt64/2 && x == math.Trunc(x) {
			return int64(x), true
		}
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err == nil && n >= 0 {
			return n, true
		}
	}
	return 0, false
}

// mapOf returns v as a mapping, or nil.
func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// listOf returns v as a list, or nil.
func listOf(v any) []any {
	l, _ := v.([]any)
	return l
}

// formatNumber writes a number without trailing zeros: 0.850 → "0.85", 85.0 → "85".
func formatNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !runeStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// appendUnique appends the items of add that list does not hold yet, up to maxListItems.
func appendUnique(list []string, add ...string) []string {
	for _, s := range add {
		if s != "" && len(list) < maxListItems && !contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// mulSat multiplies non-negative a and b, saturating at math.MaxInt64.
func mulSat(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}

// addSat adds non-negative a and b, saturating at math.MaxInt64.
func addSat(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// dimsProduct is the element count of a tensor with these dimensions, saturating; a tensor
// with no dimensions is a scalar (1 element).
func dimsProduct(dims []uint64) int64 {
	n := int64(1)
	for _, d := range dims {
		if d > math.MaxInt64 {
			return math.MaxInt64
		}
		n = mulSat(n, int64(d))
	}
	return n
}
