package structured

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/aisecops/aisec/internal/limits"
)

// parseJSON decodes data when it is a JSON object or array. A cheap pass first bounds the
// nesting and the number of values, so encoding/json never builds an outsized tree.
func parseJSON(data []byte) (*Doc, error) {
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return nil, ErrNotConfig
	}
	depth, nodes := shapeJSON(t)
	if depth > MaxDepth {
		return nil, fmt.Errorf("unable to read JSON: %w (%d > %d)", ErrTooDeep, depth, MaxDepth)
	}
	if nodes > MaxNodes {
		return nil, fmt.Errorf("unable to read JSON: %w", limits.Exceeded("JSON values", MaxNodes))
	}
	var root any
	if err := json.Unmarshal(t, &root); err != nil {
		return nil, fmt.Errorf("unable to read JSON: %w", err)
	}
	return &Doc{Flavour: JSON, Root: root, Size: int64(len(data))}, nil
}

// shapeJSON returns the deepest nesting and an upper bound on the values in t (every value
// but the first is preceded by a comma, a colon or an opening bracket), ignoring string
// contents. It does not validate: json.Unmarshal does.
func shapeJSON(t []byte) (maxDepth, nodes int) {
	depth := 0
	nodes = 1
	inString := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
			nodes++
			maxDepth = max(maxDepth, depth)
		case '}', ']':
			depth--
		case ',', ':':
			nodes++
		}
	}
	return maxDepth, nodes
}
