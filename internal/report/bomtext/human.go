package bomtext

import "strconv"

// HumanCount formats a parameter count the way model cards do: 8030261248 → "8.0B",
// 124439808 → "124M", 0 → "".
func HumanCount(n int64) string {
	if n <= 0 {
		return ""
	}
	units := []struct {
		size   float64
		suffix string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}}
	for _, u := range units {
		if float64(n) >= u.size {
			return scaled(float64(n)/u.size) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// HumanBytes formats a size in bytes with binary prefixes: 183422 → "179.1 KiB", 0 → "".
func HumanBytes(n int64) string {
	if n <= 0 {
		return ""
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v := float64(n)
	i := -1
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i]
}

// scaled prints one decimal below 100 and none above: 8.03 → "8.0", 70.55 → "70.6", 405 → "405".
func scaled(v float64) string {
	if v >= 100 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
