package tensorflow

import (
	"fmt"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format/savedmodel"
)

// evidence is "<Op> node "<name>" <what> [in function "<f>"]".
func evidence(n *savedmodel.Node, what string) string {
	return fmt.Sprintf("%s node %q %s%s", clip(n.Op, 60), clip(n.Name, 60), what, where(n))
}

// where names the function holding n, if any, and the constant whose serialized graph holds
// it, if it is nested.
func where(n *savedmodel.Node) string {
	s := ""
	if n.Function != "" {
		s = fmt.Sprintf(" in function %q", clip(n.Function, 60))
	}
	if n.Nested != "" {
		s += fmt.Sprintf(" in the graph serialized in constant %q", clip(n.Nested, 60))
	}
	return s
}

// attrString returns the first string of attribute key.
func attrString(n *savedmodel.Node, key string) string {
	if s := attrStrings(n, key); len(s) > 0 {
		return s[0]
	}
	return ""
}

// attrStrings returns the strings of attribute key.
func attrStrings(n *savedmodel.Node, key string) []string {
	for _, a := range n.Attrs {
		if a.Key == key {
			return a.Strings
		}
	}
	return nil
}

// debugURL extracts the URL of a debug_urls entry or of a Copy op's debug_ops_spec
// ("DebugIdentity;grpc://host:port;0").
func debugURL(v string) string {
	if parts := strings.Split(v, ";"); len(parts) >= 2 && !strings.Contains(parts[0], "://") {
		return parts[1]
	}
	return v
}

// suspiciousPath reports paths outside the model's directory: absolute, drive-letter,
// traversing, or with a URL scheme (file://, gs://, hdfs://, http://…).
func suspiciousPath(p string) bool {
	if p == "" {
		return false
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || strings.Contains(p, "://") || strings.HasPrefix(p, "~") {
		return true
	}
	if len(p) >= 2 && p[1] == ':' && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') {
		return true
	}
	return escapes(p)
}

// escapes reports an asset-relative path that leaves its directory.
func escapes(p string) bool {
	q := strings.ReplaceAll(p, `\`, "/")
	if strings.HasPrefix(q, "/") || len(q) >= 2 && q[1] == ':' {
		return true
	}
	c := path.Clean(q)
	return c == ".." || strings.HasPrefix(c, "../")
}

// clip shortens s to at most n bytes (plus an ellipsis) on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
