package table

import "github.com/aisecops/aisec/internal/finding"

// ANSI SGR sequences. Colour is decided by the caller (a terminal, no NO_COLOR); this package
// only applies it.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiBoldRed = "\x1b[1;31m"
	ansiRed     = "\x1b[31m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiGrey    = "\x1b[90m"
)

// paint wraps s in an ANSI colour when colour is on.
func (p printer) paint(color, s string) string {
	if !p.opts.Color || color == "" {
		return s
	}
	return color + s + ansiReset
}

func severityColor(s finding.Severity) string {
	switch s {
	case finding.Critical:
		return ansiBoldRed
	case finding.High:
		return ansiRed
	case finding.Medium:
		return ansiYellow
	case finding.Low:
		return ansiBlue
	default:
		return ansiGrey
	}
}

func statusColor(s finding.Status) string {
	switch s {
	case finding.StatusError:
		return ansiRed
	case finding.StatusPartial:
		return ansiYellow
	default:
		return ""
	}
}
