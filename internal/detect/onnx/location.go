package onnx

import (
	"regexp"
	"strings"
)

// verdict is what a location means for the loader that resolves it against the model's
// directory.
type verdict int

const (
	inside    verdict = iota // a file in the model's directory tree
	escapes                  // a file outside it (RuleExternalEscape)
	ambiguous                // read differently by different loaders (RuleAmbiguousLocation)
)

var (
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+:[/\\]{2}`)
	drive     = regexp.MustCompile(`^[A-Za-z]:`)
)

// windowsDevices are names Windows resolves to devices in any directory, with any extension.
var windowsDevices = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// classify judges an external_data location. Both / and \ count as separators, since
// Windows loaders split on either; the reason says what was seen.
func classify(loc string) (verdict, string) {
	// A C++ loader opens the string up to the first NUL; judge that prefix and the whole.
	if i := strings.IndexByte(loc, 0); i >= 0 {
		if v, why := classify(loc[:i]); v == escapes {
			return v, why + " (before a NUL byte)"
		}
		if v, why := classify(strings.ReplaceAll(loc, "\x00", "")); v == escapes {
			return v, why + " (once NUL bytes are dropped)"
		}
		return ambiguous, "contains a NUL byte"
	}
	if strings.ContainsFunc(loc, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return ambiguous, "contains control characters"
	}
	switch {
	case strings.HasPrefix(loc, `\\.\`) || strings.HasPrefix(loc, `\\?\`) || strings.HasPrefix(loc, `//./`) || strings.HasPrefix(loc, `//?/`):
		return escapes, "is a Windows device path"
	case strings.HasPrefix(loc, `\\`) || strings.HasPrefix(loc, `//`):
		return escapes, "is a UNC path to a network share"
	case urlScheme.MatchString(loc):
		return ambiguous, "is a URL"
	case strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, `\`):
		return escapes, "is an absolute path"
	case drive.MatchString(loc):
		return escapes, "is a Windows drive path"
	}
	depth := 0
	for _, part := range strings.FieldsFunc(loc, func(r rune) bool { return r == '/' || r == '\\' }) {
		switch part {
		case ".":
		case "..":
			depth--
			if depth < 0 {
				return escapes, "climbs out of the model directory with '..'"
			}
		default:
			depth++
			if windowsDevices[strings.ToUpper(strings.TrimRight(strings.SplitN(part, ".", 2)[0], " "))] {
				return ambiguous, "names a Windows device"
			}
		}
	}
	return inside, ""
}

// cleanLocation is loc with / separators and without "." and empty components, for comparing
// locations that name the same file.
func cleanLocation(loc string) string {
	var parts []string
	for _, p := range strings.FieldsFunc(loc, func(r rune) bool { return r == '/' || r == '\\' }) {
		switch {
		case p == ".":
		case p == ".." && len(parts) > 0 && parts[len(parts)-1] != "..":
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}
