package report

import (
	"encoding/json"
	"io"
)

// writeJSON renders the Summary as indented JSON. HTML-significant characters stay escaped
// (\u003c) so that the document can be embedded in a web page safely.
func writeJSON(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}
