package deps

import (
	"bytes"
	"errors"
	"strings"
)

// parseMetadata reads installed Python package metadata (.dist-info/METADATA,
// .egg-info/PKG-INFO): the RFC 822 header block's Name and Version. Requires-Dist lines are
// requirements of the package, not installed packages, and are not read.
func parseMetadata(c *collector, data []byte) error {
	var name, version string
	nameLine := 0
	forEachLine(data, func(no int, line []byte) bool {
		if len(bytes.TrimSpace(line)) == 0 {
			return false // the body (description) follows the first blank line
		}
		if line[0] == ' ' || line[0] == '\t' {
			return true // a folded continuation of the previous header
		}
		key, val, ok := strings.Cut(string(line), ":")
		if !ok {
			return true
		}
		val = strings.TrimSpace(val)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "name":
			if name == "" {
				name, nameLine = val, no
			}
		case "version":
			if version == "" {
				version = val
			}
		}
		return true
	}, func(no int) { c.gap("line %d: longer than %d bytes; not read", no, MaxLineBytes) })
	if name == "" {
		return errors.New("no Name header")
	}
	c.add(Package{Ecosystem: PyPI, Name: name, Version: version, Line: nameLine})
	return nil
}
