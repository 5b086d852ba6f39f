package onnx

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/onnx"
)

// modelFileName is the base name of the model file, inside its container when it is a
// member, so that external data naming the model itself can be recognised.
func modelFileName(t detect.Target) string {
	name := t.Path
	if t.Member != "" {
		name = t.Member
		if i := strings.LastIndex(name, "!/"); i >= 0 {
			name = name[i+2:]
		}
	}
	return path.Base(strings.ReplaceAll(name, `\`, "/"))
}

// span is one tensor's byte range in an external file.
type span struct {
	name     string
	from, to int64
	offset   int64
}

// checkExternal judges every external_data location entry (not only the last one a loader
// keeps: a duplicate entry may be what another loader reads), then the byte ranges.
func checkExternal(c *finding.Capper, m *onnx.Model, self string) {
	files := map[string][]span{}
	var order []string
	for _, t := range m.External {
		what := fmt.Sprintf("tensor %q (%s)", clip(t.Name), t.Where)
		checkLocations(c, t, what)
		for _, bad := range t.BadValues {
			c.Add(RuleExternalAnomaly, fmt.Sprintf("%s has external_data %s", what, clip(bad)), t.Offset)
		}
		if t.DataLocation == onnx.DataLocationExternal && (!t.HasLocation || t.Location == "") {
			c.Add(RuleExternalAnomaly, what+" is marked EXTERNAL but has no location", t.Offset)
		}
		if !t.HasLocation || t.Location == "" {
			continue
		}
		file := cleanLocation(t.Location)
		if self != "" && self != "." && file == self {
			c.Add(RuleExternalAnomaly, fmt.Sprintf("%s reads its data from the model file itself (%q)", what, clip(t.Location)), t.Offset)
		}
		if t.ExtOffset >= 0 && t.ExtLength > 0 && t.ExtOffset <= 1<<62 && t.ExtLength <= 1<<62 {
			if files[file] == nil {
				order = append(order, file)
			}
			files[file] = append(files[file], span{name: t.Name, from: t.ExtOffset, to: t.ExtOffset + t.ExtLength, offset: t.Offset})
		}
	}
	for _, file := range order {
		checkOverlap(c, file, files[file])
	}
}

func checkLocations(c *finding.Capper, t onnx.Tensor, what string) {
	seen := map[string]bool{}
	for _, e := range t.Entries {
		if e.Key != "location" || seen[e.Value] {
			continue
		}
		seen[e.Value] = true
		switch v, why := classify(e.Value); v {
		case escapes:
			c.Add(RuleExternalEscape, fmt.Sprintf("%s external data location %q %s", what, clip(e.Value), why), t.Offset)
		case ambiguous:
			c.Add(RuleAmbiguousLocation, fmt.Sprintf("%s external data location %q %s", what, clip(e.Value), why), t.Offset)
		}
	}
}

// checkOverlap reports the first tensor whose range in file overlaps an earlier one.
func checkOverlap(c *finding.Capper, file string, spans []span) {
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	for i, widest := 1, spans[0]; i < len(spans); i++ {
		cur := spans[i]
		if cur.from < widest.to {
			c.Add(RuleExternalAnomaly, fmt.Sprintf("tensors %q and %q overlap in %q: [%d,%d) and [%d,%d)",
				clip(widest.name), clip(cur.name), clip(file), widest.from, widest.to, cur.from, cur.to), cur.offset)
			return
		}
		if cur.to > widest.to {
			widest = cur
		}
	}
}
